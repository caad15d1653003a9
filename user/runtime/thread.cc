// Starting another thread in the caller's own address space, with TLS and an IPC buffer; making a
// TCB a thread that can run, in the classic configuration or with MCS's scheduling contexts.
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/ipc.h>
#include <keel/process.h>
#include <keel/runtime.h>

namespace {

// Where the variable `var` of the calling thread's TLS lies in the TLS block of thread pointer `tp`.
template <typename T>
T* in_thread(T* var, seL4_Word tp) {
    seL4_Word offset = reinterpret_cast<seL4_Word>(var) - keel_thread_pointer();
    return reinterpret_cast<T*>(tp + offset);
}

#ifdef CONFIG_KERNEL_MCS
// The fault endpoint is set with the scheduling context (set_sched_params).
seL4_Error configure(seL4_CPtr tcb, seL4_CPtr, seL4_CPtr vspace, seL4_Word buffer_va, seL4_CPtr buffer_frame) {
    return keel_tcb_configure(tcb, seL4_CapInitThreadCNode, vspace, buffer_va, buffer_frame);
}

seL4_Error set_sched_params(seL4_CPtr tcb, seL4_CPtr fault_ep, seL4_Word priority) {
    seL4_CPtr sc = keel_new_sched_context();
    return sc ? seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, 0, priority, sc, fault_ep) : seL4_NotEnoughMemory;
}

// The new thread's reply object, in its TLS.
bool give_reply(seL4_Word tp) { return keel_new_reply(in_thread(&keel_thread_reply, tp)) == seL4_NoError; }
#else
seL4_Error configure(seL4_CPtr tcb, seL4_CPtr fault_ep, seL4_CPtr vspace, seL4_Word buffer_va, seL4_CPtr buffer_frame) {
    return seL4_TCB_Configure(tcb, fault_ep, seL4_CapInitThreadCNode, 0, vspace, 0, buffer_va, buffer_frame);
}

seL4_Error set_sched_params(seL4_CPtr tcb, seL4_CPtr, seL4_Word priority) {
    return seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, priority);
}

bool give_reply(seL4_Word) { return true; }
#endif

}  // namespace

extern "C" seL4_Error keel_new_reply(seL4_CPtr* reply) {
#ifdef CONFIG_KERNEL_MCS
    *reply = keel_alloc_object(seL4_ReplyObject, 0);
    return *reply ? seL4_NoError : seL4_NotEnoughMemory;
#else
    *reply = 0;
    return seL4_NoError;
#endif
}

#ifdef CONFIG_KERNEL_MCS
// Round robin: budget equal to period, the root task's time slice.
extern "C" seL4_CPtr keel_new_sched_context(void) {
    constexpr seL4_Word budget_us = CONFIG_BOOT_THREAD_TIME_SLICE * 1000;
    seL4_CPtr sc = keel_alloc_object(seL4_SchedContextObject, seL4_MinSchedContextBits);
    seL4_CPtr sched_control = keel_bootinfo()->schedcontrol.start;
    return sc && seL4_SchedControl_ConfigureFlags(sched_control, sc, budget_us, budget_us, 0, 0, 0) == seL4_NoError ? sc : 0;
}
#endif

extern "C" seL4_Error keel_tcb_configure(seL4_CPtr tcb, seL4_CPtr cspace, seL4_CPtr vspace, seL4_Word buffer_va,
                                         seL4_CPtr buffer_frame) {
#ifdef CONFIG_KERNEL_MCS
    return seL4_TCB_Configure(tcb, cspace, 0, vspace, 0, buffer_va, buffer_frame);
#else
    return seL4_TCB_Configure(tcb, 0, cspace, 0, vspace, 0, buffer_va, buffer_frame);
#endif
}

extern "C" seL4_Error keel_configure_thread(seL4_CPtr tcb, seL4_CPtr fault_ep, seL4_CPtr vspace, seL4_Word buffer_va,
                                            seL4_CPtr buffer_frame, seL4_Word priority) {
    seL4_Error e = configure(tcb, fault_ep, vspace, buffer_va, buffer_frame);
    return e == seL4_NoError ? set_sched_params(tcb, fault_ep, priority) : e;
}

extern "C" seL4_Error keel_prepare_thread(seL4_CPtr tcb, void (*entry)(), void* stack_top, void* tls_area,
                                          seL4_IPCBuffer* buffer, seL4_CPtr buffer_frame, seL4_Word priority,
                                          seL4_CPtr fault_ep, seL4_CPtr vspace) {
    seL4_Error e = keel_configure_thread(tcb, fault_ep, vspace, reinterpret_cast<seL4_Word>(buffer), buffer_frame, priority);
    if (e != seL4_NoError) return e;
    seL4_Word tp = keel_tls_init(tls_area);
    *in_thread(&__sel4_ipc_buffer, tp) = buffer;
    if (!give_reply(tp)) return seL4_NotEnoughMemory;
    seL4_UserContext regs = {};
    keel_context_start(&regs, reinterpret_cast<seL4_Word>(entry), reinterpret_cast<seL4_Word>(stack_top), tp);
    return seL4_TCB_WriteRegisters(tcb, 0, 0, KEEL_CONTEXT_WORDS, &regs);
}

extern "C" seL4_Error keel_start_thread(seL4_CPtr tcb, void (*entry)(), void* stack_top, void* tls_area,
                                        seL4_IPCBuffer* buffer, seL4_CPtr buffer_frame, seL4_Word priority,
                                        seL4_CPtr fault_ep, seL4_CPtr vspace) {
    seL4_Error e = keel_prepare_thread(tcb, entry, stack_top, tls_area, buffer, buffer_frame, priority, fault_ep, vspace);
    return e == seL4_NoError ? seL4_TCB_Resume(tcb) : e;
}
