// The x86_64-only benchmarks: an interrupt from the I/O APIC delivered to a user-mode handler, and
// the IOPort system call that raises it.
#include <keel/alloc.h>
#include <keel/runtime.h>
#include "bench.h"

namespace bench {
namespace {

// COM2 (QEMU's second serial port, I/O APIC pin 3) raises its transmitter-empty interrupt as soon
// as the interrupt is enabled. The root task writes the scratch register (no interrupt) and then
// the interrupt enable register; the handler, above the root task, reads the TSC when its Wait
// returns. Delivery is the second write's cost to the handler minus the first's, the same
// system call without an interrupt.
constexpr seL4_Word com2 = 0x2f8, com2_ier = com2 + 1, com2_iir = com2 + 2, com2_mcr = com2 + 4, com2_scratch = com2 + 7;
seL4_CPtr irq_ports, irq_handler, irq_ntfn;
volatile seL4_Word irq_end[samples];
volatile int irq_count;

void irq_handler_thread() {
    for (;;) {
        seL4_Wait(irq_ntfn, nullptr);
        irq_end[irq_count] = counter();
        seL4_X86_IOPort_In8(irq_ports, com2_iir);  // clears the interrupt
        seL4_X86_IOPort_Out8(irq_ports, com2_ier, 0);
        seL4_IRQHandler_Ack(irq_handler);
        irq_count = irq_count + 1;
    }
}

void run_irq_delivery() {
    irq_ports = keel_alloc_slot();
    irq_handler = keel_alloc_slot();
    irq_ntfn = keel_alloc_object(seL4_NotificationObject, 0);
    if (seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, com2, com2 + 7, seL4_CapInitThreadCNode, irq_ports,
                                     seL4_WordBits) != seL4_NoError ||
        seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, seL4_CapInitThreadCNode, irq_handler, seL4_WordBits, 0, 3, 0, 0,
                                  0) != seL4_NoError ||
        seL4_IRQHandler_SetNotification(irq_handler, irq_ntfn) != seL4_NoError) {
        keel_printf("bench: could not set up COM2's interrupt\n");
        return;
    }
    seL4_X86_IOPort_Out8(irq_ports, com2_mcr, 0x08);  // OUT2: the UART's interrupt line enabled
    start_helper(irq_handler_thread, client_priority + 1);  // runs at once and waits
    static seL4_Word plain[samples], delivery[samples];
    for (int i = 0; i < samples; i++) {
        seL4_Word t0 = counter();
        seL4_X86_IOPort_Out8(irq_ports, com2_scratch, 0);
        seL4_Word t1 = counter();
        seL4_X86_IOPort_Out8(irq_ports, com2_ier, 0x02);  // the handler has run when this returns
        plain[i] = t1 - t0;
        delivery[i] = irq_end[i] - t1 - plain[i];
    }
    report("IRQ delivery to a user handler", 0, delivery);
    report("IOPort_Out8 (the system call that raises it)", 0, plain);
}

}  // namespace

void run_arch_benchmarks() { run_irq_delivery(); }

}  // namespace bench
