// Helpers for tests with more than one thread.
#include "thread_helpers.h"
#include <keel/arch.h>
#include <keel/process.h>

namespace keel {

namespace {

seL4_CPtr parking_ep;

seL4_CPtr prepare(void (*entry)(), ThreadStack& stack, seL4_Word priority, seL4_CPtr fault_ep, seL4_IPCBuffer* buffer,
                  seL4_CPtr buffer_frame) {
    if (!parking_ep) parking_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr tcb = alloc_object(seL4_TCBObject, 0);
    if (!tcb || keel_tls_size() > sizeof(stack.tls)) return 0;
    return keel_prepare_thread(tcb, entry, stack.bytes + sizeof(stack.bytes), stack.tls, buffer, buffer_frame, priority,
                               fault_ep, seL4_CapInitThreadVSpace) == seL4_NoError
               ? tcb
               : 0;
}

}  // namespace

seL4_CPtr spawn_thread(void (*entry)(), ThreadStack& stack, seL4_Word priority, bool resume, seL4_CPtr fault_ep) {
    seL4_CPtr tcb = prepare(entry, stack, priority, fault_ep, nullptr, 0);
    return tcb && (!resume || seL4_TCB_Resume(tcb) == seL4_NoError) ? tcb : 0;
}

seL4_CPtr spawn_ipc_thread(void (*entry)(), ThreadStack& stack, seL4_Word priority, unsigned buffer_index) {
    auto* buffer = reinterpret_cast<seL4_IPCBuffer*>(reinterpret_cast<seL4_Word>(seL4_GetIPCBuffer()) + 1024 * buffer_index);
    seL4_CPtr tcb = prepare(entry, stack, priority, 0, buffer, seL4_CapInitThreadIPCBuffer);
    return tcb && seL4_TCB_Resume(tcb) == seL4_NoError ? tcb : 0;
}

seL4_Word raw_call(seL4_CPtr cap, seL4_Word label) {
    seL4_Word badge, info, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    keel_sys_send_recv(seL4_SysCall, cap, &badge, seL4_MessageInfo_new(label, 0, 0, 0).words[0], &info, &m0, &m1, &m2,
                      &m3);
    return seL4_MessageInfo_get_label(seL4_MessageInfo_t{{info}});
}

seL4_MessageInfo_t run_until_fault(void (*entry)(), ThreadStack& stack) {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);
    seL4_CPtr t = spawn_thread(entry, stack, 150, true, ep);  // runs, and faults, at once
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    seL4_TCB_Suspend(t);
    return info;
}

seL4_CPtr fpu_disabled_thread(seL4_CPtr fault_ep) {
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0);
    KEEL_CHECK_EQ(keel_configure_thread(t, fault_ep, seL4_CapInitThreadVSpace, 0, 0, 150), seL4_NoError);
    seL4_TCB_SetFlags_t r = seL4_TCB_SetFlags(t, 0, seL4_TCBFlag_fpuDisabled | 0x100);
    KEEL_CHECK_EQ(r.error, seL4_NoError);
    KEEL_CHECK_EQ(r.flags, seL4_TCBFlag_fpuDisabled);  // unknown flags are dropped
    return t;
}

seL4_Error set_sched_params(seL4_CPtr tcb, seL4_CPtr authority, seL4_Word mcp, seL4_Word priority) {
#ifdef CONFIG_KERNEL_MCS
    return seL4_TCB_SetSchedParams(tcb, authority, mcp, priority, seL4_CapNull, seL4_CapNull);
#else
    return seL4_TCB_SetSchedParams(tcb, authority, mcp, priority);
#endif
}

seL4_Error set_own_priority(seL4_Word prio) {
    return seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, prio);
}

void park() {
    for (;;) {
        seL4_Word badge, info, m0, m1, m2, m3;
        keel_sys_recv(seL4_SysRecv, parking_ep, &badge, &info, &m0, &m1, &m2, &m3);
    }
}

volatile seL4_CPtr receive_target;

void receive_on_target() {
    seL4_Word badge, info, m0, m1, m2, m3;
    keel_sys_recv(seL4_SysRecv, receive_target, &badge, &info, &m0, &m1, &m2, &m3);
    park();
}

void expect_receive_cap_fault(seL4_CPtr cap) {
    receive_target = cap;
    expect_receive_cap_fault_from(receive_on_target, cap);
}

void expect_receive_cap_fault_from(void (*entry)(), seL4_CPtr cap) {
    static ThreadStack stack;
    seL4_MessageInfo_t info = run_until_fault(entry, stack);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_CapFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_CapFault_Addr), cap);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_CapFault_InRecvPhase), 1);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_CapFault_LookupFailureType), seL4_MissingCapability);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_CapFault_BitsLeft), 0);
}

void exit_thread(seL4_CPtr self) {
    for (;;) raw_call(self, TCBSuspend);
}

seL4_Word read_tsc() { return keel_read_timer(); }

seL4_Word tsc_cycles_per_ms() { return keel_timer_ticks_per_ms(keel_bootinfo()); }

seL4_Time domain_duration_ms(seL4_Word ms) {
#ifdef CONFIG_KERNEL_MCS
    return ms * tsc_cycles_per_ms();
#else
    return ms < CONFIG_TIMER_TICK_MS ? 1 : ms / CONFIG_TIMER_TICK_MS;
#endif
}

namespace {

ThreadStack own_space_stack;
seL4_CPtr own_space_tcb, own_space_fault_ep, own_space_vspace;
void (*own_space_between)();
volatile seL4_Word own_space_stage;
volatile bool own_space_sets_buffer;

// SetSpace on itself, own_space_between, then a Yield or (own_space_sets_buffer) SetIPCBuffer on
// itself. On seL4 the thread runs on in the address space it was switched to (setVMRoot is
// Arch_switchToThread's, not SetSpace's) until a switch loads the new one: the Yield's, or the one
// SetIPCBuffer's rescheduleRequired brings about at once. Its next fetch faults there.
void set_own_space_then_switch() {
    seL4_Error e = seL4_TCB_SetSpace(own_space_tcb, own_space_fault_ep, root, 0, own_space_vspace, 0);
    if (own_space_between) own_space_between();
    own_space_stage = e == seL4_NoError ? 1 : 2;
    if (own_space_sets_buffer) {
        seL4_TCB_SetIPCBuffer(own_space_tcb, reinterpret_cast<seL4_Word>(seL4_GetIPCBuffer()),
                              seL4_CapInitThreadIPCBuffer);
    } else {
        seL4_Yield();
    }
    own_space_stage = 3;
    park();
}

}  // namespace

// A timer tick that ends the thread's time slice (classic) or budget (MCS) in the few
// instructions between the SetSpace and the store switches it early, so the store faults; that is
// rare, so up to three tries (a kernel that switched at the SetSpace would fail all three).
bool runs_on_until_switched(seL4_CPtr (*make_space)(), void (*between)(), bool sets_buffer) {
    own_space_sets_buffer = sets_buffer;
    own_space_between = between;
    for (int attempt = 0; attempt < 3; attempt++) {
        own_space_fault_ep = alloc_object(seL4_EndpointObject, 0);
        own_space_vspace = make_space();
        KEEL_CHECK(own_space_fault_ep != 0 && own_space_vspace != 0);
        own_space_stage = 0;
        own_space_tcb = spawn_ipc_thread(set_own_space_then_switch, own_space_stack, 100, 1);
        KEEL_CHECK(own_space_tcb != 0);
        seL4_Word badge;
        seL4_MessageInfo_t info = keel_recv(own_space_fault_ep, &badge);  // the thread runs while the root waits
        KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
        KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), seL4_GetMR(seL4_VMFault_IP));
        KEEL_CHECK_EQ(seL4_TCB_Suspend(own_space_tcb), seL4_NoError);
        KEEL_CHECK(own_space_stage != 2 && own_space_stage != 3);
        if (own_space_stage == 1) return true;
    }
    return false;
}

}  // namespace keel
