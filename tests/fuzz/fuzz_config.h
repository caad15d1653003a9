// The system-call fuzzer's parts that differ between the classic and MCS configurations
// (fuzz_classic.cc, fuzz_mcs.cc: one of them is linked into each fuzzer), and the input reader
// they share with syscall_fuzz.cc.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include "../host/host_world.h"

namespace fuzz {

class Input {
public:
    Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
    bool done() const { return pos_ >= size_; }
    uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
    word full_word() {
        word w = 0;
        for (int i = 0; i < 8; i++) w = (w << 8) | byte();
        return w;
    }
    // Mostly small numbers (slots, lengths, argument values), sometimes any 64-bit value.
    word value() {
        uint8_t b = byte();
        return b >= 0xf0 ? full_word() : b;
    }

private:
    const uint8_t* data_;
    size_t size_;
    size_t pos_ = 0;
};

[[noreturn]] void broken(const char* what);

// Untyped_Retype by the world's thread of `count` objects of `type` into root slots from `slot`.
void retype(HostWorld& w, core::ObjectType type, word bits, word slot, word count, word untyped = HostWorld::untyped_slot);

// The system calls a step's operation picks from.
std::span<const core::Syscall> api_calls();

// The world's threads (the root's first) made, Running: what they need to run and to be
// answered (classic: a master reply cap; MCS: a scheduling context of the boot budget each, and
// the configuration's objects to invoke).
void prepare_threads(HostWorld& w, std::span<core::Tcb* const> threads);

// The registers only the configuration's system calls read (MCS: the reply cap, NBSendRecv's
// destination), from the input.
void load_config_registers(core::Tcb& t, Input& in);

// A timer step while a thread runs (classic: a tick; MCS: time passes, from the input, and the
// deadline's interrupt is taken when it came).
void timer_step(Input& in);

// Nothing can run: false ends the run (classic), or time passes to the timer's deadline and its
// interrupt is taken (MCS: threads in the release queue wake up).
bool idle_until_deadline();

}  // namespace fuzz
