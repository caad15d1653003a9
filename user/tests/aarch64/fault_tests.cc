// FAULT on aarch64: the UnknownSyscall message (X0-X7, FaultIP, SP, LR, SPSR) and a fetch fault's VM
// fault message (the register tests it shares with riscv64 are in user/tests/risc/).
#include "thread_helpers.h"

using namespace keel;

namespace {
ThreadStack stacks[2];
}  // namespace

namespace {
volatile seL4_Word after_syscall;
// An unknown system call with x0-x7 set to known values (x7 the number).
void unknown_syscall() {
    asm volatile("mov x0, #0x10\n mov x1, #0x11\n mov x2, #0x12\n mov x3, #0x13\n mov x4, #0x14\n mov x5, #0x15\n"
                 "mov x6, #0x16\n mov x7, #-77\n svc #0"
                 ::: "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "memory");
    after_syscall = 1;
    park();
}
}  // namespace

KEEL_TEST(FAULT0008, "aarch64: an unknown system call's message is X0-X7, FaultIP (the svc), SP, LR (NextIP), SPSR and the number; a reply rewrites them") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    after_syscall = 0;
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
    seL4_CPtr t = spawn_thread(unknown_syscall, stacks[0], 150, true, ep);
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UnknownSyscall);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_UnknownSyscall_Length);
    for (unsigned i = 0; i < 7; i++) KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_X0 + i), 0x10 + i);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_X7), static_cast<seL4_Word>(-77));
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_Syscall), static_cast<seL4_Word>(-77));
    seL4_Word ip = seL4_GetMR(seL4_UnknownSyscall_FaultIP);
    KEEL_CHECK_EQ(*reinterpret_cast<const seL4_Uint32*>(ip), 0xd4000001);  // the svc #0
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_LR), ip + 4);  // seL4's LR slot is NextIP (ELR_EL1)
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_SPSR), 0x40);
    KEEL_CHECK(seL4_GetMR(seL4_UnknownSyscall_SP) <= stacks[0].top());
    seL4_SetMR(seL4_UnknownSyscall_FaultIP, ip + 4);  // past the svc
    seL4_SetMR(seL4_UnknownSyscall_X0, 0xabc);
    keel_reply(seL4_MessageInfo_new(0, 0, 0, seL4_UnknownSyscall_Length - 1));
    seL4_Yield();
    KEEL_CHECK_EQ(after_syscall, 1);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}

namespace {
void fetch_from_unmapped() {
    reinterpret_cast<void (*)()>(0x10000000ul)();
}
}  // namespace

KEEL_TEST(PAGEFAULT0002, "aarch64: a fetch from an unmapped page is a VM fault at the pc with ESR_EL1 (EC 0x20, translation fault) and PrefetchFault set") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
    seL4_CPtr t = spawn_thread(fetch_from_unmapped, stacks[1], 150, true, ep);
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_IP), 0x10000000ul);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), 0x10000000ul);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_PrefetchFault), 1);
    seL4_Word fsr = seL4_GetMR(seL4_VMFault_FSR);
    KEEL_CHECK_EQ(fsr >> 26, 0x20);
    KEEL_CHECK_EQ(fsr & 0x3c, 0x04);  // IFSC: a translation fault
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}
