// CNode invocations: decode each into checks with seL4's errors, then perform.
#include "object/cnode.h"
#include "cspace/cte.h"
#include "cspace/delete.h"
#include "cspace/lookup.h"
#include "generated/config.h"
#include "kernel/user_error.h"
#include "object/endpoint.h"

namespace core {
namespace {

using L = InvocationLabel;

const SyscallError truncation = SyscallError::of(ErrorCode::TruncatedMessage);
const SyscallError illegal = SyscallError::of(ErrorCode::IllegalOperation);

SysResult<Slot*> source_slot(const Message& msg, args::CapArg root, word index, word depth) {
    auto r = lookup_slot_for_cnode_op(true, msg.extra_cap(root)->cap, index, depth);
    if (!r) return user_fail(r.error(), "CNode Copy/Mint/Move/Mutate: Invalid source slot.");
    if (r.value()->cap.is_null()) {
        return user_fail(SyscallError::failed_lookup(true, LookupFault::missing_capability(depth)),
                         "CNode Copy/Mint/Move/Mutate: Source slot invalid or empty.");
    }
    return r;
}

// The new cap a Copy, Mint, Move or Mutate puts in the destination.
SysResult<Cap> copy_like_cap(const Message& msg, Slot& src) {
    switch (static_cast<L>(msg.label())) {
    case L::CNodeCopy: {
        if (msg.length() < 5) return user_fail(truncation, "Truncated message for CNode Copy operation.");
        auto cap = derive_cap(src, mask_cap_rights(msg.arg(args::CNodeCopy::rights), src.cap));
        if (!cap) user_error("Error deriving cap for CNode Copy operation.");
        return cap;
    }
    case L::CNodeMint: {
        if (msg.length() < 6) return user_fail(truncation, "CNode Mint: Truncated message.");
        Cap masked = mask_cap_rights(msg.arg(args::CNodeMint::rights), src.cap);
        auto cap = derive_cap(src, update_cap_data(false, msg.arg(args::CNodeMint::badge), masked));
        if (!cap) user_error("Error deriving cap for CNode Mint operation.");
        return cap;
    }
    case L::CNodeMove: return src.cap;
    default: {  // CNodeMutate
        if (msg.length() < 5) return user_fail(truncation, "CNode Mutate: Truncated message.");
        return update_cap_data(true, msg.arg(args::CNodeMutate::badge), src.cap);
    }
    }
}

SysStatus copy_move_mint_mutate(const Message& msg, Slot& dest) {
    namespace a = args;
    if (msg.length() < 4 || !msg.extra_cap(a::CNodeCopy::src_root)) {
        return user_fail(truncation, "CNode Copy/Mint/Move/Mutate: Truncated message.");
    }
    if (SysStatus s = ensure_empty_slot(dest); !s) {
        return user_fail(s.error(), "CNode Copy/Mint/Move/Mutate: Destination not empty.");
    }
    auto src = source_slot(msg, a::CNodeCopy::src_root, msg.arg(a::CNodeCopy::src_index), msg.arg(a::CNodeCopy::src_depth));
    if (!src) return fail(src.error());
    auto cap = copy_like_cap(msg, *src.value());
    if (!cap) return fail(cap.error());
    if (cap.value().is_null()) return user_fail(illegal, "CNode Copy/Mint/Move/Mutate: Mutated cap would be invalid.");
    bool is_move = msg.label() == static_cast<word>(L::CNodeMove) || msg.label() == static_cast<word>(L::CNodeMutate);
    if (is_move) {
        cte_move(cap.value(), *src.value(), dest);
    } else {
        cte_insert(cap.value(), *src.value(), dest);
    }
    return {};
}

SysStatus rotate(const Message& msg, Slot& dest) {
    using A = args::CNodeRotate;
    if (msg.length() < 8 || !msg.extra_cap(A::pivot_root) || !msg.extra_cap(A::src_root)) return fail(truncation);
    auto src = lookup_slot_for_cnode_op(true, msg.extra_cap(A::src_root)->cap, msg.arg(A::src_index), msg.arg(A::src_depth));
    if (!src) return fail(src.error());
    // As seL4's lookupPivotSlot, a failed pivot lookup is reported as a source lookup.
    auto pivot = lookup_slot_for_cnode_op(true, msg.extra_cap(A::pivot_root)->cap, msg.arg(A::pivot_index),
                                          msg.arg(A::pivot_depth));
    if (!pivot) return fail(pivot.error());
    Slot& s = *src.value();
    Slot& p = *pivot.value();
    if (&p == &s || &p == &dest) return user_fail(illegal, "CNode Rotate: Pivot slot the same as source or dest slot.");
    if (&s != &dest) {
        if (SysStatus st = ensure_empty_slot(dest); !st) return st;
    }
    if (s.cap.is_null()) return fail(SyscallError::failed_lookup(true, LookupFault::missing_capability(msg.arg(A::src_depth))));
    if (p.cap.is_null()) {
        return fail(SyscallError::failed_lookup(false, LookupFault::missing_capability(msg.arg(A::pivot_depth))));
    }
    Cap new_src = update_cap_data(true, msg.arg(A::pivot_badge), s.cap);
    Cap new_pivot = update_cap_data(true, msg.arg(A::dest_badge), p.cap);
    if (new_src.is_null()) return user_fail(illegal, "CNode Rotate: Source cap invalid.");
    if (new_pivot.is_null()) return user_fail(illegal, "CNode Rotate: Pivot cap invalid.");
    if (&s == &dest) {
        cte_swap(new_src, s, new_pivot, p);
    } else {
        cte_move(new_pivot, p, dest);
        cte_move(new_src, s, p);
    }
    return {};
}

bool has_cancel_send_rights(const Cap& c) {
    return c.type() == CapType::Endpoint && c.can_send() && c.can_receive() && c.can_grant() && c.can_grant_reply();
}

// SaveCaller moves the thread's reply cap; there are no reply caps before IPC exists, and with
// none present seL4 does nothing.
SysStatus save_caller(Tcb& thread, Slot& dest) {
    if (SysStatus s = ensure_empty_slot(dest); !s) {
        return user_fail(s.error(), "CNode SaveCaller: Destination slot not empty.");
    }
    Slot& caller = thread.slot(TcbSlot::Caller);
    if (caller.cap.is_null()) user_error("CNode SaveCaller: Reply cap not present.");
    if (caller.cap.type() == CapType::Reply) cte_move(caller.cap, caller, dest);
    return {};
}

// The labels only one configuration has are named in templates over the generated enum, in the
// branch of that configuration (which the other never compiles): MCS has no SaveCaller.
template <typename Label>
constexpr Label last_cnode_label() {
    if constexpr (config::kernel_mcs) return Label::CNodeRotate;
    else return Label::CNodeSaveCaller;
}

template <typename Label>
constexpr bool is_save_caller(Label label) {
    if constexpr (config::kernel_mcs) return false;
    else return label == Label::CNodeSaveCaller;
}

}  // namespace

SysStatus decode_cnode_invocation(const Message& msg, const Cap& cnode) {
    L label = static_cast<L>(msg.label());
    if (msg.label() < static_cast<word>(L::CNodeRevoke) || msg.label() > static_cast<word>(last_cnode_label<L>())) {
        return user_fail(illegal, "CNodeCap: Illegal Operation attempted.");
    }
    if (msg.length() < 2) return user_fail(truncation, "CNode operation: Truncated message.");
    auto dest = lookup_slot_for_cnode_op(false, cnode, msg.arg(args::CNodeCopy::dest_index),
                                         msg.arg(args::CNodeCopy::dest_depth));
    if (!dest) return user_fail(dest.error(), "CNode operation: Target slot invalid.");
    Slot& slot = *dest.value();
    if (is_save_caller(label)) return save_caller(msg.thread(), slot);
    switch (label) {
    case L::CNodeCopy:
    case L::CNodeMint:
    case L::CNodeMove:
    case L::CNodeMutate: return copy_move_mint_mutate(msg, slot);
    case L::CNodeRevoke: return cte_revoke(slot);
    case L::CNodeDelete: return cte_delete(slot);
    case L::CNodeCancelBadgedSends:
        if (!has_cancel_send_rights(slot.cap)) {
            return user_fail(illegal, "CNode CancelBadgedSends: Target cap invalid.");
        }
        if (slot.cap.badge()) cancel_badged_sends(*static_cast<Endpoint*>(slot.cap.ptr()), slot.cap.badge());
        return {};
    default: return rotate(msg, slot);
    }
}

}  // namespace core
