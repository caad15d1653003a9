// seL4's userError line: its exact shape, and the diagnostics of failed invocations.
#include <gtest/gtest.h>
#include <regex>
#include <string>
#include "arch/host_machine.h"
#include "arch/traps.h"
#include "generated/syscalls.h"
#include "kernel/thread.h"
#include "kernel/user_error.h"
#include "syscall/syscall.h"

namespace {

// The thread the kernel runs for: a root task without a CSpace, at a known restart address.
struct CurrentThread {
    core::Tcb tcb;
    CurrentThread() {
        tcb.context = arch::initial_user_context(0x400000, 0);
        tcb.context.fault_ip = 0x401a2b;
        tcb.state = core::ThreadState::Running;
        tcb.set_name("rootserver");
        core::set_current_thread(&tcb);
        host::take_console_output();
    }
    ~CurrentThread() { core::set_current_thread(nullptr); }
    std::string pointer() const {
        char s[32];
        snprintf(s, sizeof(s), "%p", static_cast<const void*>(&tcb));
        return s;
    }
};

}  // namespace

TEST(UserError, PrintsSeL4sLineWithKeelsFunctionAndLine) {
    static_assert(core::user_errors, "the host build is a debug build that prints");
    CurrentThread t;
    unsigned line = __LINE__ + 1;
    core::user_error("Untyped Retype: Slot #%d in destination window non-empty.", 7);
    std::string expected = "<<seL4(CPU 0) [TestBody/" + std::to_string(line) + " T" + t.pointer() +
                           " \"rootserver\" @401a2b]: Untyped Retype: Slot #7 in destination window non-empty.>>\r\n";
    EXPECT_EQ(host::take_console_output(), expected);
}

TEST(UserError, UserFailReturnsTheErrorItExplains) {
    CurrentThread t;
    core::SysStatus s = core::user_fail(core::SyscallError::range(1, 256),
                                        "Untyped Retype: Number of requested objects (%d) too small or large.", 0);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, core::ErrorCode::RangeError);
    EXPECT_EQ(s.error().b, 256u);
    std::string out = host::take_console_output();
    EXPECT_NE(out.find("]: Untyped Retype: Number of requested objects (0) too small or large.>>"), std::string::npos);
}

TEST(UserError, AFailedCapLookupIsExplainedBeforeTheCapFault) {
    CurrentThread t;
    t.tcb.context.rdi = 0x1234;  // the invoked CPtr; the thread has no CSpace
    core::handle_syscall(t.tcb, static_cast<sword>(core::Syscall::Call));
    std::string out = host::take_console_output();
    std::regex line("^<<seL4\\(CPU 0\\) \\[handle_invocation/[0-9]+ T" + t.pointer() +
                    " \"rootserver\" @401a2b\\]: Invocation of invalid cap #4660\\.>>\r\nCaught cap fault");
    EXPECT_TRUE(std::regex_search(out, line)) << out;
}
