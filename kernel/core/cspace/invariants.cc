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

// The checked kernel's cap search (invariants.h). The nodes of slots a cap can sit in: the root
// CNode, the IRQ node, each TCB's slots, and every CNode or Zombie named by a cap in them or on a
// derivation chain through them. Each node is noted once, in a fixed table sorted by address
// (for the walk's "is this slot in a known node?"), and scanned once, in the order found.
struct Node {
    const Slot* first;
    word count;    // a CNode's Zombie may name fewer slots than the CNode: the larger is kept
    word scanned;  // the slots [0, scanned) have been visited
};
constexpr word max_nodes = 2048;
Node nodes[max_nodes];
u16 by_address[max_nodes];  // indices into `nodes`, ascending by `first`
word node_count = 0;
bool nodes_full = false;

// The first index of `by_address` whose node starts above `s`.
word nodes_above(const Slot* s) {
    word lo = 0, hi = node_count;
    while (lo < hi) {
        word mid = (lo + hi) / 2;
        if (nodes[by_address[mid]].first <= s) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

bool in_known_node(const Slot* s) {
    word above = nodes_above(s);
    if (above == 0) return false;
    const Node& n = nodes[by_address[above - 1]];
    return s < n.first + n.count;
}

void note_node(const Slot* first, word count) {
    word at = nodes_above(first);
    if (at > 0 && nodes[by_address[at - 1]].first == first) {
        Node& n = nodes[by_address[at - 1]];
        if (n.count < count) n.count = count;
        return;
    }
    if (node_count == max_nodes) {
        nodes_full = true;
        return;
    }
    for (word i = node_count; i > at; i--) by_address[i] = by_address[i - 1];
    by_address[at] = static_cast<u16>(node_count);
    nodes[node_count++] = {first, count, 0};
}

// The slots a cap gives onto: a CNode's, or those a Zombie (a CNode or TCB being deleted, or
// left unreachable by a deletion) has still to clear.
void note_nodes_named(const Cap& c) {
    if (c.type() == CapType::CNode) note_node(static_cast<const Slot*>(c.cnode_slots()), bit(c.cnode_radix()));
    if (c.type() == CapType::Zombie) note_node(static_cast<const Slot*>(c.ptr()), c.zombie_number());
}

// `visitor(slot)` is what the walk does at each cap it finds: true stops it there.
template <typename Visitor>
bool visit(const Slot& s, Visitor visitor) {
    note_nodes_named(s.cap);
    return visitor(s);
}

// The slots on the chain through `s` (in the node `[node, node_end)`), either side of it, up to
// the first in a known node (whose scan goes on from there), so each stretch of the chain outside
// known nodes is walked at most once from each end. Most links stay in the node: no search.
template <typename Visitor>
const Slot* visit_chain_outside_nodes(const Slot& s, const Slot* node, const Slot* node_end, Visitor visitor) {
    auto outside = [&](const Slot* c) { return (c < node || c >= node_end) && !in_known_node(c); };
    word n = 0;
    for (const Slot* c = s.mdb.next(); c && outside(c) && ++n < max_chain; c = c->mdb.next()) {
        if (visit(*c, visitor)) return c;
    }
    for (const Slot* c = s.mdb.prev(); c && outside(c) && ++n < 2 * max_chain; c = c->mdb.prev()) {
        if (visit(*c, visitor)) return c;
    }
    return nullptr;
}

// The first slot of `[s, end)` with a cap, else `end`: most slots of a large CNode are empty.
const Slot* next_cap(const Slot* s, const Slot* end) {
    while (s < end && s->cap.is_null()) s++;
    return s;
}

// Scans every node's slots not yet scanned, nodes found on the way included; a node whose count
// grew after its scan (a CNode's cap after its Zombie) is scanned again from where it stopped.
template <typename Visitor>
const Slot* scan_nodes(Visitor visitor) {
    for (bool grew = true; grew;) {
        grew = false;
        for (word i = 0; i < node_count; i++) {
            Node& n = nodes[i];
            if (n.scanned == n.count) continue;
            const Slot *node = n.first, *end = n.first + n.count;
            const Slot* s = next_cap(n.first + n.scanned, end);
            n.scanned = n.count;
            grew = true;
            for (; s < end; s = next_cap(s + 1, end)) {
                if (visit(*s, visitor)) return s;
                if (const Slot* found = visit_chain_outside_nodes(*s, node, end, visitor)) return found;
            }
        }
    }
    return nullptr;
}

// One walk of every reachable slot from the root CNode `slots[0, count)`, the IRQ node and every
// TCB: the first slot at which `visitor` says stop, else nullptr.
template <typename Visitor>
const Slot* walk_reachable(const Slot* slots, word count, Visitor visitor) {
    node_count = 0;
    nodes_full = false;
    note_node(slots, count);
    note_node(&irq_node_slot(0), arch::max_irq + 1);
    for (const Tcb* t = debug_first_tcb(); t; t = t->debug_next) note_node(t->slots, tcb_slot_count);
    return scan_nodes(visitor);
}

// The index: the caps `wanted` picks, by object, sorted once gathered (a heap sort: no recursion,
// no memory of its own). Past `max_indexed` caps, each lookup walks every slot again instead.
constexpr word max_indexed = 8192;
const Slot* indexed[max_indexed];
word indexed_count = 0;
bool index_full = false;
const Slot* index_root = nullptr;
word index_root_count = 0;
CapFilter index_wanted = nullptr;

word key_of(const Slot* s) { return object_base(s->cap); }

bool gather(const Slot& s) {
    if (!index_wanted(s.cap)) return false;
    if (indexed_count == max_indexed) index_full = true;
    else indexed[indexed_count++] = &s;
    return false;
}

void sift_down(word root, word end) {
    for (word child; (child = 2 * root + 1) < end; root = child) {
        if (child + 1 < end && key_of(indexed[child]) < key_of(indexed[child + 1])) child++;
        if (key_of(indexed[root]) >= key_of(indexed[child])) return;
        const Slot* t = indexed[root];
        indexed[root] = indexed[child];
        indexed[child] = t;
    }
}

void sort_index() {
    for (word i = indexed_count / 2; i-- > 0;) sift_down(i, indexed_count);
    for (word end = indexed_count; end-- > 1;) {
        const Slot* t = indexed[0];
        indexed[0] = indexed[end];
        indexed[end] = t;
        sift_down(0, end);
    }
}

// The first index entry whose object is at or above `key`.
word first_at_or_above(word key) {
    word lo = 0, hi = indexed_count;
    while (lo < hi) {
        word mid = (lo + hi) / 2;
        if (key_of(indexed[mid]) < key) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

}  // namespace

void index_reachable_caps(const Slot* slots, word count, CapFilter wanted) {
    index_root = slots;
    index_root_count = count;
    index_wanted = wanted;
    indexed_count = 0;
    index_full = false;
    walk_reachable(slots, count, gather);
    if (nodes_full) kprintf("Invariants: more than %lu CNodes and TCBs; a cap not found is not a violation\n", max_nodes);
    if (!index_full) sort_index();
}

const Slot* find_indexed_cap(const void* object, CapMatcher matches, const void* context) {
    word key = reinterpret_cast<word>(object);
    auto sought = [&](const Slot& s) {
        return index_wanted(s.cap) && object_base(s.cap) == key && matches(s.cap, context);
    };
    if (index_full) {
        if (const Slot* found = walk_reachable(index_root, index_root_count, sought)) return found;
    } else {
        for (word i = first_at_or_above(key); i < indexed_count && key_of(indexed[i]) == key; i++) {
            if (matches(indexed[i]->cap, context)) return indexed[i];
        }
    }
    return nodes_full ? index_root : nullptr;  // an incomplete walk proves no cap missing
}

}  // namespace core
