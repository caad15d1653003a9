// The simulated riscv64 machine under host builds of the kernel core: physical memory, satp and
// sip, a TLB model that only sfence.vma empties, the PLIC's registers in memory, the SBI's
// console and shutdown; in place of the riscv64 kernel's trap entry, context switch and FPU.
#include <cstdlib>
#include <cstring>
#include "../../riscv64/src/mmu_internal.h"
#include "arch/csr.h"
#include "arch/host_machine.h"
#include "arch/interrupts.h"
#include "arch/paging.h"
#include "arch/sbi.h"
#include "arch/switch.h"
#include "arch/traps.h"
#include "arch/user_memory.h"

// The kernel's own root table (riscv64: src/boot.S's), outside the simulated RAM; its upper half
// holds global supervisor leaves that every address space copies and user mode never reaches.
extern "C" {
alignas(4096) u64 boot_page_table[arch::sv39::entries];
}

namespace {

using namespace arch::sv39;

u8* phys_base = nullptr;
word phys_size = 0;
word stval = 0;
word sip = 0;

constexpr word kernel_root = word{1} << 40;
// The PLIC registers the kernel uses: priorities, hart 0's supervisor context's enables,
// threshold and claim (arch/riscv64/src/interrupts.cc).
constexpr word plic_span = 0x202000;
alignas(4096) u8 plic_registers[plic_span];

// The TLB: translations user accesses used, by page (4 KiB, 2 MiB or 1 GiB as the leaf that mapped
// it); kept until an sfence.vma.
host::Tlb tlb;
word satp = 0;

// A valid user leaf at `vaddr`: where its page starts, its size and frame, whether readable and
// writable. The walk stops at an invalid entry.
struct Walked {
    bool valid = false, user = false, read = false, write = false;
    word page = 0, frame = 0;
    unsigned size_bits = 0;
};

Walked walk_mmu(word root, word vaddr) {
    word table = root;
    for (unsigned level = 0; level < levels; level++) {
        u64 e = static_cast<const u64*>(arch::phys_to_ptr(table))[index(vaddr, level)];
        if (!(e & pte_v)) return {};
        if (is_leaf(e)) {
            return {true, (e & pte_u) != 0, (e & pte_r) != 0, (e & pte_w) != 0, round_down(vaddr, level_bits(level)),
                    pte_paddr(e), level_bits(level)};
        }
        table = pte_paddr(e);
    }
    return {};
}

// A valid entry: a readable user leaf (a user page), another user leaf (nothing), or a table.
host::WalkedEntry read_entry(u64 e, unsigned) {
    if (!(e & pte_v)) return {};
    if (!is_leaf(e)) return {host::WalkedEntry::Kind::Table, pte_paddr(e)};
    if (!(e & pte_u) || !(e & pte_r)) return {};
    return {host::WalkedEntry::Kind::Page, pte_paddr(e)};
}

word satp_root() { return (satp & mask(44)) << 12; }

volatile u32& plic_enable_word(word irq) {
    constexpr word enable_context_1 = 0x2000 + 0x80;
    return *reinterpret_cast<volatile u32*>(plic_registers + enable_context_1 + 4 * (irq / 32));
}

}  // namespace

namespace host {

void set_interrupt_pending(bool pending) { sip = pending ? arch::csr::sip_stip : 0; }

bool plic_enabled(word irq) { return (plic_enable_word(irq) >> (irq % 32)) & 1; }

bool raise_plic_source(word irq) { return irq >= 1 && irq <= arch::plic_max_irq && plic_enabled(irq); }

void reset_machine(u8* base, word size) {
    phys_base = base;
    phys_size = size;
    for (unsigned i = 0; i < entries; i++) {
        boot_page_table[i] = i >= kernel_first_entry ? leaf_pte(kernel_root, pte_r | pte_w | pte_g) : 0;
    }
    satp = satp_mode_sv39 | (kernel_root >> 12);
    sip = 0;
    tlb.clear();
    std::memset(arch::mmu::asid_table, 0, sizeof arch::mmu::asid_table);
    std::memset(plic_registers, 0, sizeof plic_registers);
    arch::init_interrupt_controller(plic_base, 0);
}

Translation walk_page_tables(word root, word vaddr) {
    Walked w = walk_mmu(root, vaddr);
    if (!w.valid || !w.user || !w.read) return {};
    return translation_in({w.page, w.frame, w.size_bits, w.write}, vaddr);
}

UserAccess user_access(word vaddr, bool write) {
    constexpr word load_page_fault = 13, store_page_fault = 15;
    if (!tlb.find(vaddr)) {
        Walked w = walk_mmu(satp_root(), vaddr);
        if (w.valid && w.user && w.read) tlb.insert({w.page, w.frame, w.size_bits, w.write});
    }
    const UserPage* p = tlb.find(vaddr);
    if (p && (!write || p->write)) return {true, p->frame + (vaddr - p->page), 0};
    stval = vaddr;
    return {false, 0, write ? store_page_fault : load_page_fault};
}

word thread_root(const core::Tcb& t) {
    word root = t.vspace_root();
    return root ? root : kernel_root;
}

std::vector<word> mapped_user_pages(word root) {
    return user_pages_under(root, kernel_first_entry, level_bits, read_entry);
}

Translation thread_view(const core::Tcb& t, word vaddr) {
    word root = thread_root(t);
    const UserPage* p = root == satp_root() ? tlb.find(vaddr) : nullptr;
    return p ? translation_in(*p, vaddr) : walk_page_tables(root, vaddr);
}

std::vector<word> tlb_pages() { return tlb.small_pages(); }

void return_to_user(core::Tcb& t) {
    word root = thread_root(t);
    if (root != satp_root()) arch::activate_vspace(root);
}

}  // namespace host

namespace {

// The kernel finds the PLIC before any test runs: the first world's kernel state (initIRQs) masks
// every source before reset_machine.
struct PlicAtStart {
    PlicAtStart() { arch::init_interrupt_controller(host::plic_base, 0); }
} plic_at_start;

}  // namespace

namespace arch {

namespace csr {
word read_stval() { return stval; }
word read_sip() { return sip; }
word read_satp() { return satp; }
void write_satp(word v) { satp = v; }
void sfence_vma() { tlb.clear(); }
}  // namespace csr

namespace sbi {
void probe_extensions() {}
void console_putchar(char c) { host::console_append(c); }
void set_timer(u64) { sip &= ~csr::sip_stip; }  // as the SBI: the pending tick is taken
void shutdown(ShutdownReason why) {
    throw host::Halted{why == ShutdownReason::None ? HaltReason::DebugHalt : HaltReason::Panic};
}
}  // namespace sbi

void* phys_to_ptr(word paddr) {
    if (paddr - kernel_root < sizeof boot_page_table) return reinterpret_cast<u8*>(boot_page_table) + (paddr - kernel_root);
    if (paddr - host::plic_base < plic_span) return plic_registers + (paddr - host::plic_base);
    if (paddr >= phys_size) std::abort();
    return phys_base + paddr;
}

void* device_pptr(word paddr) { return reinterpret_cast<void*>(reinterpret_cast<word>(phys_base) + paddr); }

word ptr_to_phys(const void* p) {
    word offset = static_cast<word>(static_cast<const u8*>(p) - reinterpret_cast<const u8*>(boot_page_table));
    if (offset < sizeof boot_page_table) return kernel_root + offset;
    return static_cast<word>(static_cast<const u8*>(p) - phys_base);
}

bool in_window(word paddr, word size) { return paddr <= phys_size && size <= phys_size - paddr; }

// The simulated RAM is all the RAM there is.
bool is_ram(word paddr, word size) { return in_window(paddr, size); }

word image_to_phys(const void* p) { return ptr_to_phys(p); }

// The simulation has no FPU state, and the driver leaves the kernel itself (host::return_to_user).
void forget_fpu_state(core::Tcb&) {}
void restore_user_thread(core::Tcb&) { std::abort(); }
void idle() { std::abort(); }

}  // namespace arch
