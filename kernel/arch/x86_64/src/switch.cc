// Leaving the kernel for a user thread or the idle loop.
#include "arch/switch.h"
#include "arch/cpu.h"
#include "arch/vspace.h"
#include "cpu_setup.h"

extern "C" [[noreturn]] void restore_context(const arch::Context* c);
extern "C" [[noreturn]] void idle_loop();

namespace arch {
namespace {

core::Tcb* fpu_owner = nullptr;  // whose state the FPU registers hold

constexpr word cr0_ts = bit(3);  // task switched: FPU and SSE instructions raise #NM

void save_fpu_owner() {
    if (fpu_owner) asm volatile("fxsave64 %0" : "=m"(*reinterpret_cast<u8(*)[512]>(fpu_owner->fpu)));
    fpu_owner = nullptr;
}

// Eager FPU switching: the kernel itself never touches FPU or SSE registers. A thread with
// seL4_TCBFlag_fpuDisabled runs with CR0.TS set, so its first FPU instruction faults.
void switch_fpu(core::Tcb& t) {
    word cr0 = cpu::read_cr0();
    if (t.flags & core::tcb_flag_fpu_disabled) {
        if (!(cr0 & cr0_ts)) cpu::write_cr0(cr0 | cr0_ts);
        return;
    }
    if (cr0 & cr0_ts) cpu::write_cr0(cr0 & ~cr0_ts);
    if (fpu_owner == &t) return;
    save_fpu_owner();
    asm volatile("fxrstor64 %0" ::"m"(*reinterpret_cast<const u8(*)[512]>(t.fpu)));
    fpu_owner = &t;
}

// The thread's address space; a thread without a valid one runs in the kernel's (and faults).
word vspace_root_of(core::Tcb& t) {
    word root = t.vspace_root();
    return root ? root : kernel_vspace_root();
}

}  // namespace

void forget_fpu_state(core::Tcb& t) {
    if (fpu_owner != &t) return;
    if (cpu::read_cr0() & cr0_ts) cpu::write_cr0(cpu::read_cr0() & ~cr0_ts);
    save_fpu_owner();
}

void restore_user_thread(core::Tcb& t) {
    set_kernel_entry_stack(&t.context + 1);
    activate_vspace(vspace_root_of(t));
    switch_fpu(t);
    cpu::wrmsr(cpu::msr_fs_base, t.context.fs_base);
    restore_context(&t.context);
}

void idle() { idle_loop(); }

}  // namespace arch
