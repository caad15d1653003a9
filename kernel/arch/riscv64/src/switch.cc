// Leaving the kernel for a user thread or the idle loop, with its address space and FPU state.
#include "arch/switch.h"
#include "arch/csr.h"
#include "arch/paging.h"
#include "arch/vspace.h"
#include "mmu_internal.h"
#include "kernel/sched.h"
#include "object/tcb.h"

extern "C" [[noreturn]] void restore_user_context(arch::Context* c);
extern "C" [[noreturn]] void idle_loop();

namespace arch {
namespace {

constexpr word sstatus_fs = word{3} << 13, sstatus_fs_clean = word{2} << 13;

// sstatus.FS as a thread's last entry saved it: Initial while it has written no F register since
// it was made (its FPU area and, when it owns them, the registers hold zeros), Clean while the
// registers hold what its area holds, Dirty once it has written one since, Off without an FPU.
word fpu_status(const core::Tcb& t) { return t.context.sstatus & sstatus_fs; }

// The thread whose state the F registers hold, or none (its thread is gone). The kernel itself is
// built without F and D, so they change only in user mode, where the hardware marks a thread's
// sstatus.FS Dirty on its first write.
core::Tcb* fpu_owner = nullptr;

void save_fpu(FpuState& s) {
    asm volatile(".option push\n .option arch, +d\n"
                 "fsd f0, 0(%0)\n fsd f1, 8(%0)\n fsd f2, 16(%0)\n fsd f3, 24(%0)\n"
                 "fsd f4, 32(%0)\n fsd f5, 40(%0)\n fsd f6, 48(%0)\n fsd f7, 56(%0)\n"
                 "fsd f8, 64(%0)\n fsd f9, 72(%0)\n fsd f10, 80(%0)\n fsd f11, 88(%0)\n"
                 "fsd f12, 96(%0)\n fsd f13, 104(%0)\n fsd f14, 112(%0)\n fsd f15, 120(%0)\n"
                 "fsd f16, 128(%0)\n fsd f17, 136(%0)\n fsd f18, 144(%0)\n fsd f19, 152(%0)\n"
                 "fsd f20, 160(%0)\n fsd f21, 168(%0)\n fsd f22, 176(%0)\n fsd f23, 184(%0)\n"
                 "fsd f24, 192(%0)\n fsd f25, 200(%0)\n fsd f26, 208(%0)\n fsd f27, 216(%0)\n"
                 "fsd f28, 224(%0)\n fsd f29, 232(%0)\n fsd f30, 240(%0)\n fsd f31, 248(%0)\n"
                 "frcsr t0\n sw t0, 256(%0)\n .option pop" ::"r"(&s)
                 : "t0", "memory");
}

void load_fpu(const FpuState& s) {
    asm volatile(".option push\n .option arch, +d\n"
                 "fld f0, 0(%0)\n fld f1, 8(%0)\n fld f2, 16(%0)\n fld f3, 24(%0)\n"
                 "fld f4, 32(%0)\n fld f5, 40(%0)\n fld f6, 48(%0)\n fld f7, 56(%0)\n"
                 "fld f8, 64(%0)\n fld f9, 72(%0)\n fld f10, 80(%0)\n fld f11, 88(%0)\n"
                 "fld f12, 96(%0)\n fld f13, 104(%0)\n fld f14, 112(%0)\n fld f15, 120(%0)\n"
                 "fld f16, 128(%0)\n fld f17, 136(%0)\n fld f18, 144(%0)\n fld f19, 152(%0)\n"
                 "fld f20, 160(%0)\n fld f21, 168(%0)\n fld f22, 176(%0)\n fld f23, 184(%0)\n"
                 "fld f24, 192(%0)\n fld f25, 200(%0)\n fld f26, 208(%0)\n fld f27, 216(%0)\n"
                 "fld f28, 224(%0)\n fld f29, 232(%0)\n fld f30, 240(%0)\n fld f31, 248(%0)\n"
                 "lw t0, 256(%0)\n fscsr t0\n .option pop" ::"r"(&s)
                 : "t0", "memory");
}

// The F registers hold what `t`'s FPU area holds: sstatus.FS Clean until it writes one (a thread
// still Initial stays so: its area and the registers are zero).
void mark_fpu_clean(core::Tcb& t) {
    if (fpu_status(t) == sstatus_fs) t.context.sstatus = (t.context.sstatus & ~sstatus_fs) | sstatus_fs_clean;
}

// The owner's registers go to its FPU area if it wrote any since they were loaded or last saved
// (FS Dirty); otherwise the area already holds them.
void save_owner_fpu() {
    if (!fpu_owner || fpu_status(*fpu_owner) != sstatus_fs) return;
    save_fpu(fpu_owner->fpu);
    mark_fpu_clean(*fpu_owner);
}

// A thread with seL4_TCBFlag_fpuDisabled runs with sstatus.FS off: its first F or D instruction is
// an illegal-instruction user exception, as seL4's lazy FPU makes it. Returns whether it has its FPU.
bool set_thread_fpu_access(core::Tcb& t) {
    if (t.flags & core::tcb_flag_fpu_disabled) {
        t.context.sstatus &= ~sstatus_fs;
        return false;
    }
    // Back from seL4_TCBFlag_fpuDisabled: its area holds what forget_fpu_state saved.
    if (!fpu_status(t)) t.context.sstatus |= sstatus_fs_clean;
    return true;
}

// Eager switching, as seL4 16.0.0's lazyFPURestore makes the thread that runs the owner: the
// thread that runs next has its FPU state in the registers (sstatus.FS on while the kernel moves
// it; the thread's own FS comes back with its sstatus). Between two threads that have never
// written an F register the registers stay as they are: zero for both.
void switch_fpu(core::Tcb& t) {
    if (fpu_owner == &t) return;
    bool both_initial = fpu_owner && fpu_status(*fpu_owner) == sstatus_fs_initial && fpu_status(t) == sstatus_fs_initial;
    if (!both_initial) {
        csr::set_sstatus(sstatus_fs);
        save_owner_fpu();
        load_fpu(t.fpu);
        mark_fpu_clean(t);
    }
    fpu_owner = &t;
}

// The root the thread's VTable cap names (seL4's setVMRoot looks it up on every switch): kept in
// its context with the cap's first word and the ASID generation, and looked up again only when
// either changed. A thread without one runs on the kernel's root (and faults).
word vspace_root_of(core::Tcb& t) {
    word cap_word = t.slot(core::TcbSlot::VTable).cap.raw0();
    Context& c = t.context;
    if (cap_word == c.vspace_cap_word && c.vspace_generation == mmu::asid_generation) [[likely]] return c.vspace_root;
    word root = t.vspace_root();
    if (!root) return kernel_vspace_root();
    c.vspace_cap_word = cap_word;
    c.vspace_generation = mmu::asid_generation;
    c.vspace_root = root;
    return root;
}

}  // namespace

void forget_fpu_state(core::Tcb& t) {
    if (fpu_owner != &t) return;
    csr::set_sstatus(sstatus_fs);
    save_owner_fpu();
    fpu_owner = nullptr;
}

void restore_user_thread(core::Tcb& t) {
    if (core::take_vm_root_reload()) load_vspace(vspace_root_of(t));
    if (set_thread_fpu_access(t)) switch_fpu(t);
    restore_user_context(&t.context);
}

// On the kernel's own table, as seL4's idle thread: the last thread's may be gone.
void idle() {
    load_vspace(kernel_vspace_root());
    idle_loop();
}

}  // namespace arch
