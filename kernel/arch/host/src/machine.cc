// The simulated machine under host builds of the kernel core.
#include "arch/console.h"
#include "arch/cpu.h"
#include "arch/halt.h"
#include "arch/interrupts.h"
#include "arch/io_port.h"
#include "arch/mmu.h"
#include "arch/paging.h"
#include "arch/switch.h"
#include "arch/thread_vspace.h"
#include "arch/host_machine.h"
#include "arch/traps.h"
#include "arch/user_memory.h"
#include "arch/vspace.h"
#include <cstdlib>
#include <vector>

namespace {

u8* phys_base = nullptr;
word phys_size = 0;
word fault_address = 0;

// The kernel's own top-level table, outside the simulated RAM: its upper half is what a new
// PML4 copies (a self-reference per entry, never used by the simulation), its lower half empty.
constexpr word kernel_root = word{1} << 40;
alignas(4096) u64 kernel_pml4[512];

using namespace arch::paging;

// The TLB: translations user accesses used under the current CR3, by page (4 KiB, 2 MiB or 1 GiB
// as the entry that mapped it); kept until invlpg of an address in that page, a CR3 write or a
// page fault at an address in it.
host::Tlb tlb;
word cr3 = kernel_root;

void reset_kernel_pml4() {
    for (unsigned i = 0; i < 512; i++) kernel_pml4[i] = i >= 256 ? kernel_root | pte_present | pte_write : 0;
}

// A present user page at `vaddr`: where it starts, its size and frame, whether writable. The
// walk stops at a missing or supervisor entry.
struct Walked {
    bool present = false, user = false, write = false;
    word page = 0, frame = 0;
    unsigned size_bits = 0;
};

Walked walk_mmu(word root, word vaddr) {
    Walked w{.present = true, .user = true, .write = true};
    word table = root;
    for (unsigned level = 0; level < levels; level++) {
        u64 e = static_cast<const u64*>(arch::phys_to_ptr(table))[index_at(vaddr, level)];
        if (!(e & pte_present)) return {};
        w.user = w.user && (e & pte_user);
        w.write = w.write && (e & pte_write);
        EntryTarget target = entry_target(e, level);
        if (target.page) {
            w.size_bits = span(level);
            w.page = round_down(vaddr, span(level));
            w.frame = target.paddr;
            return w;
        }
        table = target.paddr;
    }
    return {};
}

// A present user entry (every level user): a user page, a table, or nothing.
host::WalkedEntry read_entry(u64 e, unsigned level) {
    if (!(e & pte_present) || !(e & pte_user)) return {};
    EntryTarget target = entry_target(e, level);
    return {target.page ? host::WalkedEntry::Kind::Page : host::WalkedEntry::Kind::Table, target.paddr};
}

}  // namespace

namespace host {

void reset_machine(u8* base, word size) {
    phys_base = base;
    phys_size = size;
    reset_kernel_pml4();
    cr3 = kernel_root;
    tlb.clear();
    arch::forget_asid_table();
    arch::forget_io_ports();
    reset_interrupt_controllers();
    reset_timer();
}

word translate(word root, word vaddr) {
    Walked w = walk_mmu(root, vaddr);
    return w.present ? w.frame + round_down(vaddr - w.page, 12) : ~word{0};
}

Translation walk_page_tables(word root, word vaddr) {
    Walked w = walk_mmu(root, vaddr);
    if (!w.present || !w.user) return {};
    return translation_in({w.page, w.frame, w.size_bits, w.write}, vaddr);
}

UserAccess user_access(word vaddr, bool write) {
    constexpr word error_present = bit(0), error_write = bit(1), error_user = bit(2);
    UserAccess a{.fault = error_user | (write ? error_write : 0)};
    if (vaddr > arch::user_top) {  // the kernel's half: present in every address space, supervisor only
        a.fault |= error_present;
        fault_address = vaddr;
        return a;
    }
    const UserPage* p = tlb.find(vaddr);
    if (!p) {
        Walked w = walk_mmu(cr3, vaddr);
        if (w.present && w.user) tlb.insert({w.page, w.frame, w.size_bits, w.write});
        else if (w.present) a.fault |= error_present;
        p = tlb.find(vaddr);
    }
    if (p && (!write || p->write)) {
        a.ok = true;
        a.paddr = p->frame + (vaddr - p->page);
        return a;
    }
    if (p) a.fault |= error_present;
    tlb.forget(vaddr);
    fault_address = vaddr;
    return a;
}

word thread_root(const core::Tcb& t) {
    const core::Cap& vtable = t.slots[static_cast<unsigned>(core::TcbSlot::VTable)].cap;
    word root = vtable.raw0() == t.context.vspace_cap_word ? t.context.vspace_root : arch::thread_vspace_root(vtable);
    return root ? root : kernel_root;
}

std::vector<word> mapped_user_pages(word root) { return user_pages_under(root, 256, span, read_entry); }

Translation thread_view(const core::Tcb& t, word vaddr) {
    word root = thread_root(t);
    const UserPage* p = root == cr3 ? tlb.find(vaddr) : nullptr;
    return p ? translation_in(*p, vaddr) : walk_page_tables(root, vaddr);
}

std::vector<word> tlb_pages() { return tlb.small_pages(); }

void return_to_user(core::Tcb& t) { arch::activate_vspace(arch::vspace_root_of(t)); }

void set_fault_address(word address) { fault_address = address; }

}  // namespace host

namespace arch {

void console_init(u16) {}
void console_putc(char c) { host::console_append(c); }
void set_exit_port(u16) {}
void halt(HaltReason why) { throw host::Halted{why}; }

namespace cpu {
word read_cr3() { return cr3; }
void write_cr3(word v) {
    cr3 = v;
    tlb.clear();
}
void invlpg(word vaddr) { tlb.forget(vaddr); }
}  // namespace cpu

void* phys_to_ptr(word paddr) {
    if (paddr - kernel_root < sizeof kernel_pml4) return reinterpret_cast<u8*>(kernel_pml4) + (paddr - kernel_root);
    if (paddr >= phys_size) std::abort();
    return phys_base + paddr;
}

void* device_pptr(word paddr) { return reinterpret_cast<void*>(reinterpret_cast<word>(phys_base) + paddr); }

word ptr_to_phys(const void* p) {
    word offset = static_cast<word>(static_cast<const u8*>(p) - reinterpret_cast<const u8*>(kernel_pml4));
    if (offset < sizeof kernel_pml4) return kernel_root + offset;
    return static_cast<word>(static_cast<const u8*>(p) - phys_base);
}

word kernel_vspace_root() { return kernel_root; }

void activate_vspace(word root) {
    if (cpu::read_cr3() != root) cpu::write_cr3(root);
}
void forget_fpu_state(core::Tcb&) {}  // the simulation has no FPU state

bool read_user_word(word root, word vaddr, word& out) {
    if (!root || vaddr >= user_top) return false;
    host::Translation t = host::walk_page_tables(root, vaddr);
    word frame = t.frame;
    if (!t.mapped() || !is_aligned(vaddr, 3) || frame >= phys_size) return false;
    out = *static_cast<const word*>(phys_to_ptr(frame + (vaddr & 0xfff)));
    return true;
}

core::Fault fault_from_exception(Context& c) {
    if (c.vector == vector_page_fault) {
        return core::Fault::vm_fault(fault_address, c.error, (c.error & pf_error_instruction_fetch) != 0);
    }
    return core::Fault::user_exception(c.vector, c.error);
}

}  // namespace arch
