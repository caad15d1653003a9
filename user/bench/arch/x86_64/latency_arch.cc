// The interrupt-latency benchmark's x86_64 part: the PIT's channel 0 in mode 0 (ISA IRQ 0, I/O
// APIC pin 2), whose line rises `count` PIT ticks after its count is loaded. Under -icount
// shift=0 QEMU's virtual clock counts one nanosecond per guest instruction, as the TSC does, and
// its PIT raises the line at exactly load + count * 10^9 / 1193182 ns.
#include "latency_arch.h"
#include <keel/alloc.h>

using bench::counter;

// The spinner reads the TSC into RDX:RAX; the sender makes a system call.
asm(".text\n.global latency_spin, latency_spin_jump, latency_sender\n"
    "latency_spin: rdtsc\n"
    "latency_spin_jump: jmp latency_spin\n"
    "latency_sender: syscall\n"
    "jmp latency_sender\n");

namespace {

constexpr seL4_Word pit_channel0 = 0x40, pit_command = 0x43, pit_irq_pin = 2, max_count = 0xffff;
seL4_CPtr pit_ports;

seL4_Word pit_ns(seL4_Word count) { return count * 1000000000 / latency::pit_hz; }

// The whole ticks that last at least `instructions` (at most 2^16 - 1).
seL4_Word pit_count(seL4_Word instructions) {
    seL4_Word count = instructions * latency::pit_hz / 1000000000 + 1;
    return count < max_count ? count : max_count;
}

}  // namespace

seL4_Word latency::timer_delay(seL4_Word instructions) { return pit_ns(pit_count(instructions)); }

// Loads channel 0: the line drops and rises `count` ticks later.
void latency::arm_timer(seL4_Word instructions, volatile Arming& noted) {
    seL4_Word count = pit_count(instructions);
    seL4_X86_IOPort_Out8(pit_ports, pit_channel0, count & 0xff);
    noted.nominal = pit_ns(count);
    noted.stamp = counter();
    seL4_X86_IOPort_Out8(pit_ports, pit_channel0, count >> 8);
}

void latency::clear_timer() {}  // an edge: nothing to drop

// Channel 0 in mode 0 with its count run out, so that the firmware's periodic timer raises nothing
// more, before its interrupt is routed (the handler takes one the firmware's timer may have left
// pending).
bool latency::set_up_timer(seL4_CPtr irq_handler) {
    pit_ports = keel_alloc_slot();
    if (seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, pit_channel0, pit_command, seL4_CapInitThreadCNode,
                                     pit_ports, seL4_WordBits) != seL4_NoError) {
        return false;
    }
    seL4_X86_IOPort_Out8(pit_ports, pit_command, 0x30);  // channel 0, low byte then high, mode 0, binary
    static volatile Arming ignored;
    arm_timer(0, ignored);
    spin_for(2 * timer_resolution);
    return seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, seL4_CapInitThreadCNode, irq_handler, seL4_WordBits, 0,
                                     pit_irq_pin, 0, 0, 1) == seL4_NoError;
}

seL4_Word latency::spinner_last_read(const seL4_UserContext& regs) {
    return (regs.rdx << 32) | (regs.rax & 0xffffffff);
}

seL4_Word seL4_UserContext::*const latency::pc_register = &seL4_UserContext::rip;
seL4_Word seL4_UserContext::*const latency::syscall_registers[3] = {&seL4_UserContext::rdx, &seL4_UserContext::rdi,
                                                                   &seL4_UserContext::rsi};
