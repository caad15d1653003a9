// Hooks a host test uses to observe the simulated riscv64 machine (src/machine.cc): the riscv64
// twin of kernel/arch/host's, with the same names where the two machines share a meaning.
#pragma once
#include <vector>
#include "arch/halt.h"
#include "lib/types.h"
#include "object/tcb.h"

namespace host {

// Everything the kernel printed since the last call, then cleared.
const char* take_console_output();

// What arch::halt does on the host (the SBI's shutdown): throws this so a test can catch it.
struct Halted {
    arch::HaltReason reason;
};

// Whether the simulated machine has an interrupt waiting (the timer's, seen at preemption points).
void set_interrupt_pending(bool pending);

// --- the simulated PLIC ------------------------------------------------------------------------

// Where the PLIC's registers are (QEMU virt's), outside the simulated RAM.
constexpr word plic_base = 0xc000000;
// A device raises PLIC source `irq`: whether the kernel's hart context has it enabled (then the
// kernel is to take it).
bool raise_plic_source(word irq);
// Whether source `irq` is enabled for the kernel's hart context.
bool plic_enabled(word irq);

// --- the simulated Sv39 MMU and its TLB -------------------------------------------------------

// What user mode sees at a virtual address: the physical address of its 4 KiB page and whether
// a store may go there; `frame` ~0 when a user access faults for want of a valid user leaf.
struct Translation {
    word frame = ~word{0};
    bool write = false;
    bool operator==(const Translation&) const = default;
    bool mapped() const { return frame != ~word{0}; }
};

// The page tables alone, for user mode (a valid leaf with U; readable, writable if W), as the
// MMU walks them.
Translation walk_page_tables(word root, word vaddr);

// A user load or store by the thread on the hart: through the TLB, else the page tables, filling
// the TLB (only sfence.vma empties it; a satp write does not). On a fault, the scause of it (a
// load or store page fault) and stval holds the address. `vaddr` is below the user top.
struct UserAccess {
    bool ok = false;
    word paddr = 0;
    word cause = 0;
};
UserAccess user_access(word vaddr, bool write);

// What `t` sees at `vaddr` when it next runs: through the TLB if it would run on the current
// satp, else its page tables.
Translation thread_view(const core::Tcb& t, word vaddr);

// The root `t` runs on when it next runs (the kernel's when it has none).
word thread_root(const core::Tcb& t);

// Every 4 KiB user page the tables under `root` map (a valid, readable user leaf).
std::vector<word> mapped_user_pages(word root);

// The 4 KiB virtual pages the TLB holds translations for.
std::vector<word> tlb_pages();

// Leaving the kernel to `t`, as switch.cc does: satp written (and sfence.vma) when it differs.
void return_to_user(core::Tcb& t);

// Makes [base, base + size) the simulated physical memory starting at physical address 0, and
// resets the MMU (satp on the kernel's table, TLB empty), the ASID table and the PLIC.
void reset_machine(u8* base, word size);

}  // namespace host
