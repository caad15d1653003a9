// The IRQ invocations on the simulated machine's I/O APICs: what the kernel writes to a pin's
// redirection entry, what an interrupt does, and the range errors with seL4's bounds.
#include <gtest/gtest.h>
#include "arch/host_machine.h"
#include "arch/interrupts.h"
#include "arch/ioapic.h"
#include "cspace/cte.h"
#include "generated/invocations.h"
#include "host_world.h"
#include "object/endpoint.h"
#include "object/interrupt.h"

namespace {

using L = core::InvocationLabel;
constexpr word irq_control = 4, ntfn = 10, handler = 20;
constexpr word range_error = 4, revoke_first = 9;

struct IrqWorld : HostWorld {
    IrqWorld() {
        write_original(core::Cap::of_type(core::CapType::IrqControl), root[irq_control]);
        constexpr word notification_type = 3;
        EXPECT_EQ(call(untyped_slot, word(L::UntypedRetype), {notification_type, 0, 0, 0, ntfn, 1}, {2}), 0u);
    }
    // GetIOAPIC for IRQ 16 + offset into `slot`.
    word get_ioapic(word slot, word ioapic, word pin, word level, word polarity, word offset) {
        return call(irq_control, word(L::X86IRQIssueIRQHandlerIOAPIC), {slot, 64, ioapic, pin, level, polarity, offset}, {2});
    }
    word get_msi(word bus, word dev, word func, word offset) {
        return call(irq_control, word(L::X86IRQIssueIRQHandlerMSI), {handler, 64, bus, dev, func, 0, offset}, {2});
    }
    // A device raises the pin; the kernel takes the vector, if any, as the trap entry would.
    word raise(unsigned ioapic, unsigned pin) {
        word vector = host::raise_ioapic_pin(ioapic, pin);
        if (vector) core::handle_interrupt(vector - arch::irq_vector_offset);
        return vector;
    }
    core::Notification& notification() { return *static_cast<core::Notification*>(root[ntfn].cap.ptr()); }
};

}  // namespace

TEST(Interrupts, GetIOAPICRoutesThePinToTheIrqsVectorUnmasked) {
    IrqWorld w;
    EXPECT_EQ(w.get_ioapic(handler, 1, 3, 1, 1, 5), 0u);
    EXPECT_EQ(host::ioapic_entry(1, 3), (1u << 15) | (1u << 13) | (16 + 5 + 0x20));
    EXPECT_EQ(host::ioapic_entry(0, 3), arch::ioapic::entry_masked);
    EXPECT_EQ(w.root[handler].cap.type(), core::CapType::IrqHandler);
    EXPECT_EQ(w.root[handler].cap.irq(), 21u);
    EXPECT_TRUE(core::is_mdb_parent_of(w.root[irq_control], w.root[handler]));
    EXPECT_EQ(arch::irq_source(21).kind, arch::IrqSource::Kind::IoApic);
    EXPECT_EQ(w.get_ioapic(handler + 1, 0, 0, 0, 0, 5), revoke_first);
}

TEST(Interrupts, AnInterruptSignalsMasksAndIsAcknowledged) {
    IrqWorld w;
    ASSERT_EQ(w.get_ioapic(handler, 0, 9, 0, 0, 0), 0u);
    ASSERT_EQ(w.call(handler, word(L::IRQSetIRQHandler), {}, {ntfn}), 0u);
    word eois = host::interrupts_acknowledged();
    EXPECT_EQ(w.raise(0, 9), 16u + 0x20);
    EXPECT_EQ(w.notification().state(), core::NtfnState::Active);
    EXPECT_EQ(host::interrupts_acknowledged(), eois + 1);
    EXPECT_EQ(w.raise(0, 9), 0u);  // masked until acknowledged
    ASSERT_EQ(w.call(handler, word(L::IRQAckIRQ), {}), 0u);
    EXPECT_EQ(host::ioapic_entry(0, 9), 16u + 0x20);
}

TEST(Interrupts, DeletingTheHandlerMasksThePinAndFreesTheIrq) {
    IrqWorld w;
    ASSERT_EQ(w.get_ioapic(handler, 0, 9, 0, 0, 0), 0u);
    ASSERT_EQ(w.call(handler, word(L::IRQSetIRQHandler), {}, {ntfn}), 0u);
    EXPECT_EQ(core::irq_node_slot(16).cap.type(), core::CapType::Notification);
    ASSERT_EQ(w.call(2, word(L::CNodeDelete), {handler, 64}), 0u);
    EXPECT_TRUE(core::irq_node_slot(16).cap.is_null());
    EXPECT_FALSE(core::irq_active(16));
    EXPECT_EQ(host::ioapic_entry(0, 9), arch::ioapic::entry_masked | (16 + 0x20));
    EXPECT_EQ(w.get_ioapic(handler, 0, 9, 0, 0, 0), 0u);
}

TEST(Interrupts, RangeErrorsCarrySeL4sBounds) {
    IrqWorld w;
    auto expect_range = [&](word got, word min, word max) {
        EXPECT_EQ(got, range_error);
        EXPECT_EQ(w.mr(0), min);
        EXPECT_EQ(w.mr(1), max);
    };
    expect_range(w.get_ioapic(handler, 2, 0, 0, 0, 0), 0, 1);    // two I/O APICs
    expect_range(w.get_ioapic(handler, 1, 16, 0, 0, 0), 0, 15);  // the second has 16 pins
    expect_range(w.get_ioapic(handler, 0, 23, 2, 0, 0), 0, 1);
    expect_range(w.get_ioapic(handler, 0, 23, 0, 2, 0), 0, 1);
    expect_range(w.get_ioapic(handler, 0, 23, 0, 0, 108), 0, 107);
    expect_range(w.get_msi(256, 0, 0, 0), 0, 255);
    expect_range(w.get_msi(0, 32, 0, 0), 0, 31);
    expect_range(w.get_msi(0, 0, 8, 0), 0, 7);
    EXPECT_TRUE(w.root[handler].cap.is_null());
}
