// Capabilities, CNodes and Untyped on the simulated machine: lookup, the derivation tree,
// deletion through zombies, and preemption with transparent restart.
#include "cspace_harness.h"
#include "cspace/cte.h"
#include "cspace/lookup.h"
#include "generated/invocations.h"
#include "kernel/preemption.h"

using core::CapType;
using L = core::InvocationLabel;

namespace {
constexpr word ut = CSpaceHarness::untyped_slot;
constexpr word root_cptr = 2;
constexpr word depth = 64;

word label(L l) { return static_cast<word>(l); }

word retype(CSpaceHarness& h, word type, word bits, word offset, word count, word node = root_cptr, word node_depth = 0) {
    return h.call(ut, label(L::UntypedRetype), {type, bits, 0, node_depth, offset, count}, {node});
}

// Bottom up, 20 CNodes of 2^4 slots: each holds 15 endpoints and, in slot 15, the only cap to the
// next CNode down; root slot `top` ends up holding the only cap to the top one.
void nest_cnodes(CSpaceHarness& h, word top, word scratch) {
    for (int level = 0; level < 20; level++) {
        word slot = level == 0 ? top : scratch;
        ASSERT_EQ(retype(h, 4, 4, slot, 1), 0u);
        ASSERT_EQ(h.call(ut, label(L::UntypedRetype), {2, 0, 0, 0, 0, 15}, {slot}), 0u);
        if (level == 0) continue;
        ASSERT_EQ(h.call(scratch, label(L::CNodeMove), {15, 4, top, depth}, {root_cptr}), 0u);
        ASSERT_EQ(h.call(root_cptr, label(L::CNodeMove), {top, depth, scratch, depth}, {root_cptr}), 0u);
        h.expect_invariants();
    }
}

}  // namespace

TEST(Lookup, ResolvesThroughGuardsAndReportsEachFailureKind) {
    CSpaceHarness h;
    core::Cap root = h.root_cnode_cap();
    auto ok = core::resolve_address_bits(root, 7, 64);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok.value().slot, &h.root[7]);
    auto guard = core::resolve_address_bits(root, 0x100, 64);
    ASSERT_FALSE(guard);
    EXPECT_EQ(guard.error().kind, core::LookupFaultKind::GuardMismatch);
    EXPECT_EQ(guard.error().bits_found, 56u);
    auto depth_short = core::resolve_address_bits(root.with_cnode_guard(0, 0), 7, 4);
    ASSERT_FALSE(depth_short);
    EXPECT_EQ(depth_short.error().kind, core::LookupFaultKind::DepthMismatch);
    auto not_cnode = core::resolve_address_bits(core::Cap::of_type(CapType::Domain), 0, 64);
    ASSERT_FALSE(not_cnode);
    EXPECT_EQ(not_cnode.error().kind, core::LookupFaultKind::InvalidRoot);
}

TEST(Lookup, CNodeOpsCheckDepthRangeAndLeftoverBits) {
    CSpaceHarness h;
    auto r = core::lookup_slot_for_cnode_op(true, h.root_cnode_cap(), 3, 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, core::ErrorCode::RangeError);
    auto small = h.root_cnode_cap().with_cnode_guard(0, 0);  // 8 bits per level, no guard
    h.root[9].cap = small;
    auto leftover = core::lookup_slot_for_cnode_op(false, small, 0x0905, 12);
    ASSERT_FALSE(leftover) << "slot 9 holds a CNode, so 4 bits are left at a non-CNode slot 5";
    EXPECT_EQ(leftover.error().code, core::ErrorCode::FailedLookup);
    EXPECT_EQ(leftover.error().lookup.kind, core::LookupFaultKind::DepthMismatch);
    EXPECT_EQ(leftover.error().lookup.bits_left, 4u);
    h.root[9].cap = core::Cap{};
}

TEST(Cte, InsertMoveSwapKeepTheDerivationListConsistent) {
    CSpaceHarness h;
    core::cte_insert(h.root[root_cptr].cap, h.root[root_cptr], h.root[10]);
    core::cte_insert(h.root[root_cptr].cap, h.root[root_cptr], h.root[11]);
    EXPECT_EQ(h.root[root_cptr].mdb.next(), &h.root[11]);
    EXPECT_EQ(h.root[11].mdb.next(), &h.root[10]);
    h.expect_invariants();
    core::cte_move(h.root[11].cap, h.root[11], h.root[12]);
    EXPECT_TRUE(h.root[11].cap.is_null());
    EXPECT_EQ(h.root[root_cptr].mdb.next(), &h.root[12]);
    h.expect_invariants();
    core::cte_swap(h.root[12].cap, h.root[12], h.root[10].cap, h.root[10]);  // adjacent in the list
    h.expect_invariants();
    core::empty_slot(h.root[10]);
    core::empty_slot(h.root[12]);
    EXPECT_EQ(h.root[root_cptr].mdb.next(), &h.tcb.slot(core::TcbSlot::CTable));  // the thread's copy is left
    h.expect_invariants();
}

TEST(Cte, BadgedEndpointCopiesAreChildrenOfTheirOriginal) {
    CSpaceHarness h;
    ASSERT_EQ(retype(h, 2, 0, 20, 1), 0u);
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeMint), {21, depth, 20, depth, 0xf, 5}, {root_cptr}), 0u);
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeCopy), {22, depth, 21, depth, 0xf}, {root_cptr}), 0u);
    EXPECT_TRUE(core::is_mdb_parent_of(h.root[20], h.root[21]));
    EXPECT_TRUE(core::is_mdb_parent_of(h.root[21], h.root[22])) << "same badge, not first badged";
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeRevoke), {21, depth}), 0u);
    EXPECT_EQ(h.type_at(22), CapType::Null);
    EXPECT_EQ(h.type_at(21), CapType::Endpoint);
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeRevoke), {20, depth}), 0u);
    EXPECT_EQ(h.type_at(21), CapType::Null);
    h.expect_invariants();
}

TEST(Retype, WatermarkAlignmentAndResetFollowSeL4) {
    CSpaceHarness h;
    ASSERT_EQ(retype(h, 2, 0, 30, 1), 0u);       // a 16-byte endpoint
    ASSERT_EQ(retype(h, 8, 0, 31, 1), 0u);       // a 4 KiB frame, aligned up past the endpoint
    auto base = reinterpret_cast<word>(h.root[ut].cap.ptr());
    EXPECT_EQ(reinterpret_cast<word>(h.root[31].cap.ptr()), base + 0x1000);
    EXPECT_EQ(h.root[ut].cap.untyped_free_index(), 0x2000u >> 4);
    h.expect_invariants();
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeRevoke), {ut, depth}), 0u);
    ASSERT_EQ(retype(h, 8, 0, 32, 1), 0u);
    EXPECT_EQ(reinterpret_cast<word>(h.root[32].cap.ptr()), base) << "no children left: reset to the start";
    h.expect_invariants();
}

TEST(Retype, NewObjectsAreZeroedEvenWhereOldObjectsWere) {
    CSpaceHarness h;
    ASSERT_EQ(retype(h, 8, 0, 40, 1), 0u);
    auto* page = static_cast<uint8_t*>(h.root[40].cap.ptr());
    std::memset(page, 0xab, 4096);
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeDelete), {40, depth}), 0u);
    ASSERT_EQ(retype(h, 8, 0, 41, 1), 0u);
    ASSERT_EQ(h.root[41].cap.ptr(), page);
    for (int i = 0; i < 4096; i++) ASSERT_EQ(page[i], 0) << i;
}

TEST(Retype, AFullUntypedIsZeroedByItsFirstRetypeAsBootUntypedsAre) {
    CSpaceHarness h;
    auto* all = static_cast<uint8_t*>(h.root[ut].cap.ptr());
    word bytes = word{1} << CSpaceHarness::untyped_bits;
    std::memset(all, 0x5a, bytes);
    h.root[ut].cap.set_untyped_full();  // as boot leaves its untypeds: the memory holds anything
    ASSERT_EQ(retype(h, 8, 0, 60, 1), 0u);
    EXPECT_EQ(h.root[ut].cap.untyped_free_index(), 0x1000u >> 4);
    for (word i = 0; i < bytes; i++) ASSERT_EQ(all[i], 0) << i;
}

TEST(Delete, NestedCNodesBecomeUnreachableAsInSeL4AndRevokeReclaimsThem) {
    CSpaceHarness h;
    // Root slot 51 holds the only cap to the top of a 20-deep chain of CNodes. As the seL4 manual
    // says (Deletion and Revocation), deleting it deletes the top CNode's caps but leaves each
    // CNode found inside unreachable, holding a cap to itself; revoking the covering untyped
    // cleans those up.
    constexpr word top = 51;
    ASSERT_NO_FATAL_FAILURE(nest_cnodes(h, top, 52));
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeDelete), {top, depth}), 0u);
    EXPECT_EQ(h.type_at(top), CapType::Null);
    ASSERT_NE(h.root[ut].mdb.next(), nullptr) << "the unreachable CNode below the top is still a child";
    bool zombie_left = false;
    for (core::Slot* c = h.root[ut].mdb.next(); c; c = c->mdb.next()) zombie_left |= c->cap.type() == CapType::Zombie;
    EXPECT_TRUE(zombie_left) << "a CNode holding a cap to itself";
    EXPECT_EQ(retype(h, 0, CSpaceHarness::untyped_bits, 53, 1), 10u) << "NotEnoughMemory until revoked";
    h.expect_invariants();
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeRevoke), {ut, depth}), 0u);
    EXPECT_EQ(h.root[ut].mdb.next(), nullptr) << "no cap derived from the untyped is left anywhere";
    ASSERT_EQ(retype(h, 0, CSpaceHarness::untyped_bits, 53, 1), 0u);
    h.expect_invariants();
}

// The checked kernel's cap search (core::index_reachable_caps) finds a cap in CNodes at any
// depth, and in CNodes no CNode names any more through the derivation chain it is on.
TEST(CapSearch, FindsCapsAtAnyDepthAndInUnreachableCNodesThroughTheirChains) {
    CSpaceHarness h;
    constexpr word top = 51;
    ASSERT_NO_FATAL_FAILURE(nest_cnodes(h, top, 52));
    const core::Slot* bottom = &h.root[top];
    for (int level = 0; level < 19; level++) bottom = static_cast<const core::Slot*>(bottom->cap.cnode_slots()) + 15;
    const core::Slot* sought = static_cast<const core::Slot*>(bottom->cap.cnode_slots()) + 1;
    const void* endpoint = sought->cap.ptr();
    auto endpoints = [](const core::Cap& c) { return c.type() == CapType::Endpoint; };
    auto any = [](const core::Cap&, const void*) { return true; };
    core::index_reachable_caps(h.root, word{1} << h.root_radix, endpoints);
    EXPECT_EQ(core::find_indexed_cap(endpoint, any, nullptr), sought) << "20 CNodes deep";
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeDelete), {top, depth}), 0u);  // the 19 below unreachable
    core::index_reachable_caps(h.root, word{1} << h.root_radix, endpoints);
    EXPECT_EQ(core::find_indexed_cap(endpoint, any, nullptr), sought) << "on the untyped's chain";
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeRevoke), {ut, depth}), 0u);
    core::index_reachable_caps(h.root, word{1} << h.root_radix, endpoints);
    EXPECT_EQ(core::find_indexed_cap(endpoint, any, nullptr), nullptr) << "revoked";
}

TEST(Delete, DeletingATcbsLastCapStopsTheThread) {
    CSpaceHarness h;
    ASSERT_EQ(retype(h, 1, 0, 60, 1), 0u);
    auto* tcb = static_cast<core::Tcb*>(h.root[60].cap.ptr());
    tcb->state = core::ThreadState::Running;
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeCopy), {2, depth, 2, depth, 0xf}, {root_cptr}), 8u) << "DeleteFirst";
    core::cte_insert(h.root[root_cptr].cap, h.root[root_cptr], tcb->slot(core::TcbSlot::CTable));
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeDelete), {60, depth}), 0u);
    EXPECT_EQ(tcb->state, core::ThreadState::Inactive);
    EXPECT_TRUE(tcb->slot(core::TcbSlot::CTable).cap.is_null()) << "the TCB's own slots are cleared";
    h.expect_invariants();
}

namespace {
// Runs the system call again while it was preempted (the thread is in Restart), as the kernel
// does when the thread is next scheduled; returns how many times it was preempted.
int finish_preempted(CSpaceHarness& h) {
    int preemptions = 0;
    while (h.tcb.state == core::ThreadState::Restart) {
        preemptions++;
        host::set_interrupt_pending(false);
        core::handle_syscall(h.tcb, static_cast<sword>(core::Syscall::Call));
    }
    return preemptions;
}
}  // namespace

TEST(Preemption, RevokeStopsAtAPendingInterruptAndFinishesWhenRestarted) {
    CSpaceHarness h;
    for (word i = 0; i < 2; i++) ASSERT_EQ(retype(h, 2, 0, 100 + i * 100 - 50, 100), 0u);  // 200 endpoints
    host::set_interrupt_pending(true);
    h.call(root_cptr, label(L::CNodeRevoke), {ut, depth});
    ASSERT_EQ(h.tcb.state, core::ThreadState::Restart) << "preempted with work left";
    int left = 0;
    for (word s = 50; s < 250; s++) left += h.type_at(s) == CapType::Endpoint;
    EXPECT_GT(left, 0);
    EXPECT_LT(left, 200) << "progress was kept in the objects";
    h.expect_invariants();
    EXPECT_EQ(finish_preempted(h), 1);
    EXPECT_EQ(h.tcb.state, core::ThreadState::Running);
    for (word s = 50; s < 250; s++) ASSERT_EQ(h.type_at(s), CapType::Null) << s;
    EXPECT_EQ(core::MessageInfo::from_word(h.tcb.context.rsi).label, 0u) << "the restarted call succeeded";
    h.expect_invariants();
}

TEST(Preemption, UntypedResetIsPreemptibleAndResumesWhereItStopped) {
    CSpaceHarness h;
    ASSERT_EQ(retype(h, 0, CSpaceHarness::untyped_bits, 70, 1), 0u);
    std::memset(h.root[70].cap.ptr(), 0x5a, word{1} << CSpaceHarness::untyped_bits);
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeDelete), {70, depth}), 0u);
    host::set_interrupt_pending(true);
    retype(h, 8, 0, 71, 1);
    ASSERT_EQ(h.tcb.state, core::ThreadState::Restart);
    word partial = h.root[ut].cap.untyped_free_index();
    EXPECT_LT(partial, word{1} << (CSpaceHarness::untyped_bits - 4)) << "the watermark came down part way";
    EXPECT_GT(partial, 0u);
    EXPECT_EQ(finish_preempted(h), 1);
    ASSERT_EQ(h.type_at(71), CapType::Frame);
    auto* all = static_cast<uint8_t*>(h.root[ut].cap.ptr());
    for (word i = 0; i < (word{1} << CSpaceHarness::untyped_bits); i += 997) ASSERT_EQ(all[i], 0) << i;
}

// seL4 has a preemption point after every 256-byte chunk of a reset, and asks for interrupts at
// every hundredth: a reset with an interrupt pending stops exactly 100 chunks further down each
// time (the kernel zeroes those chunks in one go, then passes their points together).
namespace {
constexpr word untyped_chunks = word{1} << (CSpaceHarness::untyped_bits - 8);

// The whole untyped used and freed, then `done` work units counted since the last check and an
// interrupt pending: the next Retype resets it and is preempted on the way.
void start_preempted_reset(CSpaceHarness& h, word done) {
    ASSERT_EQ(retype(h, 0, CSpaceHarness::untyped_bits, 70, 1), 0u);
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeDelete), {70, depth}), 0u);
    core::reset_preemption_work();
    if (done) ASSERT_TRUE(core::preemption_points(done).ok());
    host::set_interrupt_pending(true);
    retype(h, 8, 0, 71, 1);
    ASSERT_EQ(h.tcb.state, core::ThreadState::Restart);
}
}  // namespace

TEST(Preemption, UntypedResetStopsEveryHundredChunksAsSeL4s) {
    CSpaceHarness h;
    constexpr word chunks = untyped_chunks;
    start_preempted_reset(h, 0);
    EXPECT_EQ(h.root[ut].cap.untyped_free_index(), (chunks - 100) << 4) << "free index in 16-byte units";
    host::set_interrupt_pending(true);  // taking it cleared it
    core::handle_syscall(h.tcb, static_cast<sword>(core::Syscall::Call));
    ASSERT_EQ(h.tcb.state, core::ThreadState::Restart);
    EXPECT_EQ(h.root[ut].cap.untyped_free_index(), (chunks - 200) << 4);
    EXPECT_EQ(finish_preempted(h), 1);
    EXPECT_EQ(h.type_at(71), CapType::Frame);
}

// Work units left over from earlier operations count: 37 done, the first stop is 63 chunks down.
TEST(Preemption, UntypedResetCountsTheWorkUnitsBeforeIt) {
    CSpaceHarness h;
    start_preempted_reset(h, 37);
    EXPECT_EQ(h.root[ut].cap.untyped_free_index(), (untyped_chunks - 63) << 4);
    EXPECT_EQ(finish_preempted(h), 1);
}

// seL4 clears an untyped smaller than a chunk at once, with no preemption point: an interrupt
// pending at the hundredth work unit does not stop it.
TEST(Preemption, UntypedSmallerThanAChunkResetsWithoutAPreemptionPoint) {
    CSpaceHarness h;
    ASSERT_EQ(retype(h, 0, 7, 70, 1), 0u);  // a 128-byte untyped
    ASSERT_EQ(h.call(70, label(L::UntypedRetype), {2, 0, 0, 0, 71, 1}, {root_cptr}), 0u);  // an endpoint in it
    std::memset(static_cast<uint8_t*>(h.root[70].cap.ptr()) + 16, 0x5a, 112);
    ASSERT_EQ(h.call(root_cptr, label(L::CNodeDelete), {71, depth}), 0u);
    core::reset_preemption_work();
    ASSERT_TRUE(core::preemption_points(99).ok());
    host::set_interrupt_pending(true);
    ASSERT_EQ(h.call(70, label(L::UntypedRetype), {2, 0, 0, 0, 72, 1}, {root_cptr}), 0u);
    EXPECT_EQ(h.tcb.state, core::ThreadState::Running) << "not preempted";
    auto* bytes = static_cast<uint8_t*>(h.root[70].cap.ptr());
    for (word i = 0; i < 128; i++) ASSERT_EQ(bytes[i], 0) << i;
    host::set_interrupt_pending(false);
}

TEST(Errors, ReplyMessagesFollowSeL4sLayout) {
    CSpaceHarness h;
    EXPECT_EQ(h.call(root_cptr, label(L::CNodeDelete), {3, 65}), 4u);
    EXPECT_EQ(h.mr(0), 1u);
    EXPECT_EQ(h.mr(1), 64u);
    EXPECT_EQ(h.call(root_cptr, label(L::CNodeCopy), {3, depth, 4, depth, 0xf}, {root_cptr}), 6u);
    EXPECT_EQ(h.mr(0), 1u) << "source";
    EXPECT_EQ(h.mr(1), 2u) << "seL4_MissingCapability";
    EXPECT_EQ(h.mr(2), 64u);
    EXPECT_EQ(h.call(root_cptr, label(L::CNodeDelete), {0x1234, depth}), 6u);
    EXPECT_EQ(h.mr(1), 4u) << "seL4_GuardMismatch";
    EXPECT_EQ(h.mr(2), 64u);
    EXPECT_EQ(h.mr(3), 0u);
    EXPECT_EQ(h.mr(4), 56u) << "from the IPC buffer";
    EXPECT_EQ(h.call(3, label(L::CNodeDelete), {3, depth}), 2u) << "invoking a null cap: InvalidCapability";
    EXPECT_EQ(h.mr(0), 0u);
}

TEST(Errors, GarbageMessagesNeverBreakTheCSpace) {
    CSpaceHarness h;
    uint64_t state = 0x243f6a8885a308d3;
    auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (int i = 0; i < 20000; i++) {
        word cptr = next() % 4 == 0 ? next() : next() % 64;
        word lbl = next() % 60;
        std::vector<word> words;
        for (word n = next() % 10; n > 0; n--) words.push_back(next() % 3 == 0 ? next() : next() % 70);
        std::vector<word> caps;
        for (word n = next() % 4; n > 0; n--) caps.push_back(next() % 8 == 0 ? next() : next() % 64);
        if (cptr == ut && lbl == label(L::UntypedRetype)) continue;  // keep the pool for later steps
        h.tcb.state = core::ThreadState::Running;
        h.call(cptr, lbl, words, caps);
        host::take_console_output();
        ASSERT_NE(h.tcb.state, core::ThreadState::Restart);
        if (i % 500 == 0) h.expect_invariants();
    }
    h.expect_invariants();
}

TEST(Invariants, TheCheckerCatchesBrokenLinksAndStrayChildren) {
    CSpaceHarness h;
    ASSERT_EQ(retype(h, 2, 0, 80, 2), 0u);
    h.expect_invariants();
    core::Slot saved = h.root[81];
    h.root[81].mdb.set_prev(&h.root[5]);  // a back link that does not lead back
    EXPECT_NE(core::check_cspace_invariants(h.root, 256), nullptr);
    h.root[81] = saved;
    h.root[90].mdb.set_next(&h.root[80]);  // an empty slot with links
    EXPECT_NE(core::check_cspace_invariants(h.root, 256), nullptr);
    h.root[90].mdb.clear();
    h.root[ut].cap.set_untyped_free_index(0);  // children above the watermark
    EXPECT_STREQ(core::check_cspace_invariants(h.root, 256), "an untyped's child lies outside it or above its free index");
}
