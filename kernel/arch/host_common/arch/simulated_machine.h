// What a host test sees of either simulated machine (arch/host for x86_64, arch/host_riscv64):
// the console, halting, a pending interrupt, what user mode sees at an address, the TLB model
// (src/simulated_machine.cc) and the walk of every user page. Each machine's host_machine.h adds
// its own hooks.
#pragma once
#include <map>
#include <vector>
#include "arch/halt.h"
#include "lib/types.h"
#include "object/tcb.h"

namespace host {

// Everything the kernel printed since the last call, then cleared; the machines' console appends.
const char* take_console_output();
void console_append(char c);

// What arch::halt does on the host: throws this so a test can catch it.
struct Halted {
    arch::HaltReason reason;
};

// Whether the simulated machine has an interrupt waiting (the timer's, seen at preemption points).
void set_interrupt_pending(bool pending);

// MCS (a machine's MCS host library): the time the kernel reads (arch::current_time) from now on.
void set_time(u64 ticks);

// What user mode sees at a virtual address: the physical address of its 4 KiB page and whether
// a store may go there; `frame` ~0 when a user access faults for want of a present user entry.
struct Translation {
    word frame = ~word{0};
    bool write = false;
    bool operator==(const Translation&) const = default;
    bool mapped() const { return frame != ~word{0}; }
};

// A user page the page tables map: its first address, its size, its frame, whether writable.
struct UserPage {
    word page = 0, frame = 0;
    unsigned size_bits = 0;
    bool write = false;
};
Translation translation_in(const UserPage& p, word vaddr);

// The TLB model: the user pages accesses used, by first address and size, until forgotten.
class Tlb {
public:
    const UserPage* find(word vaddr) const;  // the page holding `vaddr`, or nullptr
    void insert(const UserPage& p) { pages_[{p.page, p.size_bits}] = p; }
    void forget(word vaddr);                 // every page holding `vaddr`
    void clear() { pages_.clear(); }
    std::vector<word> small_pages() const;   // the 4 KiB pages held (at most 4096)

private:
    std::map<std::pair<word, unsigned>, UserPage> pages_;
};

// An entry of a paging structure as a walk reads it: nothing for user mode, the next table, or a
// user page (a leaf that user mode may read).
struct WalkedEntry {
    enum class Kind { None, Table, Page } kind = Kind::None;
    word paddr = 0;
};
// Every 4 KiB user page under the root at `root`: the first `root_entries` entries of the root (its
// user half), every entry below; an entry of `level` spans 2^span(level) bytes, `read` decodes one.
std::vector<word> user_pages_under(word root, unsigned root_entries, unsigned (*span)(unsigned),
                                   WalkedEntry (*read)(u64 entry, unsigned level));

// A user load or store by the thread on the CPU (each machine's user_access): where it went, or
// the fault it raised: the architecture's code for it (x86's page-fault error code, riscv64's
// scause, aarch64's ESR_EL1).
struct UserAccess {
    bool ok = false;
    word paddr = 0;
    word fault = 0;
};
UserAccess user_access(word vaddr, bool write);

// The page tables alone, for user mode, as the MMU walks them.
Translation walk_page_tables(word root, word vaddr);

// What `t` sees at `vaddr` when it next runs: through the TLB if it would run on the current
// root, else its page tables.
Translation thread_view(const core::Tcb& t, word vaddr);

// The root `t` runs on when it next runs (the kernel's when it has none).
word thread_root(const core::Tcb& t);

// Every 4 KiB user page the tables under `root` map.
std::vector<word> mapped_user_pages(word root);

// The 4 KiB virtual pages the TLB holds translations for.
std::vector<word> tlb_pages();

// Leaving the kernel to `t`, as the machine's switch.cc does: its address space made current.
void return_to_user(core::Tcb& t);

}  // namespace host
