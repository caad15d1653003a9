// Capability addressing through guarded CNodes.
#include "cspace/lookup.h"
#include "object/tcb.h"

namespace core {

lib::Result<Resolved, LookupFault> resolve_address_bits(Cap node, word cptr, word n_bits) {
    if (node.type() != CapType::CNode) return lib::err(LookupFault::invalid_root());
    for (;;) {
        word radix = node.cnode_radix();
        word guard_bits = node.cnode_guard_size();
        word level_bits = radix + guard_bits;
        word guard = (cptr >> ((n_bits - guard_bits) & 63)) & mask(guard_bits);
        if (guard_bits > n_bits || guard != node.cnode_guard()) {
            return lib::err(LookupFault::guard_mismatch(n_bits, node.cnode_guard(), guard_bits));
        }
        if (level_bits > n_bits) return lib::err(LookupFault::depth_mismatch(n_bits, level_bits));
        word offset = (cptr >> (n_bits - level_bits)) & mask(radix);
        Slot* slot = static_cast<Slot*>(node.cnode_slots()) + offset;
        if (n_bits == level_bits) return Resolved{slot, 0};
        n_bits -= level_bits;
        if (slot->cap.type() != CapType::CNode) return Resolved{slot, n_bits};
        node = slot->cap;
    }
}

lib::Result<Slot*, LookupFault> lookup_slot(Tcb& thread, word cptr) {
    auto r = resolve_address_bits(thread.cspace_root().cap, cptr, 64);
    if (!r) return lib::err(r.error());
    return r.value().slot;
}

SysResult<Slot*> lookup_slot_for_cnode_op(bool is_source, Cap root, word index, word depth) {
    if (root.type() != CapType::CNode) return fail(SyscallError::failed_lookup(is_source, LookupFault::invalid_root()));
    if (depth < 1 || depth > 64) return fail(SyscallError::range(1, 64));
    auto r = resolve_address_bits(root, index, depth);
    if (!r) return fail(SyscallError::failed_lookup(is_source, r.error()));
    if (r.value().bits_remaining != 0) {
        return fail(SyscallError::failed_lookup(is_source, LookupFault::depth_mismatch(r.value().bits_remaining, 0)));
    }
    return r.value().slot;
}

}  // namespace core
