// Untyped Retype: checks in seL4's order, then reset (if no children), create, and insert caps.
#include "object/untyped.h"
#include "arch/clear_memory.h"
#include "arch/caps.h"
#include "cspace/cte.h"
#include "cspace/lookup.h"
#include "kernel/preemption.h"
#include "kernel/user_error.h"
#include "object/endpoint.h"
#include "object/reply.h"
#include "object/sched_context.h"
#include "object/tcb.h"

namespace core {

namespace {

// Frames: the three page sizes every architecture has (FrameSize).
constexpr bool is_frame_type(ObjectType t) {
    return t == ObjectType::SmallPage || t == ObjectType::LargePage || t == ObjectType::HugePage;
}
constexpr FrameSize frame_size_of(ObjectType t) {
    return t == ObjectType::HugePage ? FrameSize::Huge : t == ObjectType::LargePage ? FrameSize::Large : FrameSize::Small;
}

}  // namespace

unsigned object_size_bits(ObjectType t, word user_size) {
    if (is_frame_type(t)) return arch::frame_size_bits(frame_size_of(t));
    switch (t) {
    case ObjectType::Untyped: return static_cast<unsigned>(user_size);
    case ObjectType::Tcb: return tcb_size_bits;
    case ObjectType::Endpoint: return 4;
    case ObjectType::Notification: return notification_size_bits;
    case ObjectType::CapTable: return static_cast<unsigned>(user_size) + 5;
    case ObjectType::SchedContext: return static_cast<unsigned>(user_size);
    case ObjectType::Reply: return reply_size_bits;
    default: return arch::object_size_bits(t);
    }
}

namespace {

constexpr unsigned reset_chunk_bits = 8;  // seL4's CONFIG_RESET_CHUNK_BITS

word free_index_to_offset(word i) { return i << min_untyped_bits; }

struct RetypeRequest {
    ObjectType type;
    word user_size;
    unsigned size_bits;
    Slot* dest;  // first destination slot
    word count;
};

SysStatus check_type_and_size(word type, word user_size) {
    if (type >= object_type_count) {
        return user_fail(SyscallError::invalid_argument(0), "Untyped Retype: Invalid object type.");
    }
    auto t = static_cast<ObjectType>(type);
    if (user_size >= 64 || object_size_bits(t, user_size) > max_untyped_bits) {
        return user_fail(SyscallError::range(0, max_untyped_bits), "Untyped Retype: Invalid object size.");
    }
    if (t == ObjectType::CapTable && user_size == 0) {
        return user_fail(SyscallError::invalid_argument(1), "Untyped Retype: Requested CapTable size too small.");
    }
    if (t == ObjectType::Untyped && user_size < min_untyped_bits) {
        return user_fail(SyscallError::invalid_argument(1), "Untyped Retype: Requested UntypedItem size too small.");
    }
    if (t == ObjectType::SchedContext && user_size < min_sched_context_bits) {
        return user_fail(SyscallError::invalid_argument(1), "Untyped retype: Requested a scheduling context too small.");
    }
    return {};
}

SysResult<Cap> destination_cnode(const Message& msg, Slot& root) {
    using A = args::UntypedRetype;
    word depth = msg.arg(A::node_depth);
    Cap node = root.cap;
    if (depth != 0) {
        auto r = lookup_slot_for_cnode_op(false, root.cap, msg.arg(A::node_index), depth);
        if (!r) return user_fail(r.error(), "Untyped Retype: Invalid destination address.");
        node = r.value()->cap;
    }
    if (node.type() != CapType::CNode) {
        return user_fail(SyscallError::failed_lookup(false, LookupFault::missing_capability(depth)),
                         "Untyped Retype: Destination cap invalid or read-only.");
    }
    return node;
}

SysResult<Slot*> destination_slots(const Message& msg, const Cap& node) {
    using A = args::UntypedRetype;
    word size = bit(node.cnode_radix());
    word offset = msg.arg(A::node_offset);
    word window = msg.arg(A::num_objects);
    if (offset > size - 1) {
        return user_fail(SyscallError::range(0, size - 1), "Untyped Retype: Destination node offset #%d too large.",
                         static_cast<int>(offset));
    }
    if (window < 1 || window > retype_fan_out_limit) {
        return user_fail(SyscallError::range(1, retype_fan_out_limit),
                         "Untyped Retype: Number of requested objects (%d) too small or large.",
                         static_cast<int>(window));
    }
    if (window > size - offset) {
        return user_fail(SyscallError::range(1, size - offset),
                         "Untyped Retype: Requested destination window overruns size of node.");
    }
    Slot* slots = static_cast<Slot*>(node.cnode_slots()) + offset;
    for (word i = 0; i < window; i++) {
        if (SysStatus s = ensure_empty_slot(slots[i]); !s) {
            return user_fail(s.error(), "Untyped Retype: Slot #%d in destination window non-empty.",
                             static_cast<int>(offset + i));
        }
    }
    return slots;
}

// Zeroes the untyped's used memory from the top down in chunks, lowering the free index as it
// goes, so a preempted reset carries on where it stopped. As in seL4, this is the only place
// Retype zeroes: memory above an untyped's free index is always zero (boot untypeds start full,
// see boot/bootinfo.cc, so their first Retype resets them), and new objects come from there.
// seL4 has a preemption point after every chunk, the last too (none for a device untyped or one
// smaller than a chunk, which it clears at once); the chunks up to the next point that can ask
// for interrupts are zeroed in one go and their points passed together, so the free index is the
// same as seL4's wherever the reset may stop.
SysStatus reset_untyped(Slot& slot) {
    Cap& cap = slot.cap;
    if (cap.untyped_free_index() == 0) return {};
    auto* base = static_cast<u8*>(cap.ptr());
    if (cap.untyped_is_device() || cap.untyped_size_bits() < reset_chunk_bits) {
        if (!cap.untyped_is_device()) arch::clear_memory(base, bit(cap.untyped_size_bits()));
        cap.set_untyped_free_index(0);
        return {};
    }
    constexpr unsigned chunk = reset_chunk_bits;
    word chunks = (round_down(free_index_to_offset(cap.untyped_free_index()) - 1, chunk) >> chunk) + 1;
    for (;;) {
        word n = chunks < work_units_before_check() ? chunks : work_units_before_check();
        chunks -= n;
        arch::clear_memory(base + (chunks << chunk), n << chunk);
        cap.set_untyped_free_index((chunks << chunk) >> min_untyped_bits);
        if (SysStatus s = preemption_points(n); !s) return s;
        if (chunks == 0) return {};
    }
}

Cap create_object(ObjectType t, void* p, word user_size, bool device) {
    switch (t) {
    case ObjectType::Untyped: return Cap::untyped(p, static_cast<unsigned>(user_size), device, 0);
    case ObjectType::Tcb: {
        auto* tcb = static_cast<Tcb*>(p);
        *tcb = Tcb{};
        tcb->context = arch::initial_user_context(0, 0);
        arch::init_fpu_state(tcb->fpu);
        debug_register_tcb(*tcb);
        return Cap::thread(tcb);
    }
    case ObjectType::Endpoint: return Cap::endpoint(p, 0, true, true, true, true);
    case ObjectType::Notification: return Cap::notification(p, 0, true, true);
    case ObjectType::CapTable: return Cap::cnode(p, static_cast<unsigned>(user_size), 0, 0);
    case ObjectType::SchedContext:
        *static_cast<SchedContext*>(p) = SchedContext{};
        return Cap::sched_context(p, static_cast<unsigned>(user_size));
    case ObjectType::Reply:
        *static_cast<Reply*>(p) = Reply{};
        return Cap::reply(p, false, true);
    default:
        if (is_frame_type(t)) return Cap::frame(p, frame_size_of(t), VmRights::ReadWrite, device);
        return arch::create_object(t, p);
    }
}

SysStatus retype(Slot& untyped, bool reset, word aligned_free, const RetypeRequest& req) {
    if (reset) {
        if (SysStatus s = reset_untyped(untyped); !s) return s;
    }
    Cap& cap = untyped.cap;
    auto base = reinterpret_cast<word>(cap.ptr());
    word end = aligned_free + (req.count << req.size_bits);
    cap.set_untyped_free_index((end - base) >> min_untyped_bits);
    bool device = cap.untyped_is_device();
    for (word i = 0; i < req.count; i++) {
        void* p = reinterpret_cast<void*>(aligned_free + (i << req.size_bits));
        insert_new_cap(untyped, req.dest[i], create_object(req.type, p, req.user_size, device));
    }
    return {};
}

}  // namespace

SysStatus decode_untyped_invocation(const Message& msg, Slot& slot) {
    using A = args::UntypedRetype;
    if (msg.label() != static_cast<word>(InvocationLabel::UntypedRetype)) {
        return user_fail(SyscallError::of(ErrorCode::IllegalOperation), "Untyped cap: Illegal operation attempted.");
    }
    if (msg.length() < 6 || !msg.extra_cap(A::root)) {
        return user_fail(SyscallError::of(ErrorCode::TruncatedMessage), "Untyped invocation: Truncated message.");
    }
    word type = msg.arg(A::type), user_size = msg.arg(A::size_bits);
    if (SysStatus s = check_type_and_size(type, user_size); !s) return s;
    auto node = destination_cnode(msg, *msg.extra_cap(A::root));
    if (!node) return fail(node.error());
    auto dest = destination_slots(msg, node.value());
    if (!dest) return fail(dest.error());

    const Cap& cap = slot.cap;
    bool reset = !has_children(slot);
    word free_index = reset ? 0 : cap.untyped_free_index();
    auto t = static_cast<ObjectType>(type);
    unsigned size_bits = object_size_bits(t, user_size);
    word free_bytes = bit(cap.untyped_size_bits()) - free_index_to_offset(free_index);
    word count = msg.arg(A::num_objects);
    if ((free_bytes >> size_bits) < count) {
        return user_fail(SyscallError::not_enough_memory(free_bytes),
                         "Untyped Retype: Insufficient memory (%lu * %lu bytes needed, %lu bytes available).", count,
                         bit(size_bits), free_bytes);
    }
    if (cap.untyped_is_device() && !is_frame_type(t) && t != ObjectType::Untyped) {
        return user_fail(SyscallError::invalid_argument(1),
                         "Untyped Retype: Creating kernel objects with device untyped");
    }
    word aligned_free = round_up(reinterpret_cast<word>(cap.ptr()) + free_index_to_offset(free_index), size_bits);
    return retype(slot, reset, aligned_free, {t, user_size, size_bits, dest.value(), count});
}

}  // namespace core
