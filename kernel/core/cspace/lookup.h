// Capability addressing: resolving (CPtr, depth) through guarded CNodes, as seL4 does.
#pragma once
#include "kernel/errors.h"
#include "object/tcb.h"

namespace core {

struct Resolved {
    Slot* slot;
    word bits_remaining;  // non-zero when the walk stopped at a cap that is not a CNode
};

// The bits of a CPtr one level in CNode `node` resolves: its guard and radix (1 to 64).
inline word cnode_level_bits(const Cap& node) { return 64 - node.cnode_shift(); }

// One level of a lookup in CNode `node`, with the low `bits` bits of `cptr` still to resolve (at
// least the level's): the index the level's bits select, below 2^radix exactly when the guard
// matches.
[[gnu::always_inline]] inline word cnode_level_index(const Cap& node, word cptr, word bits) {
    return ((cptr << (64 - bits)) >> node.cnode_shift()) ^ node.cnode_guard_in_place();
}
[[gnu::always_inline]] inline bool cnode_guard_matches(const Cap& node, word index) { return (index >> node.cnode_radix()) == 0; }

// The slot that level selects, or nullptr when its guard does not match.
[[gnu::always_inline]] inline Slot* cnode_level_slot(const Cap& node, word cptr, word bits) {
    word index = cnode_level_index(node, cptr, bits);
    return cnode_guard_matches(node, index) ? static_cast<Slot*>(node.cnode_slots()) + index : nullptr;
}

// The slot `cptr` names in `t`'s CSpace when every guard on the way matches and the walk uses
// exactly 64 bits or stops at a cap that is not a CNode; nullptr wherever lookup_slot would
// report a lookup fault (lookup_slot then finds out which). For the fastpath and lookup_slot.
[[gnu::always_inline]] inline Slot* lookup_slot_quickly(Tcb& t, word cptr) {
    const Cap& root = t.cspace_root().cap;
    // A root CNode that resolves all 64 bits at once, written out: the common case.
    if (__builtin_expect(root.is_64_bit_cnode(), 1)) {
        word index = cptr ^ root.cnode_guard_in_place();
        if (!cnode_guard_matches(root, index)) return nullptr;
        Slot* slot = static_cast<Slot*>(root.cnode_slots()) + index;
        __builtin_assume(slot != nullptr);  // a CNode's slots are kernel memory
        return slot;
    }
    if (root.type() != CapType::CNode) return nullptr;
    Slot* slot = cnode_level_slot(root, cptr, 64);
    if (!slot) return nullptr;
    word bits = 64 - cnode_level_bits(root);  // the low `bits` bits of cptr are still to be resolved
    while (bits && slot->cap.type() == CapType::CNode) {
        word level_bits = cnode_level_bits(slot->cap);
        if (level_bits > bits) return nullptr;
        slot = cnode_level_slot(slot->cap, cptr, bits);
        if (!slot) return nullptr;
        bits -= level_bits;
    }
    return slot;
}

// Walks `n_bits` of `cptr` from `node` (seL4's resolveAddressBits).
lib::Result<Resolved, LookupFault> resolve_address_bits(Cap node, word cptr, word n_bits);

// lookup_slot where the quick walk fails: the slot, or the lookup fault.
lib::Result<Slot*, LookupFault> lookup_slot_slowly(Tcb& thread, word cptr);

// The slot `cptr` names in `thread`'s CSpace, resolving all 64 bits (seL4's lookupSlot).
[[gnu::always_inline]] inline lib::Result<Slot*, LookupFault> lookup_slot(Tcb& thread, word cptr) {
    if (Slot* s = lookup_slot_quickly(thread, cptr)) return s;
    return lookup_slot_slowly(thread, cptr);
}

// The slot (root, index, depth) names for a CNode invocation (seL4's lookupSlotForCNodeOp):
// the root must be a CNode, 1 <= depth <= 64, and the walk must use exactly `depth` bits.
SysResult<Slot*> lookup_slot_for_cnode_op(bool is_source, Cap root, word index, word depth);

}  // namespace core
