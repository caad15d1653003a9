// The capability space: slots, guarded lookups, relations between caps, and the derivation tree.
#include <algorithm>
#include <cstdlib>
#include <set>
#include "ops.h"

namespace spec {

Slot& slot_at(State& s, SlotRef r) {
    if (auto c = s.cnodes.find(r.object); c != s.cnodes.end()) return c->second.slots.at(r.index);
    if (auto t = s.threads.find(r.object); t != s.threads.end()) return t->second.slots.at(r.index);
    std::abort();  // a slot of an object that does not exist: a bug in the specification
}

bool slot_exists(const State& s, SlotRef r) {
    if (auto c = s.cnodes.find(r.object); c != s.cnodes.end()) return r.index < c->second.slots.size();
    if (auto t = s.threads.find(r.object); t != s.threads.end()) return r.index < tcb_slot_count;
    return false;
}

const Slot& slot_at(const State& s, SlotRef r) { return slot_at(const_cast<State&>(s), r); }

namespace {

LookupResult lookup_fault(LookupKind kind, word bits_left, word bits_found = 0, word guard_found = 0) {
    return {false, {}, {kind, bits_left, bits_found, guard_found}};
}

}  // namespace

// seL4's resolveAddressBits: each level takes its guard, then its radix bits, from the top of
// the `bits` bits still to resolve; a guard mismatch is reported before a depth mismatch.
LookupResult resolve_address_bits(const State& s, const Cap& root, word cptr, word bits) {
    if (root.type != CapType::CNode) return lookup_fault(LookupKind::InvalidRoot, 0);
    Cap node = root;
    for (;;) {
        word level = node.guard_bits + node.bits;
        word guard = (cptr >> ((bits - node.guard_bits) & 63)) & mask(node.guard_bits);
        if (node.guard_bits > bits || guard != node.guard) {
            return lookup_fault(LookupKind::GuardMismatch, bits, node.guard_bits, node.guard);
        }
        if (level > bits) return lookup_fault(LookupKind::DepthMismatch, bits, level);
        word index = (cptr >> (bits - level)) & mask(node.bits);
        SlotRef r{node.object, index};
        if (bits == level) return {true, {r, 0}, {}};
        bits -= level;
        const Cap& next = slot_at(s, r).cap;
        if (next.type != CapType::CNode) return {true, {r, bits}, {}};
        node = next;
    }
}

LookupResult lookup_slot(const State& s, const Thread& t, word cptr) {
    return resolve_address_bits(s, t.slots[CTableSlot].cap, cptr, word_bits);
}

SlotResult lookup_slot_for_cnode_op(const State& s, bool is_source, const Cap& root, word index, word depth) {
    SyscallError e = error(Error::FailedLookup, is_source);
    if (root.type != CapType::CNode) return {e, {}};
    if (depth < 1 || depth > word_bits) return {error(Error::RangeError, 1, word_bits), {}};
    LookupResult r = resolve_address_bits(s, root, index, depth);
    if (!r.ok) {
        e.lookup = r.fault;
        return {e, {}};
    }
    if (r.value.bits_left != 0) {
        e.lookup = {LookupKind::DepthMismatch, r.value.bits_left, 0, 0};
        return {e, {}};
    }
    return {ok(), r.value.slot};
}

// ---- relations between caps

bool is_physical(const Cap& c) {
    switch (c.type) {
    case CapType::Untyped: case CapType::Endpoint: case CapType::Notification: case CapType::CNode:
    case CapType::Thread: case CapType::Zombie: case CapType::Frame: case CapType::AsidPool:
    case CapType::SchedContext: return true;
    case CapType::Reply: return config::kernel_mcs;  // MCS: a reply object, classic: a thread
    default: return is_vspace_table(c.type);
    }
}

word object_size_bits(const Cap& c) {
    switch (c.type) {
    case CapType::Untyped: case CapType::Frame: return c.bits;
    case CapType::Endpoint: return endpoint_bits;
    case CapType::Notification: return notification_bits;
    case CapType::CNode: return c.bits + slot_bits;
    case CapType::Thread: return tcb_bits;
    case CapType::Zombie: return c.bits == word_bits ? tcb_bits : c.bits + slot_bits;
    case CapType::SchedContext: return c.bits;
    case CapType::Reply: return reply_bits;
    default: return page_bits;
    }
}

namespace {

bool covers(const Cap& outer, const Cap& inner) {
    word a = outer.object, a_top = a + mask(static_cast<unsigned>(object_size_bits(outer)));
    word b = inner.object, b_top = b + mask(static_cast<unsigned>(object_size_bits(inner)));
    return a <= b && b_top <= a_top && b <= b_top;
}

bool is_table(CapType t) { return is_vspace_table(t) || t == CapType::AsidPool; }

}  // namespace

bool same_region_as(const Cap& a, const Cap& b) {
    switch (a.type) {
    case CapType::Untyped: return is_physical(b) && covers(a, b);
    case CapType::Endpoint: case CapType::Notification: case CapType::Thread: case CapType::Reply:
        return b.type == a.type && a.object == b.object;
    case CapType::CNode: return b.type == CapType::CNode && a.object == b.object && a.bits == b.bits;
    case CapType::Domain: return b.type == CapType::Domain;
    case CapType::AsidControl: return b.type == CapType::AsidControl;
    case CapType::IrqControl: return b.type == CapType::IrqControl || b.type == CapType::IrqHandler;
    case CapType::IrqHandler: return b.type == CapType::IrqHandler && a.number == b.number;
    case CapType::Frame: return b.type == CapType::Frame && covers(a, b);
    case CapType::SchedContext: return b.type == a.type && a.object == b.object && a.bits == b.bits;
    case CapType::SchedControl: return b.type == CapType::SchedControl;
    default:
        if (is_table(a.type)) return b.type == a.type && a.object == b.object;
        return arch_same_region_as(a, b);
    }
}

bool same_object_as(const Cap& a, const Cap& b) {
    if (a.type == CapType::Untyped) return false;
    if (a.type == CapType::IrqControl && b.type == CapType::IrqHandler) return false;
    if (issued_by_arch_control(b, a)) return false;
    if (a.type == CapType::Frame && b.type == CapType::Frame) {
        return a.object == b.object && a.bits == b.bits && a.device == b.device;
    }
    return same_region_as(a, b);
}

bool is_cap_revocable(const Cap& derived, const Cap& source) {
    switch (derived.type) {
    case CapType::Endpoint: case CapType::Notification: return derived.badge != source.badge;
    case CapType::IrqHandler: return source.type == CapType::IrqControl;
    case CapType::Untyped: return true;
    default: return issued_by_arch_control(derived, source);
    }
}

bool has_children(const State& s, SlotRef r) { return !slot_at(s, r).children.empty(); }

// seL4's deriveCap: what a copy of `cap` may be. Zombies, IRQ control and classic's reply caps
// copy as nothing (MCS's as themselves); an untyped only without children; paging structures
// only when mapped; the architecture's other caps as it says (Arch_deriveCap).
CapResult derive_cap(const State& s, SlotRef slot, const Cap& cap) {
    switch (cap.type) {
    case CapType::Reply: return {ok(), config::kernel_mcs ? cap : Cap{}};
    case CapType::Zombie: case CapType::IrqControl: return {ok(), Cap{}};
    case CapType::Untyped:
        if (has_children(s, slot)) return {error(Error::RevokeFirst), {}};
        return {ok(), cap};
    case CapType::Frame: {  // a copy of a frame is not mapped
        Cap c = cap;
        c.asid = c.vaddr = 0;
        return {ok(), c};
    }
    default:
        if (is_vspace_table(cap.type) && !cap.mapped) return {error(Error::IllegalOperation), {}};
        return {ok(), arch_derive_cap(cap)};
    }
}

// seL4's updateCapData: a badge for an unbadged endpoint or notification (else nothing), a new
// guard for a CNode (data: guard size in bits 0-5, the guard above).
Cap update_cap_data(bool preserve, word data, const Cap& cap) {
    Cap c = cap;
    switch (cap.type) {
    case CapType::Endpoint: case CapType::Notification:
        if (preserve || cap.badge != 0) return Cap{};
        c.badge = data;
        return c;
    case CapType::CNode: {
        unsigned guard_bits = data & 63;
        if (guard_bits + cap.bits > word_bits) return Cap{};
        c.guard_bits = guard_bits;
        c.guard = (data >> 6) & mask(guard_bits);
        return c;
    }
    default: return c;
    }
}

// seL4_CapRights: write bit 0, read bit 1, grant bit 2, grant-reply bit 3.
Cap mask_cap_rights(word rights, const Cap& cap) {
    bool write = rights & 1, read = rights & 2, grant = rights & 4, grant_reply = rights & 8;
    Cap c = cap;
    switch (cap.type) {
    case CapType::Endpoint:
        c.grant_reply = c.grant_reply && grant_reply;
        c.grant = c.grant && grant;
        [[fallthrough]];
    case CapType::Notification:
        c.write = c.write && write;
        c.read = c.read && read;
        return c;
    case CapType::Reply: c.grant = c.grant && grant; return c;
    case CapType::Frame:
        if (read && c.vm_rights == 3) c.vm_rights = write ? 3 : 2;
        else if (!(read && c.vm_rights == 2)) c.vm_rights = 1;
        return c;
    default: return c;
    }
}

// Final: no other slot holds a cap to the same object.
bool is_final_capability(const State& s, SlotRef r) {
    const Cap& cap = slot_at(s, r).cap;
    auto same = [&](word object, const Slot& other, word index) {
        return SlotRef{object, index} != r && same_object_as(other.cap, cap);
    };
    for (const auto& [a, cn] : s.cnodes) {
        for (word i = 0; i < cn.slots.size(); i++) {
            if (same(a, cn.slots[i], i)) return false;
        }
    }
    for (const auto& [a, t] : s.threads) {
        for (word i = 0; i < tcb_slot_count; i++) {
            if (same(a, t.slots[i], i)) return false;
        }
    }
    return true;
}

// ---- the derivation tree

namespace {

void replace_in(std::vector<SlotRef>& list, SlotRef from, const std::vector<SlotRef>& to) {
    auto it = std::find(list.begin(), list.end(), from);
    if (it == list.end()) std::abort();
    it = list.erase(it);
    list.insert(it, to.begin(), to.end());
}

// After copying a whole untyped, the source may no longer be retyped from (seL4's
// setUntypedCapAsFull).
void set_untyped_cap_as_full(State& s, const Cap& copy, SlotRef src) {
    Cap& c = slot_at(s, src).cap;
    if (c.type == CapType::Untyped && copy.type == CapType::Untyped && c.object == copy.object && c.bits == copy.bits) {
        c.free_bytes = word{1} << c.bits;
    }
}

}  // namespace

// A copy of an original cap is its first child; a copy of any other cap its next sibling.
void cte_insert(State& s, Cap cap, SlotRef src, SlotRef dest) {
    Slot& from = slot_at(s, src);
    Slot& to = slot_at(s, dest);
    to.cap = cap;
    to.original = is_cap_revocable(cap, from.cap);
    set_untyped_cap_as_full(s, cap, src);
    if (from.original) {
        to.parent = src;
        from.children.insert(from.children.begin(), dest);
        return;
    }
    to.parent = from.parent;
    if (!from.parent) return;
    auto& siblings = slot_at(s, *from.parent).children;
    siblings.insert(std::find(siblings.begin(), siblings.end(), src) + 1, dest);
}

void insert_new_cap(State& s, SlotRef parent, SlotRef dest, Cap cap) {
    Slot& to = slot_at(s, dest);
    to.cap = cap;
    to.original = true;
    to.parent = parent;
    auto& children = slot_at(s, parent).children;
    children.insert(children.begin(), dest);
}

namespace {

// Exchanges the places of two slots in the derivation tree (their caps go with them).
void swap_places(State& s, SlotRef a, SlotRef b) {
    auto rename = [&](SlotRef r) { return r == a ? b : r == b ? a : r; };
    std::set<SlotRef> touched{a, b};
    for (SlotRef r : {a, b}) {
        const Slot& sl = slot_at(s, r);
        if (sl.parent) touched.insert(*sl.parent);
        touched.insert(sl.children.begin(), sl.children.end());
    }
    std::map<SlotRef, Slot> old;
    for (SlotRef r : touched) old[r] = slot_at(s, r);
    for (SlotRef r : touched) {
        Slot sl = old[rename(r)];
        if (sl.parent) sl.parent = rename(*sl.parent);
        for (SlotRef& c : sl.children) c = rename(c);
        slot_at(s, r) = sl;
    }
}

}  // namespace

void cte_move(State& s, Cap cap, SlotRef src, SlotRef dest) {
    swap_places(s, src, dest);
    slot_at(s, dest).cap = cap;
    slot_at(s, src) = Slot{};
}

void cte_swap(State& s, Cap cap1, SlotRef slot1, Cap cap2, SlotRef slot2) {
    swap_places(s, slot1, slot2);
    slot_at(s, slot1).cap = cap2;
    slot_at(s, slot2).cap = cap1;
}

void empty_slot(State& s, SlotRef r) {
    Slot& sl = slot_at(s, r);
    if (sl.cap.type == CapType::Null) return;
    std::vector<SlotRef> children = sl.children;
    std::optional<SlotRef> parent = sl.parent;
    for (SlotRef c : children) slot_at(s, c).parent = parent;
    if (parent) replace_in(slot_at(s, *parent).children, r, children);
    slot_at(s, r) = Slot{};
}

}  // namespace spec
