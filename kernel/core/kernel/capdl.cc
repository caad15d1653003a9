// The capDL snapshot printer.
#include "kernel/capdl.h"
#include "arch/caps.h"
#include "arch/context.h"
#include "arch/interrupts.h"
#include "kernel/console.h"
#include "object/interrupt.h"

namespace core {
namespace {

const Tcb* root_thread = nullptr;

// The threads the snapshot describes: every TCB but the root task's.
template <typename F>
void for_each_thread(F f) {
    for (Tcb* t = debug_first_tcb(); t; t = t->debug_next) {
        if (t != root_thread) f(*t);
    }
}

void print_cnode_attrs(const Cap& c) { kprintf("(guard: %lu, guard_size: %u)\n", c.cnode_guard(), c.cnode_guard_size()); }

void print_badge_attrs(const Cap& c, bool endpoint) {
    kprintf("(%s%s%s", c.can_receive() ? "R" : "", c.can_send() ? "W" : "", endpoint && c.can_grant() ? "G" : "");
    if (c.badge()) kprintf(", badge: %lu", c.badge());
    kprintf(")\n");
}

void print_cap(const Cap& c) {
    switch (c.type()) {
    case CapType::Endpoint: kprintf("%p_ep ", c.ptr()); print_badge_attrs(c, true); return;
    case CapType::Notification: kprintf("%p_notification ", c.ptr()); print_badge_attrs(c, false); return;
    case CapType::Untyped: kprintf("%p_untyped\n", c.ptr()); return;
    case CapType::Thread: kprintf("%p_tcb\n", c.ptr()); return;
    case CapType::CNode: kprintf("%p_cnode ", c.cnode_slots()); print_cnode_attrs(c); return;
    case CapType::IrqControl: kprintf("irq_control\n"); return;
    case CapType::IrqHandler: kprintf("0x%lx_irq\n", c.irq()); return;
    case CapType::Frame: kprintf("%p_frame\n", c.ptr()); return;
    default:
        if (!is_arch_cap(c.type()) || !arch::print_capdl_cap(c)) kprintf("cap of type %u\n", static_cast<unsigned>(c.type()));
        return;
    }
}

// CNodes already printed in this snapshot (seL4's seen list): threads often share one.
constexpr unsigned max_seen = 64;
const void* seen[max_seen];
unsigned seen_count = 0;

bool first_sighting(const void* cnode) {
    for (unsigned i = 0; i < seen_count; i++) {
        if (seen[i] == cnode) return false;
    }
    if (seen_count < max_seen) seen[seen_count++] = cnode;
    return true;
}

void print_thread_object(Tcb& t) {
    const arch::Context& c = t.context;
    kprintf("%p_tcb = tcb (addr: 0x%lx, ip: 0x%lx, sp: 0x%lx, prio: %u, max_prio: %u, dom: %lu)\n",
            static_cast<const void*>(&t), t.ipc_buffer, arch::restart_pc(c), arch::stack_pointer(c), t.priority, t.mcp, t.domain);
    const Cap& root = t.cspace_root().cap;
    if (root.type() == CapType::CNode && first_sighting(root.cnode_slots())) {
        kprintf("%p_cnode = cnode (%u bits)\n", root.cnode_slots(), root.cnode_radix());
    }
}

void print_cnode_slots(const Cap& root) {
    if (root.type() != CapType::CNode || !first_sighting(root.cnode_slots())) return;
    const auto* slots = static_cast<const Slot*>(root.cnode_slots());
    kprintf("%p_cnode {\n", root.cnode_slots());
    for (word i = 0; i < bit(root.cnode_radix()); i++) {
        if (slots[i].cap.is_null()) continue;
        kprintf("0x%lx: ", i);
        print_cap(slots[i].cap);
    }
    kprintf("}\n");
}

void print_thread_slots(Tcb& t) {
    kprintf("%p_tcb {\n", static_cast<void*>(&t));
    const Cap& root = t.cspace_root().cap;
    if (root.type() == CapType::CNode) {
        kprintf("cspace: %p_cnode ", root.cnode_slots());
        print_cnode_attrs(root);
    }
    if (const Cap& vtable = t.slot(TcbSlot::VTable).cap; vtable.type() == arch::vspace_root_type) {
        kprintf("vspace: ");
        arch::print_capdl_cap(vtable);
    }
    if (t.slot(TcbSlot::Buffer).cap.type() == CapType::Frame) {
        kprintf("ipc_buffer_slot: %p_frame\n", t.slot(TcbSlot::Buffer).cap.ptr());
    }
    if (t.slot(TcbSlot::Reply).cap.type() == CapType::Reply) kprintf("reply_slot: %p_reply\n", static_cast<void*>(&t));
    if (t.slot(TcbSlot::Caller).cap.type() == CapType::Reply) kprintf("caller_slot: %p_tcb\n", t.slot(TcbSlot::Caller).cap.ptr());
    kprintf("}\n");
}

}  // namespace

void set_snapshot_root_thread(const Tcb* t) { root_thread = t; }

void print_capdl_snapshot() {
    kprintf("arch %s\nobjects {\n", arch::capdl_arch_name);
    seen_count = 0;
    for_each_thread(print_thread_object);
    kprintf("}\ncaps {\n");
    seen_count = 0;
    for_each_thread([](Tcb& t) {
        print_cnode_slots(t.cspace_root().cap);
        print_thread_slots(t);
    });
    kprintf("}\nirq maps {\n");
    for (word irq = 0; irq <= arch::max_irq; irq++) {
        if (const Cap* n = irq_notification(irq)) kprintf("%lu: 0x%lx_irq -> %p_notification\n", irq, irq, n->ptr());
    }
    kprintf("}\n");
}

}  // namespace core
