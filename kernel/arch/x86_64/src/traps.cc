// C++ side of kernel entry: system calls, user exceptions, interrupts, kernel faults.
#include "arch/cpu.h"
#include "arch/halt.h"
#include "arch/interrupts.h"
#include "arch/switch.h"
#include "arch/traps.h"
#include "kernel/console.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "object/interrupt.h"
#include "kernel/thread.h"
#include "syscall/syscall.h"

namespace arch {

core::Fault fault_from_exception(Context& c) {
    if (c.vector == vector_page_fault) {
        return core::Fault::vm_fault(cpu::read_cr2(), c.error, (c.error & pf_error_instruction_fetch) != 0);
    }
    if (c.vector >= trap_vector_min) {
        // seL4's c_handle_interrupt: an unknown system call numbered by the vector in the top
        // byte and EAX's low 24 bits (an int, so sign-extended), at the two-byte int instruction.
        c.fault_ip -= 2;
        u32 number = static_cast<u32>(c.vector << 24) | (static_cast<u32>(c.rax) & 0xffffff);
        return core::Fault::unknown_syscall(static_cast<word>(static_cast<sword>(static_cast<i32>(number))));
    }
    return core::Fault::user_exception(c.vector, c.error);
}

namespace {

void dump_registers(const Context& c) {
    core::kprintf("  rip %016lx  rsp %016lx  rflags %016lx\n", c.rip, c.rsp, c.rflags);
    core::kprintf("  rax %016lx  rbx %016lx  rcx %016lx  rdx %016lx\n", c.rax, c.rbx, c.rcx, c.rdx);
    core::kprintf("  rsi %016lx  rdi %016lx  rbp %016lx  r8  %016lx\n", c.rsi, c.rdi, c.rbp, c.r8);
    core::kprintf("  r9  %016lx  r10 %016lx  r11 %016lx  r12 %016lx\n", c.r9, c.r10, c.r11, c.r12);
    core::kprintf("  r13 %016lx  r14 %016lx  r15 %016lx\n", c.r13, c.r14, c.r15);
    core::kprintf("  cs %lx ss %lx cr2 %016lx cr3 %016lx\n", c.cs, c.ss, cpu::read_cr2(), cpu::read_cr3());
}

const char* exception_name(word vector) {
    static const char* const names[] = {
        "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range", "invalid opcode",
        "device not available", "double fault", "coprocessor overrun", "invalid TSS", "segment not present",
        "stack fault", "general protection", "page fault", "reserved", "x87 floating point",
        "alignment check", "machine check", "SIMD floating point", "virtualization", "control protection"};
    return vector < array_size(names) ? names[vector] : "interrupt";
}

// The local APIC's spurious vector needs nothing, not even an acknowledgement; every other
// vector from 32 up is IRQ vector - 32. MCS: the time is read and the budget checked first.
void handle_interrupt(word vector) {
    if constexpr (config::kernel_mcs) core::interrupt_entry_time();
    if (vector == spurious_vector) return;
    core::handle_interrupt(vector - irq_vector_offset);
}

}  // namespace

void handle_syscall(core::Tcb& t, sword number) {
    core::handle_syscall(t, number);
    core::return_to_user();
}

}  // namespace arch

extern "C" [[noreturn]] void c_handle_syscall(arch::Context* c, sword number) {
    core::Tcb* t = core::current_thread();
    if (t == core::context_owner(c)) arch::handle_syscall(*t, number);
    core::return_to_user();
}

extern "C" [[noreturn]] void c_handle_user_trap(arch::Context* c) {
    core::Tcb* t = core::current_thread();
    bool user_trap = c->vector >= arch::trap_vector_min && c->vector != arch::spurious_vector;
    if (c->vector >= arch::irq_vector_offset && !user_trap) {
        arch::handle_interrupt(c->vector);
    } else if (t == core::context_owner(c)) {
        core::handle_user_exception(*t);
    }
    core::return_to_user();
}

// Interrupts come in kernel mode only to the idle loop and to take_pending_interrupt, which the
// trap returns to.
extern "C" void c_handle_kernel_trap(arch::Context* c) {
    if (c->vector >= arch::irq_vector_offset) {
        if (arch::note_polled_interrupt(*c)) return;
        arch::handle_interrupt(c->vector);
        core::return_to_user();
    }
    core::kprintf("\nKERNEL PANIC: %s (vector %lu, error code %lx) in kernel mode\n", arch::exception_name(c->vector),
                  c->vector, c->error);
    arch::dump_registers(*c);
    arch::halt(arch::HaltReason::Panic);
}
