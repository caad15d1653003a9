// Slot operations on the derivation tree.
#include "cspace/cte.h"
#include "arch/caps.h"
#include "generated/config.h"
#include "kernel/user_error.h"

namespace core {
namespace {

bool untyped_covers(const Cap& untyped, const Cap& other) {
    word a_base = reinterpret_cast<word>(untyped.ptr());
    word b_base = reinterpret_cast<word>(other.type() == CapType::CNode ? other.cnode_slots() : other.ptr());
    word a_top = a_base + mask(untyped.untyped_size_bits());
    word b_top = b_base + mask(other.object_size_bits());
    return a_base <= b_base && b_top <= a_top && b_base <= b_top;
}

bool badged(CapType t) { return t == CapType::Endpoint || t == CapType::Notification; }

}  // namespace

bool same_region_as(const Cap& a, const Cap& b) {
    switch (a.type()) {
    case CapType::Untyped: return b.is_physical() && untyped_covers(a, b);
    case CapType::Endpoint:
    case CapType::Notification:
    case CapType::Thread:
    case CapType::Reply: return b.type() == a.type() && a.ptr() == b.ptr();
    case CapType::SchedContext:
        return b.type() == a.type() && a.ptr() == b.ptr() && a.sched_context_size_bits() == b.sched_context_size_bits();
    case CapType::SchedControl: return b.type() == CapType::SchedControl;
    case CapType::CNode:
        return b.type() == CapType::CNode && a.cnode_slots() == b.cnode_slots() && a.cnode_radix() == b.cnode_radix();
    case CapType::Domain: return b.type() == CapType::Domain;
    case CapType::IrqControl: return b.type() == CapType::IrqControl || b.type() == CapType::IrqHandler;
    case CapType::IrqHandler: return b.type() == CapType::IrqHandler && a.irq() == b.irq();
    default: return is_arch_cap(a.type()) && is_arch_cap(b.type()) && arch::same_region_as(a, b);
    }
}

bool same_object_as(const Cap& a, const Cap& b) {
    if (a.type() == CapType::Untyped) return false;
    if (a.type() == CapType::IrqControl && b.type() == CapType::IrqHandler) return false;
    if (is_arch_cap(a.type()) && is_arch_cap(b.type())) return arch::same_object_as(a, b);
    return same_region_as(a, b);
}

bool is_mdb_parent_of(const Slot& parent, const Slot& child) {
    if (!parent.mdb.revocable() || !same_region_as(parent.cap, child.cap)) return false;
    if (!badged(parent.cap.type()) || parent.cap.badge() == 0) return true;
    return parent.cap.badge() == child.cap.badge() && !child.mdb.first_badged();
}

bool is_cap_revocable(const Cap& derived, const Cap& source) {
    switch (derived.type()) {
    case CapType::Endpoint:
    case CapType::Notification: return derived.badge() != source.badge();
    case CapType::IrqHandler: return source.type() == CapType::IrqControl;
    case CapType::Untyped: return true;
    default: return is_arch_cap(derived.type()) && arch::is_cap_revocable(derived, source);
    }
}

bool is_final_capability(const Slot& slot) {
    const Slot* prev = slot.mdb.prev();
    if (prev && same_object_as(prev->cap, slot.cap)) return false;
    const Slot* next = slot.mdb.next();
    return !next || !same_object_as(slot.cap, next->cap);
}

SysStatus ensure_empty_slot(const Slot& slot) {
    if (!slot.cap.is_null()) return fail(SyscallError::of(ErrorCode::DeleteFirst));
    return {};
}

bool has_children(const Slot& slot) {
    const Slot* next = slot.mdb.next();
    return next && is_mdb_parent_of(slot, *next);
}

SysStatus ensure_no_children(const Slot& slot) {
    if (has_children(slot)) return fail(SyscallError::of(ErrorCode::RevokeFirst));
    return {};
}

SysResult<Cap> derive_cap(const Slot& slot, const Cap& cap) {
    if (is_arch_cap(cap.type())) return arch::derive_cap(cap);
    switch (cap.type()) {
    case CapType::Zombie:
    case CapType::IrqControl: return Cap{};
    case CapType::Reply: return config::kernel_mcs ? cap : Cap{};  // an MCS reply cap names an object
    case CapType::Untyped:
        if (SysStatus s = ensure_no_children(slot); !s) return fail(s.error());
        return cap;
    default: return cap;
    }
}

Cap update_cap_data(bool preserve, word data, const Cap& cap) {
    switch (cap.type()) {
    case CapType::Endpoint:
    case CapType::Notification: return !preserve && cap.badge() == 0 ? cap.with_badge(data) : Cap{};
    case CapType::CNode: {
        word guard_size = data & mask(6);
        word guard = data >> 6;
        if (guard_size + cap.cnode_radix() > 64) return Cap{};
        return cap.with_cnode_guard(static_cast<unsigned>(guard_size), guard & mask(static_cast<unsigned>(guard_size)));
    }
    default: return cap;
    }
}

Cap mask_cap_rights(word rights_word, const Cap& cap) {
    Rights r = Rights::from_word(rights_word);
    switch (cap.type()) {
    case CapType::Endpoint:
        return cap.with_endpoint_rights(cap.can_send() && r.write, cap.can_receive() && r.read,
                                        cap.can_grant() && r.grant, cap.can_grant_reply() && r.grant_reply);
    case CapType::Notification:
        return cap.with_endpoint_rights(cap.can_send() && r.write, cap.can_receive() && r.read, false, false);
    case CapType::Reply: return config::kernel_mcs ? Cap::reply(cap.ptr(), false, cap.reply_can_grant() && r.grant) : cap;
    default: return is_arch_cap(cap.type()) ? arch::mask_cap_rights(r, cap) : cap;
    }
}

namespace {
// An untyped cap copied from an untyped cap for the same memory leaves the source no free space.
void set_untyped_cap_as_full(const Cap& src, const Cap& copy, Slot& src_slot) {
    if (src.type() == CapType::Untyped && copy.type() == CapType::Untyped && src.ptr() == copy.ptr() &&
        src.untyped_size_bits() == copy.untyped_size_bits()) {
        src_slot.cap.set_untyped_full();
    }
}

void relink_neighbours(Slot& slot) {
    if (Slot* p = slot.mdb.prev()) p->mdb.set_next(&slot);
    if (Slot* n = slot.mdb.next()) n->mdb.set_prev(&slot);
}
}  // namespace

void cte_insert(Cap cap, Slot& src, Slot& dest) {
    bool revocable = is_cap_revocable(cap, src.cap);
    set_untyped_cap_as_full(src.cap, cap, src);
    dest.cap = cap;
    link_after(src, dest);
    dest.mdb.set_revocable(revocable);
    dest.mdb.set_first_badged(revocable);
}

void insert_new_cap(Slot& parent, Slot& dest, Cap cap) {
    dest.cap = cap;
    link_after(parent, dest);
    dest.mdb.set_revocable(true);
    dest.mdb.set_first_badged(true);
}

void cte_move(Cap cap, Slot& src, Slot& dest) {
    dest.cap = cap;
    dest.mdb = src.mdb;
    src.cap = Cap{};
    src.mdb.clear();
    relink_neighbours(dest);
}

void cte_swap(Cap cap1, Slot& slot1, Cap cap2, Slot& slot2) {
    MdbNode m1 = slot1.mdb;
    MdbNode m2 = slot2.mdb;
    slot1.cap = cap2;
    slot2.cap = cap1;
    slot1.mdb = m2;
    slot2.mdb = m1;
    // Adjacent slots point at each other: fix the links from the new positions.
    if (slot1.mdb.prev() == &slot1) slot1.mdb.set_prev(&slot2);
    if (slot1.mdb.next() == &slot1) slot1.mdb.set_next(&slot2);
    if (slot2.mdb.prev() == &slot2) slot2.mdb.set_prev(&slot1);
    if (slot2.mdb.next() == &slot2) slot2.mdb.set_next(&slot1);
    relink_neighbours(slot1);
    relink_neighbours(slot2);
}

}  // namespace core
