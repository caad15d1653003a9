// Leaving the kernel for a user thread or the idle loop, and the IPC fastpath's way in and out.
#include "arch/switch.h"
#include "arch/thread_vspace.h"
#include "arch/cpu.h"
#include "arch/traps.h"
#include "arch/vspace.h"
#include "cpu_setup.h"
#include "generated/syscalls.h"
#include "kernel/fastpath.h"
#include "kernel/sched.h"

extern "C" [[noreturn]] void restore_context();  // of the thread switch_to_user set up
extern "C" [[noreturn]] void idle_loop();

namespace arch {
namespace {


// Where the FPU registers are saved when another thread's state is loaded: the FXSAVE area of
// the thread whose state they hold, or (when that thread is gone) a scratch area.
alignas(16) FpuState scratch_fpu_area;
FpuState* fpu_owner = &scratch_fpu_area;
bool fpu_trapping = false;  // CR0.TS is set: FPU and SSE instructions raise #NM

constexpr word cr0_ts = bit(3);

void set_fpu_trapping(bool trap) {
    word cr0 = cpu::read_cr0();
    cpu::write_cr0(trap ? cr0 | cr0_ts : cr0 & ~cr0_ts);
    fpu_trapping = trap;
}

[[gnu::always_inline]] inline void save_fpu_to(FpuState& area) { asm volatile("fxsave64 %0" : "=m"(area)); }

[[gnu::always_inline]] inline void move_fpu_state_to(core::Tcb& t) {
    save_fpu_to(*fpu_owner);
    asm volatile("fxrstor64 %0" ::"m"(t.fpu));
    fpu_owner = &t.fpu;
}

[[gnu::always_inline]] inline void load_fpu_state(core::Tcb& t) {
    if (__builtin_expect(fpu_owner != &t.fpu, 1)) move_fpu_state_to(t);
}

// A thread with seL4_TCBFlag_fpuDisabled runs with CR0.TS set, so its first FPU instruction
// faults; CR0.TS is cleared again for the next thread that may use the FPU.
[[gnu::noinline]] void switch_fpu_trapping(core::Tcb& t) {
    bool disabled = t.flags & core::tcb_flag_fpu_disabled;
    if (disabled != fpu_trapping) set_fpu_trapping(disabled);
    if (!disabled) load_fpu_state(t);
}

// Eager FPU switching: the kernel itself never touches FPU or SSE registers. A thread with any
// flag set, or CR0.TS set, takes the way that tests them one by one. Otherwise the thread that
// entered the kernel owns the FPU (an enabled thread loads its state to run) or nobody does, so
// a switch to `other_thread` needs no compare.
[[gnu::always_inline]] inline void switch_fpu(core::Tcb& t, bool other_thread) {
    if (t.flags | word{fpu_trapping}) {
        switch_fpu_trapping(t);
    } else if (other_thread) {
        move_fpu_state_to(t);
    } else {
        load_fpu_state(t);
    }
}

// Everything but the registers themselves: the entry stack (which also tells the exit code the
// context to restore), address space (when `load_vspace`, core/kernel/sched.h), FPU, and FS and
// GS bases of `t` (`other_thread`: not the thread that entered the kernel). Both bases are
// written on every exit, as seL4's x86_load_fsgs_base does: loading a segment register in user
// mode may have changed them.
[[gnu::always_inline]] inline void switch_to_user(core::Tcb& t, bool other_thread, bool load_vspace) {
    set_kernel_entry_stack(&t.context + 1);
    if (load_vspace) activate_vspace(vspace_root_of(t));
    switch_fpu(t, other_thread);
    cpu::wrmsr_from(cpu::msr_fs_base, t.context.fs_base);
    cpu::wrmsr_from(cpu::msr_gs_base, t.context.gs_base);
}

}  // namespace

void forget_fpu_state(core::Tcb& t) {
    if (fpu_owner != &t.fpu) return;
    if (fpu_trapping) set_fpu_trapping(false);
    save_fpu_to(t.fpu);
    fpu_owner = &scratch_fpu_area;
}

void restore_user_thread(core::Tcb& t) {
    switch_to_user(t, false, core::take_vm_root_reload());
    restore_context();
}

void idle() { idle_loop(); }

}  // namespace arch

// entry.S picks these two system calls by number.
static_assert(static_cast<sword>(core::Syscall::Call) == -1 && static_cast<sword>(core::Syscall::ReplyRecv) == -2);

// The syscall stub comes here for Call and ReplyRecv, their registers saved in the current
// thread's context, and then restores the context of the thread these switch to. What the
// fastpath does not take goes on to the slow path as any other system call. (A debug kernel's
// per-entry invariant window is checked on slow-path entries only; the fuzzer compares the
// fastpath with the slow path.) Nothing returns to the stub with values to keep, so these
// preserve no registers (the stub saves none). preserve_none passes arguments in R12-R15 first,
// then RDI and RSI: behind four others, the cap and the message info arrive in the registers the
// syscall brought them in, and the first is R12, MCS's reply register (unused by classic's
// ReplyRecv and by Call). These return rather than jump to restore_context, as code that ends in
// a noreturn call counts as cold and is compiled for size.
static_assert(__clang_major__ >= 19, "the syscall stub relies on clang 19's preserve_none argument registers");

extern "C" [[clang::preserve_none]] void c_handle_fastpath_call(word, word, word, word, word cptr, word info) {
    core::Tcb& t = *core::current_thread();
    core::Tcb* next = core::fastpath_call(t, cptr, info);
    if (!next) arch::handle_syscall(t, static_cast<sword>(core::Syscall::Call));
    arch::switch_to_user(*next, true, true);
}

extern "C" [[clang::preserve_none]] void c_handle_fastpath_reply_recv(word reply, word, word, word, word cptr,
                                                                      word info) {
    core::Tcb& t = *core::current_thread();
    core::Tcb* next = core::fastpath_reply_recv(t, cptr, info, reply);
    if (!next) arch::handle_syscall(t, static_cast<sword>(core::Syscall::ReplyRecv));
    arch::switch_to_user(*next, true, true);
}
