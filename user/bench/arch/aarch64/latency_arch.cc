// The interrupt-latency benchmark's aarch64 part: the generic timer's EL1 physical timer (PPI 30 on
// QEMU virt), which the kernel leaves alone (its tick and deadlines are the virtual timer's) and
// opens to EL0 with KernelArmExportPCNTUser and KernelArmExportPTMRUser. Its line rises when the
// physical count reaches CNTP_CVAL_EL0. QEMU's count is its virtual clock divided by the tick
// (16 ns at 62.5 MHz), and PMCCNTR_EL0 the same clock at 1 GHz less an offset fixed when the kernel
// started it; under -icount shift=0 the clock counts one nanosecond per guest instruction. So a
// compare value c raises the line at exactly counter value c * tick - offset: the arming computes
// it from the counter alone, with the offset read once at start-up rounded up to a whole tick
// (counter_offset). What the rounding adds (2 to tick + 1 instructions) is the constant the
// benchmark calibrates.
#include "latency_arch.h"

using bench::counter;

// The spinner reads PMCCNTR_EL0 into x0; the sender makes a system call.
asm(".text\n.global latency_spin, latency_spin_jump, latency_sender\n"
    "latency_spin: mrs x0, pmccntr_el0\n"
    "latency_spin_jump: b latency_spin\n"
    "latency_sender: svc #0\n"
    "b latency_sender\n");

namespace {

constexpr seL4_Word physical_timer_irq = 30;  // the EL1 physical timer's PPI (QEMU virt's device tree)
constexpr seL4_Word ctl_enable = 1;           // CNTP_CTL_EL0.ENABLE, its interrupt unmasked
// Instructions at least from the arming's counter read to the compare value, so that the line
// rises after the arming's writes, never at them.
constexpr seL4_Word arming_lead = 64;
seL4_Word tick;            // instructions per count: QEMU's period, 10^9 / CNTFRQ_EL0 rounded down
seL4_Word counter_offset;  // the virtual clock less PMCCNTR_EL0, rounded up to a whole tick

// The counter and the physical count read one instruction apart: the count's tick began at most
// one tick before the counter's read, so tick * (count + 1) - counter is the offset or up to a
// tick more, fixed for the run.
void measure_counter_offset() {
    seL4_Word frequency, cycles, count;
    asm volatile("mrs %0, cntfrq_el0" : "=r"(frequency));
    tick = 1000000000 / frequency;
    asm volatile("mrs %0, pmccntr_el0\n\tmrs %1, cntpct_el0" : "=&r"(cycles), "=r"(count)::"memory");
    counter_offset = tick * (count + 1) - cycles;
}

}  // namespace

seL4_Word latency::timer_delay(seL4_Word instructions) { return instructions + arming_lead; }

// The compare value of the first tick at least `instructions` plus the lead after the counter
// read; the line rises at its counter value (the nominal delay) plus the calibrated constant.
void latency::arm_timer(seL4_Word instructions, volatile Arming& noted) {
    seL4_Word stamp = counter();
    seL4_Word compare = (stamp + counter_offset + instructions + arming_lead + tick - 1) / tick;
    noted.nominal = compare * tick - counter_offset - stamp;
    noted.stamp = stamp;
    asm volatile("msr cntp_cval_el0, %0\n\tmsr cntp_ctl_el0, %1\n\tisb" ::"r"(compare), "r"(ctl_enable) : "memory");
}

// The timer disabled drops its line (a level PPI) until the next arming.
void latency::clear_timer() { asm volatile("msr cntp_ctl_el0, xzr\n\tisb" ::: "memory"); }

// A level interrupt (trigger 0), as the timer's line is.
bool latency::set_up_timer(seL4_CPtr irq_handler) {
    measure_counter_offset();
    clear_timer();
    return seL4_IRQControl_GetTrigger(seL4_CapIRQControl, physical_timer_irq, 0, seL4_CapInitThreadCNode, irq_handler,
                                      seL4_WordBits) == seL4_NoError;
}

seL4_Word latency::spinner_last_read(const seL4_UserContext& regs) { return regs.x0; }

seL4_Word seL4_UserContext::*const latency::pc_register = &seL4_UserContext::pc;
seL4_Word seL4_UserContext::*const latency::syscall_registers[3] = {&seL4_UserContext::x7, &seL4_UserContext::x0,
                                                                   &seL4_UserContext::x1};
