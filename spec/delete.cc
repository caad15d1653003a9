// Deleting and revoking caps: finalising the object behind a final cap, zombies for CNodes and
// TCBs whose slots must be emptied first, and preemption points (seL4's cnode.c/objecttype.c).
#include "ops.h"

namespace spec {

// Work units accumulate across system calls; every `work_units_per_preemption` units the
// kernel looks for a pending interrupt.
SyscallError preemption_point(State& s) {
    if (++s.work_units < work_units_per_preemption) return ok();
    s.work_units = 0;
    if constexpr (config::kernel_mcs) {
        if (budget_preempts(s)) return error(Error::Preempted);
    }
    return s.interrupt_pending ? error(Error::Preempted) : ok();
}

namespace {

Cap zombie(word object, unsigned bits, word number) {
    return Cap{.type = CapType::Zombie, .object = object, .bits = bits, .number = number};
}

// What is left of a cap once its object is finalised (seL4's finaliseCap): nothing, or a Zombie
// whose slots still have to be emptied.
Cap finalise_cap(State& s, const Cap& cap, bool final) {
    switch (cap.type) {
    case CapType::Endpoint:
        if (final) cancel_all_ipc(s, cap.object);
        return {};
    case CapType::Notification:
        if (final) {
            unbind_maybe_notification(s, cap.object);
            if constexpr (config::kernel_mcs) unbind_notification_sched_context(s, cap.object);
            cancel_all_signals(s, cap.object);
        }
        return {};
    case CapType::CNode:
        if (final) return zombie(cap.object, cap.bits, word{1} << cap.bits);
        return {};
    case CapType::Thread:
        if (final) {
            unbind_notification(s, cap.object);
            if constexpr (config::kernel_mcs) unbind_deleted_thread(s, cap.object);
            suspend(s, cap.object);
            return zombie(cap.object, word_bits, tcb_slot_count);
        }
        return {};
    case CapType::IrqHandler:
        if (final) delete_irq_handler(s, cap.number);
        return {};
    case CapType::Reply:
        if (config::kernel_mcs && final) finalise_reply(s, cap.object);
        return {};
    case CapType::SchedContext:
        if (final) finalise_sched_context(s, cap.object);
        return {};
    case CapType::Zombie: return cap;
    case CapType::AsidPool:
        if (final) delete_asid_pool(s, cap);
        return {};
    case CapType::Frame:
        if (cap.asid) unmap_frame(s, cap);
        return {};
    default:
        finalise_arch_cap(s, cap, final);
        return {};
    }
}

bool removable(const Cap& remainder, SlotRef slot) {
    if (remainder.type == CapType::Null) return true;
    return remainder.number == 0 || (remainder.number == 1 && slot == SlotRef{remainder.object, 0});
}

bool cyclic_zombie(const Cap& cap, SlotRef slot) {
    return cap.type == CapType::Zombie && slot == SlotRef{cap.object, 0};
}

// One step of emptying a zombie: delete its last slot (immediate), or, inside another deletion,
// swap it into its object's first slot so the outer deletion finishes it.
SyscallError reduce_zombie(State& s, SlotRef slot, bool immediate) {
    Cap z = slot_at(s, slot).cap;
    SlotRef first{z.object, 0};
    if (!immediate) {
        if (first != slot) cte_swap(s, slot_at(s, first).cap, first, z, slot);
        return ok();
    }
    SlotRef end{z.object, z.number - 1};
    if (SyscallError e = cte_delete(s, end, false); failed(e)) return e;
    Cap& now = slot_at(s, slot).cap;
    if (now.type == CapType::Zombie && now.object == z.object && now.number == z.number && now.bits == z.bits) {
        now.number--;
    }
    return ok();
}

struct Finalised {
    SyscallError status;
    bool success = false;
};

Finalised finalise_slot(State& s, SlotRef slot, bool immediate) {
    while (slot_at(s, slot).cap.type != CapType::Null) {
        bool final = is_final_capability(s, slot);
        Cap remainder = finalise_cap(s, slot_at(s, slot).cap, final);
        if (removable(remainder, slot)) return {ok(), true};
        slot_at(s, slot).cap = remainder;
        if (!immediate && cyclic_zombie(remainder, slot)) return {ok(), false};
        if (SyscallError e = reduce_zombie(s, slot, immediate); failed(e)) return {e, false};
        if (SyscallError e = preemption_point(s); failed(e)) return {e, false};
    }
    return {ok(), true};
}

}  // namespace

SyscallError cte_delete(State& s, SlotRef r, bool exposed) {
    Finalised f = finalise_slot(s, r, exposed);
    if (failed(f.status)) return f.status;
    if (exposed || f.success) empty_slot(s, r);
    return ok();
}

void cte_delete_one(State& s, SlotRef r) {
    const Cap cap = slot_at(s, r).cap;
    if (cap.type == CapType::Null) return;
    finalise_cap(s, cap, is_final_capability(s, r));
    empty_slot(s, r);
}

// Deletes every descendant, first child first (so in derivation order), with a preemption point
// after each.
SyscallError cte_revoke(State& s, SlotRef r) {
    while (has_children(s, r)) {
        if (SyscallError e = cte_delete(s, slot_at(s, r).children.front(), true); failed(e)) return e;
        if (SyscallError e = preemption_point(s); failed(e)) return e;
    }
    return ok();
}

}  // namespace spec
