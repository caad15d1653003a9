// Leaving the kernel for a user thread or the idle loop, with its address space and FPU state.
#include "arch/switch.h"
#include "arch/vspace.h"
#include "kernel/sched.h"
#include "object/tcb.h"

extern "C" [[noreturn]] void idle_loop();

namespace arch {
namespace {

// CPACR_EL1.FPEN: 0b11 lets EL0 and EL1 use FP/SIMD, 0b01 EL1 only (seL4's disableFpuEL0: the
// kernel, built -mgeneral-regs-only, touches the registers only to save and load them).
constexpr word cpacr_fpen_shift = 20, fpen_all = 3, fpen_el1 = 1;

// The thread whose state the FP/SIMD registers hold, or none (seL4's ksCurFPUOwner).
core::Tcb* fpu_owner = nullptr;

void set_fpu_access(word fpen) {
    word cpacr;
    asm volatile("mrs %0, cpacr_el1" : "=r"(cpacr));
    word wanted = (cpacr & ~(word{3} << cpacr_fpen_shift)) | fpen << cpacr_fpen_shift;
    if (wanted != cpacr) asm volatile("msr cpacr_el1, %0\n isb" ::"r"(wanted) : "memory");
}

void save_fpu(FpuState& s) {
    word temp;
    asm volatile(".arch_extension fp\n .arch_extension simd\n"
                 "stp q0, q1, [%1, #16 * 0]\n stp q2, q3, [%1, #16 * 2]\n stp q4, q5, [%1, #16 * 4]\n"
                 "stp q6, q7, [%1, #16 * 6]\n stp q8, q9, [%1, #16 * 8]\n stp q10, q11, [%1, #16 * 10]\n"
                 "stp q12, q13, [%1, #16 * 12]\n stp q14, q15, [%1, #16 * 14]\n stp q16, q17, [%1, #16 * 16]\n"
                 "stp q18, q19, [%1, #16 * 18]\n stp q20, q21, [%1, #16 * 20]\n stp q22, q23, [%1, #16 * 22]\n"
                 "stp q24, q25, [%1, #16 * 24]\n stp q26, q27, [%1, #16 * 26]\n stp q28, q29, [%1, #16 * 28]\n"
                 "stp q30, q31, [%1, #16 * 30]\n"
                 "mrs %0, fpsr\n str %w0, [%1, #512]\n mrs %0, fpcr\n str %w0, [%1, #516]\n"
                 ".arch_extension nosimd\n .arch_extension nofp"
                 : "=&r"(temp)
                 : "r"(&s)
                 : "memory");
}

void load_fpu(const FpuState& s) {
    word temp;
    asm volatile(".arch_extension fp\n .arch_extension simd\n"
                 "ldp q0, q1, [%1, #16 * 0]\n ldp q2, q3, [%1, #16 * 2]\n ldp q4, q5, [%1, #16 * 4]\n"
                 "ldp q6, q7, [%1, #16 * 6]\n ldp q8, q9, [%1, #16 * 8]\n ldp q10, q11, [%1, #16 * 10]\n"
                 "ldp q12, q13, [%1, #16 * 12]\n ldp q14, q15, [%1, #16 * 14]\n ldp q16, q17, [%1, #16 * 16]\n"
                 "ldp q18, q19, [%1, #16 * 18]\n ldp q20, q21, [%1, #16 * 20]\n ldp q22, q23, [%1, #16 * 22]\n"
                 "ldp q24, q25, [%1, #16 * 24]\n ldp q26, q27, [%1, #16 * 26]\n ldp q28, q29, [%1, #16 * 28]\n"
                 "ldp q30, q31, [%1, #16 * 30]\n"
                 "ldr %w0, [%1, #512]\n msr fpsr, %0\n ldr %w0, [%1, #516]\n msr fpcr, %0\n"
                 ".arch_extension nosimd\n .arch_extension nofp"
                 : "=&r"(temp)
                 : "r"(&s)
                 : "memory");
}

// seL4 16.0.0's lazyFPURestore, which is eager: a thread with seL4_TCBFlag_fpuDisabled runs with
// FP/SIMD trapped at EL0 (its first use is a user exception); any other runs with its own state
// in the registers, the previous owner's saved first (switchLocalFpuOwner).
void restore_fpu(core::Tcb& t) {
    if (t.flags & core::tcb_flag_fpu_disabled) {
        set_fpu_access(fpen_el1);
        return;
    }
    set_fpu_access(fpen_all);
    if (fpu_owner == &t) return;
    if (fpu_owner) save_fpu(fpu_owner->fpu);
    load_fpu(t.fpu);
    fpu_owner = &t;
}

}  // namespace

void forget_fpu_state(core::Tcb& t) {
    if (fpu_owner != &t) return;
    set_fpu_access(fpen_all);
    save_fpu(t.fpu);
    fpu_owner = nullptr;
}

void restore_user_thread(core::Tcb& t) {
    if (core::take_vm_root_reload()) activate_thread_vspace(t);
    restore_fpu(t);
    restore_user_context(&t.context);
}

// On no user address space, as seL4's idle thread: the last thread's may be gone.
void idle() {
    deactivate_user_vspace();
    idle_loop();
}

}  // namespace arch
