// Leaving the kernel for a user thread or the idle loop.
#include "arch/switch.h"
#include "arch/cpu.h"
#include "arch/vspace.h"
#include "cpu_setup.h"

extern "C" [[noreturn]] void restore_context(const arch::Context* c);
extern "C" [[noreturn]] void idle_loop();

namespace arch {

void restore_user_thread(core::Tcb& t) {
    set_kernel_entry_stack(&t.context + 1);
    activate_vspace(t.vspace_root);
    cpu::wrmsr(cpu::msr_fs_base, t.context.fs_base);
    restore_context(&t.context);
}

void idle() { idle_loop(); }

}  // namespace arch
