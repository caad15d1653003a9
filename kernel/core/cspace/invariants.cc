// Derivation-tree invariant checks.
#include "cspace/invariants.h"
#include "arch/interrupts.h"
#include "cspace/cte.h"
#include "kernel/console.h"
#include "object/interrupt.h"
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

namespace {

// The complete search: every node of slots a cap can live in (the root CNode, the IRQ node, each
// TCB's slots, and every CNode or Zombie that a cap in them, or on a derivation chain through
// them, names, at any depth) scanned once; from each cap scanned, its chain followed both ways
// across the slots of nodes not yet known (a CNode whose caps all sit in CNodes nothing else
// names is found through its untyped's chain). Nodes are kept in a fixed table, so a cycle of
// CNodes ends; past `max_nodes` the search cannot be complete.
constexpr word max_nodes = 2048;
SlotRange known[max_nodes];
word known_count = 0;
bool known_full = false;

bool in_range(const SlotRange& r, const Slot* s) { return s >= r.first && s < r.first + r.count; }

bool is_known(const Slot* s) {
    for (word i = 0; i < known_count; i++) {
        if (in_range(known[i], s)) return true;
    }
    for (const Tcb* t = debug_first_tcb(); t; t = t->debug_next) {
        if (in_range({t->slots, tcb_slot_count}, s)) return true;
    }
    return false;
}

void note_node(const Cap& c) {
    SlotRange r = slots_inside(c);
    if (!r.first) return;
    for (word i = 0; i < known_count; i++) {
        if (known[i].first != r.first) continue;
        if (known[i].count < r.count) known[i].count = r.count;  // a CNode's Zombie and its cap
        return;
    }
    if (known_count == max_nodes) {
        known_full = true;
        return;
    }
    known[known_count++] = r;
}

// Whether `s` holds the cap sought; else what it names is noted.
bool visit(const Slot& s, CapMatcher matches, const void* context) {
    if (matches(s.cap, context)) return true;
    note_node(s.cap);
    return false;
}

// The slots on the chain through `s`, either side of it, up to the first that a known node holds.
const Slot* visit_unknown_neighbours(const Slot& s, CapMatcher matches, const void* context) {
    word n = 0;
    for (const Slot* c = s.mdb.next(); c && !is_known(c) && ++n < max_chain; c = c->mdb.next()) {
        if (visit(*c, matches, context)) return c;
    }
    for (const Slot* c = s.mdb.prev(); c && !is_known(c) && ++n < 2 * max_chain; c = c->mdb.prev()) {
        if (visit(*c, matches, context)) return c;
    }
    return nullptr;
}

const Slot* scan_node(SlotRange r, CapMatcher matches, const void* context) {
    for (word i = 0; i < r.count; i++) {
        const Slot& s = r.first[i];
        if (s.cap.is_null()) continue;
        if (visit(s, matches, context)) return &s;
        if (const Slot* found = visit_unknown_neighbours(s, matches, context)) return found;
    }
    return nullptr;
}

const Slot* search_every_node(const Slot* slots, word count, CapMatcher matches, const void* context) {
    known_count = 0;
    known_full = false;
    known[known_count++] = {slots, count};
    known[known_count++] = {&irq_node_slot(0), arch::max_irq + 1};
    for (const Tcb* t = debug_first_tcb(); t; t = t->debug_next) {
        if (const Slot* found = scan_node({t->slots, tcb_slot_count}, matches, context)) return found;
    }
    for (word i = 0; i < known_count; i++) {  // the table grows as nodes are found
        if (const Slot* found = scan_node(known[i], matches, context)) return found;
    }
    if (known_full) {
        kprintf("Invariants: more than %lu CNodes; a cap not found is not a violation\n", max_nodes);
        return slots;
    }
    return nullptr;
}

}  // namespace

// The chains from the root CNode and the CNodes found there come first: nearly every cap is
// found there; then the complete search.
const Slot* find_reachable_cap(const Slot* slots, word count, CapMatcher matches, const void* context) {
    auto on_chain = [&](const Slot& s) { return matches(s.cap, context) ? &s : nullptr; };
    if (const Slot* found = on_root_chains(slots, count, on_chain)) return found;
    auto inside = [&](const Slot& s) {
        SlotRange r = slots_inside(s.cap);
        return r.first == slots ? nullptr : find_in(r.first, r.count, matches, context);
    };
    if (const Slot* found = on_root_chains(slots, count, inside)) return found;
    return search_every_node(slots, count, matches, context);
}

}  // namespace core
