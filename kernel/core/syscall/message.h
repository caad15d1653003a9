// The message of the system call being handled: arguments from registers and the IPC buffer,
// extra caps, and the kernel's reply.
#pragma once
#include "arch/caps.h"
#include "arch/context.h"
#include "generated/invocations.h"
#include "kernel/errors.h"
#include "object/tcb.h"

namespace core {

constexpr unsigned msg_max_length = 120;     // seL4_MsgMaxLength
constexpr unsigned msg_max_extra_caps = 3;   // seL4_MsgMaxExtraCaps
constexpr unsigned fast_message_registers = 4;
constexpr unsigned caps_or_badges_word = 1 + msg_max_length + 1;  // in the IPC buffer

struct MessageInfo {
    word label, caps_unwrapped, extra_caps, length;

    // Clamps the length to seL4_MsgMaxLength.
    static MessageInfo from_word(word w) {
        word length = w & 0x7f;
        return {w >> 12, (w >> 9) & 7, (w >> 7) & 3, length > msg_max_length ? msg_max_length : length};
    }
    word to_word() const {
        return ((label & mask(52)) << 12) | ((caps_unwrapped & 7) << 9) | ((extra_caps & 3) << 7) | (length & 0x7f);
    }
};

// The thread's IPC buffer as the kernel sees it, or nullptr (seL4's lookupIPCBuffer): a frame cap
// that is not device memory, writable for a receiver, at least readable for a sender.
inline word* lookup_ipc_buffer(Tcb& thread, bool is_receiver) {
    const Cap& cap = thread.slot(TcbSlot::Buffer).cap;
    if (cap.type() != CapType::Frame || cap.frame_is_device()) return nullptr;
    VmRights r = cap.frame_rights();
    if (r != VmRights::ReadWrite && (is_receiver || r != VmRights::ReadOnly)) return nullptr;
    word offset = thread.ipc_buffer & mask(arch::frame_size_bits(cap.frame_size()));
    return reinterpret_cast<word*>(static_cast<u8*>(cap.ptr()) + offset);
}

// The message of an invocation: built inline on the invocation path, the extra caps filled in by
// the lookup that follows (invocation.cc).
class Message {
public:
    Message(Tcb& thread, MessageInfo info, word* buffer, bool is_call, bool is_blocking)
        : thread_(thread), info_(info), buffer_(buffer), length_(info.length), is_call_(is_call),
          is_blocking_(is_blocking) {
        if (length_ > fast_message_registers && !buffer_) [[unlikely]] truncate_without_buffer();
    }

    word label() const { return info_.label; }
    word length() const { return length_; }
    // Full word i of the message.
    word arg(unsigned i) const {
        if (i < fast_message_registers) return arch::msg_register(thread_.context, i);
        return buffer_ ? buffer_[i + 1] : 0;
    }
    word arg(args::Arg a) const { return arg(a.word); }
    Slot* extra_cap(unsigned i) const { return i < extra_count_ ? extra_caps_[i] : nullptr; }
    Slot* extra_cap(args::CapArg c) const { return extra_cap(c.index); }
    // The CPtr that named extra cap `c` (seL4's getExtraCPtr), for diagnostics.
    word extra_cptr(args::CapArg c) const { return buffer_ ? buffer_[caps_or_badges_word + c.index] : 0; }
    Tcb& thread() const { return thread_; }
    bool is_call() const { return is_call_; }
    bool is_blocking() const { return is_blocking_; }

    // Extra cap i (i below msg_max_extra_caps) is `slot`: the lookup of the caps the IPC buffer names.
    void set_extra_cap(word i, Slot* slot) {
        extra_caps_[i] = slot;
        extra_count_ = static_cast<unsigned>(i + 1);
    }

private:
    // seL4's warning when a message longer than the registers has no IPC buffer to come from.
    [[gnu::cold]] void truncate_without_buffer();

    Tcb& thread_;
    MessageInfo info_;
    word* buffer_;
    word length_;
    Slot* extra_caps_[msg_max_extra_caps];
    unsigned extra_count_ = 0;
    bool is_call_;
    bool is_blocking_;
};

// Writes message register `i` of a reply to `thread` (registers first, then the IPC buffer).
void set_mr(Tcb& thread, word* buffer, unsigned i, word value);
void reply_from_kernel_error(Tcb& thread, const SyscallError& e);
void reply_from_kernel_success_empty(Tcb& thread);
// A successful invocation that answers one word (a page's GetAddress, TCB SetFlags): the word is
// replied only to a Call, as seL4 replies to nothing else, and the thread runs on.
void reply_one_word(const Message& msg, word value);
// A kernel reply of one word written to `thread`'s registers (seL4's replyFromKernel of MCS's
// consumed time), whatever the thread does next.
inline void reply_word(Tcb& thread, word value) {
    arch::msg_register(thread.context, 0) = value;
    arch::badge_register(thread.context) = 0;
    arch::msg_info_register(thread.context) = MessageInfo{0, 0, 0, 1}.to_word();
}

}  // namespace core
