// INTERRUPT on riscv64: IRQControl and IRQHandler with the PLIC's interrupts (QEMU virt: 1 to 95).
#include "cspace_helpers.h"

using namespace keel;

KEEL_TEST(INTERRUPT0007, "riscv64: IRQControl_Get hands out a PLIC interrupt once; SetNotification wants a notification cap with Write") {
    constexpr seL4_Word uart_irq = 10;  // QEMU virt's UART0, which the kernel (printing through SBI) leaves alone
    seL4_CPtr handler = alloc_slot();
    KEEL_CHECK_EQ(seL4_IRQControl_Get(seL4_CapIRQControl, uart_irq, root, handler, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQControl_Get(seL4_CapIRQControl, uart_irq, root, alloc_slot(), 64), seL4_RevokeFirst);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr read_only = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, read_only, 64, root, ntfn, 64, seL4_CanRead, 0), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_SetNotification(handler, read_only), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_IRQHandler_SetNotification(handler, seL4_CapInitThreadTCB), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_IRQHandler_SetNotification(handler, ntfn), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_Clear(handler), seL4_NoError);
    KEEL_CHECK_EQ(seL4_IRQHandler_Ack(handler), seL4_NoError);
    seL4_MessageInfo_t bad = seL4_MessageInfo_new(IRQClearIRQHandler + 10, 0, 0, 0);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(seL4_Call(handler, bad)), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, handler, 64), seL4_NoError);
}
