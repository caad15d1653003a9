// Random step sequences for the differential driver, shrinking a diverging sequence, and
// printing it as a regression test.
#include <memory>
#include <sstream>
#include "arch_steps.h"
#include "arch_world.h"
#include "differential.h"
#include "generated/config.h"
#include "generated/invocations.h"
#include "model.h"
#include "random_steps.h"

namespace diff {
namespace {

using Label = core::InvocationLabel;
// The TCB labels, ReadRegisters to SetFlags (MCS has SetTimeoutEndpoint after SetSchedParams).
constexpr word tcb_labels = static_cast<word>(Label::TCBSetFlags) - static_cast<word>(Label::TCBReadRegisters) + 1;
constexpr word set_timeout_endpoint_label = static_cast<word>(Label::TCBSetSchedParams) + 1;

constexpr std::int64_t Call = -1, ReplyRecv = -2, Send = -3, NBSend = -4, Recv = -5, Reply = -6, Yield = -7,
                       NBRecv = -8, DebugHalt = -11, DebugCapIdentify = -12, DebugNameThread = -14, SetTLSBase = -30;

class Generator : Random {
public:
    explicit Generator(std::uint64_t seed) : Random(seed), arch_(*this) {}

    Step next(bool alone) {
        if constexpr (config::kernel_mcs) {
            Step s = mcs_any();  // the last runnable thread never blocks: nothing would wake it
            if (alone) mcs_dont_block(s);
            return s;
        }
        Step s = any();
        if (alone && chance(90)) dont_block(s);
        return s;
    }

private:
    // The last runnable thread mostly takes the non-blocking form of a call, and makes no call
    // that would fault (a fault blocks it, or stops it).
    static void dont_block(Step& s) {
        if (s.access) {  // at the page both address spaces map from the start (unless since unmapped)
            s.vaddr = ArchSteps::mapped_page + (s.vaddr & 0xff8);
            return;
        }
        bool world_object = s.cptr >= 1 && s.cptr <= 17 && s.cptr != 10 && s.cptr != 11;
        switch (s.syscall) {
        case Recv: s.syscall = NBRecv; return;
        case ReplyRecv: s.syscall = Reply; return;
        case Send: s.syscall = NBSend; return;
        case Call:
            if (!world_object) s.syscall = NBSend;
            return;
        case Reply: case NBSend: case NBRecv: case Yield: case DebugCapIdentify: case SetTLSBase: return;
        default: s.syscall = Yield; return;  // an unknown number
        }
    }

    // MCS's system call numbers.
    static constexpr std::int64_t McsCall = -1, McsReplyRecv = -2, NBSendRecv = -3, NBSendWait = -4, McsSend = -5,
                                  McsNBSend = -6, McsRecv = -7, McsNBRecv = -8, Wait = -9, NBWait = -10, McsYield = -11,
                                  McsDebugHalt = -14, McsDebugCapIdentify = -15, McsDebugNameThread = -17;

    // The IPC objects of an MCS world: the endpoints (10, 11), the notification (12) and the reply
    // objects (70-72); sometimes an empty or absent slot.
    word ipc_slot() { return chance(88) ? pick<word>({10, 11, 12, 10, 11, 12, 70, 71, 72}) : 18 + below(24); }
    word reply_slot() { return chance(90) ? 70 + below(3) : pick<word>({10, 12, 18 + below(24)}); }

    // What the model covers in MCS so far: time passing, IPC through reply objects with MCS's
    // calls, Yield, scheduling-context invocations, faults (cap faults, unknown calls, user loads
    // and stores), and the objects' lifecycle (CNode operations, retypes, long operations).
    Step mcs_any() {
        if (chance(6)) return time_passes();
        if (chance(15)) return object_step();
        Step s = mcs_step();
        // Messages carry IPC caps only: a thread or CNode cap received would let the threads make
        // the invocations the model does not cover yet.
        bool scheduling = s.cptr >= 73 && s.cptr <= 76;  // their extra caps are not sent
        if (!scheduling && !is_thread_slot(s.cptr) && s.cptr != domain_slot) {
            for (word& c : s.caps) c = ipc_slot();
        }
        return s;
    }

    // The clock runs on: a few microseconds, up to a millisecond, or up to 10 ms (the world's
    // budgets are 20 us to 10 ms, the boot budget 5 ms); a hundred ticks a microsecond.
    Step time_passes() {
        Step s;
        s.tick = true;
        s.ticks = chance(40) ? below(2000) : chance(70) ? below(100'000) : below(1'000'000);
        return s;
    }

    Step mcs_step() {
        Step s;
        s.reply = reply_slot();
        s.dest = ipc_slot();
        unsigned roll = below(100);
        if (roll < 3) {
            arch_.access(s);
        } else if (roll < 5) {
            s.syscall = chance(50) ? -static_cast<std::int64_t>(12 + below(40)) : static_cast<std::int64_t>(below(8));
            if (s.syscall == McsDebugHalt || s.syscall == McsDebugNameThread) s.syscall = McsYield;
        } else if (roll < 10) {
            s.syscall = McsYield;
        } else if (roll < 12) {
            s.syscall = McsDebugCapIdentify;
            s.cptr = slot();
        } else if (roll < 24) {
            mcs_receive(s, chance(60) ? McsRecv : McsNBRecv);
        } else if (roll < 30) {
            mcs_receive(s, chance(60) ? Wait : NBWait);
        } else if (roll < 42) {
            mcs_receive(s, McsReplyRecv);
            message(s, below(4), below(6));
        } else if (roll < 46) {
            mcs_receive(s, NBSendRecv);
            message(s, below(4), below(6));
        } else if (roll < 50) {
            mcs_receive(s, NBSendWait);
            message(s, below(4), below(6));
        } else if (roll < 56) {
            sched_context(s);
        } else if (roll < 58) {
            sched_control(s);
        } else if (roll < 64) {
            s.syscall = chance(80) ? McsCall : McsNBSend;
            tcb(s);
        } else if (roll < 65) {
            s.syscall = chance(80) ? McsCall : McsNBSend;
            domain(s);
        } else {
            s.syscall = roll < 80 ? McsCall : roll < 90 ? McsSend : McsNBSend;
            s.cptr = ipc_slot();
            message(s, below(4), below(9));
        }
        return s;
    }

    // The world's TCB caps: the root thread's (4), threads 1 and 2's (14, 15).
    static bool is_thread_slot(word slot) { return slot == 4 || slot == 14 || slot == 15; }

    // A fault or timeout handler for MCS's TCB invocations: the endpoints (sometimes a copy
    // received in 18-41), none, or a cap seL4 refuses (the notification, a reply object).
    word handler_slot() { return chance(85) ? pick<word>({10, 11, 10, 11, 0}) : pick<word>({12, 70, 18 + below(24)}); }

    // The MCS forms of the TCB invocations whose arguments differ (seL4's CONFIG_KERNEL_MCS
    // layouts): Configure (CSpace root data, VSpace root data, buffer; the roots and the buffer
    // frame), SetSpace (the roots' data; fault handler, CSpace root, VSpace root), SetSchedParams
    // (MCP, priority; authority, scheduling context or none, fault handler) and
    // SetTimeoutEndpoint (the handler); mostly the root CNode and the arch's VSpace roots.
    void mcs_tcb_arguments(Step& s, Label label, word& length, word& extra) {
        word croot = chance(90) ? 2 : pick<word>({13, 12, slot()});
        word vroot = chance(85) ? vspace_root_slots[below(2)] : slot();
        word root_data = chance(90) ? 0 : below(256);
        if (label == Label::TCBConfigure) {
            s.words = {root_data, 0, buffer_address(), 0, 0, 0, 0, 0};
            s.caps = {croot, vroot, chance(85) ? 16 + below(2) : slot()};
            length = 3;
            extra = 3;
        } else if (label == Label::TCBSetSpace) {
            s.words[0] = root_data;
            s.words[1] = 0;
            s.caps = {handler_slot(), croot, vroot};
            length = 2;
            extra = 3;
        } else if (label == Label::TCBSetSchedParams) {
            s.caps[1] = chance(90) ? pick<word>({73, 74, 75, 0}) : ipc_slot();
            s.caps[2] = handler_slot();
            extra = 3;
        } else if (static_cast<word>(label) == set_timeout_endpoint_label) {
            s.caps[0] = handler_slot();
            extra = 1;
        }
        if (chance(5)) extra = below(4);
    }

    // SchedContext Bind, Unbind, UnbindObject, Consumed and YieldTo on the world's scheduling
    // contexts (the root thread's in 75, the others' in 73 and 74) with a thread's cap, the
    // notification's (12: bound, its waiters lent the context) or the null cap of slot 0.
    void sched_context(Step& s) {
        s.syscall = chance(80) ? McsCall : McsNBSend;
        s.cptr = chance(90) ? 73 + below(3) : ipc_slot();
        word label = chance(95) ? pick<word>({34, 35, 36, 37, 38}) : below(60);
        s.caps = {chance(85) ? pick<word>({14, 15, 4, 12}) : 0, 0, 0};
        info(s, label, 0, chance(95) ? 1 : 0);
    }

    // SchedControl_ConfigureFlags (cap in 76) of a scheduling context of the world: round robin
    // (budget = period) of 20 us to 10 ms, half the time a period up to three times the budget
    // (sometimes with extra refills, which the world's smallest contexts have no room for), or
    // parameters seL4 refuses.
    void sched_control(Step& s) {
        s.syscall = chance(80) ? McsCall : McsNBSend;
        s.cptr = chance(95) ? 76 : ipc_slot();
        word budget = 20 + below(10000);
        bool periodic = chance(50);
        word period = periodic ? budget + 1 + below(2 * budget) : budget;
        s.words = {budget, period, periodic && chance(20) ? below(3) : 0, value(), chance(50) ? below(2) : value(), 0, 0, 0};
        if (chance(20)) s.words[pick<word>({0, 1, 2})] = pick<word>({0, 1, 19, budget + 1, value()});
        s.caps = {chance(90) ? 73 + below(3) : ipc_slot(), 0, 0};
        info(s, chance(95) ? 33 : below(60), 5, chance(95) ? 1 : 0);
    }

    // MCS: CNode operations and retypes, as the classic world makes them, on the caps of the
    // world including its reply objects (70-72), scheduling contexts (73-75) and SchedControl
    // (76). Their caps go to 42-47 and the child CNode, away from the slots IPC sends and
    // receives through (18-41), so no thread or CNode cap reaches a step that would invoke it.
    // Deleting and revoking deep trees (the untyped of slot 1 holds the world) and untyped
    // resets run long, with preemption points that look at the budget.
    Step object_step() {
        Step s;
        s.syscall = chance(85) ? McsCall : McsNBSend;
        if (chance(50)) s.ticks = chance(50) ? below(2000) : chance(70) ? below(100'000) : below(600'000);
        unsigned r = below(100);
        if (r < 20) {
            long_operation(s);
        } else if (r < 65) {
            cnode(s);
            mcs_object_slots(s);
        } else {
            retype(s);
            s.words[4] = s.words[2] ? below(16) : 42 + below(6);
        }
        return s;
    }

    // Revoking a deep tree (the 2 MiB untyped's, the world's untyped's, a CNode's), or retyping
    // a large untyped from the 2 MiB one, which, once revoked, is reset 256 bytes at a time: the
    // work units that reach preemption points.
    void long_operation(Step& s) {
        if (chance(90)) s.ticks = chance(70) ? below(20'000) : below(600'000);  // per 100 work units
        if (chance(50)) {
            s.cptr = 2;
            s.words = {pick<word>({9, 9, 9, 9, 1, 6, 13}), 64, 0, 0, 0, 0, 0, 0};
            args(s, Label::CNodeRevoke, 2, 0);
            return;
        }
        retype(s);
        s.cptr = 9;
        s.words[0] = static_cast<word>(spec::ObjectType::Untyped);
        s.words[1] = 12 + below(6);
        s.words[4] = s.words[2] ? below(16) : 42 + below(6);
        s.words[5] = 1;
    }

    word mcs_object_slot() {
        unsigned r = below(100);
        if (r < 35) return 70 + below(7);
        if (r < 70) return 1 + below(17);
        if (r < 90) return 42 + below(6);
        return 62 + below(8);
    }

    // The classic CNode step's source slots (a rotation's pivot too) and, in the root CNode, its
    // destination from the MCS world's object slots.
    void mcs_object_slots(Step& s) {
        auto label = static_cast<Label>(s.info >> 12);
        bool removes = label == Label::CNodeRevoke || label == Label::CNodeDelete || label == Label::CNodeCancelBadgedSends;
        if (s.cptr == 2) s.words[0] = removes || chance(30) ? mcs_object_slot() : 42 + below(6);
        if (s.cptr == 2 && removes && chance(30)) s.words[0] = pick<word>({1, 6, 9, 9, 13, 14, 15});  // deep trees
        if (label == Label::CNodeRotate) {
            s.words[3] = mcs_object_slot();
            s.words[6] = mcs_object_slot();
        } else {
            s.words[2] = mcs_object_slot();
        }
    }

    void mcs_receive(Step& s, std::int64_t number) {
        s.syscall = number;
        s.cptr = ipc_slot();
        if (chance(60)) s.receive = {2, 18 + below(24), 64};
    }

    // The last runnable thread mostly takes the non-blocking form of a call (a reply, a send
    // without waiting) and makes no call that would fault.
    static void mcs_dont_block(Step& s) {
        if (s.access) {
            s.vaddr = ArchSteps::mapped_page + (s.vaddr & 0xff8);
            return;
        }
        if (s.syscall == McsRecv || s.syscall == McsNBRecv || s.syscall == Wait || s.syscall == NBWait) {
            s.cptr = 10 + s.cptr % 3;  // a receive that cannot fault: an endpoint or the notification
            s.reply = 70 + s.reply % 3;
        }
        if (is_thread_slot(s.cptr) && (s.info >> 12) == static_cast<word>(Label::TCBSuspend)) {  // resumes instead
            s.info = (static_cast<word>(Label::TCBResume) << 12) | (s.info & 0xfff);
        }
        switch (s.syscall) {
        case McsRecv: s.syscall = McsNBRecv; return;
        case Wait: s.syscall = NBWait; return;
        case McsReplyRecv: case NBSendWait:
            s.syscall = McsNBSend;
            s.cptr = s.reply;
            return;
        case NBSendRecv:
            s.syscall = McsNBSend;
            s.cptr = s.dest;
            return;
        case McsSend: s.syscall = McsNBSend; return;
        case McsCall:  // a Call that may block: to an endpoint, or one that faults
            if (s.cptr < 12 || (s.cptr > 12 && s.cptr < 70) || s.cptr > 76) s.syscall = McsNBSend;
            return;
        case McsNBSend: case McsNBRecv: case NBWait: case McsYield: case McsDebugCapIdentify: return;
        default: s.syscall = McsYield; return;
        }
    }

    Step any() {
        Step s;
        s.preempt = chance(10);
        unsigned roll = below(100);
        if (roll < 4) {
            s.tick = true;
        } else if (roll >= 96) {
            arch_.access(s);
        } else if (roll >= 94) {
            arch_.interrupt(s);
        } else if (roll < 6) {
            s.syscall = chance(50) ? -static_cast<std::int64_t>(9 + below(40)) : static_cast<std::int64_t>(below(8));
            if (s.syscall == DebugHalt || s.syscall == DebugNameThread) s.syscall = Yield;  // they stop the machine
        } else if (roll < 9) {
            s.syscall = Yield;
        } else if (roll < 11) {
            s.syscall = DebugCapIdentify;
            s.cptr = slot();
        } else if (roll < 12) {
            s.syscall = SetTLSBase;
            s.cptr = chance(80) ? below(1 << 20) : value();
        } else if (roll < 20) {
            receive(s, chance(60) ? Recv : NBRecv);
        } else if (roll < 24) {
            s.syscall = Reply;
            message(s, below(4), below(6));
        } else if (roll < 31) {
            receive(s, ReplyRecv);
            message(s, below(4), below(6));
        } else {
            s.syscall = roll < 82 ? Call : roll < 88 ? Send : NBSend;
            invocation(s);
        }
        return s;
    }

    void receive(Step& s, std::int64_t number) {
        s.syscall = number;
        s.cptr = chance(85) ? pick<word>({10, 11, 12}) : slot();
        if (chance(60)) s.receive = {2, 18 + below(24), 64};
    }

    void invocation(Step& s) {
        unsigned kind = below(100);
        if (kind < 30) {
            s.cptr = chance(85) ? pick<word>({10, 11, 12}) : slot();
            message(s, below(4), below(9));
        } else if (kind < 48) {
            cnode(s);
        } else if (kind < 58) {
            retype(s);
        } else if (kind < 70) {
            tcb(s);
        } else if (kind < 72) {
            domain(s);
        } else if (kind < 84) {
            arch_.vspace(s);
        } else if (kind < 96) {
            irq(s);
        } else {
            s.cptr = slot();
            message(s, below(4), below(9));
            s.info = (below(60) << 12) | (s.info & 0xfff);
        }
    }

    void args(Step& s, Label label, word length, word extra) {
        info(s, static_cast<word>(label), length, extra);
    }

    void cnode(Step& s) {
        bool child = chance(15);  // the 16-slot CNode in slot 13, addressed with 4 bits
        s.cptr = child ? 13 : 2;
        auto label = static_cast<Label>(static_cast<word>(Label::CNodeRevoke) + below(9));
        word dest = child ? below(16) : (chance(60) ? 18 + below(24) : chance(20) ? irq_slot() : chance(30) ? arch_.slot() : slot());
        word depth = chance(92) ? (child ? 4 : 64) : below(70);
        s.words = {dest, depth, chance(90) ? slot() : irq_slot(), chance(95) ? 64 : below(70), chance(70) ? 15 : below(16),
                   chance(50) ? 1 + below(3) : value(), 0, 0};
        s.caps = {2, 2, 0};
        if (label == Label::CNodeMutate || label == Label::CNodeMint) {
            if (chance(30)) s.words[label == Label::CNodeMint ? 5 : 4] = (below(8) << 6) | below(8);
        }
        if (label == Label::CNodeRotate) {
            // dest <- src (words 6, 7), src <- pivot (words 3, 4), new data in words 2 and 5
            s.words = {dest, depth, below(4), slot(), 64, below(4), slot(), 64};
        }
        word length = label == Label::CNodeRotate ? 8 : label == Label::CNodeMint ? 6 : label == Label::CNodeCopy || label == Label::CNodeMutate ? 5 : label == Label::CNodeMove ? 4 : 2;
        args(s, label, length, label == Label::CNodeRotate ? 2 : 1);
    }

    void retype(Step& s) {
        s.cptr = chance(75) ? 1 : chance(40) ? 9 : slot();
        word type = config::kernel_mcs ? mcs_object_type() : arch_.object_type();
        word size = type == 0 ? 4 + below(14) : type == 4 ? below(6) : below(3);
        if (config::kernel_mcs && type == static_cast<word>(spec::ObjectType::SchedContext)) size = sched_context_size();
        bool child = chance(15);
        s.words = {type, chance(95) ? size : value(), word{child ? 13u : 0u}, word{child ? 64u : 0u},
                   child ? below(16) : 18 + below(30), 1 + below(3), 0, 0};
        s.caps = {2, 0, 0};
        args(s, Label::UntypedRetype, 6, 1);
    }

    // MCS: mostly the generic types, scheduling contexts and reply objects, sometimes the
    // architecture's (numbered after MCS's two).
    word mcs_object_type() {
        if (chance(85)) return pick<word>({0, 1, 2, 3, 4, 5, 5, 5, 6, 6});
        return arch_.object_type() + spec::first_arch_object_type - 5;
    }

    // A scheduling context of the smallest size, a few refills more, too small, or too large.
    word sched_context_size() {
        if (chance(70)) return spec::min_sched_context_bits + below(3);
        return chance(50) ? below(spec::min_sched_context_bits) : spec::min_sched_context_bits + below(20);
    }

    // Ack, SetNotification (the notification of slot 12, copies of it with fewer rights in
    // 18-47, or other caps) and Clear on handler caps.
    void irq_handler(Step& s) {
        s.cptr = chance(75) ? irq_slot() : chance(50) ? 18 + below(30) : slot();
        unsigned r = below(100);
        auto label = r < 35 ? Label::IRQAckIRQ : r < 75 ? Label::IRQSetIRQHandler : r < 95 ? Label::IRQClearIRQHandler
                     : static_cast<Label>(below(60));
        s.caps = {chance(60) ? 12 : chance(50) ? 18 + below(30) : slot(), 0, 0};
        args(s, label, 0, label == Label::IRQSetIRQHandler && chance(95) ? 1 : 0);
    }

    void irq(Step& s) {
        if (chance(45)) arch_.irq_control(s);
        else irq_handler(s);
    }

    void domain(Step& s) {
        s.cptr = chance(90) ? domain_slot : slot();
        auto label = static_cast<Label>(static_cast<word>(Label::DomainSetSet) + below(3));
        s.words = {below(3), below(3), chance(70) ? below(100) : value(), 0, 0, 0, 0, 0};
        s.caps = {pick<word>({14, 15, 4, 12}), 0, 0};
        args(s, label, label == Label::DomainScheduleConfigure ? 3 : 1, 1);
    }

    // An IPC buffer's address: mostly one of a few aligned ones, sometimes one seL4 refuses.
    word buffer_address() { return pick<word>({0, 0x400, 0x800, 0x1000, 0x10, below(1 << 16)}); }

    void tcb(Step& s) {
        s.cptr = chance(85) ? pick<word>({14, 15, 4}) : slot();
        auto label = static_cast<Label>(static_cast<word>(Label::TCBReadRegisters) + below(tcb_labels));
        for (word& w : s.words) w = chance(70) ? below(256) : value();
        s.caps = {pick<word>({14, 15, 12, 16, 17, 2}), slot(), slot()};
        word length = 1 + below(8);
        switch (label) {
        case Label::TCBReadRegisters: s.words[1] = chance(80) ? 1 + below(20) : value(); length = 2; break;
        case Label::TCBWriteRegisters: s.words[1] = below(7); length = 2 + s.words[1]; break;
        case Label::TCBSetPriority: case Label::TCBSetMCPriority: case Label::TCBSetSchedParams:
            s.words[0] = 80 + below(50);
            s.words[1] = 80 + below(50);
            s.caps[0] = pick<word>({14, 15, 4, 12});
            length = 2;
            break;
        case Label::TCBSetIPCBuffer: s.words[0] = buffer_address(); break;
        case Label::TCBBindNotification: s.caps[0] = chance(80) ? 12 : slot(); break;
        default: break;
        }
        word extra = 1 + below(3);
        if constexpr (config::kernel_mcs) mcs_tcb_arguments(s, label, length, extra);
        args(s, label, length, extra);
    }

    ArchSteps arch_;
};

}  // namespace

StepSource random_source(std::uint64_t seed) {
    auto g = std::make_shared<Generator>(seed);
    return [g](bool alone) { return g->next(alone); };
}

// Delta debugging: drop runs of steps, halving their length, while the sequence still diverges.
std::vector<Step> shrink(std::vector<Step> steps) {
    Outcome first = run(steps);
    if (first.divergence.empty()) return steps;
    steps.resize(first.steps);
    for (std::size_t chunk = steps.size() / 2; chunk >= 1; chunk /= 2) {
        for (std::size_t at = 0; at + chunk <= steps.size();) {
            std::vector<Step> fewer(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(at));
            fewer.insert(fewer.end(), steps.begin() + static_cast<std::ptrdiff_t>(at + chunk), steps.end());
            Outcome o = run(fewer);
            if (!o.divergence.empty()) {
                fewer.resize(o.steps);
                steps = fewer;
            } else {
                at += chunk;
            }
        }
    }
    return steps;
}

std::string as_regression_test(const std::vector<Step>& steps, const std::string& name, const std::string& divergence) {
    std::ostringstream o;
    o << "// Diverged " << divergence.substr(0, divergence.find('\n')) << "\n";
    o << "TEST(SpecRegression, " << name << ") {\n    expect_agreement({\n" << std::hex;
    for (const Step& s : steps) {
        if (s.tick) {
            o << "        {.tick = true" << (s.ticks ? ", .ticks = 0x" : "");
            if (s.ticks) o << s.ticks;
            o << "},\n";
            continue;
        }
        if (s.access) {
            o << "        {.access = true, .write = " << (s.write ? "true" : "false") << ", .vaddr = 0x" << s.vaddr
              << ", .value = 0x" << s.value << "},\n";
            continue;
        }
        if (s.interrupt) {
            o << "        {.interrupt = true, .msi = " << (s.msi ? "true" : "false") << ", .ioapic = 0x" << s.ioapic
              << ", .pin = 0x" << s.pin << ", .vector = 0x" << s.vector << "},\n";
            continue;
        }
        o << "        {";
        if (s.ticks) o << ".ticks = 0x" << s.ticks << ", ";
        o << ".syscall = " << std::dec << s.syscall << std::hex << ", .cptr = 0x" << s.cptr << ", .info = 0x"
          << s.info << ", .words = {";
        for (std::size_t i = 0; i < s.words.size(); i++) o << (i ? ", " : "") << "0x" << s.words[i];
        o << "}, .caps = {0x" << s.caps[0] << ", 0x" << s.caps[1] << ", 0x" << s.caps[2] << "}, .receive = {0x"
          << s.receive[0] << ", 0x" << s.receive[1] << ", 0x" << s.receive[2] << "}";
        if (s.reply || s.dest) o << ", .reply = 0x" << s.reply << ", .dest = 0x" << s.dest;
        o << (s.preempt ? ", .preempt = true" : "") << "},\n";
    }
    o << "    });\n}\n";
    return o.str();
}

}  // namespace diff
