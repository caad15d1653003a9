// THREADS and FPU on x86_64: the register set, canonical addresses, SSE state.
#include "thread_helpers.h"

using namespace keel;

namespace {

ThreadStack stacks[4];

void parked() { park(); }

volatile seL4_Word fpu_seen, fpu_result;
seL4_CPtr fpu_thread;
void fpu_body() {
    double x = 1.5;
    asm volatile("movq %0, %%xmm3" ::"r"(0x1111111111111111ul));
    seL4_Yield();
    asm volatile("movq %%xmm3, %0" : "=r"(fpu_seen));
    x = x * 3.0;
    fpu_result = static_cast<seL4_Word>(x * 2);
    exit_thread(fpu_thread);
}
}  // namespace

namespace {
void uses_stack() {
    asm volatile("push %%rax; pop %%rax" ::: "memory");
    park();
}
}  // namespace

namespace {
void touch_sse() {
    asm volatile("xorps %%xmm1, %%xmm1" ::: "xmm1");
    park();
}
}  // namespace


KEEL_TEST(THREADS0005, "ReadRegisters returns what WriteRegisters wrote, sanitised as seL4 does") {
    seL4_CPtr t = spawn_thread(parked, stacks[1], 10, false);
    seL4_UserContext in = {};
    seL4_Word* w = reinterpret_cast<seL4_Word*>(&in);
    for (unsigned i = 0; i < 20; i++) w[i] = 0x1000 + i;
    in.rflags = 0x100 | 0x3000;          // TF and IOPL: refused
    in.fs_base = 0x0000800000000000;     // not canonical: becomes 0
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 0, 0, 20, &in), seL4_NoError);
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, 20, &out), seL4_NoError);
    KEEL_CHECK_EQ(out.rip, 0x1000);
    KEEL_CHECK_EQ(out.rsp, 0x1001);
    KEEL_CHECK_EQ(out.rflags, 0x202);
    KEEL_CHECK_EQ(out.rax, 0x1003);
    KEEL_CHECK_EQ(out.r15, 0x1011);
    KEEL_CHECK_EQ(out.fs_base, 0);
    KEEL_CHECK_EQ(out.gs_base, 0x1013);
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, 0, &out), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(seL4_GetMR(1), 20);
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(seL4_CapInitThreadTCB, 0, 0, 1, &out), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 0, 0, 21, &in), seL4_TruncatedMessage);  // 21 words claimed, 20 sent
}

KEEL_TEST(FPU0001, "each thread keeps its own SSE registers across switches") {
    fpu_seen = 0;
    fpu_result = 0;
    fpu_thread = spawn_thread(fpu_body, stacks[0], seL4_MaxPrio, true);
    seL4_Yield();  // the thread loads xmm3 and yields back
    asm volatile("movq %0, %%xmm3" ::"r"(0x2222222222222222ul));
    seL4_Yield();  // the thread reads xmm3 and exits
    seL4_Word mine;
    asm volatile("movq %%xmm3, %0" : "=r"(mine));
    KEEL_CHECK_EQ(fpu_seen, 0x1111111111111111ul);
    KEEL_CHECK_EQ(mine, 0x2222222222222222ul);
    KEEL_CHECK_EQ(fpu_result, 9);
}

KEEL_TEST(THREADS0008, "a thread resumed with a non-canonical stack pointer faults in user mode, not in the kernel") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0);
    KEEL_CHECK_EQ(keel_configure_thread(t, ep, seL4_CapInitThreadVSpace, 0, 0, 150), seL4_NoError);
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    seL4_UserContext regs = {};
    regs.rip = reinterpret_cast<seL4_Word>(uses_stack);
    regs.rsp = 0x0000900000000000;  // not canonical
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 1, 0, 20, &regs), seL4_NoError);
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    seL4_Word vector = seL4_GetMR(seL4_UserException_Number);
    KEEL_CHECK(vector == 12 || vector == 13);  // stack fault or general protection
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}

KEEL_TEST(THREADS0009, "CopyRegisters copies the frame registers, the other registers, or both") {
    seL4_CPtr src = spawn_thread(parked, stacks[1], 10, false);
    seL4_CPtr dst = spawn_thread(parked, stacks[2], 10, false);
    seL4_UserContext in = {}, out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(dst, 0, 0, 20, &out), seL4_NoError);
    seL4_Word dst_fs_base = out.fs_base;  // its TLS
    in.rip = 0x4000;
    in.rax = 0xa;
    in.fs_base = 0xf5;
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(src, 0, 0, 20, &in), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_CopyRegisters(dst, src, 0, 0, 1, 0, 0), seL4_NoError);  // frame registers only
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(dst, 0, 0, 20, &out), seL4_NoError);
    KEEL_CHECK_EQ(out.rip, 0x4000);
    KEEL_CHECK_EQ(out.rax, 0xa);
    KEEL_CHECK_EQ(out.fs_base, dst_fs_base);
    KEEL_CHECK_EQ(seL4_TCB_CopyRegisters(dst, src, 0, 0, 0, 1, 0), seL4_NoError);  // the others
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(dst, 0, 0, 20, &out), seL4_NoError);
    KEEL_CHECK_EQ(out.fs_base, 0xf5);
    KEEL_CHECK_EQ(seL4_TCB_CopyRegisters(dst, seL4_CapInitThreadCNode, 0, 0, 1, 1, 0), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
}

KEEL_TEST(THREADS0010, "TCB_SetFlags: a thread with seL4_TCBFlag_fpuDisabled faults on its first SSE instruction") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr t = fpu_disabled_thread(ep);
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    seL4_UserContext regs = {};
    regs.rip = reinterpret_cast<seL4_Word>(touch_sse);
    regs.rsp = stacks[3].top() - 8;
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 1, 0, 20, &regs), seL4_NoError);
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Number), 7);  // device not available
    KEEL_CHECK_EQ(seL4_TCB_SetFlags(t, seL4_TCBFlag_fpuDisabled, 0).flags, 0);
    keel_reply(seL4_MessageInfo_new(0, 0, 0, 0));  // retry the instruction, now with the FPU
    seL4_Yield();
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
    asm volatile("movq %0, %%xmm2" ::"r"(1ul) : "xmm2");  // and the root task's FPU still works
}
