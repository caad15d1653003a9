// Hooks a host test uses to observe the simulated machine.
#pragma once
#include "arch/halt.h"
#include "lib/types.h"
#include "object/tcb.h"
#include <array>
#include <vector>

namespace host {

// Everything the kernel printed since the last call, then cleared.
const char* take_console_output();

// What arch::halt does on the host: throws this so a test can catch it.
struct Halted {
    arch::HaltReason reason;
};

// The CR2 value a simulated page fault reports.
void set_fault_address(word address);

// Whether the simulated machine has an interrupt waiting (seen at preemption points).
void set_interrupt_pending(bool pending);

// --- the simulated interrupt controllers (src/interrupt_controller.cc) --------------------------

// Two I/O APICs, of 24 pins (as QEMU's) and 16.
constexpr unsigned sim_ioapic_count = 2;
constexpr std::array<unsigned, sim_ioapic_count> sim_ioapic_pins{24, 16};

// Every pin masked with vector 0, no IRQ routed, no acknowledgement counted, nothing pending.
void reset_interrupt_controllers();
// A pin's redirection entry (low word: vector, trigger, polarity, mask) as the kernel wrote it.
u32 ioapic_entry(unsigned ioapic, unsigned pin);
// How many interrupts the kernel acknowledged (end-of-interrupt writes to the local APIC).
word interrupts_acknowledged();
// A device asserts `pin`: the vector the CPU takes, or 0 when the pin is masked (or has no
// vector). An MSI needs no such function: the device writes its vector, which always arrives.
word raise_ioapic_pin(unsigned ioapic, unsigned pin);


// --- the simulated MMU and its TLB -----------------------------------------------------------

// What user mode sees at a virtual address: the physical address of its 4 KiB page and whether
// a store may go there; `frame` ~0 when a user access faults for want of a present user entry.
struct Translation {
    word frame = ~word{0};
    bool write = false;
    bool operator==(const Translation&) const = default;
    bool mapped() const { return frame != ~word{0}; }
};

// The page tables alone, for user mode (present and user at every level; writable only if
// every level allows it), as the MMU walks them.
Translation walk_page_tables(word root, word vaddr);

// A user load or store by the thread on the CPU: through the TLB, else the page tables, filling
// the TLB. On a fault, the x86 page-fault error code (present, write, user bits) and the TLB
// forgets the address, as the CPU does. `vaddr` is canonical (a user access to any other address
// is a #GP, not simulated); above the user half it meets the kernel's present supervisor pages.
struct UserAccess {
    bool ok = false;
    word paddr = 0;
    word error = 0;
};
UserAccess user_access(word vaddr, bool write);

// What `t` sees at `vaddr` when it next runs: through the TLB if it would run on the current
// CR3, else its page tables.
Translation thread_view(const core::Tcb& t, word vaddr);

// The root `t` runs on when it next runs (its cached one while its VTable cap is unchanged, as
// switch.cc decides; the kernel's when it has none).
word thread_root(const core::Tcb& t);

// Every 4 KiB user page the tables under `root` map (present and user at every level).
std::vector<word> mapped_user_pages(word root);

// The 4 KiB virtual pages the TLB holds translations for.
std::vector<word> tlb_pages();

// Leaving the kernel to `t`, as switch.cc does: load its address space into CR3 when it differs.
void return_to_user(core::Tcb& t);

}  // namespace host
