// Invoking caps: dispatch by cap type, CNode operations and Untyped_Retype (seL4's
// objecttype.c, cnode.c, untyped.c). TCB invocations are in tcb.cc.
#include "arch_labels.h"
#include "generated/invocations.h"
#include "ops.h"

namespace spec {

using Label = core::InvocationLabel;

namespace {

bool is(const Invocation& inv, Label l) { return inv.label == static_cast<word>(l); }


SyscallError ensure_empty(State& s, SlotRef r) {
    return slot_at(s, r).cap.type == CapType::Null ? ok() : error(Error::DeleteFirst);
}

SyscallError missing_source(word depth, bool source) {
    SyscallError e = error(Error::FailedLookup, source);
    e.lookup = {LookupKind::MissingCapability, depth, 0, 0};
    return e;
}

// Copy, Mint, Move and Mutate: (dest) <- (extra cap 0, index arg 2, depth arg 3).
SyscallError copy_like(State& s, const Invocation& inv, SlotRef dest) {
    if (inv.words.size() < 4 || inv.extra.empty()) return truncated();
    if (SyscallError e = ensure_empty(s, dest); failed(e)) return e;
    const Cap root = slot_at(s, inv.extra[0]).cap;
    SlotResult src = lookup_slot_for_cnode_op(s, true, root, inv.words[2], inv.words[3]);
    if (failed(src.error)) return src.error;
    const Cap cap = slot_at(s, src.slot).cap;
    if (cap.type == CapType::Null) return missing_source(inv.words[3], true);
    Cap made;
    bool move = is(inv, Label::CNodeMove) || is(inv, Label::CNodeMutate);
    if (is(inv, Label::CNodeCopy) || is(inv, Label::CNodeMint)) {
        bool mint = is(inv, Label::CNodeMint);
        if (inv.words.size() < (mint ? 6u : 5u)) return truncated();
        Cap masked = mask_cap_rights(inv.words[4], cap);
        CapResult d = derive_cap(s, src.slot, mint ? update_cap_data(false, inv.words[5], masked) : masked);
        if (failed(d.error)) return d.error;
        made = d.cap;
    } else if (is(inv, Label::CNodeMove)) {
        made = cap;
    } else {
        if (inv.words.size() < 5) return truncated();
        made = update_cap_data(true, inv.words[4], cap);
    }
    if (made.type == CapType::Null) return illegal();
    set_thread_state(s, inv.thread, ThreadState::Restart);
    if (move) {
        cte_move(s, made, src.slot, dest);
    } else {
        cte_insert(s, made, src.slot, dest);
    }
    return ok();
}

SyscallError rotate(State& s, const Invocation& inv, SlotRef dest) {
    if (inv.words.size() < 8 || inv.extra.size() < 2) return truncated();
    const auto& w = inv.words;
    SlotResult src = lookup_slot_for_cnode_op(s, true, slot_at(s, inv.extra[1]).cap, w[6], w[7]);
    if (failed(src.error)) return src.error;
    SlotResult pivot = lookup_slot_for_cnode_op(s, true, slot_at(s, inv.extra[0]).cap, w[3], w[4]);
    if (failed(pivot.error)) return pivot.error;
    if (pivot.slot == src.slot || pivot.slot == dest) return illegal();
    if (src.slot != dest) {
        if (SyscallError e = ensure_empty(s, dest); failed(e)) return e;
    }
    if (slot_at(s, src.slot).cap.type == CapType::Null) return missing_source(w[7], true);
    if (slot_at(s, pivot.slot).cap.type == CapType::Null) return missing_source(w[4], false);
    Cap new_src = update_cap_data(true, w[5], slot_at(s, src.slot).cap);
    Cap new_pivot = update_cap_data(true, w[2], slot_at(s, pivot.slot).cap);
    if (new_src.type == CapType::Null || new_pivot.type == CapType::Null) return illegal();
    set_thread_state(s, inv.thread, ThreadState::Restart);
    if (src.slot == dest) {
        cte_swap(s, new_src, src.slot, new_pivot, pivot.slot);
    } else {
        cte_move(s, new_pivot, pivot.slot, dest);
        cte_move(s, new_src, src.slot, pivot.slot);
    }
    return ok();
}

SyscallError save_caller(State& s, const Invocation& inv, SlotRef dest) {
    if (SyscallError e = ensure_empty(s, dest); failed(e)) return e;
    set_thread_state(s, inv.thread, ThreadState::Restart);
    SlotRef caller{inv.thread, CallerSlot};
    const Cap cap = slot_at(s, caller).cap;
    if (cap.type == CapType::Reply && !cap.master) cte_move(s, cap, caller, dest);
    return ok();
}

SyscallError cancel_badged(State& s, const Invocation& inv, SlotRef dest) {
    const Cap cap = slot_at(s, dest).cap;
    if (cap.type != CapType::Endpoint || !(cap.write && cap.read && cap.grant && cap.grant_reply)) return illegal();
    set_thread_state(s, inv.thread, ThreadState::Restart);
    if (cap.badge != 0) cancel_badged_sends(s, cap.object, cap.badge);
    return ok();
}

// CNode_SaveCaller, classic's last CNode label, follows Rotate; MCS has no such label.
constexpr word last_cnode_label = static_cast<word>(Label::CNodeRotate) + (config::kernel_mcs ? 0 : 1);

SyscallError decode_cnode(State& s, const Invocation& inv, const Cap& cnode) {
    if (inv.label < static_cast<word>(Label::CNodeRevoke) || inv.label > last_cnode_label) {
        return illegal();
    }
    if (inv.words.size() < 2) return truncated();
    SlotResult dest = lookup_slot_for_cnode_op(s, false, cnode, inv.words[0], inv.words[1]);
    if (failed(dest.error)) return dest.error;
    switch (static_cast<Label>(inv.label)) {
    case Label::CNodeRevoke:
        set_thread_state(s, inv.thread, ThreadState::Restart);
        return cte_revoke(s, dest.slot);
    case Label::CNodeDelete:
        set_thread_state(s, inv.thread, ThreadState::Restart);
        return cte_delete(s, dest.slot, true);
    case Label::CNodeCancelBadgedSends: return cancel_badged(s, inv, dest.slot);
    case Label::CNodeRotate: return rotate(s, inv, dest.slot);
    case Label::CNodeCopy: case Label::CNodeMint: case Label::CNodeMove: case Label::CNodeMutate:
        return copy_like(s, inv, dest.slot);
    default: return save_caller(s, inv, dest.slot);  // classic's last label
    }
}

// ---- Untyped_Retype

word object_size(ObjectType t, word user_size) {
    switch (t) {
    case ObjectType::Untyped: return user_size;
    case ObjectType::Tcb: return tcb_bits;
    case ObjectType::Endpoint: return endpoint_bits;
    case ObjectType::Notification: return notification_bits;
    case ObjectType::CapTable: return user_size + slot_bits;
    case ObjectType::SchedContext: return user_size;
    case ObjectType::Reply: return reply_bits;
    case ObjectType::HugePage: return 30;
    case ObjectType::LargePage: return 21;
    default: return page_bits;  // a small page, and every paging structure
    }
}

// Every architecture has frames of the three sizes.
bool is_frame_type(ObjectType t) {
    return t == ObjectType::SmallPage || t == ObjectType::LargePage || t == ObjectType::HugePage;
}

// Objects overlapping [base, base + bytes) are gone: their memory was cleared or reused.
void forget_objects(State& s, word base, word bytes) {
    auto overlaps = [&](word at, word size_bits) { return at < base + bytes && base < at + (word{1} << size_bits); };
    std::erase_if(s.threads, [&](const auto& kv) { return overlaps(kv.first, tcb_bits); });
    std::erase_if(s.endpoints, [&](const auto& kv) { return overlaps(kv.first, endpoint_bits); });
    std::erase_if(s.notifications, [&](const auto& kv) { return overlaps(kv.first, notification_bits); });
    std::erase_if(s.cnodes, [&](const auto& kv) { return overlaps(kv.first, kv.second.radix + slot_bits); });
    std::erase_if(s.frames, [&](const auto& kv) { return overlaps(kv.first, kv.second); });
    std::erase_if(s.tables, [&](const auto& kv) { return overlaps(kv.first, page_bits); });
    std::erase_if(s.asid_pools, [&](const auto& kv) { return overlaps(kv.first, page_bits); });
    std::erase_if(s.sched_contexts, [&](const auto& kv) { return overlaps(kv.first, kv.second.size_bits); });
    std::erase_if(s.replies, [&](const auto& kv) { return overlaps(kv.first, reply_bits); });
}

// Clearing memory takes the objects that lay there with it.
void clear(State& s, word base, word bytes) {
    zero(s, base, bytes);
    forget_objects(s, base, bytes);
}

Cap create_object(State& s, ObjectType t, word at, word user_size, bool device) {
    forget_objects(s, at, word{1} << object_size(t, user_size));
    switch (t) {
    case ObjectType::Untyped:
        return Cap{.type = CapType::Untyped, .object = at, .bits = static_cast<unsigned>(user_size), .device = device};
    case ObjectType::Tcb: {
        Thread th;
        init_registers(th.regs);
        s.threads[at] = th;
        return Cap{.type = CapType::Thread, .object = at};
    }
    case ObjectType::Endpoint:
        s.endpoints[at] = Endpoint{};
        return Cap{.type = CapType::Endpoint, .object = at, .read = true, .write = true, .grant = true, .grant_reply = true};
    case ObjectType::Notification:
        s.notifications[at] = Notification{};
        return Cap{.type = CapType::Notification, .object = at, .read = true, .write = true};
    case ObjectType::CapTable:
        s.cnodes[at] = CNode{static_cast<unsigned>(user_size), std::vector<Slot>(word{1} << user_size)};
        return Cap{.type = CapType::CNode, .object = at, .bits = static_cast<unsigned>(user_size)};
    case ObjectType::SchedContext:
        if (!config::kernel_mcs) break;
        s.sched_contexts[at] = SchedContext{.size_bits = static_cast<unsigned>(user_size)};
        return Cap{.type = CapType::SchedContext, .object = at, .bits = static_cast<unsigned>(user_size)};
    case ObjectType::Reply:
        if (!config::kernel_mcs) break;
        s.replies[at] = Reply{};
        return Cap{.type = CapType::Reply, .object = at, .grant = true};
    default: break;
    }
    unsigned bits = static_cast<unsigned>(object_size(t, user_size));
    if (is_frame_type(t)) {
        s.frames[at] = bits;
        if (!device) zero(s, at, word{1} << bits);
        return Cap{.type = CapType::Frame, .object = at, .bits = bits, .device = device, .vm_rights = 3};
    }
    s.tables[at] = PagingTable{};  // zeroed; a VSpace root's kernel half is outside the model
    return Cap{.type = table_cap_type(t), .object = at};
}

// Zeroes the used part of an untyped from the top down, 2^reset_chunk_bits bytes at a time,
// lowering the watermark after each chunk, with a preemption point after each.
SyscallError reset_untyped(State& s, SlotRef slot) {
    Cap& c = slot_at(s, slot).cap;
    if (c.free_bytes == 0) return ok();
    if (c.device || c.bits < reset_chunk_bits) {
        if (!c.device) clear(s, c.object, word{1} << c.bits);
        c.free_bytes = 0;
        return ok();
    }
    const word chunk = word{1} << reset_chunk_bits;
    for (word offset = (c.free_bytes - 1) & ~(chunk - 1);; offset -= chunk) {
        clear(s, c.object + offset, chunk);
        slot_at(s, slot).cap.free_bytes = offset;
        if (SyscallError e = preemption_point(s); failed(e)) return e;
        if (offset == 0) return ok();
    }
}

struct Retype {
    ObjectType type;
    word user_size, size_bits;
    word cnode, offset, count;
};

SyscallError retype(State& s, SlotRef slot, bool reset, const Retype& r) {
    if (reset) {
        if (SyscallError e = reset_untyped(s, slot); failed(e)) return e;
    }
    Cap& c = slot_at(s, slot).cap;
    word free = reset ? 0 : c.free_bytes;
    word base = (c.object + free + mask(static_cast<unsigned>(r.size_bits))) & ~mask(static_cast<unsigned>(r.size_bits));
    c.free_bytes = base + (r.count << r.size_bits) - c.object;
    bool device = c.device;
    for (word i = 0; i < r.count; i++) {
        Cap made = create_object(s, r.type, base + (i << r.size_bits), r.user_size, device);
        insert_new_cap(s, slot, {r.cnode, r.offset + i}, made);
    }
    return ok();
}

SyscallError decode_untyped(State& s, const Invocation& inv, SlotRef slot) {
    if (!is(inv, Label::UntypedRetype)) return illegal();
    if (inv.words.size() < 6 || inv.extra.empty()) return truncated();
    const auto& w = inv.words;
    if (w[0] >= object_type_count) return error(Error::InvalidArgument, 0);
    auto type = static_cast<ObjectType>(w[0]);
    word size_bits = object_size(type, w[1]);
    if (w[1] >= word_bits || size_bits > max_untyped_bits) return error(Error::RangeError, 0, max_untyped_bits);
    if (type == ObjectType::CapTable && w[1] == 0) return error(Error::InvalidArgument, 1);
    if (type == ObjectType::Untyped && w[1] < min_untyped_bits) return error(Error::InvalidArgument, 1);
    if (config::kernel_mcs && type == ObjectType::SchedContext && w[1] < min_sched_context_bits) {
        return error(Error::InvalidArgument, 1);  // "Requested a scheduling context too small."
    }
    Cap node = slot_at(s, inv.extra[0]).cap;
    if (w[3] != 0) {
        SlotResult r = lookup_slot_for_cnode_op(s, false, node, w[2], w[3]);
        if (failed(r.error)) return r.error;
        node = slot_at(s, r.slot).cap;
    }
    if (node.type != CapType::CNode) return missing_source(w[3], false);
    word size = word{1} << node.bits, offset = w[4], window = w[5];
    if (offset > size - 1) return error(Error::RangeError, 0, size - 1);
    if (window < 1 || window > retype_fan_out_limit) return error(Error::RangeError, 1, retype_fan_out_limit);
    if (window > size - offset) return error(Error::RangeError, 1, size - offset);
    for (word i = offset; i < offset + window; i++) {
        if (SyscallError e = ensure_empty(s, {node.object, i}); failed(e)) return e;
    }
    const Cap ut = slot_at(s, slot).cap;
    bool reset = !has_children(s, slot);
    word free_bytes = (word{1} << ut.bits) - (reset ? 0 : ut.free_bytes);
    if ((free_bytes >> size_bits) < window) return error(Error::NotEnoughMemory, free_bytes);
    if (ut.device && !is_frame_type(type) && type != ObjectType::Untyped) return error(Error::InvalidArgument, 1);
    set_thread_state(s, inv.thread, ThreadState::Restart);
    return retype(s, slot, reset, {type, w[1], size_bits, node.object, offset, window});
}

}  // namespace

SyscallError decode_invocation(State& s, const Invocation& inv, SlotRef slot) {
    const Cap cap = slot_at(s, slot).cap;
    switch (cap.type) {
    case CapType::Null: case CapType::Zombie: return error(Error::InvalidCapability, 0);
    case CapType::CNode: return inv.first_phase ? invalid_cap(0) : decode_cnode(s, inv, cap);
    case CapType::Untyped: return decode_untyped(s, inv, slot);
    case CapType::Endpoint:
        if (!cap.write) return error(Error::InvalidCapability, 0);
        set_thread_state(s, inv.thread, ThreadState::Restart);
        send_ipc(s, inv.blocking, inv.call, cap.badge, cap.grant, cap.grant_reply, inv.can_donate, inv.thread, cap.object);
        return ok();
    case CapType::Notification:
        if (!cap.write) return error(Error::InvalidCapability, 0);
        set_thread_state(s, inv.thread, ThreadState::Restart);
        send_signal(s, cap.object, cap.badge);
        return ok();
    case CapType::Reply:
        if (cap.master) return error(Error::InvalidCapability, 0);
        set_thread_state(s, inv.thread, ThreadState::Restart);
        if constexpr (config::kernel_mcs) {
            do_reply_transfer_mcs(s, inv.thread, cap.object, cap.grant);
        } else {
            do_reply_transfer(s, inv.thread, cap.object, slot, cap.grant);
        }
        return ok();
    case CapType::Thread: return inv.first_phase ? invalid_cap(0) : decode_tcb_invocation(s, inv, slot);
    case CapType::Domain: return inv.first_phase ? invalid_cap(0) : decode_domain_invocation(s, inv);
    case CapType::SchedControl: return inv.first_phase ? invalid_cap(0) : decode_sched_control(s, inv);
    case CapType::SchedContext: return inv.first_phase ? invalid_cap(0) : decode_sched_context(s, inv, slot);
    case CapType::IrqControl: return decode_irq_control(s, inv, slot);
    case CapType::IrqHandler: return decode_irq_handler(s, inv, slot);
    case CapType::Frame: return decode_frame(s, inv, slot);
    case CapType::AsidControl: return is(inv, make_pool_label) ? make_asid_pool(s, inv) : illegal();
    case CapType::AsidPool: return is(inv, assign_label) ? assign_asid(s, inv, slot) : illegal();
    default: return decode_arch_invocation(s, inv, slot);
    }
}

SyscallError done(State& s, const Invocation& inv, std::vector<word> words) {
    set_thread_state(s, inv.thread, ThreadState::Restart);
    if (inv.call && !words.empty()) {
        Thread& self = s.threads.at(inv.thread);
        std::optional<word> buf = ipc_buffer(self, true);
        self.regs[badge_register] = 0;
        word n = 0;
        for (unsigned i = 0; i < words.size(); i++) n = set_mr(s, self, buf, i, words[i]);
        self.regs[info_register] = MessageInfo{0, 0, 0, n}.to_word();
        set_thread_state(s, inv.thread, ThreadState::Running);
    }
    return ok();
}

}  // namespace spec
