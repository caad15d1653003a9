// The interrupt-latency benchmark's riscv64 part: QEMU virt's goldfish RTC (PLIC source 11), whose
// alarm raises its line when the RTC's nanosecond count reaches it. With `-rtc clock=vm` (./keel
// bench passes it with -icount) the RTC counts QEMU's virtual clock, one nanosecond per guest
// instruction under -icount shift=0 as instret counts, so an alarm `n` past the time read fires
// exactly n instructions after that read.
#include "latency_arch.h"
#include <keel/alloc.h>
#include <keel/process.h>
#include <keel/runtime.h>

using bench::counter;

// The spinner reads instret into a0; the sender makes a system call.
asm(".text\n.option push\n.option norvc\n.global latency_spin, latency_spin_jump, latency_sender\n"
    "latency_spin: rdinstret a0\n"
    "latency_spin_jump: j latency_spin\n"
    "latency_sender: ecall\n"
    "j latency_sender\n"
    ".option pop\n");

namespace {

constexpr seL4_Word rtc_paddr = 0x101000, rtc_vaddr = 0x60000000, rtc_irq = 11;
enum : seL4_Word { time_low = 0, time_high = 1, alarm_low = 2, alarm_high = 3, irq_enabled = 4, clear_interrupt = 7 };
volatile seL4_Uint32* const rtc = reinterpret_cast<volatile seL4_Uint32*>(rtc_vaddr);

}  // namespace

seL4_Word latency::timer_delay(seL4_Word instructions) { return instructions; }

// Reading the time's low half latches its high half; writing the alarm's low half arms it.
void latency::arm_timer(seL4_Word instructions, volatile Arming& noted) {
    noted.nominal = instructions;
    noted.stamp = counter();
    seL4_Word now = rtc[time_low];
    now |= seL4_Word{rtc[time_high]} << 32;
    seL4_Word alarm = now + instructions;
    rtc[alarm_high] = static_cast<seL4_Uint32>(alarm >> 32);
    rtc[alarm_low] = static_cast<seL4_Uint32>(alarm);
}

void latency::clear_timer() { rtc[clear_interrupt] = 1; }

bool latency::set_up_timer(seL4_CPtr irq_handler) {
    seL4_CPtr frame = keel_device_frame(rtc_paddr);
    if (!frame || keel_map_frame(frame, seL4_CapInitThreadVSpace, rtc_vaddr, seL4_ReadWrite) != 0) return false;
    clear_timer();
    rtc[irq_enabled] = 1;
    return seL4_IRQControl_GetTrigger(seL4_CapIRQControl, rtc_irq, 0, seL4_CapInitThreadCNode, irq_handler,
                                      seL4_WordBits) == seL4_NoError;
}

seL4_Word latency::spinner_last_read(const seL4_UserContext& regs) { return regs.a0; }

seL4_Word seL4_UserContext::*const latency::pc_register = &seL4_UserContext::pc;
seL4_Word seL4_UserContext::*const latency::syscall_registers[3] = {&seL4_UserContext::a7, &seL4_UserContext::a0,
                                                                   &seL4_UserContext::a1};
