// What the differential driver (differential.cc) takes from the architecture's part
// (tests/spec/arch/<arch>/world.cc): the arch's objects and caps in the world, how a faulting user
// access and a device interrupt enter the kernel, and the arch's own cap fields and state compared.
#pragma once
#include <array>
#include <string>
#include <vector>
#include "../host/host_world.h"
#include "generated/invocations.h"
#include "object/untyped.h"
#include "report.h"
#include "spec.h"

namespace diff {

// The world both sides start from (differential.cc): the root CNode (HostWorld's: the untyped in
// slot 1, itself in 2), the domain cap in 3, the root thread's TCB in 4, ASID control in 5, a 2 MiB
// untyped at 4 MiB in 9, IRQ control in 61; then, by the root thread's system calls, a 4 KiB
// untyped (6) made the ASID pool in 7 and two VSpace roots (8 and 48) given ASIDs 1 and 2.
constexpr word root_cnode = 0x2000;
constexpr word domain_slot = 3, asid_control_slot = 5, big_untyped_slot = 9, irq_control_slot = 61;
constexpr std::array<word, 2> vspace_root_slots{8, 48};

// Steps of the root thread that make objects: a Retype of `count` objects into `slot` on, and an
// invocation of the cap in `slot`.
Step retype_step(core::ObjectType type, word bits, word slot, word count, word untyped = HostWorld::untyped_slot);
Step invoke_step(core::InvocationLabel label, word slot, std::array<word, 8> words, word length,
                 std::array<word, 3> caps, word extra);
// A Map of the frame (read-write) or the paging structure in `slot` at `vaddr` in `root`.
Step map_frame_step(core::InvocationLabel label, word slot, word root, word vaddr);
Step map_table_step(core::InvocationLabel label, word slot, word root, word vaddr);

// ---- the architecture's part
// The arch's objects, made after the generic ones and the VSpace roots by the root thread's system
// calls.
const std::vector<Step>& arch_setup_steps();
// The arch's caps the world boots with in the root CNode, on each side.
void write_arch_caps(HostWorld& kernel);
void add_arch_caps(spec::CNode& root);
// A user access that faulted, as the arch's trap entry hands it to the kernel.
void kernel_user_fault(core::Tcb& t, const host::UserAccess& a);
// A device interrupt step, on each side; the kernel's says whether the controller delivered it.
bool kernel_interrupt(const Step& st);
// MCS: the machine's clock runs on `ticks`: true when it reached the timer's deadline (then
// spent); the deadline set (~0: none).
bool kernel_pass_time(word ticks);
word kernel_timer_deadline();
// MCS: every read of the clock from now on first lets `ticks` pass (a long operation's time).
void kernel_time_per_read(word ticks);
void spec_interrupt(spec::State& s, const Step& st);
std::string describe_interrupt(const Step& st);
// The arch's own cap fields of a kernel cap, and their comparison.
spec::ArchCap abstract_arch_cap(const core::Cap& c);
void compare_arch_cap(Report& r, const spec::ArchCap& kernel, const spec::ArchCap& spec, const std::string& where);
// The arch's own interrupt state (where IRQs come from, the controller's entries).
void compare_arch_interrupts(Report& r, const spec::State& s);
// The kernel's ASID pool of high ASID part `high` (nullptr: none), and where a thread resumes.
const void* kernel_asid_pool(word high);
word kernel_next_ip(core::Tcb& t);
// The arch's name and its invocation labels (spec-check counts them).
struct LabelName {
    core::InvocationLabel label;
    const char* name;
};
extern const char* const arch_name;
const std::vector<LabelName>& arch_labels();

}  // namespace diff
