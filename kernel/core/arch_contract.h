// The architecture contract: every arch:: name core uses, with what core needs it for, checked at
// compile time against the architecture the build selects (core/arch_contract.cc).
//
// It lives in core/ because it is core's statement of need (architecture.md §5): an architecture
// (a folder under kernel/arch; arch/host is the simulated machine of the host tests) provides these names with these types, under the same
// header names, picked by include path. The header declares nothing in namespace arch; it only
// includes the arch headers and asserts. A name missing from an architecture fails here with the
// compiler's "no member named ... in namespace 'arch'"; a name with another type fails with the
// static_assert's message naming the name and the type core expects.
//
// Inventory of 2026-12-02: 77 names from 14 headers and two enumerator lists (grep -o
// 'arch::[a-z_A-Z]*' kernel/core), besides the generated invocation tables and calling.h's
// ARCH_PRESERVE_MOST. The "boot sources" names are those the generic boot code (the root task and
// BootInfo) asks of the arch; the firmware's own formats live in the arch (see C below).
// What core still takes from the architecture without a contract name is listed at the end.
#pragma once
#include "arch/caps.h"
#include "arch/clear_memory.h"
#include "arch/console.h"
#include "arch/context.h"
#include "arch/elf.h"
#include "arch/halt.h"
#include "arch/interrupts.h"
#include "arch/mmu.h"
#include "arch/switch.h"
#include "arch/traps.h"
#include "arch/user_memory.h"
#include "arch/vspace.h"

namespace core::contract {

// T is exactly U (no <concepts> in the freestanding kernel).
template <typename T, typename U>
concept is = __is_same(T, U);

// The saved user registers, a member of every Tcb: core value-initialises, copies and assigns them.
template <typename C>
concept user_context = requires(C& c, const C& other) {
    C{};
    c = other;
};

// --- context and registers (arch/context.h) -------------------------------------------------------
static_assert(user_context<arch::Context>, "arch::Context: a copyable, value-initialisable register set");
// seL4_TCBBits: the size of a TCB object, which holds the Tcb with its Context and FpuState.
static_assert(is<decltype(arch::tcb_bits), const unsigned>, "arch::tcb_bits");
// seL4's register roles for the syscall ABI: the invoked cap, the badge delivered, the message info,
// message registers 0..n (IPC transfer, the fastpath, fault replies).
static_assert(is<decltype(&arch::cap_register), word& (*)(arch::Context&)>, "arch::cap_register");
static_assert(is<decltype(&arch::badge_register), word& (*)(arch::Context&)>, "arch::badge_register");
static_assert(is<decltype(&arch::msg_info_register), word& (*)(arch::Context&)>, "arch::msg_info_register");
static_assert(is<decltype(&arch::msg_register), word& (*)(arch::Context&, unsigned)>, "arch::msg_register");
// MCS: the reply cap (Recv, ReplyRecv, NBSendWait) and NBSendRecv's destination cap.
static_assert(is<decltype(&arch::reply_register), word& (*)(arch::Context&)>, "arch::reply_register");
static_assert(is<decltype(&arch::nb_send_recv_dest_register), word& (*)(arch::Context&)>,
              "arch::nb_send_recv_dest_register");
// seL4_SetTLSBase writes it, when the address passes is_canonical.
static_assert(is<decltype(&arch::tls_base_register), word& (*)(arch::Context&)>, "arch::tls_base_register");
static_assert(is<decltype(&arch::is_canonical), bool (*)(word)>, "arch::is_canonical");
// The user stack trace of a faulting thread (fault.cc, debug printing).
static_assert(is<decltype(&arch::stack_pointer_register), word& (*)(arch::Context&)>,
              "arch::stack_pointer_register");
// seL4's getRestartPC, setNextPC(getRestartPC) and updateRestartPC: where a restarted entry
// resumes (fault messages, the debug dumps, userError), running it again (a restarted system call,
// WriteRegisters/CopyRegisters with resume), and moving it to where a stopped thread would resume
// (suspend); the stack pointer for the capDL dump.
static_assert(is<decltype(&arch::restart_pc), word (*)(const arch::Context&)>, "arch::restart_pc");
static_assert(is<decltype(&arch::stack_pointer), word (*)(const arch::Context&)>, "arch::stack_pointer");
static_assert(is<decltype(&arch::resume_at_restart_pc), void (*)(arch::Context&)>, "arch::resume_at_restart_pc");
static_assert(is<decltype(&arch::update_restart_pc), void (*)(arch::Context&)>, "arch::update_restart_pc");
// TCB ReadRegisters/WriteRegisters/CopyRegisters: register i in seL4_UserContext order, the count of
// frame and general registers, and what a user may write into register i.
static_assert(is<decltype(&arch::user_register), word& (*)(arch::Context&, unsigned)>, "arch::user_register");
static_assert(is<decltype(arch::frame_registers), const unsigned>, "arch::frame_registers");
static_assert(is<decltype(arch::tls_base_user_register), const unsigned>, "arch::tls_base_user_register");
static_assert(is<decltype(arch::gp_registers), const unsigned>, "arch::gp_registers");
static_assert(is<decltype(&arch::sanitise_user_register), word (*)(unsigned, word)>,
              "arch::sanitise_user_register");
// The fault messages of UnknownSyscall and UserException faults (seL4's layouts), the number of
// their words a handler's reply may write back, and the write-back.
static_assert(is<decltype(&arch::syscall_fault_message), unsigned (*)(arch::Context&, word*)>,
              "arch::syscall_fault_message");
static_assert(is<decltype(&arch::exception_fault_message), unsigned (*)(arch::Context&, word*)>,
              "arch::exception_fault_message");
static_assert(is<decltype(arch::syscall_reply_registers), const unsigned>, "arch::syscall_reply_registers");
static_assert(is<decltype(arch::timeout_reply_registers), const unsigned>, "arch::timeout_reply_registers");
static_assert(is<decltype(arch::exception_reply_registers), const unsigned>, "arch::exception_reply_registers");
static_assert(is<decltype(&arch::write_fault_reply_register), void (*)(arch::Context&, bool, unsigned, word)>,
              "arch::write_fault_reply_register");
// A new thread's registers: Retype of a TCB (entry 0), and the root task.
static_assert(is<decltype(&arch::initial_user_context), arch::Context (*)(word, word)>,
              "arch::initial_user_context");
// The FPU: the area every Tcb holds for it (arch::FpuState, whatever the arch saves), a new
// thread's initial state, and a thread that stops owning the FPU (deleted, suspended).
static_assert(is<decltype(&arch::init_fpu_state), void (*)(arch::FpuState&)>, "arch::init_fpu_state");
static_assert(is<decltype(&arch::forget_fpu_state), void (*)(Tcb&)>, "arch::forget_fpu_state");  // switch.h
// A user-mode exception as the seL4 fault it stands for (handle_user_exception).
static_assert(is<decltype(&arch::fault_from_exception), Fault (*)(arch::Context&)>,
              "arch::fault_from_exception");  // traps.h

// --- address spaces and arch caps (arch/mmu.h, arch/vspace.h, arch/clear_memory.h) ---------------------
// Invocations of the arch's cap types (paging structures, ASIDs, I/O ports), dispatched from invoke.
static_assert(is<decltype(&arch::decode_arch_invocation), SysStatus (*)(const Message&, Slot&)>,
              "arch::decode_arch_invocation");
// The deletion of an arch cap (seL4's Arch_finaliseCap).
static_assert(is<decltype(&arch::finalise_arch_cap), void (*)(const Cap&, bool)>, "arch::finalise_arch_cap");
// The physical root a thread runs on, from its VTable cap (0: none, the thread faults).
static_assert(is<decltype(&arch::thread_vspace_root), word (*)(const Cap&)>, "arch::thread_vspace_root");
// Checked builds: user mappings agree with the caps and the threads' ASIDs (nullptr, or what failed).
static_assert(is<decltype(&arch::check_vspace_coherence), const char* (*)(const Slot*, word)>,
              "arch::check_vspace_coherence");
static_assert(is<decltype(&arch::check_thread_vspaces), const char* (*)()>, "arch::check_thread_vspaces");
// Zeroing memory handed out by Retype and Untyped reset (a multiple of 256 bytes or a power of two
// of at least 16, 16-byte aligned).
static_assert(is<decltype(&arch::clear_memory), void (*)(void*, word)>, "arch::clear_memory");

// --- arch caps and objects (arch/caps.h, arch/cap_tags.inc, arch/object_types.inc) -----------------
// The arch's cap tags are odd (is_arch_cap); core creates and reads its frame, page-table and ASID
// caps by these names, every arch having them.
static_assert(is_arch_cap(CapType::Frame) && is_arch_cap(CapType::PageTable) && is_arch_cap(CapType::AsidControl) &&
                  is_arch_cap(CapType::AsidPool),
              "arch/cap_tags.inc: odd tags Frame, PageTable, AsidControl, AsidPool");
// Its object types follow the generic ones (seL4_NonArchObjectTypeCount), none before.
static_assert(object_type_count > non_arch_object_types, "arch/object_types.inc: numbered from non_arch_object_types");
// The size of each FrameSize, for IPC-buffer offsets and region comparisons.
static_assert(is<decltype(&arch::frame_size_bits), unsigned (*)(FrameSize)>, "arch::frame_size_bits");
// The derivation tree's arch cases, for arch caps only (seL4's Arch_sameRegionAs, Arch_sameObjectAs,
// Arch_isCapRevocable, Arch_deriveCap, Arch_maskCapRights, cap_get_capIsPhysical and
// cap_get_capSizeBits).
static_assert(is<decltype(&arch::same_region_as), bool (*)(const Cap&, const Cap&)>, "arch::same_region_as");
static_assert(is<decltype(&arch::same_object_as), bool (*)(const Cap&, const Cap&)>, "arch::same_object_as");
static_assert(is<decltype(&arch::is_cap_revocable), bool (*)(const Cap&, const Cap&)>, "arch::is_cap_revocable");
static_assert(is<decltype(&arch::derive_cap), SysResult<Cap> (*)(const Cap&)>, "arch::derive_cap");
static_assert(is<decltype(&arch::mask_cap_rights), Cap (*)(Rights, const Cap&)>, "arch::mask_cap_rights");
static_assert(is<decltype(&arch::is_physical), bool (*)(const Cap&)>, "arch::is_physical");
static_assert(is<decltype(&arch::cap_size_bits), unsigned (*)(const Cap&)>, "arch::cap_size_bits");
// Frames of the three page sizes are core's (every arch names ObjectType::SmallPage, LargePage,
// HugePage); Retype of the arch's other types: their size and the object set up with its cap
// (seL4's Arch_getObjectSize, Arch_createObject).
static_assert(is<decltype(ObjectType::SmallPage), ObjectType> && is<decltype(ObjectType::LargePage), ObjectType> &&
                  is<decltype(ObjectType::HugePage), ObjectType>,
              "arch/object_types.inc: SmallPage, LargePage, HugePage");
static_assert(is<decltype(&arch::object_size_bits), unsigned (*)(ObjectType)>, "arch::object_size_bits");
static_assert(is<decltype(&arch::create_object), Cap (*)(ObjectType, void*)>, "arch::create_object");
// TCB_SetSpace and Configure: the VTable caps a thread may run on (seL4's isValidVTableRoot).
static_assert(is<decltype(&arch::is_valid_vtable_root), bool (*)(const Cap&)>, "arch::is_valid_vtable_root");
// The root task: its VSpace root's cap type, the paging levels it gets caps for (each a type, a
// level of arch::paging_structure and the bits one structure spans) and slot 7's cap (null for none).
static_assert(is<decltype(arch::vspace_root_type), const CapType>, "arch::vspace_root_type");
static_assert(is<decltype(arch::boot_paging_levels[0].type), CapType> &&
                  is<decltype(arch::boot_paging_levels[0].level), unsigned> &&
                  is<decltype(arch::boot_paging_levels[0].span_bits), unsigned>,
              "arch::boot_paging_levels: {CapType type; unsigned level, span_bits;}[]");
static_assert(is<decltype(&arch::io_control_cap), Cap (*)()>, "arch::io_control_cap");
// MCS: where the SchedControl caps go, first or after the extra BootInfo pages (seL4's order differs).
static_assert(is<decltype(arch::sched_control_before_paging), const bool>, "arch::sched_control_before_paging");
// The capDL dump: the arch's name, and the line of an arch cap (false: none).
static_assert(is<decltype(arch::capdl_arch_name), const char[sizeof(arch::capdl_arch_name)]>, "arch::capdl_arch_name");
static_assert(is<decltype(&arch::print_capdl_cap), bool (*)(const Cap&)>, "arch::print_capdl_cap");

// --- leaving the kernel (arch/switch.h) ----------------------------------------------------------
// The end of a slow entry (core::return_to_user): the chosen thread's registers, address space and
// FPU restored, or the idle loop.
static_assert(is<decltype(&arch::restore_user_thread), void (*)(Tcb&)>, "arch::restore_user_thread");
static_assert(is<decltype(&arch::idle), void (*)()>, "arch::idle");

// --- interrupts and timer (arch/interrupts.h) ---------------------------------------------------------
// The IRQ numbers IRQControl and IRQHandler accept, and the kernel's own tick (never handed out).
static_assert(is<decltype(arch::max_irq), const word>, "arch::max_irq");
static_assert(is<decltype(arch::irq_timer), const word>, "arch::irq_timer");
// Preemption points ask whether an interrupt waits; delivery takes it, masks and acknowledges it.
static_assert(is<decltype(&arch::interrupt_pending), bool (*)()>, "arch::interrupt_pending");
static_assert(is<decltype(&arch::take_pending_interrupt), bool (*)(word&)>, "arch::take_pending_interrupt");
static_assert(is<decltype(&arch::mask_interrupt), void (*)(bool, word)>, "arch::mask_interrupt");
static_assert(is<decltype(&arch::ack_interrupt), void (*)(word)>, "arch::ack_interrupt");
// Whether a signalled IRQ is masked until its handler's Ack (seL4: x86 yes, RISC-V never).
static_assert(is<decltype(arch::irq_masked_until_ack), const bool>, "arch::irq_masked_until_ack");
// IRQControl: whether Get may issue an IRQ (seL4's Arch_checkIRQ), and the arch's own invocations.
static_assert(is<decltype(&arch::check_irq), SysStatus (*)(word)>, "arch::check_irq");
static_assert(is<decltype(&arch::decode_irq_control), SysStatus (*)(const Message&, Slot&)>,
              "arch::decode_irq_control");
// MCS: budgets and periods, given in microseconds, are kept in the timer's ticks and Consumed
// answers microseconds (seL4's usToTicks and ticksToUs, each up to its getMaxUsToTicks and
// getMaxTicksToUs: a timer need not tick a whole number of times a microsecond), and the shortest
// budget is twice seL4's getKernelWcetUs.
static_assert(is<decltype(&arch::us_to_ticks), u64 (*)(u64)>, "arch::us_to_ticks");
static_assert(is<decltype(&arch::ticks_to_us), u64 (*)(u64)>, "arch::ticks_to_us");
static_assert(is<decltype(&arch::max_us_to_ticks), u64 (*)()>, "arch::max_us_to_ticks");
static_assert(is<decltype(&arch::max_ticks_to_us), u64 (*)()>, "arch::max_ticks_to_us");
static_assert(is<decltype(arch::kernel_wcet_us), const u64>, "arch::kernel_wcet_us");
// MCS: the clock in those ticks and the one-shot timer (seL4's getCurrentTime, setDeadline,
// ackDeadlineIRQ, getTimerPrecision).
static_assert(is<decltype(&arch::current_time), u64 (*)()>, "arch::current_time");
static_assert(is<decltype(&arch::set_deadline), void (*)(u64)>, "arch::set_deadline");
static_assert(is<decltype(&arch::ack_deadline_irq), void (*)()>, "arch::ack_deadline_irq");
static_assert(is<decltype(&arch::timer_precision), u64 (*)()>, "arch::timer_precision");

// --- idle and exit, console (arch/halt.h, arch/console.h) ---------------------------------------------
// seL4_DebugHalt, kernel panics and boot failures stop the machine, saying why.
static_assert(is<decltype(&arch::halt), void (*)(arch::HaltReason)>, "arch::halt");
static_assert(is<decltype(arch::HaltReason::DebugHalt), arch::HaltReason> &&
                  is<decltype(arch::HaltReason::Panic), arch::HaltReason>,
              "arch::HaltReason: DebugHalt and Panic");
// Kernel printing (seL4_DebugPutChar, kprintf).
static_assert(is<decltype(&arch::console_putc), void (*)(char)>, "arch::console_putc");

// --- user-memory access (arch/user_memory.h) ----------------------------------------------------------
// The user stack trace of a faulting thread: one word through its page tables, false if unmapped.
static_assert(is<decltype(&arch::read_user_word), bool (*)(word, word, word&)>, "arch::read_user_word");
// What seL4's stack dump prints instead of the stack when the stack pointer is misaligned (the
// words differ per architecture).
static_assert(is<decltype(&arch::print_misaligned_stack_pointer), void (*)(word)>,
              "arch::print_misaligned_stack_pointer");

// --- the root task's ELF (arch/elf.h) -----------------------------------------------------------------
// The machine its ELF header must name, and how a boot error says it names another.
static_assert(is<decltype(arch::elf_machine), const u16>, "arch::elf_machine");
static_assert(is<decltype(arch::elf_wrong_machine), const char* const>, "arch::elf_wrong_machine");

// --- boot sources (arch/vspace.h, arch/mmu.h; used by core/boot only) -------------------------------
// BootInfo's untypeds and the root task's frames and tables: physical memory as kernel pointers.
static_assert(is<decltype(&arch::phys_to_ptr), void* (*)(word)>, "arch::phys_to_ptr");
static_assert(is<decltype(&arch::device_pptr), void* (*)(word)>, "arch::device_pptr");
// The root task's address space: a fresh top-level table, its frames mapped, the last user address,
// the tables it got (for their caps), and its ASID pool.
static_assert(is<decltype(&arch::create_user_vspace), bool (*)(boot::BootMemory&, word&)>,
              "arch::create_user_vspace");
static_assert(is<decltype(&arch::map_user_frame), bool (*)(boot::BootMemory&, word, word, word)>,
              "arch::map_user_frame");
static_assert(is<decltype(arch::user_top), const word>, "arch::user_top");
// Device untypeds cover the physical addresses below this that are not the kernel's.
static_assert(is<decltype(arch::device_memory_top), const word>, "arch::device_memory_top");
// seL4_MaxUntypedBits: boot untypeds are cut to it, Retype refuses larger sizes.
static_assert(is<decltype(arch::max_untyped_bits), const unsigned>, "arch::max_untyped_bits");
static_assert(is<decltype(&arch::paging_structure), void* (*)(word, word, unsigned)>, "arch::paging_structure");
static_assert(is<decltype(&arch::set_initial_asid_pool), void (*)(void*, void*)>, "arch::set_initial_asid_pool");

}  // namespace core::contract

// --- not yet behind the contract ---------------------------------------------------------------------
// Where core reaches the architecture without a contract name, as of 2026-12-02 (file:line under
// kernel/core). Each is to move behind a contract name or into arch/; this list empties as they do.
//
// A. Context fields by register name: none left (restart_pc and its kin above took their place).
// B. Architecture facts held in core itself: none left (the arch caps and objects section above
//    took their place; the arch's invocation labels are generated into its own folder).
// C. Boot: the firmware's formats, the command line and the extra BootInfo chunks live in the
//    arch's src/boot; core/boot keeps what is generic and takes the firmware's facts as
//    boot::BootSources (core/boot/boot_sources.h), whose arch half (ExtraBootInfo,
//    extra_bootinfo_size, write_extra_bootinfo) each architecture defines: a missing one is a link
//    error, not yet a contract check. The "boot sources" section above is what the generic boot
//    code (bootinfo.cc, root_task.cc) still asks of the arch.
