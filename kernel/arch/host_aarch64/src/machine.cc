// The simulated aarch64 machine under host builds of the kernel core: physical memory, TTBR0_EL1
// and a TLB model tagged by ASID that only TLBI empties, ESR_EL1 and FAR_EL1, the GIC as IRQControl
// reaches it; in place of the aarch64 kernel's exception entry, context switch, FPU, timer, PL011
// and PSCI.
#include <cstdlib>
#include <cstring>
#include <bitset>
#include <deque>
#include "../../aarch64/src/mmu_internal.h"
#include "arch/console.h"
#include "arch/host_machine.h"
#include "arch/interrupts.h"
#include "arch/gic.h"
#include "arch/paging.h"
#include "arch/switch.h"
#include "arch/sysreg.h"
#include "arch/traps.h"
#include "arch/user_memory.h"

namespace {

using namespace arch::vmsa;

u8* phys_base = nullptr;
word phys_size = 0;
word esr = 0, far = 0, isr = 0, ttbr0 = 0;
word lines_maintained = 0;

// The kernel image's one table (mmu.cc's global user root), outside the simulated RAM.
constexpr word image_base = word{1} << 40;
const void* image_table = nullptr;

// The GIC (a GICv2's view, as far as IRQControl and IRQHandler reach it): which interrupts the
// distributor enables and has edge-triggered, those raised and not yet acknowledged, the
// end-of-interrupt writes, the SGIs sent.
std::bitset<arch::max_irq + 1> gic_enabled_irqs, gic_edge_irqs;
std::deque<word> gic_pending;
word gic_eois = 0;
std::vector<std::pair<word, word>> gic_sgis;

// The TLB: for each ASID, the translations user accesses used, by page (4 KiB, 2 MiB or 1 GiB as
// the descriptor that mapped it); kept until a TLBI of the ASID or of the address.
std::map<word, host::Tlb> tlbs;

word ttbr0_root() { return ttbr0 & mask(48); }
word ttbr0_asid() { return ttbr0 >> 48; }

// A valid page or block at `vaddr`, or the level where the walk stopped.
struct Walked {
    bool valid = false;
    unsigned level = 0;
    u64 pte = 0;
    word page = 0;
    unsigned size_bits = 0;
};

Walked walk_mmu(word root, word vaddr) {
    word table = root;
    for (unsigned level = 0; level < levels; level++) {
        u64 e = static_cast<const u64*>(arch::phys_to_ptr(table))[index(vaddr, level)];
        if (is_page_pte(e)) return {true, level, e, round_down(vaddr, level_bits(level)), level_bits(level)};
        if (!is_table_pte(e)) return {false, level};
        table = pte_paddr(e);
    }
    return {};
}

// AP[1]: EL0 may read; AP[2] clear: and write.
bool el0_readable(u64 pte) { return (pte_ap(pte) & 1) != 0; }
bool el0_writable(u64 pte) { return pte_ap(pte) == ap_read_write; }

host::WalkedEntry read_entry(u64 e, unsigned) {
    if (is_table_pte(e)) return {host::WalkedEntry::Kind::Table, pte_paddr(e)};
    if (!is_page_pte(e) || !el0_readable(e)) return {};
    return {host::WalkedEntry::Kind::Page, pte_paddr(e)};
}

// ESR_EL1 of a data abort from EL0 (EC 0x24, IL): a translation fault at `level` (DFSC 0b0001ll)
// or a permission fault (0b0011ll), WnR for a store.
word data_abort_esr(const Walked& w, bool write) {
    word dfsc = (w.valid ? 0xc : 0x4) | w.level;
    return arch::ec_data_abort_lower << arch::esr_ec_shift | bit(25) | (write ? bit(6) : 0) | dfsc;
}

const core::Cap& vtable_of(const core::Tcb& t) { return t.slots[static_cast<unsigned>(core::TcbSlot::VTable)].cap; }

}  // namespace

namespace host {

void set_interrupt_pending(bool pending) { isr = pending ? bit(7) : 0; }

bool gic_enabled(word irq) { return irq <= arch::max_irq && gic_enabled_irqs[irq]; }

bool raise_gic_interrupt(word irq) {
    if (!gic_enabled(irq)) return false;
    gic_pending.push_back(irq);
    return true;
}

word gic_end_of_interrupts() { return gic_eois; }

word cache_lines_maintained() { return lines_maintained; }

void reset_machine(u8* base, word size) {
    phys_base = base;
    phys_size = size;
    ttbr0 = arch::mmu::global_user_vspace();
    esr = far = isr = lines_maintained = 0;
    tlbs.clear();
    std::memset(arch::mmu::asid_table, 0, sizeof arch::mmu::asid_table);
    gic_enabled_irqs.reset();
    gic_edge_irqs.reset();
    gic_pending.clear();
    gic_eois = 0;
    gic_sgis.clear();
}

Translation walk_page_tables(word root, word vaddr) {
    Walked w = walk_mmu(root, vaddr);
    if (!w.valid || !el0_readable(w.pte)) return {};
    return translation_in({w.page, pte_paddr(w.pte), w.size_bits, el0_writable(w.pte)}, vaddr);
}

UserAccess user_access(word vaddr, bool write) {
    Tlb& tlb = tlbs[ttbr0_asid()];
    Walked w;
    if (!tlb.find(vaddr)) {
        w = walk_mmu(ttbr0_root(), vaddr);
        if (w.valid && el0_readable(w.pte)) tlb.insert({w.page, pte_paddr(w.pte), w.size_bits, el0_writable(w.pte)});
    }
    const UserPage* p = tlb.find(vaddr);
    if (p && (!write || p->write)) return {true, p->frame + (vaddr - p->page), 0};
    if (p) w = {true, (level_bits(0) - p->size_bits) / 9};  // a cached read-only page: a permission fault at its level
    esr = data_abort_esr(w, write);
    far = vaddr;
    return {false, 0, esr};
}

word thread_root(const core::Tcb& t) {
    word root = t.vspace_root();
    return root ? root : arch::mmu::global_user_vspace();
}

std::vector<word> mapped_user_pages(word root) { return user_pages_under(root, entries, level_bits, read_entry); }

Translation thread_view(const core::Tcb& t, word vaddr) {
    word root = thread_root(t);
    word asid = root == arch::mmu::global_user_vspace() ? 0 : vtable_of(t).mapped_asid();
    const UserPage* p = root == ttbr0_root() && asid == ttbr0_asid() ? tlbs[asid].find(vaddr) : nullptr;
    return p ? translation_in(*p, vaddr) : walk_page_tables(root, vaddr);
}

std::vector<word> tlb_pages() { return tlbs[ttbr0_asid()].small_pages(); }

void return_to_user(core::Tcb& t) { arch::activate_thread_vspace(t); }

}  // namespace host

namespace arch {

namespace sysreg {
void on_line(LineOp, word) { lines_maintained++; }
void tlbi_asid(word asid) { tlbs[asid].clear(); }
void tlbi_page(word asid, word vaddr) { tlbs[asid].forget(vaddr); }
bool translates(word vaddr) { return walk_mmu(ttbr0_root(), vaddr).valid; }
void write_ttbr0(word v) { ttbr0 = v; }
word read(Reg r) {
    switch (r) {
    case Reg::Ttbr0: return ttbr0;
    case Reg::Isr: return isr;
    case Reg::Esr: return esr;
    case Reg::Far: return far;
    }
    return 0;
}
}  // namespace sysreg

namespace gic {
bool init(u32, const fdt::Region (&)[2]) { return true; }
void set_enabled(word irq, bool enabled) { gic_enabled_irqs[irq] = enabled; }
void set_edge_triggered(word irq, bool edge) { gic_edge_irqs[irq] = edge; }
bool acknowledge(word& irq) {
    if (gic_pending.empty()) return false;
    irq = gic_pending.front();
    gic_pending.pop_front();
    return true;
}
void end_of_interrupt(word) { gic_eois++; }
bool sgi_target_valid(word target) { return target <= 7; }
void send_sgi(word sgi, word target) { gic_sgis.push_back({sgi, target}); }
void send_sgi_to_self(word sgi) { gic_sgis.push_back({sgi, 0}); }
}  // namespace gic

void* phys_to_ptr(word paddr) {
    if (image_table && paddr == image_base) return const_cast<void*>(image_table);
    if (paddr >= phys_size) std::abort();
    return phys_base + paddr;
}

void* device_pptr(word paddr) { return reinterpret_cast<void*>(reinterpret_cast<word>(phys_base) + paddr); }

word ptr_to_phys(const void* p) { return p == image_table ? image_base : static_cast<word>(static_cast<const u8*>(p) - phys_base); }

bool in_window(word paddr, word size) { return paddr <= phys_size && size <= phys_size - paddr; }

bool is_ram(word paddr, word size) { return in_window(paddr, size); }

word image_to_phys(const void* p) {
    image_table = p;
    return image_base;
}

// The console is the test's; halting throws to it; there is no FPU state, no timer hardware and
// no PSCI, and the driver leaves the kernel itself (host::return_to_user).
void init_console(word) {}
void console_putc(char c) { host::console_append(c); }
void set_transmit_interrupt(bool) {}
void set_psci_method(const char*) {}
void halt(HaltReason why) { throw host::Halted{why}; }
u64 timer_frequency() { return 62500000; }
void start_tick(u64) {}
void stop_tick() {}
void on_tick() {}
word ticks_taken() { return 0; }
void forget_fpu_state(core::Tcb&) {}
void restore_user_thread(core::Tcb&) { std::abort(); }
void idle() { std::abort(); }

}  // namespace arch
