// Derivation-tree invariant checks.
#include "cspace/invariants.h"
#include "cspace/cte.h"
#include "object/tcb.h"

namespace core {
namespace {

constexpr word max_chain = word{1} << 24;  // longer than any real chain: a cycle

word object_base(const Cap& c) {
    return reinterpret_cast<word>(c.type() == CapType::CNode ? c.cnode_slots() : c.ptr());
}

const char* check_links(const Slot& s) {
    if (s.cap.is_null()) return s.mdb.prev() || s.mdb.next() ? "an empty slot has derivation links" : nullptr;
    if (s.mdb.next() && s.mdb.next()->mdb.prev() != &s) return "next->prev does not lead back";
    if (s.mdb.prev() && s.mdb.prev()->mdb.next() != &s) return "prev->next does not lead back";
    return nullptr;
}

// Every descendant of an untyped (the entries that follow it while it is their parent) lies
// inside it and below its free index.
const char* check_untyped_children(const Slot& parent, word max_steps) {
    word base = object_base(parent.cap);
    word watermark = base + (parent.cap.untyped_free_index() << 4);
    word n = 0;
    for (const Slot* c = parent.mdb.next(); c && is_mdb_parent_of(parent, *c) && n < max_steps; c = c->mdb.next()) {
        if (++n > max_chain) return "a derivation chain does not end";
        word start = object_base(c->cap);
        word end = start + bit(c->cap.object_size_bits());
        if (start < base || end > watermark) return "an untyped's child lies outside it or above its free index";
    }
    return nullptr;
}

}  // namespace

const char* check_cspace_invariants(const Slot* slots, word count, word max_chain_steps) {
    for (word i = 0; i < count; i++) {
        word n = 0;
        for (const Slot* s = &slots[i]; s && n < max_chain_steps; s = s->mdb.next()) {
            if (++n > max_chain) return "a derivation chain does not end";
            if (const char* why = check_links(*s)) return why;
            if (s->cap.type() == CapType::Untyped) {
                if (const char* why = check_untyped_children(*s, max_chain_steps)) return why;
            }
            if (s != &slots[i] && s >= slots && s < slots + count) break;  // checked from its own index
        }
    }
    return nullptr;
}

namespace {

using CapMatcher = bool (*)(const Cap&, const void*);

const Slot* find_in(const Slot* slots, word count, CapMatcher matches, const void* context) {
    for (word i = 0; i < count; i++) {
        if (matches(slots[i].cap, context)) return &slots[i];
    }
    return nullptr;
}

// The slots a cap gives onto: a CNode's, or those a Zombie (a CNode or TCB being deleted, or
// left unreachable by a deletion) has still to clear; none for other caps.
struct SlotRange {
    const Slot* first;
    word count;
};
SlotRange slots_inside(const Cap& c) {
    if (c.type() == CapType::CNode) return {static_cast<const Slot*>(c.cnode_slots()), bit(c.cnode_radix())};
    if (c.type() == CapType::Zombie) return {static_cast<const Slot*>(c.ptr()), c.zombie_number()};
    return {nullptr, 0};
}

// The first non-null result of `visit` over the slots reachable from the root CNode
// `slots[0, count)`: its slots and the derivation chains through them.
template <typename Visit>
const Slot* on_root_chains(const Slot* slots, word count, Visit visit) {
    for (word i = 0; i < count; i++) {
        for (const Slot* s = &slots[i]; s; s = s->mdb.next()) {
            if (s != &slots[i] && s >= slots && s < slots + count) break;  // visited from its own index
            if (const Slot* found = visit(*s)) return found;
        }
    }
    return nullptr;
}

}  // namespace

// Every cap lives in a CNode or a TCB. Every CNode but the root one was retyped from an untyped,
// so one of its caps (or its Zombie) is on a chain from the root CNode, unless the untyped's own
// cap was moved out of the root CNode with everything made from it (not searched); live TCBs
// are in the debug list. The chains come first: nearly every cap is found there.
const Slot* find_reachable_cap(const Slot* slots, word count, CapMatcher matches, const void* context) {
    auto on_chain = [&](const Slot& s) { return matches(s.cap, context) ? &s : nullptr; };
    if (const Slot* found = on_root_chains(slots, count, on_chain)) return found;
    auto inside = [&](const Slot& s) {
        SlotRange r = slots_inside(s.cap);
        return r.first == slots ? nullptr : find_in(r.first, r.count, matches, context);
    };
    if (const Slot* found = on_root_chains(slots, count, inside)) return found;
    for (const Tcb* t = debug_first_tcb(); t; t = t->debug_next) {
        if (const Slot* found = find_in(t->slots, tcb_slot_count, matches, context)) return found;
    }
    return nullptr;
}

}  // namespace core
