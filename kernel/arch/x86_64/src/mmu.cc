// x86_64 paging-structure, ASID and I/O port invocations (seL4 16.0.0's decodeX86*Invocation).
#include "arch/mmu.h"
#include "arch/caps.h"
#include "object/frame.h"
#include "arch/clear_memory.h"
#include "arch/cpu.h"
#include "arch/io_port.h"
#include "arch/paging.h"
#include "arch/thread_vspace.h"
#include "arch/vspace.h"
#include "cspace/cte.h"
#include "cspace/invariants.h"
#include "cspace/lookup.h"
#include "kernel/console.h"
#include "kernel/thread.h"
#include "kernel/user_error.h"

namespace arch {
namespace {

using core::Cap;
using core::CapType;
using core::ErrorCode;
using core::fail;
using core::LookupFault;
using core::SysStatus;
using core::SyscallError;
using core::user_fail;
using L = core::InvocationLabel;

constexpr unsigned asid_low_bits = 9, asid_pools = 8;
constexpr unsigned table_bits = 12;  // paging structures and ASID pools are 4 KiB
using namespace paging;
constexpr unsigned user_half_entries = 256;  // PML4 entries below the kernel's half

struct AsidPool {
    void* vspace[bit(asid_low_bits)];
};
static_assert(sizeof(AsidPool) == 4096, "seL4_ASIDPoolBits is 12");

AsidPool* asid_table[asid_pools];

SysStatus invalid_cap(word n) { return fail(SyscallError::invalid_capability(n)); }
SysStatus illegal() { return fail(SyscallError::of(ErrorCode::IllegalOperation)); }
SysStatus truncated() { return fail(SyscallError::of(ErrorCode::TruncatedMessage)); }

u64* entries(void* table) { return static_cast<u64*>(table); }
u64* table_of(u64 entry) { return static_cast<u64*>(phys_to_ptr(entry & pte_address_mask)); }

// The vspace the ASID names, or nullptr (seL4's findVSpaceForASID).
void* find_vspace(word asid) {
    AsidPool* pool = asid >> asid_low_bits < asid_pools ? asid_table[asid >> asid_low_bits] : nullptr;
    return pool ? pool->vspace[asid & mask(asid_low_bits)] : nullptr;
}

bool valid_root(const Cap& c) { return c.type() == CapType::Pml4 && c.is_mapped(); }

// The entry at `level` (0 = PML4 ... 3 = PT) for `vaddr`, or the bits still to translate when a
// table above it is missing (seL4's lookup failure "missing capability" with those bits left).
struct Walk {
    u64* entry;
    word bits_left;
};
Walk walk(void* pml4, word vaddr, unsigned level) {
    u64* table = entries(pml4);
    for (unsigned l = 0; l < level; l++) {
        u64 e = table[index_at(vaddr, l)];
        if (!(e & pte_present) || (e & pte_huge)) return {nullptr, span(l)};
        table = table_of(e);
    }
    return {&table[index_at(vaddr, level)], 0};
}

SysStatus lookup_failed(word bits_left) {
    return fail(SyscallError::failed_lookup(false, LookupFault::missing_capability(bits_left)));
}

// seL4_X86_VMAttributes: write-through (bit 0) and cache-disabled (bit 1) move up to PWT and PCD
// (bits 3 and 4); PAT (bit 2), for frames only, selects the write-combining entry init_pat
// programs.
word table_attributes(word attr) { return (attr & 3) << 3; }

// A 4 KiB entry keeps PAT in bit 7, a large page in bit 12 (bit 7 says "large" there); seL4
// 16.0.0 gives it to no 1 GiB page (makeUserPDPTEHugePage leaves it 0).
word frame_attributes(word attr, core::FrameSize size) {
    constexpr word attr_pat = bit(2);
    if (size == core::FrameSize::Huge) return table_attributes(attr);
    return table_attributes(attr) | ((attr & attr_pat) << (size == core::FrameSize::Small ? 7 - 2 : 12 - 2));
}

word rights_bits(core::VmRights r) {
    if (r == core::VmRights::KernelOnly) return pte_write;
    return pte_user | (r == core::VmRights::ReadWrite ? pte_write : 0);
}

void flush(void* vspace, word vaddr) {
    if (cpu::read_cr3() == ptr_to_phys(vspace)) cpu::invlpg(vaddr);
}

void flush_all(void* vspace) {
    if (cpu::read_cr3() == ptr_to_phys(vspace)) cpu::write_cr3(ptr_to_phys(vspace));
}

// Checks shared by every Map: the root is a mapped PML4 that its ASID still names.
SysStatus check_root(const Cap& root) {
    if (!valid_root(root)) return invalid_cap(1);
    void* found = find_vspace(root.mapped_asid());
    if (!found) return fail(SyscallError::failed_lookup(false, LookupFault::invalid_root()));
    if (found != root.ptr()) return invalid_cap(1);
    return {};
}

// The paging level whose entries map a frame of size `s`: 3 (page table) for 4 KiB, 2, 1.
unsigned frame_level(core::FrameSize s) { return 3 - static_cast<unsigned>(s); }
static_assert(static_cast<unsigned>(core::FrameSize::Small) == 0 && static_cast<unsigned>(core::FrameSize::Huge) == 2);

// Out of line, as make_pool and assign: inlined into decode_arch_invocation, they had it save six
// registers for every frame, page-table and I/O port invocation (Unmap and IOPort paid for Map).
[[gnu::noinline]] SysStatus page_map(const core::Message& msg, core::Slot& slot) {
    using A = core::args::X86PageMap;
    if (msg.length() < 3 || !msg.extra_cap(A::vspace)) return truncated();
    Cap cap = slot.cap;
    word vaddr = msg.arg(A::vaddr);
    const Cap root = msg.extra_cap(A::vspace)->cap;
    if (!valid_root(root)) {
        return user_fail(SyscallError::invalid_capability(1),
                         "X86FrameMap: Attempting to map frame into invalid page directory cap.");
    }
    unsigned size_bits = frame_size_bits(cap.frame_size());
    if (cap.mapped_asid() != 0) {
        if (cap.mapped_asid() != root.mapped_asid()) return invalid_cap(1);
        if (cap.mapped_address() != vaddr) {
            return user_fail(SyscallError::invalid_argument(0),
                             "X86Frame: Attempting to map frame into multiple addresses");
        }
    } else if (vaddr > user_top || vaddr + bit(size_bits) > user_top) {
        return user_fail(SyscallError::invalid_argument(0), "X86Frame: Mapping address too high.");
    }
    if (SysStatus s = check_root(root); !s) return s;
    core::VmRights rights = core::mask_vm_rights(cap.frame_rights(), core::Rights::from_word(msg.arg(A::rights)));
    if (!is_aligned(vaddr, size_bits)) return fail(SyscallError::of(ErrorCode::AlignmentError));
    Walk w = walk(root.ptr(), vaddr, frame_level(cap.frame_size()));
    if (!w.entry) return lookup_failed(w.bits_left);
    bool small = cap.frame_size() == core::FrameSize::Small;
    // A large or huge page never replaces a table: the table's mappings would live on unseen
    // (seL4's createSafeMappingEntries_PDE and _PDPTE).
    if (!small && (*w.entry & pte_present) && !(*w.entry & pte_huge)) {
        return fail(SyscallError::of(ErrorCode::DeleteFirst));
    }
    *w.entry = ptr_to_phys(cap.ptr()) | pte_present | rights_bits(rights) |
               frame_attributes(msg.arg(A::attr), cap.frame_size()) | (small ? 0 : pte_huge);
    flush(root.ptr(), vaddr);
    slot.cap = cap.with_mapping(root.mapped_asid(), vaddr);
    return {};
}

// Removes the entry that maps `cap` (a frame or table) if it still does.
void unmap(const Cap& cap, unsigned level) {
    void* vspace = find_vspace(cap.mapped_asid());
    if (!vspace) return;
    Walk w = walk(vspace, cap.mapped_address(), level);
    if (!w.entry || !(*w.entry & pte_present)) return;
    EntryTarget target = entry_target(*w.entry, level);
    if (target.page != (cap.type() == CapType::Frame) || target.paddr != ptr_to_phys(cap.ptr())) return;
    *w.entry = 0;
    if (level == 3) {
        flush(vspace, cap.mapped_address());
    } else {
        flush_all(vspace);
    }
}

unsigned table_level(CapType t) { return t == CapType::Pdpt ? 0 : t == CapType::PageDirectory ? 1 : 2; }

// seL4's words for the PageTable, PageDirectory and PDPT invocations (X86 and X64 prefixes as it has them).
struct TableWords {
    const char* not_final;
    const char* illegal;
    const char* truncated;
    const char* mapped;
    const char* too_high;
};

TableWords table_words(unsigned level) {
    if (level == 2) {
        return {"X86PageTable: Cannot unmap if more than one cap exists.", "X86PageTable: Illegal operation.",
                "X86PageTable: Truncated message.", "X86PageTable: Page table is already mapped to a page directory.",
                "X86PageTable: Mapping address too high."};
    }
    if (level == 1) {
        return {"X86PageDirectory: Cannot unmap if more than one cap exist.", "X64Directory: Illegal operation.",
                "X64PageDirectory: Truncated message.", "X64PageDirectory: PD is already mapped to a PML4.",
                "X64PageDirectory: Mapping address too high."};
    }
    return {"X86PDPT: Cannot unmap if more than one cap exist.", "X86PDPT: Illegal operation.",
            "X64PDPT: Truncated message.", "X64PDPT: PDPT is already mapped to a PML4.",
            "X64PDPT: Mapping address too high."};
}

SysStatus page_invocation(const core::Message& msg, core::Slot& slot) {
    switch (static_cast<L>(msg.label())) {
    case L::X86PageMap: return page_map(msg, slot);
    case L::X86PageUnmap:
        if (slot.cap.mapped_asid()) unmap(slot.cap, frame_level(slot.cap.frame_size()));
        slot.cap = slot.cap.without_mapping();
        return {};
    case L::X86PageGetAddress: core::reply_one_word(msg, ptr_to_phys(slot.cap.ptr())); return {};
    default: return illegal();
    }
}

// PageTable, PageDirectory and PDPT: Map into the level above, or Unmap.
SysStatus table_invocation(const core::Message& msg, core::Slot& slot, L map, L unmap_label) {
    Cap cap = slot.cap;
    unsigned level = table_level(cap.type());
    const TableWords words = table_words(level);
    if (msg.label() == static_cast<word>(unmap_label)) {
        if (!core::is_final_capability(slot)) {
            return user_fail(SyscallError::of(ErrorCode::RevokeFirst), words.not_final);
        }
        if (cap.is_mapped()) unmap(cap, level);
        clear_memory(cap.ptr(), bit(table_bits));
        slot.cap = cap.without_mapping();
        return {};
    }
    if (msg.label() != static_cast<word>(map)) {
        return user_fail(SyscallError::of(ErrorCode::IllegalOperation), words.illegal);
    }
    if (msg.length() < 2 || !msg.extra_cap(0)) {
        return user_fail(SyscallError::of(ErrorCode::TruncatedMessage), words.truncated);
    }
    if (cap.is_mapped()) return user_fail(SyscallError::invalid_capability(0), words.mapped);
    word vaddr = msg.arg(0) & ~mask(span(level));  // each entry of the level above covers 2^span bytes
    const Cap root = msg.extra_cap(0)->cap;
    if (!valid_root(root)) return invalid_cap(1);
    if (vaddr > user_top) return user_fail(SyscallError::invalid_argument(0), words.too_high);
    if (SysStatus s = check_root(root); !s) return s;
    Walk w = walk(root.ptr(), vaddr, level);
    if (!w.entry) return lookup_failed(w.bits_left);
    if (*w.entry & pte_present) return fail(SyscallError::of(ErrorCode::DeleteFirst));
    *w.entry = ptr_to_phys(cap.ptr()) | pte_present | pte_write | pte_user | table_attributes(msg.arg(1));
    slot.cap = cap.with_mapping(root.mapped_asid(), vaddr);
    return {};
}

[[gnu::noinline]] SysStatus make_pool(const core::Message& msg, core::Slot& slot) {
    (void)slot;
    if (msg.label() != static_cast<word>(L::X86ASIDControlMakePool)) return illegal();
    if (msg.length() < 2 || !msg.extra_cap(0) || !msg.extra_cap(1)) return truncated();
    unsigned i = 0;
    while (i < asid_pools && asid_table[i]) i++;
    if (i == asid_pools) {
        return user_fail(SyscallError::of(ErrorCode::DeleteFirst), "ASIDControlMakePool: No unallocated pools found.");
    }
    core::Slot& parent = *msg.extra_cap(0);
    const Cap ut = parent.cap;
    if (ut.type() != CapType::Untyped || ut.untyped_size_bits() != 12 || ut.untyped_is_device()) return invalid_cap(1);
    if (SysStatus s = core::ensure_no_children(parent); !s) return s;
    auto dest = core::lookup_slot_for_cnode_op(false, msg.extra_cap(1)->cap, msg.arg(0), msg.arg(1));
    if (!dest) return fail(dest.error());
    if (SysStatus s = core::ensure_empty_slot(*dest.value()); !s) return s;
    clear_memory(ut.ptr(), bit(table_bits));
    parent.cap.set_untyped_full();
    core::cte_insert(Cap::asid_pool(ut.ptr(), word{i} << asid_low_bits), parent, *dest.value());
    asid_table[i] = static_cast<AsidPool*>(ut.ptr());
    return {};
}

[[gnu::noinline]] SysStatus assign(const core::Message& msg, core::Slot& slot) {
    if (msg.label() != static_cast<word>(L::X86ASIDPoolAssign)) return illegal();
    if (!msg.extra_cap(0)) return truncated();
    core::Slot& vslot = *msg.extra_cap(0);
    if (vslot.cap.type() != CapType::Pml4 || vslot.cap.is_mapped()) {
        return user_fail(SyscallError::invalid_capability(1), "X86ASIDPool: Invalid vspace root.");
    }
    word base = slot.cap.asid_base();
    AsidPool* pool = asid_table[base >> asid_low_bits];
    if (!pool) return fail(SyscallError::failed_lookup(false, LookupFault::invalid_root()));
    if (pool != slot.cap.ptr()) return invalid_cap(0);
    word i = 0;
    while (i < bit(asid_low_bits) && (base + i == 0 || pool->vspace[i])) i++;
    if (i == bit(asid_low_bits)) return fail(SyscallError::of(ErrorCode::DeleteFirst));
    pool->vspace[i] = vslot.cap.ptr();
    vslot.cap = vslot.cap.with_mapping(base + i, 0);
    return {};
}

// The user half of an address space whose ASID is gone is emptied: a thread that still runs on
// it (its root cached in its context) finds no user mappings and faults, as a seL4 thread does
// on the kernel's root; frames and tables under it, deleted later, are out of reach.
void forget_user_mappings(void* vspace) {
    for (unsigned i = 0; i < user_half_entries; i++) entries(vspace)[i] = 0;
    flush_all(vspace);
}

// seL4's setVMRoot(ksCurThread), which ends deleteASID and deleteASIDPool: CR3 names at once what
// the current thread's VTable cap names now, its ASID looked up afresh (not the root cached in its
// context), or the kernel's PML4 when that ASID is gone. Nothing reloads it on the way back to user
// mode, so a thread whose own root lost its ASID (TCB_SetSpace on itself deleting the last cap to
// its old root, whose cap the VTable slot still holds then) faults at its next fetch, as on seL4.
void reload_vm_root() {
    core::Tcb* t = core::current_thread();
    activate_vspace(t ? decode_vspace_root(*t) : kernel_vspace_root());
}

// seL4's deleteASID: `pml4` loses `asid` if the ASID names it.
void delete_asid(word asid, const void* pml4) {
    AsidPool* pool = asid_table[asid >> asid_low_bits];
    if (!pool || pool->vspace[asid & mask(asid_low_bits)] != pml4) return;
    pool->vspace[asid & mask(asid_low_bits)] = nullptr;
    reload_vm_root();
}

// seL4's deleteASIDPool: every address space in the pool loses its ASID.
void delete_asid_pool(const Cap& cap) {
    AsidPool*& slot = asid_table[cap.asid_base() >> asid_low_bits];
    if (slot != cap.ptr()) return;
    for (void* vspace : slot->vspace) {
        if (vspace) forget_user_mappings(vspace);
    }
    slot = nullptr;
    reload_vm_root();
}

// --- coherence of paging structures and caps (checked builds) ---------------------------------

// A present user entry: the cap that must record it (its type, the level of the entry it sits
// in, the address space, virtual and physical address).
struct EntryRecord {
    CapType type;
    unsigned level;
    word asid, vaddr, paddr;
};

bool records(const Cap& c, const void* context) {
    const auto& e = *static_cast<const EntryRecord*>(context);
    if (c.type() != e.type || ptr_to_phys(c.ptr()) != e.paddr) return false;
    bool frame = c.type() == CapType::Frame;
    if (frame && frame_level(c.frame_size()) != e.level) return false;
    bool mapped = frame ? c.mapped_asid() != 0 : c.is_mapped();
    return mapped && c.mapped_asid() == e.asid && c.mapped_address() == e.vaddr;
}

// The cap type an entry at `level` names: a frame where the entry is a page.
EntryRecord record_of(u64 entry, unsigned level, word asid, word vaddr) {
    static constexpr CapType tables[] = {CapType::Pdpt, CapType::PageDirectory, CapType::PageTable};
    EntryTarget target = entry_target(entry, level);
    return {target.page ? CapType::Frame : tables[level], level, asid, vaddr, target.paddr};
}

// The caps check_entries looks up: frames and paging structures that say they are mapped.
bool may_record(const Cap& c) {
    switch (c.type()) {
    case CapType::Frame: return c.mapped_asid() != 0;
    case CapType::Pdpt:
    case CapType::PageDirectory:
    case CapType::PageTable: return c.is_mapped();
    default: return false;
    }
}

// Every present user entry of the address space `vspace` (ASID `asid`) is recorded by a cap the
// index holds (depth first, without recursion).
const char* check_entries(word asid, void* vspace) {
    u64* table[4] = {entries(vspace)};
    unsigned index[4] = {};
    word base[4] = {};  // the virtual address each level's table starts at
    unsigned level = 0;
    for (;;) {
        if (index[level] == (level == 0 ? user_half_entries : 512)) {
            if (level-- == 0) return nullptr;
            index[level]++;
            continue;
        }
        u64 e = table[level][index[level]];
        word vaddr = base[level] + (word{index[level]} << span(level));
        if (!(e & pte_present)) {
            index[level]++;
            continue;
        }
        EntryRecord r = record_of(e, level, asid, vaddr);
        // A cap names its object by the kernel window's pointer, device memory included.
        if (!core::find_indexed_cap(device_pptr(r.paddr), records, &r)) {
            core::kprintf("  ASID %lu, level %u entry for %p: %lx\n", asid, level, reinterpret_cast<void*>(vaddr), e);
            return "a present user entry has no cap recording it";
        }
        if (r.type == CapType::Frame) {
            index[level]++;
            continue;
        }
        table[level + 1] = table_of(e);
        index[level + 1] = 0;
        base[level + 1] = vaddr;
        level++;
    }
}

bool has_user_mappings(word root) {
    const u64* e = static_cast<const u64*>(phys_to_ptr(root));
    for (unsigned i = 0; i < user_half_entries; i++) {
        if (e[i] & pte_present) return true;
    }
    return false;
}

}  // namespace

const char* check_thread_vspaces() {
    for (core::Tcb* t = core::debug_first_tcb(); t; t = t->debug_next) {
        // switch.cc runs a thread on the root cached in its context while its VTable cap is the
        // one it cached it with.
        const Cap& vtable = t->slot(core::TcbSlot::VTable).cap;
        if (vtable.raw0() != t->context.vspace_cap_word) continue;
        word cached = t->context.vspace_root;
        if (thread_vspace_root(vtable) != cached && has_user_mappings(cached)) {
            return "a thread would run with user mappings its ASID no longer names";
        }
    }
    return nullptr;
}

const char* check_vspace_coherence(const core::Slot* slots, word count) {
    core::index_reachable_caps(slots, count, may_record);
    for (word high = 0; high < asid_pools; high++) {
        if (!asid_table[high]) continue;
        for (word low = 0; low < bit(asid_low_bits); low++) {
            void* vspace = asid_table[high]->vspace[low];
            if (!vspace) continue;
            if (const char* why = check_entries((high << asid_low_bits) | low, vspace)) return why;
        }
    }
    return check_thread_vspaces();
}

word thread_vspace_root(const Cap& vtable) {
    if (!valid_root(vtable) || find_vspace(vtable.mapped_asid()) != vtable.ptr()) return 0;
    return ptr_to_phys(vtable.ptr());
}

void init_vspace_object(void* pml4) {
    const u64* kernel = static_cast<const u64*>(phys_to_ptr(kernel_vspace_root()));
    for (unsigned i = user_half_entries; i < 512; i++) entries(pml4)[i] = kernel[i];
}

const void* asid_pool_at(word high) { return high < asid_pools ? asid_table[high] : nullptr; }

void forget_asid_table() {
    for (AsidPool*& pool : asid_table) pool = nullptr;
}

void set_initial_asid_pool(void* pool, void* pml4) {
    asid_table[0] = static_cast<AsidPool*>(pool);
    asid_table[0]->vspace[1] = pml4;
}

SysStatus decode_arch_invocation(const core::Message& msg, core::Slot& slot) {
    switch (slot.cap.type()) {
    case CapType::Frame: return page_invocation(msg, slot);
    case CapType::PageTable: return table_invocation(msg, slot, L::X86PageTableMap, L::X86PageTableUnmap);
    case CapType::PageDirectory: return table_invocation(msg, slot, L::X86PageDirectoryMap, L::X86PageDirectoryUnmap);
    case CapType::Pdpt: return table_invocation(msg, slot, L::X86PDPTMap, L::X86PDPTUnmap);
    case CapType::AsidControl: return make_pool(msg, slot);
    case CapType::AsidPool: return assign(msg, slot);
    case CapType::IoPortControl: return decode_io_port_control(msg, slot);
    case CapType::IoPort: return decode_io_port(msg, slot);
    default: return illegal();  // PML4 caps have no invocations
    }
}

void finalise_arch_cap(const Cap& cap, bool final) {
    switch (cap.type()) {
    case CapType::Frame:
        if (cap.mapped_asid()) unmap(cap, frame_level(cap.frame_size()));
        return;
    case CapType::PageTable:
    case CapType::PageDirectory:
    case CapType::Pdpt:
        if (final && cap.is_mapped()) unmap(cap, table_level(cap.type()));
        return;
    case CapType::Pml4:
        if (final && cap.is_mapped()) {
            delete_asid(cap.mapped_asid(), cap.ptr());
            // A root that lost its ASID with its pool may still be loaded (a thread's cached root,
            // emptied): the kernel never runs on one about to be freed.
            if (cpu::read_cr3() == ptr_to_phys(cap.ptr())) cpu::write_cr3(kernel_vspace_root());
        }
        return;
    case CapType::IoPort:
        if (final) free_io_ports(cap);
        return;
    case CapType::AsidPool:
        if (final) delete_asid_pool(cap);
        return;
    default: return;
    }
}

}  // namespace arch
