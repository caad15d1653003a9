// The aarch64 part of the differential driver (arch_world.h). The world: its VSpace roots (8 and
// 48, ASIDs 1 and 2) are VSpaces; small frames in 49-52, a large page from the 2 MiB untyped in
// 56, page tables in 53-55 and 57-59: in each root three tables (53-55, 57-59) down to a frame
// mapped at 0x1000, spare tables in 64 and 65; handler caps for IRQs 33 (QEMU virt's PL011) and 34
// in 62 and 63, both signalling the notification in 12.
#include "arch/host_machine.h"
#include "arch/interrupts.h"
#include "arch/traps.h"
#include "arch_world.h"
#include "object/interrupt.h"

namespace diff {

namespace {

Step issue_step(word irq, word slot) {
    return invoke_step(core::InvocationLabel::ARMIRQIssueIRQHandlerTrigger, irq_control_slot, {irq, 0, slot, 64}, 4,
                       {2, 0, 0}, 1);
}

}  // namespace

const std::vector<Step>& arch_setup_steps() {
    using T = core::ObjectType;
    using L = core::InvocationLabel;
    static const std::vector<Step> steps = {
        retype_step(T::SmallPage, 0, 49, 4), retype_step(T::PageTable, 0, 53, 3),
        retype_step(T::LargePage, 0, 56, 1, big_untyped_slot), retype_step(T::PageTable, 0, 57, 3),
        retype_step(T::PageTable, 0, 64, 2),
        map_table_step(L::ARMPageTableMap, 53, 8, 0), map_table_step(L::ARMPageTableMap, 54, 8, 0),
        map_table_step(L::ARMPageTableMap, 55, 8, 0), map_frame_step(L::ARMPageMap, 49, 8, 0x1000),
        map_table_step(L::ARMPageTableMap, 57, 48, 0), map_table_step(L::ARMPageTableMap, 58, 48, 0),
        map_table_step(L::ARMPageTableMap, 59, 48, 0), map_frame_step(L::ARMPageMap, 50, 48, 0x1000),
        issue_step(33, 62), issue_step(34, 63),
        invoke_step(L::IRQSetIRQHandler, 62, {}, 0, {12, 0, 0}, 1), invoke_step(L::IRQSetIRQHandler, 63, {}, 0, {12, 0, 0}, 1)};
    return steps;
}

// As the aarch64 exception entry: the faulting instruction is the one to restart; ESR_EL1 and
// FAR_EL1, which the kernel reads, the simulated machine keeps.
void kernel_user_fault(core::Tcb& t, const host::UserAccess&) {
    t.context.fault_ip = t.context.elr_el1;
    core::handle_user_exception(t);
}

// The kernel takes the GIC's interrupt when the distributor has it enabled.
bool kernel_interrupt(const Step& st) {
    if (!host::raise_gic_interrupt(st.pin)) return false;
    word irq = 0;
    if (!arch::take_pending_interrupt(irq)) return false;
    core::handle_interrupt(irq);
    return true;
}

void spec_interrupt(spec::State& s, const Step& st) { spec::gic_interrupt_raised(s, st.pin); }

std::string describe_interrupt(const Step& st) { return "GIC interrupt " + std::to_string(st.pin) + " raised"; }

// Every interrupt's enable bit at the distributor.
void compare_arch_interrupts(Report& r, const spec::State& s) {
    for (word irq = 0; irq <= spec::max_irq; irq++) {
        r.expect(host::gic_enabled(irq), s.arch.enabled[irq], [&] { return "GIC interrupt " + std::to_string(irq) + " enabled"; });
    }
}

word kernel_next_ip(core::Tcb& t) { return t.context.elr_el1; }

const char* const arch_name = "aarch64";

const std::vector<LabelName>& arch_labels() {
    using L = core::InvocationLabel;
    static const std::vector<LabelName> labels = {
        {L::ARMPageTableMap, "ARMPageTableMap"}, {L::ARMPageTableUnmap, "ARMPageTableUnmap"},
        {L::ARMPageMap, "ARMPageMap"}, {L::ARMPageUnmap, "ARMPageUnmap"},
        {L::ARMPageClean_Data, "ARMPageClean_Data"}, {L::ARMPageInvalidate_Data, "ARMPageInvalidate_Data"},
        {L::ARMPageCleanInvalidate_Data, "ARMPageCleanInvalidate_Data"}, {L::ARMPageUnify_Instruction, "ARMPageUnify_Instruction"},
        {L::ARMVSpaceClean_Data, "ARMVSpaceClean_Data"}, {L::ARMVSpaceInvalidate_Data, "ARMVSpaceInvalidate_Data"},
        {L::ARMVSpaceCleanInvalidate_Data, "ARMVSpaceCleanInvalidate_Data"},
        {L::ARMVSpaceUnify_Instruction, "ARMVSpaceUnify_Instruction"},
        {L::ARMPageGetAddress, "ARMPageGetAddress"}, {L::ARMASIDControlMakePool, "ARMASIDControlMakePool"},
        {L::ARMASIDPoolAssign, "ARMASIDPoolAssign"}, {L::ARMIRQIssueIRQHandlerTrigger, "ARMIRQIssueIRQHandlerTrigger"}};
    return labels;
}

}  // namespace diff
