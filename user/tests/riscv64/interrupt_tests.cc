// INTERRUPT on riscv64: IRQControl and IRQHandler with the PLIC's interrupts (QEMU virt: 1 to 95).
#include <keel/alloc.h>
#include <keel/process.h>
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

namespace {

// QEMU virt's goldfish RTC (PLIC source 11): the alarm raises its line when the RTC's nanosecond
// count reaches it, CLEAR_INTERRUPT lowers it. Reading the time's low half latches its high half;
// writing the alarm's low half arms it.
constexpr seL4_Word rtc_paddr = 0x101000, rtc_irq = 11, rtc_vaddr = 0x2400000000;
enum : seL4_Word { time_low = 0, time_high = 1, alarm_low = 2, alarm_high = 3, irq_enabled = 4, clear_interrupt = 7 };
volatile seL4_Uint32* const rtc = reinterpret_cast<volatile seL4_Uint32*>(rtc_vaddr);

seL4_Word rtc_now() {
    seL4_Word now = rtc[time_low];
    return now | seL4_Word{rtc[time_high]} << 32;
}

// Arms the alarm a millisecond ahead, then polls `ntfn` for up to 200 ms of the RTC's time: the
// badge it got, or 0.
seL4_Word alarm_badge(seL4_CPtr ntfn) {
    constexpr seL4_Word ms = 1000000;
    seL4_Word alarm = rtc_now() + ms;
    rtc[alarm_high] = static_cast<seL4_Uint32>(alarm >> 32);
    rtc[alarm_low] = static_cast<seL4_Uint32>(alarm);
    seL4_Word badge = 0;
    while (!badge && rtc_now() < alarm + 200 * ms) seL4_Poll(ntfn, &badge);
    rtc[clear_interrupt] = 1;
    return badge;
}

}  // namespace

KEEL_TEST(INTERRUPT0008, "riscv64: a signalled PLIC interrupt stays enabled (seL4 masks none on RISC-V): the RTC's second alarm arrives without an Ack") {
    seL4_CPtr frame = keel_device_frame(rtc_paddr);
    KEEL_CHECK(frame != 0);
    KEEL_CHECK_EQ(keel_map_frame(frame, seL4_CapInitThreadVSpace, rtc_vaddr, seL4_ReadWrite), 0);
    seL4_CPtr handler = alloc_slot();
    KEEL_CHECK_EQ(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, rtc_irq, 0, root, handler, 64), seL4_NoError);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr badged = minted(ntfn, seL4_AllRights, 0x11);
    KEEL_CHECK_EQ(seL4_IRQHandler_SetNotification(handler, badged), seL4_NoError);
    rtc[clear_interrupt] = 1;
    rtc[irq_enabled] = 1;
    KEEL_CHECK_EQ(alarm_badge(ntfn), 0x11);
    KEEL_CHECK_EQ(alarm_badge(ntfn), 0x11);  // no Ack between the two
    KEEL_CHECK_EQ(seL4_IRQHandler_Ack(handler), seL4_NoError);
    KEEL_CHECK_EQ(alarm_badge(ntfn), 0x11);
    rtc[irq_enabled] = 0;
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, handler, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_RISCV_Page_Unmap(frame), seL4_NoError);
}
