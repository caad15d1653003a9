// The x86_64 part of the differential driver (arch_world.h). The world: its VSpace roots are PML4s
// (8 and 48, ASIDs 1 and 2); small frames in 49-52, a large page from the 2 MiB untyped in 56, and tables in 53-55 and 57-59, a PDPT, a directory, a
// table and a frame mapped at 0x1000 in each PML4; I/O port control in 60; handler caps for IRQ 16
// (I/O APIC 0, pin 4) in 62 and IRQ 17 (an MSI) in 63, both signalling the notification in 12.
#include <sstream>
#include "arch/interrupts.h"
#include "arch/ioapic.h"
#include "arch/mmu.h"
#include "arch/traps.h"
#include "arch_world.h"
#include "object/interrupt.h"

namespace diff {

namespace {

constexpr word io_port_control_slot = 60;

void redirection(Report& r, const spec::State& s, word ioapic, word pin) {
    namespace io = arch::ioapic;
    u32 k = host::ioapic_entry(static_cast<unsigned>(ioapic), static_cast<unsigned>(pin));
    const spec::RedirectionEntry& sp = s.arch.ioapic[ioapic][pin];
    word expected = sp.vector | (word{sp.level} << io::entry_level_shift) |
                    (word{sp.active_low} << io::entry_polarity_shift) | (sp.masked ? word{io::entry_masked} : 0);
    r.expect(k, expected, [&] { return "I/O APIC " + std::to_string(ioapic) + " pin " + std::to_string(pin) + " entry"; });
}

}  // namespace

const std::vector<Step>& arch_setup_steps() {
    using T = core::ObjectType;
    using L = core::InvocationLabel;
    static const std::vector<Step> steps = {
        retype_step(T::SmallPage, 0, 49, 4), retype_step(T::PageTable, 0, 53, 1),
        retype_step(T::PageDirectory, 0, 54, 1), retype_step(T::Pdpt, 0, 55, 1),
        retype_step(T::LargePage, 0, 56, 1, big_untyped_slot), retype_step(T::PageDirectory, 0, 57, 1),
        retype_step(T::Pdpt, 0, 58, 1), retype_step(T::PageTable, 0, 59, 1),
        map_table_step(L::X86PDPTMap, 55, 8, 0), map_table_step(L::X86PageDirectoryMap, 54, 8, 0),
        map_table_step(L::X86PageTableMap, 53, 8, 0), map_frame_step(L::X86PageMap, 49, 8, 0x1000),
        map_table_step(L::X86PDPTMap, 58, 48, 0), map_table_step(L::X86PageDirectoryMap, 57, 48, 0),
        map_table_step(L::X86PageTableMap, 59, 48, 0), map_frame_step(L::X86PageMap, 50, 48, 0x1000),
        invoke_step(L::X86IRQIssueIRQHandlerIOAPIC, irq_control_slot, {62, 64, 0, 4, 0, 0, 0, 0}, 7, {2, 0, 0}, 1),
        invoke_step(L::X86IRQIssueIRQHandlerMSI, irq_control_slot, {63, 64, 0, 3, 0, 0, 1, 0}, 7, {2, 0, 0}, 1),
        invoke_step(L::IRQSetIRQHandler, 62, {}, 0, {12, 0, 0}, 1), invoke_step(L::IRQSetIRQHandler, 63, {}, 0, {12, 0, 0}, 1)};
    return steps;
}

void write_arch_caps(HostWorld& kernel) {
    HostWorld::write_original(core::Cap::of_type(core::CapType::IoPortControl), kernel.root[io_port_control_slot]);
}

void add_arch_caps(spec::CNode& root) {
    root.slots[io_port_control_slot].cap = spec::Cap{.type = spec::CapType::IoPortControl};
    root.slots[io_port_control_slot].original = true;
}

// As the x86_64 trap entry: the faulting instruction is the one to restart.
void kernel_user_fault(core::Tcb& t, const host::UserAccess& a) {
    t.context.fault_ip = t.context.rip;
    t.context.vector = arch::vector_page_fault;
    t.context.error = a.fault;
    core::handle_user_exception(t);
}

// The kernel takes an interrupt as the x86_64 trap entry hands it on (IRQ = vector - 32), when the
// simulated I/O APIC lets it through; an MSI always arrives.
bool kernel_interrupt(const Step& st) {
    word vector = st.msi ? st.vector : host::raise_ioapic_pin(static_cast<unsigned>(st.ioapic), static_cast<unsigned>(st.pin));
    if (!vector) return false;
    core::handle_interrupt(vector - arch::irq_vector_offset);
    return true;
}

void spec_interrupt(spec::State& s, const Step& st) {
    if (st.msi) spec::msi_received(s, st.vector);
    else spec::ioapic_pin_raised(s, st.ioapic, st.pin);
}

std::string describe_interrupt(const Step& st) {
    if (st.msi) return "MSI with vector " + std::to_string(st.vector);
    return "I/O APIC " + std::to_string(st.ioapic) + " pin " + std::to_string(st.pin) + " raised";
}

spec::ArchCap abstract_arch_cap(const core::Cap& c) {
    if (c.type() != core::CapType::IoPort) return {};
    return {arch::io_port_first(c), arch::io_port_last(c)};
}

void compare_arch_cap(Report& r, const spec::ArchCap& kernel, const spec::ArchCap& spec, const std::string& where) {
    r.expect(kernel.port_first, spec.port_first, [&] { return where + " first I/O port"; });
    r.expect(kernel.port_last, spec.port_last, [&] { return where + " last I/O port"; });
}

// Every IRQ's source, and every I/O APIC pin's redirection entry as the kernel wrote it to the
// simulated controller.
void compare_arch_interrupts(Report& r, const spec::State& s) {
    for (word irq = 0; irq <= spec::max_irq; irq++) {
        const arch::IrqSource& k = arch::irq_source(irq);
        const spec::IrqSource& sp = s.arch.irq_source[irq];
        auto n = [irq](const char* what) { return "IRQ " + std::to_string(irq) + what; };
        r.expect(static_cast<word>(k.kind), static_cast<word>(sp.kind), [&] { return n(" source"); });
        r.expect(k.ioapic, sp.ioapic, [&] { return n(" I/O APIC"); });
        r.expect(k.pin, sp.pin, [&] { return n(" pin"); });
    }
    for (word a = 0; a < spec::ioapic_pins.size(); a++) {
        for (word pin = 0; pin < spec::ioapic_pins[a]; pin++) redirection(r, s, a, pin);
    }
}

const void* kernel_asid_pool(word high) { return arch::asid_pool_at(high); }

word kernel_next_ip(core::Tcb& t) { return arch::next_ip_register(t.context); }

const char* const arch_name = "x86_64";

const std::vector<LabelName>& arch_labels() {
    using L = core::InvocationLabel;
    static const std::vector<LabelName> labels = {
        {L::X86PDPTMap, "X86PDPTMap"}, {L::X86PDPTUnmap, "X86PDPTUnmap"},
        {L::X86PageDirectoryMap, "X86PageDirectoryMap"}, {L::X86PageDirectoryUnmap, "X86PageDirectoryUnmap"},
        {L::X86PageTableMap, "X86PageTableMap"}, {L::X86PageTableUnmap, "X86PageTableUnmap"},
        {L::X86PageMap, "X86PageMap"}, {L::X86PageUnmap, "X86PageUnmap"}, {L::X86PageGetAddress, "X86PageGetAddress"},
        {L::X86ASIDControlMakePool, "X86ASIDControlMakePool"}, {L::X86ASIDPoolAssign, "X86ASIDPoolAssign"},
        {L::X86IOPortControlIssue, "X86IOPortControlIssue"}, {L::X86IOPortIn8, "X86IOPortIn8"},
        {L::X86IOPortIn16, "X86IOPortIn16"}, {L::X86IOPortIn32, "X86IOPortIn32"}, {L::X86IOPortOut8, "X86IOPortOut8"},
        {L::X86IOPortOut16, "X86IOPortOut16"}, {L::X86IOPortOut32, "X86IOPortOut32"},
        {L::X86IRQIssueIRQHandlerIOAPIC, "X86IRQIssueIRQHandlerIOAPIC"},
        {L::X86IRQIssueIRQHandlerMSI, "X86IRQIssueIRQHandlerMSI"}};
    return labels;
}

}  // namespace diff
