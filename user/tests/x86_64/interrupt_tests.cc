// INTERRUPT: IRQControl and IRQHandler in seL4's IOAPIC configuration, and a user-mode driver
// taking COM2's interrupt (QEMU's second serial port: 0x2f8, ISA IRQ 3 on I/O APIC pin 3).
#include "thread_helpers.h"

using namespace keel;

namespace {

constexpr seL4_Word com2 = 0x2f8, ier = com2 + 1, iir = com2 + 2, mcr = com2 + 4;
constexpr seL4_Word ier_thr_empty = 0x02, iir_thr_empty = 0x02, mcr_out2 = 0x08;
constexpr seL4_Word com2_pin = 3, user_irqs = 155 - 48 + 1;  // IRQ indices 0..107

seL4_Error get_ioapic(seL4_CPtr dest, seL4_Word pin, seL4_Word level, seL4_Word polarity, seL4_Word irq,
                      seL4_Word ioapic = 0) {
    return seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, root, dest, 64, ioapic, pin, level, polarity, irq);
}

// Polls the notification until a badge arrives (the interrupt is taken on the way back from the
// system call that raised it, so a few polls are plenty).
seL4_Word wait_for_badge(seL4_CPtr ntfn) {
    for (int i = 0; i < 100; i++) {
        seL4_Word badge = 0;
        seL4_Poll(ntfn, &badge);
        if (badge) return badge;
    }
    return 0;
}

}  // namespace

KEEL_TEST(INTERRUPT0001, "IRQControl_Get is refused with the I/O APIC (IllegalOperation), a short message first") {
    seL4_CPtr dest = alloc_slot();
    KEEL_CHECK_EQ(seL4_IRQControl_Get(seL4_CapIRQControl, 4, root, dest, 64), seL4_IllegalOperation);
    seL4_SetCap(0, root);
    seL4_MessageInfo_t short_msg = seL4_MessageInfo_new(IRQIssueIRQHandler, 0, 1, 2);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(seL4_Call(seL4_CapIRQControl, short_msg)), seL4_TruncatedMessage);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, dest, 64), seL4_NoError);  // still empty
}

KEEL_TEST(INTERRUPT0002, "GetIOAPIC and GetMSI check the IRQ, the slot, the I/O APIC, pin, trigger and PCI address") {
    seL4_CPtr dest = alloc_slot();
    KEEL_CHECK_EQ(get_ioapic(dest, com2_pin, 0, 0, user_irqs), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_GetMR(1), user_irqs - 1);
    KEEL_CHECK_EQ(get_ioapic(dest, com2_pin, 0, 0, 5, 1), seL4_RangeError);  // only I/O APIC 0
    KEEL_CHECK_EQ(seL4_GetMR(1), 0);
    KEEL_CHECK_EQ(get_ioapic(dest, 24, 0, 0, 5), seL4_RangeError);  // QEMU's I/O APIC has 24 pins
    KEEL_CHECK_EQ(seL4_GetMR(1), 23);
    KEEL_CHECK_EQ(get_ioapic(dest, com2_pin, 2, 0, 5), seL4_RangeError);
    KEEL_CHECK_EQ(get_ioapic(dest, com2_pin, 0, 2, 5), seL4_RangeError);
    KEEL_CHECK_EQ(get_ioapic(seL4_CapInitThreadTCB, com2_pin, 0, 0, 5), seL4_DeleteFirst);
    KEEL_CHECK_EQ(get_ioapic(dest, com2_pin, 0, 0, 5), seL4_NoError);
    seL4_CPtr again = alloc_slot();
    KEEL_CHECK_EQ(get_ioapic(again, com2_pin, 0, 0, 5), seL4_RevokeFirst);
    KEEL_CHECK_EQ(seL4_IRQControl_GetMSI(seL4_CapIRQControl, root, again, 64, 256, 0, 0, 0, 6), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(1), 255);
    KEEL_CHECK_EQ(seL4_IRQControl_GetMSI(seL4_CapIRQControl, root, again, 64, 0, 32, 0, 0, 6), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(1), 31);
    KEEL_CHECK_EQ(seL4_IRQControl_GetMSI(seL4_CapIRQControl, root, again, 64, 0, 0, 8, 0, 6), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(1), 7);
    KEEL_CHECK_EQ(seL4_IRQControl_GetMSI(seL4_CapIRQControl, root, again, 64, 0, 3, 0, 0, 6), seL4_NoError);
    KEEL_CHECK_EQ(seL4_DebugCapIdentify(again), 16);  // seL4's cap_irq_handler_cap
    // Deleting the handler cap frees the IRQ for another handler.
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, dest, 64), seL4_NoError);
    KEEL_CHECK_EQ(get_ioapic(dest, com2_pin, 0, 0, 5), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, dest, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, again, 64), seL4_NoError);
}

KEEL_TEST(INTERRUPT0003, "IRQHandler: SetNotification wants a notification cap with Write; unknown labels are refused") {
    seL4_CPtr handler = alloc_slot();
    KEEL_CHECK_EQ(get_ioapic(handler, 10, 1, 0, 7), seL4_NoError);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr read_only = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, read_only, 64, root, ntfn, 64, seL4_CanRead, 0), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_SetNotification(handler, read_only), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_IRQHandler_SetNotification(handler, seL4_CapInitThreadTCB), seL4_InvalidCapability);
    seL4_MessageInfo_t no_cap = seL4_MessageInfo_new(IRQSetIRQHandler, 0, 0, 0);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(seL4_Call(handler, no_cap)), seL4_TruncatedMessage);
    KEEL_CHECK_EQ(seL4_IRQHandler_SetNotification(handler, ntfn), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_SetNotification(handler, ntfn), seL4_NoError);  // replaces it
    KEEL_CHECK_EQ(seL4_IRQHandler_Clear(handler), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_Clear(handler), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_Ack(handler), seL4_NoError);
    seL4_MessageInfo_t bad = seL4_MessageInfo_new(IRQClearIRQHandler + 10, 0, 0, 0);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(seL4_Call(handler, bad)), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, handler, 64), seL4_NoError);
}

KEEL_TEST(INTERRUPT0004, "a user-mode driver takes COM2's interrupt as a notification, acks it, and takes the next") {
    seL4_CPtr ports = alloc_slot();
    KEEL_CHECK_EQ(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, com2, com2 + 7, root, ports, 64), seL4_NoError);
    seL4_CPtr handler = alloc_slot();
    KEEL_CHECK_EQ(get_ioapic(handler, com2_pin, 0, 0, 3), seL4_NoError);  // edge, active high: IRQ 19
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr badged = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, badged, 64, root, ntfn, 64, seL4_AllRights, 0x40), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_SetNotification(handler, badged), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_IOPort_Out8(ports, mcr, mcr_out2), seL4_NoError);
    // The transmitter is empty, so enabling its interrupt raises one at once.
    KEEL_CHECK_EQ(seL4_X86_IOPort_Out8(ports, ier, ier_thr_empty), seL4_NoError);
    KEEL_CHECK_EQ(wait_for_badge(ntfn), 0x40);
    KEEL_CHECK_EQ(seL4_X86_IOPort_In8(ports, iir).result & 0xf, iir_thr_empty);  // reading IIR clears it
    KEEL_CHECK_EQ(seL4_IRQHandler_Ack(handler), seL4_NoError);
    // A byte sent empties the transmitter again: a second interrupt.
    KEEL_CHECK_EQ(seL4_X86_IOPort_Out8(ports, com2, 'k'), seL4_NoError);
    KEEL_CHECK_EQ(wait_for_badge(ntfn), 0x40);
    KEEL_CHECK_EQ(seL4_X86_IOPort_In8(ports, iir).result & 0xf, iir_thr_empty);
    // Until acked, the interrupt stays masked: nothing arrives for the next byte.
    KEEL_CHECK_EQ(seL4_X86_IOPort_Out8(ports, com2, 'e'), seL4_NoError);
    KEEL_CHECK_EQ(wait_for_badge(ntfn), 0);
    KEEL_CHECK_EQ(seL4_X86_IOPort_Out8(ports, ier, 0), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_Ack(handler), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, handler, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, ports, 64), seL4_NoError);
}

KEEL_TEST(INTERRUPT0005, "an interrupt with no notification set is dropped and left masked; the next one is delivered") {
    seL4_CPtr ports = alloc_slot();
    KEEL_CHECK_EQ(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, com2, com2 + 7, root, ports, 64), seL4_NoError);
    seL4_CPtr handler = alloc_slot();
    KEEL_CHECK_EQ(get_ioapic(handler, com2_pin, 0, 0, 4), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_IOPort_Out8(ports, mcr, mcr_out2), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_IOPort_Out8(ports, ier, ier_thr_empty), seL4_NoError);  // raised, no one to tell
    KEEL_CHECK_EQ(seL4_X86_IOPort_In8(ports, iir).result & 0xf, iir_thr_empty);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr badged = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, badged, 64, root, ntfn, 64, seL4_AllRights, 0x9), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_SetNotification(handler, badged), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_IOPort_Out8(ports, com2, 'i'), seL4_NoError);  // masked since the first: lost
    KEEL_CHECK_EQ(wait_for_badge(ntfn), 0);
    KEEL_CHECK_EQ(seL4_X86_IOPort_In8(ports, iir).result & 0xf, iir_thr_empty);
    KEEL_CHECK_EQ(seL4_IRQHandler_Ack(handler), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_IOPort_Out8(ports, com2, 'r'), seL4_NoError);
    KEEL_CHECK_EQ(wait_for_badge(ntfn), 0x9);
    KEEL_CHECK_EQ(seL4_X86_IOPort_Out8(ports, ier, 0), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, handler, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, ports, 64), seL4_NoError);
}
