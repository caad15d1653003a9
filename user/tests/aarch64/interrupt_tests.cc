// INTERRUPT on aarch64: IRQControl and IRQHandler with the GIC's interrupt IDs (qemu-arm-virt:
// 0 to maxIRQ 159; the kernel's tick is the virtual timer's PPI, INTID 27).
#include "cspace_helpers.h"

using namespace keel;

namespace {
constexpr seL4_Word max_irq = 159;
constexpr seL4_Word spi = 40;  // a QEMU virt SPI no device drives
}  // namespace

KEEL_TEST(INTERRUPT0007, "aarch64: IRQControl_Get hands out a GIC interrupt once, up to maxIRQ 159, never the kernel's tick (27); SetNotification wants a notification cap with Write") {
    seL4_CPtr handler = alloc_slot();
    KEEL_CHECK_EQ(seL4_IRQControl_Get(seL4_CapIRQControl, spi, root, handler, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQControl_Get(seL4_CapIRQControl, spi, root, alloc_slot(), 64), seL4_RevokeFirst);
    KEEL_CHECK_EQ(seL4_IRQControl_Get(seL4_CapIRQControl, 27, root, alloc_slot(), 64), seL4_RevokeFirst);
    KEEL_CHECK_EQ(seL4_IRQControl_Get(seL4_CapIRQControl, max_irq + 1, root, alloc_slot(), 64), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_GetMR(1), max_irq);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr read_only = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, read_only, 64, root, ntfn, 64, seL4_CanRead, 0), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_SetNotification(handler, read_only), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_IRQHandler_SetNotification(handler, ntfn), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_Clear(handler), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_Ack(handler), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, handler, 64), seL4_NoError);
    seL4_CPtr again = alloc_slot();
    KEEL_CHECK_EQ(seL4_IRQControl_Get(seL4_CapIRQControl, spi, root, again, 64), seL4_NoError);  // free again
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, again, 64), seL4_NoError);
}

KEEL_TEST(INTERRUPT0008, "aarch64: IRQControl_GetTrigger (ARMIRQIssueIRQHandlerTrigger) checks length, the CNode, the range, activity and the slot in seL4's order") {
    seL4_CPtr handler = alloc_slot();
    seL4_SetMR(0, spi);
    seL4_MessageInfo_t short_msg = seL4_MessageInfo_new(ARMIRQIssueIRQHandlerTrigger, 0, 1, 3);
    seL4_SetCap(0, root);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(seL4_Call(seL4_CapIRQControl, short_msg)), seL4_TruncatedMessage);
    KEEL_CHECK_EQ(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, max_irq + 1, 1, root, handler, 64), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, 27, 0, root, handler, 64), seL4_RevokeFirst);
    KEEL_CHECK_EQ(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, spi, 1, root, seL4_CapInitThreadTCB, 64),
                  seL4_DeleteFirst);
    KEEL_CHECK_EQ(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, spi, 1, root, handler, 64), seL4_NoError);  // edge
    KEEL_CHECK_EQ(seL4_IRQControl_Get(seL4_CapIRQControl, spi, root, alloc_slot(), 64), seL4_RevokeFirst);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, handler, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, spi, 0, root, handler, 64), seL4_NoError);  // level
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, handler, 64), seL4_NoError);
}

KEEL_TEST(INTERRUPT0009, "aarch64: IRQControl_IssueSGISignal checks length, the SGI (RangeError [0, 15]), the target (InvalidArgument 1) and the slot; its cap raises the SGI, which an IRQ handler for it delivers as a signal") {
    constexpr seL4_Word sgi = 3;
    seL4_CPtr sgi_cap = alloc_slot();
    seL4_SetMR(0, sgi);
    seL4_SetCap(0, root);
    seL4_MessageInfo_t short_msg = seL4_MessageInfo_new(ARMIRQIssueSGISignal, 0, 1, 3);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(seL4_Call(seL4_CapIRQControl, short_msg)), seL4_TruncatedMessage);
    KEEL_CHECK_EQ(seL4_IRQControl_IssueSGISignal(seL4_CapIRQControl, 16, 0, root, sgi_cap, 64), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_GetMR(1), 15);
    KEEL_CHECK_EQ(seL4_IRQControl_IssueSGISignal(seL4_CapIRQControl, sgi, 0x100000000ul, root, sgi_cap, 64),
                  seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(seL4_IRQControl_IssueSGISignal(seL4_CapIRQControl, sgi, 0, root, seL4_CapInitThreadTCB, 64),
                  seL4_DeleteFirst);
    KEEL_CHECK_EQ(seL4_IRQControl_IssueSGISignal(seL4_CapIRQControl, sgi, 0, root, sgi_cap, 64), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(sgi_cap), 27u);  // seL4's sgi_signal_cap
    // SGI 3 on this CPU (target 0: CPU interface 0, or affinity 0.0.0.0) through its own IRQ handler.
    seL4_CPtr handler = alloc_slot();
    KEEL_CHECK_EQ(seL4_IRQControl_Get(seL4_CapIRQControl, sgi, root, handler, 64), seL4_NoError);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr badged = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, badged, 64, root, ntfn, 64, seL4_AllRights, 0x5), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_SetNotification(handler, badged), seL4_NoError);
    seL4_Word badge = 0;
    seL4_Poll(ntfn, &badge);
    KEEL_CHECK_EQ(badge, 0);  // nothing yet
    seL4_Signal(sgi_cap);
    seL4_Wait(ntfn, &badge);  // the SGI is taken at the kernel's way out, or while the root task waits
    KEEL_CHECK_EQ(badge, 0x5);
    KEEL_CHECK_EQ(seL4_IRQHandler_Ack(handler), seL4_NoError);
    seL4_Signal(sgi_cap);  // again, after the Ack unmasked it
    badge = 0;
    seL4_Wait(ntfn, &badge);
    KEEL_CHECK_EQ(badge, 0x5);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, handler, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, sgi_cap, 64), seL4_NoError);
}
