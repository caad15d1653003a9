// A thread with a CSpace on the simulated machine: the world host tests and the fuzzer invoke
// capabilities in.
#pragma once
#include <cstdint>
#include <cstring>
#include <vector>
#include "arch/host_machine.h"
#include "arch/vspace.h"
#include "cspace/cte.h"
#include "fresh_kernel.h"
#include "generated/syscalls.h"
#include "object/tcb.h"
#include "syscall/message.h"
#include "syscall/syscall.h"

struct HostWorld {
    static constexpr unsigned root_radix = 8;
    static constexpr unsigned untyped_bits = 20;

    static constexpr size_t phys_size = 8 << 20;  // room for a 2 MiB-aligned untyped at 4 MiB
    std::vector<uint8_t> owned_phys;
    uint8_t* phys;                // the simulated physical memory (owned, or the caller's)
    FreshKernel fresh_kernel;     // from here to the world's end, the kernel and machine are this world's
    core::Tcb tcb{};
    core::Slot* root = nullptr;   // 2^8 slots, guard 56 bits
    word* ipc = nullptr;          // the thread's IPC buffer
    static constexpr word untyped_slot = 1;

    // Physical memory of its own, or `memory` (phys_size bytes; zeroed here), which keeps every
    // kernel object at the same address from one world to the next.
    explicit HostWorld(uint8_t* memory = nullptr)
        : owned_phys(memory ? 0 : phys_size), phys(memory ? memory : owned_phys.data()), fresh_kernel(phys, phys_size) {
        std::memset(phys, 0, phys_size);
        root = reinterpret_cast<core::Slot*>(aligned(0x1000, 1 << (root_radix + 5)));
        ipc = reinterpret_cast<word*>(aligned(0x100000, 4096));
        root[0].cap = core::Cap{};
        write_original(root_cnode_cap(), root[2]);
        core::cte_insert(root[2].cap, root[2], tcb.slot(core::TcbSlot::CTable));  // as seL4's boot does
        write_original(core::Cap::frame(ipc, core::FrameSize::Small, core::VmRights::ReadWrite, false),
                       tcb.slot(core::TcbSlot::Buffer));
        write_original(core::Cap::untyped(aligned(0x200000, 1 << untyped_bits), untyped_bits, false, 0), root[untyped_slot]);
        tcb.state = core::ThreadState::Running;
        tcb.set_name("host");
    }

    core::Cap root_cnode_cap() const { return core::Cap::cnode(root, root_radix, 64 - root_radix, 0); }

    uint8_t* aligned(word offset, word align) {
        auto base = reinterpret_cast<word>(phys);
        return phys + ((base + offset + align - 1) / align * align - base);
    }

    static void write_original(const core::Cap& cap, core::Slot& slot) {
        slot.cap = cap;
        slot.mdb.clear();
        slot.mdb.set_revocable(true);
        slot.mdb.set_first_badged(true);
    }

    // seL4_Call(cptr, label, words...) with extra caps; returns the reply label (the error).
    word call(word cptr, word label, std::vector<word> words, std::vector<word> caps = {}) {
        for (size_t i = 0; i < words.size(); i++) {
            if (i < 4) {
                arch::msg_register(tcb.context, static_cast<unsigned>(i)) = words[i];
            } else {
                ipc[i + 1] = words[i];
            }
        }
        for (size_t i = 0; i < caps.size(); i++) ipc[1 + 120 + 1 + i] = caps[i];
        core::MessageInfo info{label, 0, caps.size(), words.size()};
        arch::cap_register(tcb.context) = cptr;
        arch::msg_info_register(tcb.context) = info.to_word();
        core::handle_syscall(tcb, static_cast<sword>(core::Syscall::Call));
        return core::MessageInfo::from_word(arch::msg_info_register(tcb.context)).label;
    }

    word mr(unsigned i) const {
        return i < 4 ? arch::msg_register(const_cast<core::Tcb&>(tcb).context, i) : ipc[i + 1];
    }

    core::CapType type_at(word slot) const { return root[slot].cap.type(); }

};
