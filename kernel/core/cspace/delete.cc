// Deleting and revoking capabilities.
//
// Deleting the last cap to a CNode (or TCB) deletes every cap inside it. As in seL4, the cap
// becomes a Zombie naming the slots still to clear, and slots are cleared from the end. When the
// last cap to another CNode is found inside, that CNode is not descended into: its Zombie is
// swapped into its own first slot and the cap that was there is deleted instead. The found CNode
// is left unreachable (the seL4 manual's "Deletion and Revocation" describes exactly this), to be
// reclaimed by revoking a covering untyped. So the outer delete (`finalise_slot`) calls the inner
// one (`finalise_inner_slot`), which never calls back: no recursion, and a fixed stack depth.
#include "cspace/delete.h"
#include "cspace/cte.h"
#include "generated/config.h"
#include "arch/mmu.h"
#include "arch/switch.h"
#include "kernel/preemption.h"
#include "kernel/thread.h"
#include "object/endpoint.h"
#include "object/interrupt.h"
#include "object/reply.h"
#include "object/sched_context.h"
#include "object/tcb.h"

namespace core {
namespace {

// What finalising a cap leaves behind: a null cap, or a Zombie still to be reduced.
Cap finalise_cap(const Cap& cap, bool final) {
    switch (cap.type()) {
    case CapType::CNode:
        if (final) return Cap::zombie(cap.cnode_slots(), cap.cnode_radix(), bit(cap.cnode_radix()));
        return Cap{};
    case CapType::Endpoint:
        if (final) cancel_all_ipc(*static_cast<Endpoint*>(cap.ptr()));
        return Cap{};
    case CapType::Notification:
        if (final) finalise_notification(*static_cast<Notification*>(cap.ptr()));
        return Cap{};
    case CapType::Thread:
        if (final) {
            auto* tcb = static_cast<Tcb*>(cap.ptr());
            unbind_notification(*tcb);
            if (config::kernel_mcs && tcb->sched_context) unbind_sched_context(*tcb->sched_context);
            suspend(*tcb);
            arch::forget_fpu_state(*tcb);
            debug_unregister_tcb(*tcb);
            return Cap::zombie(tcb->slots, zombie_tcb, tcb_slot_count);
        }
        return Cap{};
    case CapType::IrqHandler:
        if (final) delete_irq_handler(cap.irq());
        return Cap{};
    case CapType::SchedContext:
        if (final) finalise_sched_context(*static_cast<SchedContext*>(cap.ptr()));
        return Cap{};
    case CapType::Reply:
        if (config::kernel_mcs && final) finalise_reply(*static_cast<Reply*>(cap.ptr()));
        return Cap{};
    case CapType::Zombie: return cap;
    default:
        if (is_arch_cap(cap.type())) arch::finalise_arch_cap(cap, final);
        return Cap{};
    }
}

Slot* zombie_slots(const Cap& z) { return static_cast<Slot*>(z.ptr()); }

// A zombie is done when no slot is left to clear, or the one left is the one holding it.
bool removable(const Cap& remainder, const Slot& slot) {
    if (remainder.is_null()) return true;
    word n = remainder.zombie_number();
    return n == 0 || (n == 1 && zombie_slots(remainder) == &slot);
}

bool cyclic_zombie(const Cap& cap, const Slot& slot) {
    return cap.type() == CapType::Zombie && zombie_slots(cap) == &slot;
}

// Inner delete, for a slot inside an object being destroyed: never descends further.
SysResult<bool> finalise_inner_slot(Slot& slot) {
    while (!slot.cap.is_null()) {
        Cap remainder = finalise_cap(slot.cap, is_final_capability(slot));
        if (removable(remainder, slot)) return true;
        slot.cap = remainder;
        if (cyclic_zombie(remainder, slot)) return false;
        Slot& first = zombie_slots(remainder)[0];  // park the zombie in its own first slot
        cte_swap(slot.cap, slot, first.cap, first);
        if (SysStatus s = preemption_point(); !s) return fail(s.error());
    }
    return true;
}

SysStatus delete_inner(Slot& slot) {
    auto r = finalise_inner_slot(slot);
    if (!r) return fail(r.error());
    if (r.value()) empty_slot(slot);
    return {};
}

// Clears the last slot a zombie names and counts it off.
SysStatus reduce_zombie(Slot& slot) {
    Cap zombie = slot.cap;
    word n = zombie.zombie_number();
    if (SysStatus s = delete_inner(zombie_slots(zombie)[n - 1]); !s) return s;
    if (slot.cap.type() == CapType::Zombie && slot.cap.ptr() == zombie.ptr() && slot.cap.zombie_number() == n &&
        slot.cap.zombie_type() == zombie.zombie_type()) {
        slot.cap = zombie.with_zombie_number(n - 1);
    }
    return {};
}

SysStatus finalise_slot(Slot& slot) {
    while (!slot.cap.is_null()) {
        Cap remainder = finalise_cap(slot.cap, is_final_capability(slot));
        if (removable(remainder, slot)) return {};
        slot.cap = remainder;
        if (SysStatus s = reduce_zombie(slot); !s) return s;
        if (SysStatus s = preemption_point(); !s) return s;
    }
    return {};
}

}  // namespace

SysStatus cte_delete(Slot& slot) {
    if (SysStatus s = finalise_slot(slot); !s) return s;
    empty_slot(slot);
    return {};
}

SysStatus cte_revoke(Slot& slot) {
    for (Slot* next = slot.mdb.next(); next && is_mdb_parent_of(slot, *next); next = slot.mdb.next()) {
        if (SysStatus s = cte_delete(*next); !s) return s;
        if (SysStatus s = preemption_point(); !s) return s;
    }
    return {};
}

}  // namespace core
