// System call dispatch and fault reporting on the simulated machine.
#include <gtest/gtest.h>
#include <string>
#include "arch/host_machine.h"
#include "arch/traps.h"
#include "generated/syscalls.h"
#include "kernel/console.h"
#include "kernel/kernel_state.h"
#include "syscall/syscall.h"
#include "kernel/sched.h"

namespace {

// A thread outside any CSpace, on the kernel as boot leaves it: no root CNode for DebugHalt's
// invariant check to walk, whatever an earlier test in the process left.
core::Tcb running_thread() {
    core::init_kernel_state();
    core::Tcb t;
    t.context = arch::initial_user_context(0x400000, 0);
    t.context.fault_ip = 0x400100;
    t.state = core::ThreadState::Running;
    t.set_name("rootserver");
    return t;
}

void syscall(core::Tcb& t, core::Syscall s, word rdi = 0) {
    t.context.rdi = rdi;
    core::handle_syscall(t, static_cast<sword>(s));
}

}  // namespace

TEST(Syscall, DebugPutCharPrintsTheLowByteOfRdi) {
    host::take_console_output();
    core::Tcb t = running_thread();
    syscall(t, core::Syscall::DebugPutChar, 0x4b);
    syscall(t, core::Syscall::DebugPutChar, 0x100 + 'k');
    EXPECT_STREQ(host::take_console_output(), "Kk");
    EXPECT_EQ(t.state, core::ThreadState::Running);
}

TEST(Syscall, DebugHaltStopsTheMachine) {
    core::Tcb t = running_thread();
    try {
        syscall(t, core::Syscall::DebugHalt);
        FAIL() << "DebugHalt returned";
    } catch (const host::Halted& h) {
        EXPECT_EQ(h.reason, arch::HaltReason::DebugHalt);
    }
    EXPECT_NE(std::string(host::take_console_output()).find("Debug halt syscall from user thread"), std::string::npos);
}

TEST(Syscall, SetTLSBaseWritesTheFsBase) {
    core::Tcb t = running_thread();
    syscall(t, core::Syscall::SetTLSBase, 0x7000123);
    EXPECT_EQ(t.context.fs_base, 0x7000123u);
    EXPECT_EQ(t.state, core::ThreadState::Running);
}

TEST(Syscall, SetTLSBaseRefusesNonCanonicalAddresses) {
    core::Tcb t = running_thread();
    syscall(t, core::Syscall::SetTLSBase, 0x1000);
    for (word bad : {word{0x0000800000000000}, word{0xffff7fffffffffff}, word{0x8000000000000000}}) {
        syscall(t, core::Syscall::SetTLSBase, bad);
        EXPECT_EQ(t.context.fs_base, 0x1000u) << std::hex << bad;
    }
    syscall(t, core::Syscall::SetTLSBase, 0xffff800000000000);
    EXPECT_EQ(t.context.fs_base, 0xffff800000000000u) << "canonical, if useless, is accepted as on seL4";
    EXPECT_EQ(t.state, core::ThreadState::Running);
}

TEST(Syscall, UnknownNumbersBecomeUnknownSyscallFaults) {
    for (sword number : {sword{-99}, sword{-15}, sword{-29}, sword{-31}, sword{0}, sword{1}, sword{1} << 62,
                         sword{-1} << 63}) {
        host::take_console_output();
        core::Tcb t = running_thread();
        core::handle_syscall(t, number);
        EXPECT_EQ(t.state, core::ThreadState::Inactive) << number;
        std::string out = host::take_console_output();
        char expected[64];
        // seL4's printf writes a pointer as 0x and its digits, and a null one as a bare 0.
        snprintf(expected, sizeof(expected), number ? "unknown syscall 0x%lx\r\n" : "unknown syscall %lu\r\n",
                 static_cast<unsigned long>(number));
        EXPECT_NE(out.find(expected), std::string::npos) << out;
        EXPECT_NE(out.find("Caught cap fault in send phase at address 0\r\n"), std::string::npos) << out;
        EXPECT_NE(out.find("\"rootserver\" at address 0x400100"), std::string::npos) << out;
    }
}

TEST(Syscall, IpcWithoutACSpaceFaultsLikeAFailedLookup) {
    core::Tcb t = running_thread();
    syscall(t, core::Syscall::Recv, 0x55);
    EXPECT_EQ(t.state, core::ThreadState::Inactive);
    EXPECT_NE(std::string(host::take_console_output()).find("cap fault in receive phase at address 0x55"),
              std::string::npos);
    core::Tcb u = running_thread();
    syscall(u, core::Syscall::NBSend, 0x55);
    EXPECT_EQ(u.state, core::ThreadState::Running) << "NBSend drops a failed lookup silently";
}

TEST(Faults, PageFaultsBecomeVmFaultsAndOthersUserExceptions) {
    core::Tcb t = running_thread();
    t.context.vector = arch::vector_page_fault;
    t.context.error = 0x14;
    host::set_fault_address(0xdead000);
    core::handle_user_exception(t);
    EXPECT_EQ(t.state, core::ThreadState::Inactive);
    EXPECT_NE(std::string(host::take_console_output()).find("vm fault on code at address 0xdead000 with status 0x14"),
              std::string::npos);
    core::Tcb u = running_thread();
    u.context.vector = 13;
    u.context.error = 0x18;
    core::handle_user_exception(u);
    EXPECT_NE(std::string(host::take_console_output()).find("user exception 0xd code 0x18"), std::string::npos);
}
