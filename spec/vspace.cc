// Address spaces, the generic part (seL4's findVSpaceForASID, the ASID control and pool
// invocations, deleteASID and deleteASIDPool, which every architecture has in the same shape):
// the ASID table and pools, what an address translates to, and user loads and stores with their
// VM faults. The paging structures' own invocations are the architecture's.
#include "arch_labels.h"
#include "ops.h"
#include "spec.h"

namespace spec {

word find_vspace(const State& s, word asid) {
    word high = asid >> asid_low_bits;
    if (high >= asid_high_count || !s.asid_table[high]) return 0;
    return s.asid_pools.at(s.asid_table[high])[asid & mask(asid_low_bits)];
}

SyscallError lookup_failed(word bits_left, LookupKind kind) {
    SyscallError e = error(Error::FailedLookup, 0);
    e.lookup = {kind, bits_left, 0, 0};
    return e;
}

SyscallError check_vspace_root(const State& s, const Cap& root) {
    word found = find_vspace(s, root.asid);
    if (!found) return lookup_failed(0, LookupKind::InvalidRoot);
    if (found != root.object) return invalid_cap(1);
    return ok();
}

Cap unmapped(Cap c) {
    c.asid = c.vaddr = 0;
    c.mapped = false;
    return c;
}

SyscallError record_mapping(State& s, const Invocation& inv, SlotRef slot, word asid, word vaddr) {
    Cap& cap = slot_at(s, slot).cap;
    cap.asid = asid;
    cap.vaddr = vaddr;
    cap.mapped = cap.type != CapType::Frame;
    return done(s, inv);
}

SyscallError frame_map_root(const State& s, const Invocation& inv, Cap& root) {
    if (inv.words.size() < 3 || inv.extra.empty()) return truncated();
    root = slot_at(s, inv.extra[0]).cap;
    return is_valid_vtable_root(root) ? ok() : invalid_cap(1);
}

SyscallError decode_frame(State& s, const Invocation& inv, SlotRef slot) {
    const Cap cap = slot_at(s, slot).cap;
    if (inv.label == static_cast<word>(page_map_label)) return map_frame(s, inv, slot);
    if (inv.label == static_cast<word>(page_get_address_label)) return done(s, inv, {cap.object});
    if (inv.label != static_cast<word>(page_unmap_label)) return decode_arch_frame(s, inv, slot);
    if (cap.asid) unmap_frame(s, cap);
    slot_at(s, slot).cap = unmapped(cap);
    return done(s, inv);
}

// MakePool: a 4 KiB untyped without children becomes the next free pool.
SyscallError make_asid_pool(State& s, const Invocation& inv) {
    if (inv.words.size() < 2 || inv.extra.size() < 2) return truncated();
    word high = 0;
    while (high < asid_high_count && s.asid_table[high]) high++;
    if (high == asid_high_count) return error(Error::DeleteFirst);
    SlotRef parent = inv.extra[0];
    const Cap ut = slot_at(s, parent).cap;
    if (ut.type != CapType::Untyped || ut.bits != page_bits || ut.device) return invalid_cap(1);
    if (has_children(s, parent)) return error(Error::RevokeFirst);
    SlotResult dest = lookup_slot_for_cnode_op(s, false, slot_at(s, inv.extra[1]).cap, inv.words[0], inv.words[1]);
    if (failed(dest.error)) return dest.error;
    if (slot_at(s, dest.slot).cap.type != CapType::Null) return error(Error::DeleteFirst);
    zero(s, ut.object, word{1} << page_bits);
    slot_at(s, parent).cap.free_bytes = word{1} << page_bits;
    cte_insert(s, Cap{.type = CapType::AsidPool, .object = ut.object, .asid = high << asid_low_bits}, parent, dest.slot);
    s.asid_table[high] = ut.object;
    s.asid_pools[ut.object] = {};
    return done(s, inv);
}

// Assign: the first free ASID of the pool (never ASID 0) for an unmapped VSpace root.
SyscallError assign_asid(State& s, const Invocation& inv, SlotRef slot) {
    if (inv.extra.empty()) return truncated();
    Cap vspace = slot_at(s, inv.extra[0]).cap;
    if (vspace.type != vspace_root_type || vspace.mapped) return invalid_cap(1);
    const Cap pool_cap = slot_at(s, slot).cap;
    word pool = s.asid_table[pool_cap.asid >> asid_low_bits];
    if (!pool) return lookup_failed(0, LookupKind::InvalidRoot);
    if (pool != pool_cap.object) return invalid_cap(0);
    auto& entries = s.asid_pools.at(pool);
    word i = 0;
    while (i < entries.size() && (pool_cap.asid + i == 0 || entries[i])) i++;
    if (i == entries.size()) return error(Error::DeleteFirst);
    entries[i] = vspace.object;
    vspace.asid = pool_cap.asid + i;
    vspace.vaddr = 0;
    vspace.mapped = true;
    slot_at(s, inv.extra[0]).cap = vspace;
    return done(s, inv);
}

bool deletes_asid(const State& s, const Cap& root) { return root.mapped && find_vspace(s, root.asid) == root.object; }

void delete_asid(State& s, const Cap& root) {
    s.asid_pools.at(s.asid_table[root.asid >> asid_low_bits])[root.asid & mask(asid_low_bits)] = 0;
}

void delete_asid_pool(State& s, const Cap& pool) {
    word& entry = s.asid_table[pool.asid >> asid_low_bits];
    if (entry == pool.object) entry = 0;
}

word index_at(word vaddr, unsigned level) { return (vaddr >> level_bits(level)) & 511; }

Translation translate(const State& s, word asid, word vaddr) {
    word table = find_vspace(s, asid);
    if (!table || vaddr > user_top) return {};
    for (unsigned level = 0; level < paging_levels; level++) {
        const auto& entries = s.tables.at(table).entries;
        auto e = entries.find(index_at(vaddr, level));
        if (e == entries.end()) return {0, 0, level};
        if (e->second.page) {
            return {e->second.target + ((vaddr & mask(level_bits(level))) & ~mask(page_bits)), e->second.rights, level};
        }
        table = e->second.target;
    }
    return {};
}

std::vector<word> mapped_pages(const State& s, word asid) {
    std::vector<word> pages;
    struct Table {
        word object, base;
        unsigned level;
    };
    std::vector<Table> todo;
    if (word root = find_vspace(s, asid)) todo.push_back({root, 0, 0});
    while (!todo.empty()) {
        Table t = todo.back();
        todo.pop_back();
        for (const auto& [i, e] : s.tables.at(t.object).entries) {
            word vaddr = t.base + (i << level_bits(t.level));
            if (!e.page) todo.push_back({e.target, vaddr, t.level + 1});
            else if (e.rights >= 2) {
                for (word off = 0; off < (word{1} << level_bits(t.level)); off += word{1} << page_bits) pages.push_back(vaddr + off);
            }
        }
    }
    return pages;
}

word thread_asid(const State& s, word thread) {
    const Cap& vtable = s.threads.at(thread).slots[VTableSlot].cap;
    if (!is_valid_vtable_root(vtable) || find_vspace(s, vtable.asid) != vtable.object) return 0;
    return vtable.asid;
}

void user_access(State& s, word vaddr, bool write, word value) {
    Thread& t = s.threads.at(s.current);
    word asid = thread_asid(s, s.current);
    Translation tr = asid ? translate(s, asid, vaddr) : Translation{};
    bool allowed = tr.rights == 3 || (tr.rights == 2 && !write);
    if (allowed) {
        word paddr = tr.frame + (vaddr & mask(page_bits) & ~word{7});
        if (write) store(s, paddr, value);
        else t.regs[load_register] = load(s, paddr);
        return;
    }
    t.regs[FaultIP] = t.regs[NextIP];  // the faulting instruction restarts
    if (config::kernel_mcs && !budget_for_entry(s)) return;
    handle_fault(s, s.current, Fault{.type = FaultType::VMFault, .address = vaddr, .fsr = vm_fault_status(vaddr, write, tr)});
}

}  // namespace spec
