// Starting another thread in the caller's own address space, with TLS and an IPC buffer.
#include <keel/arch.h>
#include <keel/process.h>
#include <keel/runtime.h>

extern "C" seL4_Error keel_start_thread(seL4_CPtr tcb, void (*entry)(), void* stack_top, void* tls_area,
                                        seL4_IPCBuffer* buffer, seL4_CPtr buffer_frame, seL4_Word priority,
                                        seL4_CPtr fault_ep, seL4_CPtr vspace) {
    auto buffer_va = reinterpret_cast<seL4_Word>(buffer);
    seL4_Error e = seL4_TCB_Configure(tcb, fault_ep, seL4_CapInitThreadCNode, 0, vspace, 0, buffer_va, buffer_frame);
    if (e == seL4_NoError) e = seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, priority);
    if (e != seL4_NoError) return e;
    seL4_Word tp = keel_tls_init(tls_area);
    // The new thread's copy of __sel4_ipc_buffer sits at the same offset from its thread pointer.
    seL4_Word offset = reinterpret_cast<seL4_Word>(&__sel4_ipc_buffer) - keel_thread_pointer();
    *reinterpret_cast<seL4_IPCBuffer**>(tp + offset) = buffer;
    seL4_UserContext regs = {};
    keel_context_start(&regs, reinterpret_cast<seL4_Word>(entry), reinterpret_cast<seL4_Word>(stack_top), tp);
    return seL4_TCB_WriteRegisters(tcb, 1, 0, KEEL_CONTEXT_WORDS, &regs);
}
