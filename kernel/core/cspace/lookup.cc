// Capability addressing through guarded CNodes.
#include "cspace/lookup.h"
#include "object/tcb.h"

namespace core {

lib::Result<Resolved, LookupFault> resolve_address_bits(Cap node, word cptr, word n_bits) {
    if (node.type() != CapType::CNode) return lib::err(LookupFault::invalid_root());
    for (;;) {
        word level_bits = cnode_level_bits(node);
        word guard_bits = level_bits - node.cnode_radix();
        auto guard_mismatch = [&] { return lib::err(LookupFault::guard_mismatch(n_bits, node.cnode_guard(), guard_bits)); };
        if (level_bits > n_bits) {  // as seL4: a mismatching guard is reported before the depth
            word guard = (cptr >> ((n_bits - guard_bits) & 63)) & mask(static_cast<unsigned>(guard_bits));
            if (guard_bits > n_bits || guard != node.cnode_guard()) return guard_mismatch();
            return lib::err(LookupFault::depth_mismatch(n_bits, level_bits));
        }
        Slot* slot = cnode_level_slot(node, cptr, n_bits);
        if (!slot) return guard_mismatch();
        n_bits -= level_bits;
        if (n_bits == 0) return Resolved{slot, 0};
        if (slot->cap.type() != CapType::CNode) return Resolved{slot, n_bits};
        node = slot->cap;
    }
}

lib::Result<Slot*, LookupFault> lookup_slot_slowly(Tcb& thread, word cptr) {
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
