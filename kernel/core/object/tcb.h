// Thread control blocks and thread states.
#pragma once
#include "arch/context.h"
#include "lib/types.h"

namespace core {

// seL4's thread states (seL4's numbering, visible through debug dumps).
enum class ThreadState : u8 {
    Inactive = 0,
    Running = 1,
    Restart = 2,
    BlockedOnReceive = 3,
    BlockedOnSend = 4,
    BlockedOnReply = 5,
    BlockedOnNotification = 6,
    IdleThreadState = 7,
};

struct Tcb {
    arch::Context context;
    ThreadState state = ThreadState::Inactive;
    word vspace_root = 0;    // physical address of the top-level page table
    word fault_handler = 0;  // CPtr of the fault endpoint in the thread's CSpace
    word ipc_buffer = 0;     // user virtual address of the IPC buffer
    char name[32] = {};

    bool is_runnable() const { return state == ThreadState::Running || state == ThreadState::Restart; }
    void set_name(const char* s);
};

}  // namespace core
