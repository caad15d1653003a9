// The differential driver (see differential.h), its generic part: the architecture's is in
// arch/<arch>/ (arch_world.h). The kernel runs as the arch's entry runs it (Call and ReplyRecv
// through the fastpath first); the specification runs its model. After every
// step the driver compares what a user could observe or what decides the future: every thread's
// state, registers, scheduling parameters and slots; every slot of every CNode with its cap, its
// originality and its place in the derivation tree; untyped watermarks (in the caps); endpoint
// and notification states and queues; the ready queues and the running thread; the contents of
// every frame; every cap's mapping record, the ASID table and every thread's view of memory
// through the simulated TLB and page tables. It also checks the kernel's own invariants.
#include "differential.h"
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include "../host/kernel_invariants.h"
#include "arch/interrupts.h"
#include "arch_labels.h"
#include "arch_world.h"
#include "cspace/cte.h"
#include "kernel/fastpath.h"
#include "kernel/ipc.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "object/endpoint.h"
#include "object/interrupt.h"
#include "object/reply.h"
#include "object/sched_context.h"
#include "object/sched_invocation.h"
#include "kernel/sched_time.h"
#include "ops.h"

namespace diff {
namespace {

using spec::SlotRef;

constexpr word root_id = word{1} << 40;  // the root thread lives outside physical memory
constexpr word root_ipc = 0x100000, untyped_base = 0x200000;
constexpr word root_slots = word{1} << HostWorld::root_radix;
constexpr word root_tcb_slot = 4;
constexpr word big_untyped_base = 0x400000, big_untyped_bits = 21;
// MCS: the root thread's scheduling context (outside every untyped, as boot makes it) and its cap;
// three reply objects and the two other threads' scheduling contexts, made by the root thread.
constexpr word root_sc = 0x8000, root_sc_slot = 75, sched_control_slot = 76;
constexpr word first_reply_slot = 70, first_sc_slot = 73;

struct ArchCounts {
    std::array<std::size_t, 64> labels{};
    std::size_t accesses = 0, access_faults = 0;
    std::size_t interrupts = 0, interrupts_taken = 0;
    std::size_t time_steps = 0, timer_interrupts = 0, releases = 0, timeout_faults = 0;  // MCS
    std::size_t timed_calls = 0, timed_calls_restarting = 0, timer_preemptions = 0;       // MCS
} counts;

// Physical memory at a fixed alignment, so physical addresses are the same in every run.
uint8_t* physical_memory() {
    static uint8_t* m = static_cast<uint8_t*>(std::aligned_alloc(HostWorld::phys_size, HostWorld::phys_size));
    return m;
}

}  // namespace

// ---- the two worlds

// HostWorld's root CNode holds the untyped in slot 1 and itself in slot 2; the driver adds the
// domain cap in slot 3 and the root thread's TCB cap in slot 4. The objects both worlds start
// from, made by the root thread's system calls: endpoints in slots 10 and 11, a notification in
// 12, a 16-slot CNode in 13, TCBs in 14 and 15, frames in 16 and 17 (the two threads' IPC
// buffers), then the architecture's objects.
Step retype_step(core::ObjectType type, word bits, word slot, word count, word untyped) {
    Step s;
    s.syscall = -1;
    s.cptr = untyped;
    s.info = (static_cast<word>(core::InvocationLabel::UntypedRetype) << 12) | (1 << 7) | 6;
    s.words = {static_cast<word>(type), bits, 0, 0, slot, count, 0, 0};
    s.caps = {2, 0, 0};
    return s;
}

Step map_frame_step(core::InvocationLabel label, word slot, word root, word vaddr) {
    return invoke_step(label, slot, {vaddr, 3, 0, 0, 0, 0, 0, 0}, 3, {root, 0, 0}, 1);
}

Step map_table_step(core::InvocationLabel label, word slot, word root, word vaddr) {
    return invoke_step(label, slot, {vaddr, 0, 0, 0, 0, 0, 0, 0}, 2, {root, 0, 0}, 1);
}

Step invoke_step(core::InvocationLabel label, word slot, std::array<word, 8> words, word length,
                 std::array<word, 3> caps, word extra) {
    Step s;
    s.syscall = -1;
    s.cptr = slot;
    s.info = (static_cast<word>(label) << 12) | (extra << 7) | length;
    s.words = words;
    s.caps = caps;
    return s;
}

namespace {

constexpr word pool_slot = 7;

std::vector<Step> setup_steps() {
    using T = core::ObjectType;
    constexpr auto root = static_cast<T>(spec::vspace_root_object);
    std::vector<Step> steps = {
        retype_step(T::Endpoint, 0, 10, 2), retype_step(T::Notification, 0, 12, 1),
        retype_step(T::CapTable, 4, 13, 1), retype_step(T::Tcb, 0, 14, 2),
        retype_step(T::SmallPage, 0, 16, 2), retype_step(T::Untyped, 12, 6, 1),
        invoke_step(spec::make_pool_label, asid_control_slot, {pool_slot, 64}, 2, {6, 2, 0}, 2),
        retype_step(root, 0, vspace_root_slots[0], 1), retype_step(root, 0, vspace_root_slots[1], 1)};
    for (word slot : vspace_root_slots) steps.push_back(invoke_step(spec::assign_label, pool_slot, {}, 0, {slot, 0, 0}, 1));
    if constexpr (config::kernel_mcs) {
        steps.push_back(retype_step(static_cast<T>(spec::ObjectType::Reply), 0, first_reply_slot, 3));
        steps.push_back(retype_step(static_cast<T>(spec::ObjectType::SchedContext), spec::min_sched_context_bits,
                                    first_sc_slot, 2));
    }
    steps.insert(steps.end(), arch_setup_steps().begin(), arch_setup_steps().end());
    return steps;
}

struct Worlds {
    HostWorld kernel;
    spec::State spec;

    Worlds() : kernel(physical_memory()) {
        kernel.tcb.priority = 100;
        kernel.tcb.mcp = 255;
        core::debug_register_tcb(kernel.tcb);
        if constexpr (!config::kernel_mcs) core::setup_reply_master(kernel.tcb);
        core::set_current_thread(&kernel.tcb);
        core::set_invariant_root(kernel.root, root_slots);
        HostWorld::write_original(core::Cap::of_type(core::CapType::Domain), kernel.root[domain_slot]);
        HostWorld::write_original(core::Cap::thread(&kernel.tcb), kernel.root[root_tcb_slot]);
        HostWorld::write_original(core::Cap::of_type(core::CapType::AsidControl), kernel.root[asid_control_slot]);
        HostWorld::write_original(core::Cap::of_type(core::CapType::IrqControl), kernel.root[irq_control_slot]);
        write_arch_caps(kernel);
        HostWorld::write_original(core::Cap::untyped(kernel.phys + big_untyped_base, big_untyped_bits, false, 0),
                                  kernel.root[big_untyped_slot]);
        spec = initial_spec();
        if constexpr (config::kernel_mcs) give_root_sched_context();
    }

    // MCS: the root thread runs on a round-robin scheduling context of the boot budget, as boot
    // gives it, the clock where the machine's reset left it; the SchedControl cap in slot 76.
    void give_root_sched_context() {
        auto& sc = *static_cast<core::SchedContext*>(arch::phys_to_ptr(root_sc));
        core::configure_sched_context(kernel.tcb, sc, core::boot_budget_ticks());
        HostWorld::write_original(core::Cap::sched_context(&sc, spec::min_sched_context_bits), kernel.root[root_sc_slot]);
        HostWorld::write_original(core::Cap::sched_control(0), kernel.root[sched_control_slot]);
        core::start_clock(kernel.tcb);
        spec.cnodes.at(root_cnode).slots[root_sc_slot] = original(
            spec::Cap{.type = spec::CapType::SchedContext, .object = root_sc, .bits = spec::min_sched_context_bits});
        spec.cnodes.at(root_cnode).slots[sched_control_slot] = original(spec::Cap{.type = spec::CapType::SchedControl});
        spec.sched_contexts[root_sc] = spec::SchedContext{};
        configure_spec_sched_context(root_sc, root_id);
        spec.cur_sc = root_sc;  // start_clock: the timer at the end of the root thread's budget
        spec.deadline = spec.time + spec::boot_budget - spec::timer_precision;
    }

    // The specification's side of configure_sched_context: round robin, the boot budget.
    void configure_spec_sched_context(word sc, word thread) {
        spec::SchedContext& c = spec.sched_contexts.at(sc);
        c.max_refills = spec::min_refills;
        c.refills = {{0, spec::boot_budget}, {0, 0}};
        c.thread = thread;
        spec.threads.at(thread).sc = sc;
    }

    static spec::Slot original(const spec::Cap& c) {
        spec::Slot s;
        s.cap = c;
        s.original = true;
        return s;
    }

    // The specification's view of HostWorld's starting state.
    static spec::State initial_spec() {
        spec::State s;
        spec::Cap cnode{.type = spec::CapType::CNode, .object = root_cnode, .bits = HostWorld::root_radix,
                        .guard_bits = 64 - HostWorld::root_radix};
        s.cnodes[root_cnode] = spec::CNode{HostWorld::root_radix, std::vector<spec::Slot>(root_slots)};
        s.cnodes[root_cnode].slots[1] = original(
            spec::Cap{.type = spec::CapType::Untyped, .object = untyped_base, .bits = HostWorld::untyped_bits});
        s.cnodes[root_cnode].slots[2] = original(cnode);
        s.cnodes[root_cnode].slots[domain_slot] = original(spec::Cap{.type = spec::CapType::Domain});
        s.cnodes[root_cnode].slots[root_tcb_slot] = original(spec::Cap{.type = spec::CapType::Thread, .object = root_id});
        s.cnodes[root_cnode].slots[asid_control_slot] = original(spec::Cap{.type = spec::CapType::AsidControl});
        s.cnodes[root_cnode].slots[irq_control_slot] = original(spec::Cap{.type = spec::CapType::IrqControl});
        add_arch_caps(s.cnodes[root_cnode]);
        spec::init_interrupts(s);
        s.cnodes[root_cnode].slots[big_untyped_slot] = original(
            spec::Cap{.type = spec::CapType::Untyped, .object = big_untyped_base, .bits = big_untyped_bits});
        spec::Thread root;
        root.slots[spec::CTableSlot].cap = cnode;  // derived from slot 2, as seL4's boot does
        root.slots[spec::CTableSlot].parent = SlotRef{root_cnode, 2};
        s.cnodes[root_cnode].slots[2].children = {SlotRef{root_id, spec::CTableSlot}};
        root.slots[spec::BufferSlot] =
            original(spec::Cap{.type = spec::CapType::Frame, .object = root_ipc, .bits = 12, .vm_rights = 3});
        root.state = spec::ThreadState::Running;
        root.priority = 100;
        root.mcp = 255;
        s.threads[root_id] = root;
        if constexpr (!config::kernel_mcs) spec::setup_reply_master(s, root_id);
        s.frames[root_ipc] = 12;
        s.current = root_id;
        return s;
    }

    // The thread's VTable: a copy of the VSpace root cap in `slot` (as the CTable is set up).
    void give_vspace(core::Tcb& t, word id, word slot) {
        core::cte_insert(kernel.root[slot].cap, kernel.root[slot], t.slot(core::TcbSlot::VTable));
        SlotRef from{root_cnode, slot};
        spec::cte_insert(spec, spec::slot_at(spec, from).cap, from, {id, spec::VTableSlot});
    }

    // MCS: the thread's fault handler (or its timeout handler), a copy of the endpoint cap in `slot`.
    void give_fault_handler(core::Tcb& t, word id, word slot, bool timeout = false) {
        core::Slot& to = t.slot(timeout ? core::TcbSlot::TimeoutHandler : core::TcbSlot::FaultHandler);
        core::cte_insert(kernel.root[slot].cap, kernel.root[slot], to);
        SlotRef from{root_cnode, slot};
        spec::cte_insert(spec, spec::slot_at(spec, from).cap, from, {id, timeout ? spec::TimeoutHandlerSlot : spec::FaultHandlerSlot});
    }

    // Threads 1 and 2 (TCBs in slots 14 and 15) share the root CNode, have their own IPC
    // buffers and run at priorities 100 and 110; their fault handlers are slots 10 and 11.
    // The root thread and thread 1 run in the first of the arch's VSpace roots, thread 2 in the
    // second.
    void start_threads() {
        give_vspace(kernel.tcb, root_id, vspace_root_slots[0]);
        if constexpr (config::kernel_mcs) give_fault_handler(kernel.tcb, root_id, 10);
        for (word i = 1; i <= 2; i++) {
            core::Slot& tslot = kernel.root[13 + i];
            auto& t = *static_cast<core::Tcb*>(tslot.cap.ptr());
            core::cte_insert(kernel.root[2].cap, kernel.root[2], t.slot(core::TcbSlot::CTable));
            core::cte_insert(kernel.root[15 + i].cap, kernel.root[15 + i], t.slot(core::TcbSlot::Buffer));
            t.priority = static_cast<u8>(90 + 10 * i);
            t.mcp = 255;
            if constexpr (config::kernel_mcs) {
                give_fault_handler(t, id_of(&t), 9 + i);
                if (i == 1) give_fault_handler(t, id_of(&t), 11, true);  // thread 1's timeouts to thread 2's endpoint
                auto& sc = *static_cast<core::SchedContext*>(kernel.root[first_sc_slot + i - 1].cap.ptr());
                core::configure_sched_context(t, sc, core::boot_budget_ticks());
            } else {
                t.fault_handler = 9 + i;
                core::setup_reply_master(t);
            }
            core::set_thread_state(t, core::ThreadState::Running);
            core::sched_enqueue(t);

            word id = spec.cnodes.at(root_cnode).slots[13 + i].cap.object;
            SlotRef cn{root_cnode, 2}, frame{root_cnode, 15 + i};
            spec::cte_insert(spec, spec::slot_at(spec, cn).cap, cn, {id, spec::CTableSlot});
            spec::cte_insert(spec, spec::slot_at(spec, frame).cap, frame, {id, spec::BufferSlot});
            give_vspace(t, id, vspace_root_slots[i - 1]);
            spec::Thread& st = spec.threads.at(id);
            st.priority = 90 + 10 * i;
            st.mcp = 255;
            if constexpr (config::kernel_mcs) {
                configure_spec_sched_context(spec.cnodes.at(root_cnode).slots[first_sc_slot + i - 1].cap.object, id);
            } else {
                st.fault_handler = 9 + i;
                spec::setup_reply_master(spec, id);
            }
            spec::set_thread_state(spec, id, spec::ThreadState::Running);
            spec::sched_enqueue(spec, id);
        }
    }

    word id_of(const void* p) const {
        if (!p) return 0;
        if (p == &kernel.tcb) return root_id;
        return arch::ptr_to_phys(p);
    }
    core::Tcb* tcb(word id) {
        return id == root_id ? &kernel.tcb : static_cast<core::Tcb*>(arch::phys_to_ptr(id));
    }
    core::Slot* slot(SlotRef r) {
        if (r.object == spec::irq_node_object) return &core::irq_node_slot(r.index);
        if (spec.cnodes.count(r.object)) return static_cast<core::Slot*>(arch::phys_to_ptr(r.object)) + r.index;
        return &tcb(r.object)->slots[r.index];
    }
};

// ---- running a step

void load_kernel(core::Tcb& t, const Step& st) {
    arch::cap_register(t.context) = st.cptr;
    arch::msg_info_register(t.context) = st.info;
    for (unsigned i = 0; i < 4; i++) arch::msg_register(t.context, i) = st.words[i];
    if constexpr (config::kernel_mcs) {
        arch::reply_register(t.context) = st.reply;
        arch::nb_send_recv_dest_register(t.context) = st.dest;
    }
    word* buf = core::lookup_ipc_buffer(t, false);
    if (!buf) return;
    for (unsigned i = 4; i < 8; i++) buf[i + 1] = st.words[i];
    for (unsigned i = 0; i < 3; i++) buf[spec::caps_or_badges_word + i] = st.caps[i];
    for (unsigned i = 0; i < 3; i++) buf[spec::receive_cnode_word + i] = st.receive[i];
}

void load_spec(spec::State& s, const Step& st) {
    spec::Thread& t = s.threads.at(s.current);
    t.regs[spec::cap_register] = st.cptr;
    t.regs[spec::info_register] = st.info;
    for (unsigned i = 0; i < 4; i++) t.regs[spec::msg_registers[i]] = st.words[i];
    if constexpr (config::kernel_mcs) {
        t.regs[spec::reply_register] = st.reply;
        t.regs[spec::nb_send_recv_dest_register] = st.dest;
    }
    std::optional<word> buf = spec::ipc_buffer(t, false);
    if (!buf) return;
    for (unsigned i = 4; i < 8; i++) spec::store(s, *buf + 8 * (i + 1), st.words[i]);
    for (unsigned i = 0; i < 3; i++) spec::store(s, *buf + 8 * (spec::caps_or_badges_word + i), st.caps[i]);
    for (unsigned i = 0; i < 3; i++) spec::store(s, *buf + 8 * (spec::receive_cnode_word + i), st.receive[i]);
}

// A user load or store through the simulated MMU; a page fault enters the kernel as the arch's
// trap entry sends it.
void kernel_access(core::Tcb& t, const Step& st) {
    host::UserAccess a = host::user_access(st.vaddr, st.write);
    counts.accesses++;
    if (a.ok) {
        word* w = static_cast<word*>(arch::phys_to_ptr(round_down(a.paddr, 3)));
        if (st.write) *w = st.value;
        else arch::user_register(t.context, spec::load_register) = *w;
        return;
    }
    counts.access_faults++;
    kernel_user_fault(t, a);
}

void kernel_leave() {
    host::take_console_output();
    if (core::Tcb* next = core::schedule()) core::activate_thread(*next);
    if (core::Tcb* now = core::current_thread()) host::return_to_user(*now);
}

// Call and ReplyRecv go through the fastpath first, as the arch's syscall entry takes them.
// The step ends as the kernel's exit does: the address space of the thread to run made current. The
// pending interrupt (the timer: the step's; MCS: raised by a read of the clock that reached the
// deadline during a system call, or a deadline already past when one that took time returns),
// unless the system call took it at a preemption point, is taken as soon as the thread to run is
// back in user mode.
// MCS: a tick step lets the clock run on; the kernel is entered only when the timer's deadline
// is reached. Call and ReplyRecv take the fastpath only when `fastpath` (MCS: no time passed
// since the last entry; seL4's fastpath reads no clock, so the slowpath's budget check, which
// the specification makes, would be the only difference).
// MCS: the kernel entered for the timer's interrupt (the caller then calls timer_tick).
void kernel_timer_entry() {
    counts.timer_interrupts++;
    core::interrupt_entry_time();
}

// MCS: the clock runs on `ticks`; when it reaches the timer's deadline the kernel is entered for
// the timer's interrupt.
bool kernel_timer(word ticks) {
    if constexpr (config::kernel_mcs) {
        if (!kernel_pass_time(ticks)) return false;
        kernel_timer_entry();
        return true;
    }
    return false;
}

// MCS: a system call step's ticks pass before every read of the clock while the kernel runs (its
// entry, the preemption points' budget checks); a read that reaches the deadline raises the
// timer's interrupt, which a later preemption point sees (the call is preempted and takes it, as
// seL4's handleSyscall does) or which is taken as the call returns.
void kernel_syscall(core::Tcb& t, const Step& st, bool fastpath) {
    word cptr = arch::cap_register(t.context), info = arch::msg_info_register(t.context);
    word reply = arch::reply_register(t.context);
    word deadline = ~word{0};
    if constexpr (config::kernel_mcs) {
        kernel_time_per_read(st.ticks);
        deadline = kernel_timer_deadline();
    }
    bool fast = fastpath && ((st.syscall == -1 && core::fastpath_call(t, cptr, info)) ||
                             (st.syscall == -2 && core::fastpath_reply_recv(t, cptr, info, reply)));
    if (!fast) core::handle_syscall(t, st.syscall);
    if constexpr (config::kernel_mcs) {
        kernel_time_per_read(0);
        // The deadline spent and its interrupt no longer pending: a preempted call took it.
        if (deadline != ~word{0} && kernel_timer_deadline() == ~word{0} && !arch::interrupt_pending()) {
            counts.timer_preemptions++;
        }
    }
}

void kernel_step(const Step& st, bool fastpath) {
    core::Tcb* cur = core::current_thread();  // none while the idle thread runs (MCS: until a release)
    if (st.tick) {
        if constexpr (config::kernel_mcs) {
            counts.time_steps++;
            if (!kernel_timer(st.ticks)) return;
        }
        core::timer_tick();
    } else if (st.access) {
        kernel_access(*cur, st);
    } else if (st.interrupt) {
        counts.interrupts++;
        if (kernel_interrupt(st)) counts.interrupts_taken++;
    } else {
        core::Tcb& t = *cur;
        load_kernel(t, st);
        host::set_interrupt_pending(st.preempt);
        kernel_syscall(t, st, fastpath && st.ticks == 0);
    }
    kernel_leave();
    if (arch::interrupt_pending()) {
        host::set_interrupt_pending(false);
        if (config::kernel_mcs) kernel_timer_entry();
    } else if (!config::kernel_mcs || st.tick || !st.ticks || !kernel_timer(0)) {
        return;
    }
    core::timer_tick();
    kernel_leave();
}

void spec_step(spec::State& s, const Step& st) {
    if (st.tick && config::kernel_mcs) {
        if (!spec::pass_time(s, st.ticks)) return;
    } else if (st.tick) {
        spec::timer_tick(s);
    } else if (st.access) {
        spec::user_access(s, st.vaddr, st.write, st.value);
    } else if (st.interrupt) {
        spec_interrupt(s, st);
    } else {
        load_spec(s, st);
        s.interrupt_pending = st.preempt;
        s.time_per_read = st.ticks;
        spec::handle_syscall(s, st.syscall);
        s.time_per_read = 0;
    }
    spec::schedule(s);
    if (s.interrupt_pending) {
        s.interrupt_pending = false;
        if constexpr (config::kernel_mcs) spec::timer_interrupt_entry(s);
        spec::timer_tick(s);
    } else if (!config::kernel_mcs || st.tick || !st.ticks || !spec::pass_time(s, 0)) {
        return;
    }
    spec::schedule(s);
}

// ---- comparing

class Comparison {
public:
    explicit Comparison(Worlds& w) : w_(w), s_(w.spec), slots_(all_slots()) {}

    std::string run() {
        threads();
        slots();
        derivation_tree();
        queues();
        memory();
        asid_table();
        interrupts();
        views();
        if constexpr (config::kernel_mcs) {
            sched_contexts();
            replies();
            clock();
        }
        return report_.str();
    }

private:
    template <typename A, typename B, typename Name>
    void expect(const A& kernel, const B& spec, const Name& what) { report_.expect(kernel, spec, what); }
    void note(const std::string& what) { report_.note(what); }

    static std::string name(word id) {
        std::ostringstream o;
        if (id == root_id) o << "root thread";
        else o << "0x" << std::hex << id;
        return o.str();
    }
    static std::string name(SlotRef r) { return "slot " + name(r.object) + "[" + std::to_string(r.index) + "]"; }

    spec::Cap abstract(const core::Cap& c) const {
        using spec::CapType;
        spec::Cap a;
        a.type = static_cast<CapType>(c.type());
        if (spec::is_vspace_table(a.type)) {
            a.object = w_.id_of(c.ptr());
            a.mapped = c.is_mapped();
            a.asid = a.mapped ? c.mapped_asid() : 0;
            a.vaddr = a.mapped ? c.mapped_address() : 0;
            return a;
        }
        switch (c.type()) {
        case core::CapType::Null: return {};
        case core::CapType::Untyped:
            a.object = w_.id_of(c.ptr());
            a.bits = c.untyped_size_bits();
            a.free_bytes = c.untyped_free_index() << core::min_untyped_bits;
            a.device = c.untyped_is_device();
            return a;
        case core::CapType::Endpoint:
        case core::CapType::Notification:
            a.object = w_.id_of(c.ptr());
            a.badge = c.badge();
            a.write = c.can_send();
            a.read = c.can_receive();
            if (c.type() == core::CapType::Endpoint) {
                a.grant = c.can_grant();
                a.grant_reply = c.can_grant_reply();
            }
            return a;
        case core::CapType::Reply:
            a.object = w_.id_of(c.ptr());
            a.master = c.reply_master();
            a.grant = c.reply_can_grant();
            return a;
        case core::CapType::CNode:
            a.object = w_.id_of(c.cnode_slots());
            a.bits = c.cnode_radix();
            a.guard_bits = c.cnode_guard_size();
            a.guard = c.cnode_guard();
            return a;
        case core::CapType::Zombie:
            a.object = w_.id_of(c.ptr());
            a.bits = c.zombie_type();
            a.number = c.zombie_number();
            return a;
        case core::CapType::Frame:
            a.object = w_.id_of(c.ptr());
            a.bits = arch::frame_size_bits(c.frame_size());
            a.device = c.frame_is_device();
            a.vm_rights = static_cast<word>(c.frame_rights());
            a.asid = c.mapped_asid();
            a.vaddr = c.mapped_address();
            return a;
        case core::CapType::AsidPool:
            a.object = w_.id_of(c.ptr());
            a.asid = c.asid_base();
            return a;
        case core::CapType::AsidControl:
        case core::CapType::IrqControl: return a;
        case core::CapType::IrqHandler:
            a.number = c.irq();
            return a;
        case core::CapType::Thread:
        case core::CapType::Domain:
            a.object = w_.id_of(c.ptr());
            return a;
        case core::CapType::SchedContext:
            a.object = w_.id_of(c.ptr());
            a.bits = c.sched_context_size_bits();
            return a;
        case core::CapType::SchedControl: return a;  // the world has one node
        default:  // the architecture's own caps
            a.arch = abstract_arch_cap(c);
            return a;
        }
    }

    void cap(const core::Cap& kernel, const spec::Cap& spec, SlotRef r) {
        spec::Cap k = abstract(kernel);
        if (k == spec) return;
        std::string where = name(r);
        expect(static_cast<word>(k.type), static_cast<word>(spec.type), [&] { return (where + " type"); });
        expect(k.object, spec.object, [&] { return (where + " object"); });
        expect(k.bits, spec.bits, [&] { return (where + " size/radix bits"); });
        expect(k.free_bytes, spec.free_bytes, [&] { return (where + " untyped watermark"); });
        expect(k.device, spec.device, [&] { return (where + " device"); });
        expect(k.badge, spec.badge, [&] { return (where + " badge"); });
        expect((k.read << 3) | (k.write << 2) | (k.grant << 1) | k.grant_reply,
               (spec.read << 3) | (spec.write << 2) | (spec.grant << 1) | spec.grant_reply, [&] { return (where + " rights RWGG"); });
        expect(k.guard_bits, spec.guard_bits, [&] { return (where + " guard bits"); });
        expect(k.guard, spec.guard, [&] { return (where + " guard"); });
        expect(k.master, spec.master, [&] { return (where + " reply master"); });
        expect(k.number, spec.number, [&] { return (where + " zombie number or IRQ"); });
        expect(k.vm_rights, spec.vm_rights, [&] { return (where + " vm rights"); });
        expect(k.asid, spec.asid, [&] { return (where + " mapped ASID"); });
        expect(k.vaddr, spec.vaddr, [&] { return (where + " mapped address"); });
        expect(k.mapped, spec.mapped, [&] { return (where + " mapped"); });
        compare_arch_cap(report_, k.arch, spec.arch, where);
    }

    // Every IRQ's state, then the arch's own interrupt state. (The notification caps the IRQs
    // signal are slots of the IRQ node, compared with every other slot.)
    void interrupts() {
        for (word irq = 0; irq <= spec::max_irq; irq++) {
            expect(static_cast<word>(core::irq_state(irq)), static_cast<word>(s_.irq_state[irq]),
                   [&] { return "IRQ " + std::to_string(irq) + " state"; });
        }
        compare_arch_interrupts(report_, s_);
    }

    // The pool of every high ASID part, and the VSpace root of every ASID of a live pool.
    void asid_table() {
        for (word high = 0; high < spec::asid_high_count; high++) {
            const void* pool = kernel_asid_pool(high);
            word spool = s_.asid_table[high];
            expect(w_.id_of(pool), spool, [&] { return "ASID pool " + std::to_string(high); });
            if (!pool || w_.id_of(pool) != spool) continue;
            auto* vspaces = static_cast<void* const*>(pool);
            const auto& sv = s_.asid_pools.at(spool);
            for (word low = 0; low < sv.size(); low++) {
                expect(w_.id_of(vspaces[low]), sv[low], [&] { return "VSpace root of ASID " + std::to_string((high << spec::asid_low_bits) + low); });
            }
        }
    }

    // Every thread's view of memory: for every page either side maps for it (and every page the
    // TLB holds, for the threads on the current address space), the kernel's TLB and page tables must give
    // the frame and rights the specification gives.
    void views() {
        std::vector<word> tlb = host::tlb_pages();
        std::map<word, std::vector<word>> kernel_pages;  // by root: threads share address spaces
        std::map<word, std::vector<word>> spec_pages;    // by ASID
        for (const auto& [id, st] : s_.threads) {
            const core::Tcb& t = *w_.tcb(id);
            word root = host::thread_root(t), asid = spec::thread_asid(s_, id);
            auto k = kernel_pages.try_emplace(root).first;
            if (k->second.empty()) k->second = host::mapped_user_pages(root);
            auto sp = spec_pages.try_emplace(asid).first;
            if (asid && sp->second.empty()) sp->second = spec::mapped_pages(s_, asid);
            for (const auto* pages : {&k->second, &sp->second, &tlb}) {
                for (word v : *pages) view(t, id, asid, v);
            }
        }
    }

    void view(const core::Tcb& t, word id, word asid, word vaddr) {
        host::Translation k = host::thread_view(t, vaddr);
        spec::Translation sp = asid ? spec::translate(s_, asid, vaddr) : spec::Translation{};
        bool mapped = sp.rights >= 2;
        auto where = [&] {
            std::ostringstream o;
            o << "thread " << name(id) << " at 0x" << std::hex << vaddr;
            return o.str();
        };
        expect(k.mapped() ? k.frame : 0, mapped ? sp.frame : 0, [&] { return where() + ": frame"; });
        expect(k.mapped() && k.write, mapped && sp.rights == 3, [&] { return where() + ": writable"; });
    }

    void threads() {
        expect(w_.id_of(core::current_thread()), s_.current, [&] { return std::string("running thread"); });
        for (const auto& [id, st] : s_.threads) {
            core::Tcb& t = *w_.tcb(id);
            std::string n = "thread " + name(id);
            expect(static_cast<word>(t.state), static_cast<word>(st.state), [&] { return (n + " state"); });
            for (unsigned r = 0; r < spec::NextIP; r++) {
                expect(arch::user_register(t.context, r), st.regs[r], [&] { return (n + " register " + std::to_string(r)); });
            }
            expect(kernel_next_ip(t), st.regs[spec::NextIP], [&] { return (n + " next IP"); });
            expect(t.priority, st.priority, [&] { return (n + " priority"); });
            expect(t.mcp, st.mcp, [&] { return (n + " MCP"); });
            expect(t.time_slice == 0 ? spec::time_slice_ticks : t.time_slice, st.time_slice, [&] { return (n + " time slice"); });
            expect(t.flags, st.flags, [&] { return (n + " flags"); });
            expect(t.domain, st.domain, [&] { return (n + " domain"); });
            expect(t.fault_handler, st.fault_handler, [&] { return (n + " fault handler"); });
            expect(t.ipc_buffer, st.ipc_buffer, [&] { return (n + " IPC buffer address"); });
            expect(w_.id_of(t.bound_notification), st.bound_notification, [&] { return (n + " bound notification"); });
            expect(static_cast<word>(t.fault.type), static_cast<word>(st.fault.type), [&] { return (n + " fault"); });
            blocking(t, st, n);
            if constexpr (config::kernel_mcs) thread_time(t, st, n);
        }
    }

    void blocking(const core::Tcb& t, const spec::Thread& st, const std::string& n) {
        using spec::ThreadState;
        if (st.state == ThreadState::BlockedOnSend || st.state == ThreadState::BlockedOnReceive ||
            st.state == ThreadState::BlockedOnNotification) {
            expect(w_.id_of(t.blocking_object), st.blocking_object, [&] { return (n + " blocked on"); });
        }
        if (st.state == ThreadState::BlockedOnSend) {
            expect(t.blocking_badge, st.blocking_badge, [&] { return (n + " blocking badge"); });
            expect(t.blocking_can_grant, st.blocking_grant, [&] { return (n + " blocking grant"); });
            // MCS sends a fault as seL4 does, not a call, with the handler cap's grant-reply right;
            // the kernel as a call with that right set: neither is seen, as the handler cap always
            // has Grant or GrantReply and a fault is answered as a call is.
            if (!config::kernel_mcs || st.fault.type == spec::FaultType::Null) {
                expect(t.blocking_can_grant_reply, st.blocking_grant_reply, [&] { return (n + " blocking grant-reply"); });
                expect(t.blocking_is_call, st.blocking_call, [&] { return (n + " blocking call"); });
            }
        }
        if (st.state == ThreadState::BlockedOnReceive && !config::kernel_mcs) {
            expect(t.blocking_can_grant, st.blocking_grant, [&] { return (n + " receive grant"); });
        }
        if (config::kernel_mcs && (st.state == ThreadState::BlockedOnReceive || st.state == ThreadState::BlockedOnReply)) {
            expect(w_.id_of(t.reply), st.reply, [&] { return (n + " reply object"); });
        }
    }

    // MCS: what a thread has of the scheduler's time: its scheduling context, whether it waits
    // for its budget, whom it yielded to.
    void thread_time(const core::Tcb& t, const spec::Thread& st, const std::string& n) {
        expect(w_.id_of(t.sched_context), st.sc, [&] { return (n + " scheduling context"); });
        expect(t.in_release_queue, st.in_release_queue, [&] { return (n + " in the release queue"); });
        expect(w_.id_of(t.yield_to), st.yield_to, [&] { return (n + " yielded to"); });
    }

    // Every scheduling context: its parameters, its refills head to tail, consumed time, thread,
    // notification, call stack head and yielder.
    void sched_contexts() {
        for (const auto& [id, sc] : s_.sched_contexts) {
            auto& k = *static_cast<core::SchedContext*>(arch::phys_to_ptr(id));
            std::string n = "scheduling context " + name(id);
            expect(k.period, sc.period, [&] { return n + " period"; });
            expect(k.consumed, sc.consumed, [&] { return n + " consumed"; });
            expect(k.badge, sc.badge, [&] { return n + " badge"; });
            expect(k.sporadic, sc.sporadic, [&] { return n + " sporadic"; });
            expect(k.refill_max, sc.max_refills, [&] { return n + " refill_max"; });
            expect(w_.id_of(k.tcb), sc.thread, [&] { return n + " thread"; });
            expect(w_.id_of(k.notification), sc.notification, [&] { return n + " notification"; });
            expect(w_.id_of(k.reply), sc.reply, [&] { return n + " newest call"; });
            expect(w_.id_of(k.yield_from), sc.yield_from, [&] { return n + " yielded from"; });
            if (kernel_refills(k) != sc.refills) note(n + " refills: kernel " + describe(kernel_refills(k)) + ", specification " + describe(sc.refills));
        }
    }

    // The timer's deadline and the release queue, in order.
    void clock() {
        expect(kernel_timer_deadline(), s_.deadline, [] { return std::string("timer deadline"); });
        std::vector<word> k;
        for (const core::Tcb* t = core::release_queue_head(); t; t = t->sched_next) k.push_back(w_.id_of(t));
        if (k != std::vector<word>(s_.release_queue.begin(), s_.release_queue.end())) note("release queue");
    }

    static std::string describe(const std::deque<spec::Refill>& refills) {
        std::string out;
        for (const spec::Refill& r : refills) out += " " + std::to_string(r.amount) + "@" + std::to_string(r.time);
        return out;
    }

    static std::deque<spec::Refill> kernel_refills(core::SchedContext& k) {
        std::deque<spec::Refill> out;
        for (word i = k.refill_head; k.refill_max && out.size() < k.refill_max; i = (i + 1) % k.refill_max) {
            out.push_back({k.refills()[i].release_time, k.refills()[i].amount});
            if (i == k.refill_tail) break;
        }
        return out;
    }

    // Every reply object: the thread linked to it and its neighbours in a call stack.
    void replies() {
        for (const auto& [id, r] : s_.replies) {
            auto& k = *static_cast<core::Reply*>(arch::phys_to_ptr(id));
            std::string n = "reply object " + name(id);
            expect(w_.id_of(k.tcb), r.thread, [&] { return n + " thread"; });
            expect(w_.id_of(k.prev), r.prev, [&] { return n + " call below"; });
            expect(w_.id_of(k.above()), r.next, [&] { return n + " call above"; });
            expect(w_.id_of(k.head_of()), r.head_of, [&] { return n + " heads the stack of"; });
        }
    }

    std::vector<SlotRef> all_slots() const {
        std::vector<SlotRef> refs;
        refs.reserve(512);
        for (const auto& [a, cn] : s_.cnodes) {
            for (word i = 0; i < cn.slots.size(); i++) refs.push_back({a, i});
        }
        for (const auto& [a, t] : s_.threads) {
            for (word i = 0; i < spec::tcb_slot_count; i++) refs.push_back({a, i});
        }
        return refs;
    }

    void slots() {
        for (SlotRef r : slots_) {
            const core::Slot& k = *w_.slot(r);
            const spec::Slot& sp = spec::slot_at(s_, r);
            cap(k.cap, sp.cap, r);
            if (sp.cap.type != spec::CapType::Null) expect(k.mdb.revocable(), sp.original, [&] { return std::string(name(r) + " original"); });
        }
    }

    // The kernel keeps the tree as a list in derivation order plus seL4's parent rule; rebuilt
    // here with a stack of ancestors, it must be the specification's tree.
    void derivation_tree() {
        std::map<const core::Slot*, SlotRef> known;
        for (SlotRef r : slots_) known[w_.slot(r)] = r;
        std::map<SlotRef, SlotRef> parent;
        std::map<SlotRef, std::vector<SlotRef>> children;
        std::set<SlotRef> seen;
        for (const auto& [k, r] : known) {
            if (k->cap.is_null() || k->mdb.prev()) continue;
            std::vector<const core::Slot*> stack;
            for (const core::Slot* n = k; n; n = n->mdb.next()) {
                auto it = known.find(n);
                if (it == known.end() || seen.size() > known.size()) {
                    note("the kernel's derivation list from " + name(r) + " leads outside every known object");
                    return;
                }
                while (!stack.empty() && !core::is_mdb_parent_of(*stack.back(), *n)) stack.pop_back();
                if (!stack.empty()) {
                    parent[it->second] = known[stack.back()];
                    children[known[stack.back()]].push_back(it->second);
                }
                seen.insert(it->second);
                stack.push_back(n);
            }
        }
        for (SlotRef r : slots_) {
            const spec::Slot& sp = spec::slot_at(s_, r);
            if (sp.cap.type == spec::CapType::Null) continue;
            if (!seen.count(r)) note(name(r) + " is in no derivation chain of the kernel");
            auto p = parent.find(r);
            std::string kp = p == parent.end() ? "none" : name(p->second);
            std::string spp = sp.parent ? name(*sp.parent) : "none";
            if (kp != spp) note(name(r) + " parent: kernel " + kp + ", specification " + spp);
            if (children[r] != sp.children) note(name(r) + ": its children differ (or their order)");
        }
    }

    std::vector<word> ids(const core::Tcb* head, core::Tcb* core::Tcb::*next) const {
        std::vector<word> out;
        for (const core::Tcb* t = head; t && out.size() <= s_.threads.size(); t = t->*next) out.push_back(w_.id_of(t));
        return out;
    }
    static std::vector<word> ids(const std::deque<word>& q) { return {q.begin(), q.end()}; }

    void queues() {
        for (const auto& [id, e] : s_.endpoints) {
            auto& k = *static_cast<core::Endpoint*>(arch::phys_to_ptr(id));
            expect(static_cast<word>(k.state()), static_cast<word>(e.state), [&] { return std::string("endpoint " + name(id) + " state"); });
            if (ids(k.queue.head(), &core::Tcb::ep_next) != ids(e.queue)) note("endpoint " + name(id) + " queue");
        }
        for (const auto& [id, n] : s_.notifications) {
            auto& k = *static_cast<core::Notification*>(arch::phys_to_ptr(id));
            expect(static_cast<word>(k.state()), static_cast<word>(n.state), [&] { return std::string("notification " + name(id) + " state"); });
            expect(k.message, n.message, [&] { return "notification " + name(id) + " word"; });
            expect(w_.id_of(k.bound_tcb), n.bound_tcb, [&] { return "notification " + name(id) + " bound thread"; });
            if constexpr (config::kernel_mcs) {
                expect(w_.id_of(core::notification_sched_context(k)), n.sc,
                       [&] { return "notification " + name(id) + " scheduling context"; });
            }
            if (ids(k.queue.head(), &core::Tcb::ep_next) != ids(n.queue)) note("notification " + name(id) + " queue");
        }
        std::map<word, std::vector<word>> ready;  // the kernel's queues, by priority
        for (const auto& [id, st] : s_.threads) {
            core::Tcb& t = *w_.tcb(id);
            if (t.in_ready_queue && !t.sched_prev) ready[t.priority] = ids(&t, &core::Tcb::sched_next);
        }
        for (word p = 0; p < spec::num_priorities; p++) {
            auto k = ready.find(p);
            bool same = k == ready.end() ? s_.ready[p].empty() : k->second == ids(s_.ready[p]);
            if (!same) note("ready queue of priority " + std::to_string(p));
        }
    }

    // Every word of every frame; the specification keeps only the words that are not zero (the
    // runs of zeros between them are compared with memcmp: a 2 MiB frame is checked every step).
    void memory() {
        static const std::vector<word> zeros(word{1} << 18);
        for (const auto& [base, bits] : s_.frames) {
            const word* k = static_cast<const word*>(arch::phys_to_ptr(base));
            const word n = (word{1} << bits) / 8;
            auto it = s_.memory.lower_bound(base);
            for (word i = 0; i < n;) {
                bool in_frame = it != s_.memory.end() && it->first < base + 8 * n;
                word next = in_frame ? (it->first - base) / 8 : n;
                if (next > i && std::memcmp(k + i, zeros.data(), 8 * (next - i)) != 0) zero_words(k, base, i, next);
                if (!in_frame) break;
                expect(k[next], it->second, [&] { return "frame " + name(base) + " word " + std::to_string(next); });
                ++it;
                i = next + 1;
            }
        }
    }

    void zero_words(const word* k, word base, word from, word to) {
        for (word i = from; i < to; i++) {
            expect(k[i], word{0}, [&] { return "frame " + name(base) + " word " + std::to_string(i); });
        }
    }

    Worlds& w_;
    const spec::State& s_;
    const std::vector<SlotRef> slots_;  // every slot of every CNode and TCB the model has
    Report report_;
};

std::string describe(const Step& st) {
    std::ostringstream o;
    if (st.tick && config::kernel_mcs) return std::to_string(st.ticks) + " ticks pass";
    if (st.tick) return "timer tick";
    if (st.access) {
        o << (st.write ? "user store to 0x" : "user load from 0x") << std::hex << st.vaddr;
        return o.str();
    }
    if (st.interrupt) return describe_interrupt(st);
    o << "system call " << st.syscall << " cptr 0x" << std::hex << st.cptr << " info 0x" << st.info << " words";
    for (word w : st.words) o << " 0x" << w;
    o << " caps 0x" << st.caps[0] << " 0x" << st.caps[1] << " 0x" << st.caps[2];
    if (st.preempt) o << " (interrupt pending)";
    return o.str();
}

}  // namespace

namespace {

bool alone(const spec::State& s) {
    for (const auto& q : s.ready) {
        if (!q.empty()) return false;
    }
    return s.release_queue.empty();  // MCS: a thread waiting for its budget runs again
}

// MCS: the threads holding a timeout fault.
std::size_t timeouts(const spec::State& s) {
    return std::ranges::count_if(s.threads, [](const auto& t) { return t.second.fault.type == spec::FaultType::Timeout; });
}

// MCS: a thread waits for its release, no thread runs: the clock runs on to the timer's deadline
// and past it by the timer's precision, by which the kernel sets it early (to the deadline alone,
// the release would not be due yet, and the timer set there again).
bool can_go_on(const spec::State& s) { return s.current != 0 || !s.release_queue.empty(); }
Step wait_for_release(const spec::State& s) {
    word due = s.deadline + spec::timer_precision;
    return {.tick = true, .ticks = due > s.clock ? due - s.clock : 0};
}

// Counts an arch or IRQ label sent to a root-CNode slot holding an arch cap (seL4's arch cap tags
// are odd) or an IRQ cap.
void count_arch_label(const spec::State& s, const Step& st) {
    using spec::CapType;
    word label = st.info >> 12;
    if (st.tick || st.access || st.interrupt || st.cptr >= root_slots || label >= counts.labels.size()) return;
    CapType t = s.cnodes.at(root_cnode).slots[st.cptr].cap.type;
    bool arch = (static_cast<unsigned>(t) & 1) || t == CapType::IrqControl || t == CapType::IrqHandler;
    if (arch) counts.labels[label]++;
}

// MCS: a system call that took time, and whether its thread is to run it again (preempted, or
// its budget used up at the entry).
void count_timed_call(const spec::State& s, word caller) {
    counts.timed_calls++;
    auto t = s.threads.find(caller);
    if (t != s.threads.end() && t->second.state == spec::ThreadState::Restart) counts.timed_calls_restarting++;
}

Outcome run_source(const StepSource& source, std::size_t count, std::vector<Step>* taken) {
    auto worlds = std::make_unique<Worlds>();
    Outcome out;
    auto check = [&](const std::string& when) {
        std::string d = Comparison(*worlds).run();
        if (const char* why = check_kernel_invariants(worlds->kernel.root, root_slots)) {
            d += "  kernel invariant: " + std::string(why) + "\n";
        }
        if (!d.empty()) out.divergence = "after " + when + ":\n" + d;
        return d.empty();
    };
    for (const Step& st : setup_steps()) {
        kernel_step(st, true);
        spec_step(worlds->spec, st);
    }
    worlds->start_threads();
    host::return_to_user(*core::current_thread());
    if (!check("setting up the world")) return out;
    while (out.steps < count && can_go_on(worlds->spec)) {
        Step st = worlds->spec.current ? source(alone(worlds->spec)) : wait_for_release(worlds->spec);
        if (taken) taken->push_back(st);
        count_arch_label(worlds->spec, st);
        kernel_step(st, !config::kernel_mcs || worlds->spec.clock == worlds->spec.time);
        std::size_t waiting = worlds->spec.release_queue.size(), timed_out = timeouts(worlds->spec);
        word caller = worlds->spec.current;
        spec_step(worlds->spec, st);
        if (worlds->spec.release_queue.size() < waiting) counts.releases++;
        if (timeouts(worlds->spec) > timed_out) counts.timeout_faults++;
        if (!st.tick && st.ticks) count_timed_call(worlds->spec, caller);
        out.steps++;
        if (!check("step " + std::to_string(out.steps) + " (" + describe(st) + ")")) break;
    }
    return out;
}

}  // namespace

namespace {

// MCS: the steps that let time pass, the timer interrupts they brought and the steps after which
// fewer threads waited in the release queue; the system calls that took time, those left to run
// again and those preempted by the timer's interrupt (its deadline reached mid-operation).
std::string time_counts() {
    if (!config::kernel_mcs) return "";
    return "; time steps " + std::to_string(counts.time_steps) + " (" + std::to_string(counts.timer_interrupts) +
           " timer interrupts, " + std::to_string(counts.releases) + " releases, " +
           std::to_string(counts.timeout_faults) + " timeout faults); system calls taking time " +
           std::to_string(counts.timed_calls) + " (" + std::to_string(counts.timed_calls_restarting) + " to run again, " +
           std::to_string(counts.timer_preemptions) + " preempted by the timer)";
}

}  // namespace

std::size_t calls_preempted_by_the_timer() { return counts.timer_preemptions; }

std::string describe_arch_counts() {
    using L = core::InvocationLabel;
    static const LabelName irq_labels[] = {{L::IRQIssueIRQHandler, "IRQIssueIRQHandler"}, {L::IRQAckIRQ, "IRQAckIRQ"},
                                           {L::IRQSetIRQHandler, "IRQSetIRQHandler"},
                                           {L::IRQClearIRQHandler, "IRQClearIRQHandler"}};
    auto count = [](const LabelName& l) { return " " + std::string(l.name) + " " + std::to_string(counts.labels[static_cast<word>(l.label)]); };
    std::string out = std::string(arch_name) + " invocations:";
    for (const LabelName& l : arch_labels()) out += count(l);
    out += "; IRQ invocations:";
    for (const LabelName& l : irq_labels) out += count(l);
    return out + "; user loads and stores " + std::to_string(counts.accesses) + " (" + std::to_string(counts.access_faults) +
           " faulted); device interrupts " + std::to_string(counts.interrupts) + " (" +
           std::to_string(counts.interrupts_taken) + " taken)" + time_counts();
}

Outcome run(const std::vector<Step>& steps) {
    std::size_t next = 0;
    return run_source([&](bool) { return steps[next++]; }, steps.size(), nullptr);
}

Outcome explore(const StepSource& source, std::size_t count, std::vector<Step>& taken) {
    return run_source(source, count, &taken);
}

}  // namespace diff
