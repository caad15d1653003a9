// The riscv64 part of the differential driver (arch_world.h). The world: its VSpace roots are page
// tables (8 and 48, ASIDs 1 and 2); small frames in 49-52, a megapage from the 2 MiB untyped in 56, page tables in 53-55 and 57-59: in each root
// two tables (53 and 54, 57 and 58) down to a frame mapped at 0x1000, 55 and 59 spare; handler caps
// for IRQs 10 (QEMU virt's UART) and 11 in 62 and 63, both signalling the notification in 12.
#include "arch/traps.h"
#include "arch_world.h"
#include "object/interrupt.h"

namespace diff {

namespace {

Step issue_step(word irq, word slot) {
    return invoke_step(core::InvocationLabel::RISCVIRQIssueIRQHandlerTrigger, irq_control_slot, {irq, 0, slot, 64},
                       4, {2, 0, 0}, 1);
}

}  // namespace

const std::vector<Step>& arch_setup_steps() {
    using T = core::ObjectType;
    using L = core::InvocationLabel;
    static const std::vector<Step> steps = {
        retype_step(T::SmallPage, 0, 49, 4), retype_step(T::PageTable, 0, 53, 3),
        retype_step(T::LargePage, 0, 56, 1, big_untyped_slot), retype_step(T::PageTable, 0, 57, 3),
        map_table_step(L::RISCVPageTableMap, 53, 8, 0), map_table_step(L::RISCVPageTableMap, 54, 8, 0),
        map_frame_step(L::RISCVPageMap, 49, 8, 0x1000),
        map_table_step(L::RISCVPageTableMap, 57, 48, 0), map_table_step(L::RISCVPageTableMap, 58, 48, 0),
        map_frame_step(L::RISCVPageMap, 50, 48, 0x1000),
        issue_step(10, 62), issue_step(11, 63),
        invoke_step(L::IRQSetIRQHandler, 62, {}, 0, {12, 0, 0}, 1), invoke_step(L::IRQSetIRQHandler, 63, {}, 0, {12, 0, 0}, 1)};
    return steps;
}

// As the riscv64 trap entry: the faulting instruction is the one to restart, scause says what
// happened (stval, its address, the simulated machine keeps).
void kernel_user_fault(core::Tcb& t, const host::UserAccess& a) {
    t.context.fault_ip = t.context.next_ip;
    t.context.scause = a.fault;
    core::handle_user_exception(t);
}

// The kernel takes a PLIC source's interrupt when its hart context has the source enabled.
bool kernel_interrupt(const Step& st) {
    if (!host::raise_plic_source(st.pin)) return false;
    core::handle_interrupt(st.pin);
    return true;
}

void spec_interrupt(spec::State& s, const Step& st) { spec::plic_source_raised(s, st.pin); }

std::string describe_interrupt(const Step& st) { return "PLIC source " + std::to_string(st.pin) + " raised"; }

// Every PLIC source's enable bit for the kernel's hart context.
void compare_arch_interrupts(Report& r, const spec::State& s) {
    for (word irq = 1; irq <= spec::plic_max_irq; irq++) {
        r.expect(host::plic_enabled(irq), s.arch.enabled[irq], [&] { return "PLIC source " + std::to_string(irq) + " enabled"; });
    }
}

word kernel_next_ip(core::Tcb& t) { return t.context.next_ip; }

const char* const arch_name = "riscv64";

const std::vector<LabelName>& arch_labels() {
    using L = core::InvocationLabel;
    static const std::vector<LabelName> labels = {
        {L::RISCVPageTableMap, "RISCVPageTableMap"}, {L::RISCVPageTableUnmap, "RISCVPageTableUnmap"},
        {L::RISCVPageMap, "RISCVPageMap"}, {L::RISCVPageUnmap, "RISCVPageUnmap"},
        {L::RISCVPageGetAddress, "RISCVPageGetAddress"}, {L::RISCVASIDControlMakePool, "RISCVASIDControlMakePool"},
        {L::RISCVASIDPoolAssign, "RISCVASIDPoolAssign"},
        {L::RISCVIRQIssueIRQHandlerTrigger, "RISCVIRQIssueIRQHandlerTrigger"}};
    return labels;
}

}  // namespace diff
