// The QEMU fuzzer's cap supply and its invocations: a label for the cap's type (sometimes any
// label), argument words and extra caps shaped by a per-label pattern, sometimes mutated.
#include "../tests/cspace_helpers.h"
#include "qfuzz.h"

namespace qfuzz {

Rng rng;
seL4_CPtr supply_base;
Infra infra;

namespace {

using keel::root;

const Shape untyped_ops[] = {{UntypedRetype, "tb00sn", "N"}};
const Shape cnode_ops[] = {
    {CNodeCopy, "sdsdr", "N"}, {CNodeMint, "sdsdrB", "N"},      {CNodeMove, "sdsd", "N"},
    {CNodeMutate, "sdsdB", "N"}, {CNodeRotate, "sdBsdBsd", "NN"}, {CNodeDelete, "sd", ""},
    {CNodeRevoke, "sd", ""},     {CNodeCancelBadgedSends, "sd", ""}, {CNodeSaveCaller, "sd", ""},
};
// WriteRegisters: resume flag, count, then a word for every register keel_context_start sets.
struct WriteRegistersWords {
    char text[2 + KEEL_CONTEXT_WORDS + 1];
};
constexpr WriteRegistersWords write_registers_pattern() {
    WriteRegistersWords w{};
    w.text[0] = 'f', w.text[1] = 'R';
    for (unsigned i = 0; i < KEEL_CONTEXT_WORDS; i++) w.text[2 + i] = 'X';
    return w;
}
constexpr WriteRegistersWords write_registers_words = write_registers_pattern();
const Shape tcb_ops[] = {
    {TCBReadRegisters, "fR", ""}, {TCBWriteRegisters, write_registers_words.text, ""}, {TCBCopyRegisters, "f", "T"},
    {TCBConfigure, "swwa", "NVC"}, {TCBSetPriority, "p", "T"}, {TCBSetMCPriority, "p", "T"},
    {TCBSetSchedParams, "pp", "T"}, {TCBSetIPCBuffer, "a", "C"}, {TCBSetSpace, "sww", "NV"},
    {TCBSuspend, "", ""}, {TCBResume, "", ""}, {TCBBindNotification, "", "C"},
    {TCBUnbindNotification, "", ""}, {TCBSetTLSBase, "X", ""}, {TCBSetFlags, "ww", ""},
};
const Shape irq_handler_ops[] = {{IRQAckIRQ, "", ""}, {IRQSetIRQHandler, "", "C"}, {IRQClearIRQHandler, "", ""}};
const Shape nothing_ops[] = {{0, "wwww", ""}};

const Shape* shapes_for(seL4_Word tag, unsigned* n) {
    switch (tag) {
    case keel::tag_untyped: return shapes_of(untyped_ops, n);
    case keel::tag_cnode: return shapes_of(cnode_ops, n);
    case keel::tag_thread: return shapes_of(tcb_ops, n);
    case 16: return shapes_of(irq_handler_ops, n);  // irq_handler
    default: {
        const Shape* arch_shapes = arch::shapes_for(tag, n);
        return arch_shapes ? arch_shapes : shapes_of(nothing_ops, n);
    }
    }
}

}  // namespace

// Half the time in the window's first 64 pages, so that mappings collide, tables get shared and
// workers' loads and stores land on live mappings; else anywhere in it.
seL4_Word window_address() {
    seL4_Word pages = rng.chance(50) ? 64 : (window_hi - window_lo) >> 12;
    seL4_Word page = window_lo + (rng.below(pages) << 12);
    return rng.chance(20) ? page & ~((seL4_Word{1} << 21) - 1) : page;
}

namespace {

seL4_Word depth_word() {
    const seL4_Word depths[] = {64, 64, 64, 64, 64, 0, 4, 12, 63, 65};
    return rng.pick(depths);
}

seL4_Word word_for(char kind) {
    switch (kind) {
    case 's': return supply_slot();
    case 'd': return depth_word();
    case 'r': return rng.below(16);
    case 'B': return rng.chance(50) ? rng.below(8) : interesting_word();
    case 't': return rng.chance(90) ? rng.below(14) : rng.next();
    case 'b': return rng.chance(90) ? rng.below(23) : rng.below(70);
    case 'n': return rng.below(5);
    case 'a': return rng.chance(70) ? window_address() : unprotected(interesting_word());
    case 'A': return rng.below(8);
    case 'p': return rng.chance(90) ? rng.below(101) : rng.below(256);
    case 'f': return rng.below(2);
    case 'R': return rng.below(KEEL_CONTEXT_WORDS + 4);
    case 'P': return arch::word_for(kind);
    case 'X': return register_word();
    case '0': return 0;
    default: return interesting_word();
    }
}

seL4_CPtr cap_for(char kind) {
    if (rng.chance(30)) return supply_slot();
    switch (kind) {
    case 'N': return root;
    case 'V': return rng.chance(50) ? infra.vspace2 : seL4_CapInitThreadVSpace;
    case 'T': return infra.authority;
    default: return supply_slot();
    }
}

// A label of no particular type: any generic or architecture label, now and then a nonsense one.
seL4_Word random_label() { return rng.chance(90) ? rng.below(nArchInvocationLabels + 2) : rng.next() & 0xfffff; }

// Invokes `cap` with `shape`: a Call, except on endpoints and empty slots, where a Call could
// block or fault the root task; those get NBSend, which never does either.
void invoke(seL4_CPtr cap, seL4_Word tag, const Shape& shape, bool mutate) {
    unsigned n = 0, c = 0;
    for (; shape.words[n]; n++) {
        bool wild = mutate && shape.words[n] != 's' && rng.chance(10);
        seL4_Word w = wild ? register_word() : word_for(shape.words[n]);
        seL4_SetMR(n, shape.words[n] == 'X' || shape.words[n] == 'a' ? unprotected(w) : w);
    }
    // CopyRegisters copies from the authority TCB, which never runs, never from a live worker: a
    // worker given another's registers mid-check (workers.cc, arch.cc) would find the check's
    // values gone through no fault of the kernel. (cap_for still draws, so the choices that
    // follow are the same.)
    for (; shape.caps[c]; c++) {
        seL4_CPtr chosen = cap_for(shape.caps[c]);
        seL4_SetCap(c, shape.label == TCBCopyRegisters ? infra.authority : chosen);
    }
    seL4_MessageInfo_t info = seL4_MessageInfo_new(shape.label, 0, c, n);
    if (tag == keel::tag_endpoint || tag == keel::tag_null) {
        seL4_NBSend(cap, info);
    } else {
        seL4_Call(cap, info);
    }
}

// Any label with any words: the words still keep clear of the root task's memory, and the caps
// come from the supply only (never the root CNode, which a random CNode label could empty).
void invoke_wild(seL4_CPtr cap, seL4_Word tag) {
    static char words[12], caps[4];
    unsigned n = rng.below(sizeof(words)), c = rng.below(sizeof(caps));
    for (unsigned i = 0; i < sizeof(words); i++) words[i] = i < n ? 'X' : 0;
    for (unsigned i = 0; i < sizeof(caps); i++) caps[i] = i < c ? 'C' : 0;
    invoke(cap, tag, Shape{random_label(), words, caps}, false);
}

// The control caps, shaped so they only ever issue safe things into the supply.
void invoke_control() {
    seL4_CPtr dest = supply_slot();
    unsigned which = static_cast<unsigned>(rng.below(arch::control_kinds + 1));
    if (which < arch::control_kinds) {
        arch::invoke_control(which, dest, depth_word());
    } else {
        seL4_DomainSet_Set(seL4_CapDomain, rng.below(3), supply_slot());
    }
}

seL4_CPtr retype_into(seL4_CPtr slot, seL4_Word type, seL4_Word bits) {
    return seL4_Untyped_Retype(infra.pool, type, bits, root, 0, 0, slot, 1) == seL4_NoError ? slot : 0;
}

struct Fresh {
    seL4_Word type, bits, count;
};
const Fresh fresh_objects[] = {
    {seL4_UntypedObject, 16, 1}, {seL4_UntypedObject, 12, 3},  {seL4_UntypedObject, 18, 1},
    {seL4_EndpointObject, 0, 3}, {seL4_NotificationObject, 0, 3}, {seL4_CapTableObject, 4, 2},
    {seL4_TCBObject, 0, 2},
};

void copy_into(seL4_CPtr slot, seL4_CPtr cap) { seL4_CNode_Copy(root, slot, 64, root, cap, 64, seL4_AllRights); }

}  // namespace

seL4_Word interesting_word() {
    switch (rng.below(4)) {
    case 0: return arch::interesting_address();
    case 1: return window_address();
    case 2: return rng.below(256);
    default: return rng.next();
    }
}

seL4_Word register_word() { return unprotected(interesting_word()); }

void refill_supply() {
    if (!supply_base) {
        supply_base = keel::alloc_slot();
        for (unsigned i = 1; i < supply_size; i++) keel::alloc_slot();
        infra.pool = keel::alloc_untyped(22);
    }
    seL4_CPtr next = supply_base;
    for (const Fresh& f : fresh_objects) {
        for (seL4_Word i = 0; i < f.count; i++) retype_into(next++, f.type, f.bits);
    }
    next = arch::refill_paging(next);
    for (unsigned w = 0; w < workers; w++) copy_into(next++, worker_tcb(w));
    copy_into(next++, infra.vspace2);
    copy_into(next++, infra.authority);
    arch::refill_controls(next);
}

void reset_supply() {
    for (unsigned i = 0; i < supply_size; i++) seL4_CNode_Delete(root, supply_base + i, 64);
    seL4_CNode_Revoke(root, infra.pool, 64);
}

void invoke_random() {
    if (rng.chance(8)) {
        invoke_control();
        return;
    }
    seL4_CPtr cap = supply_slot();
    seL4_Word tag = seL4_DebugCapIdentify(cap);
    if (rng.chance(10)) {
        invoke_wild(cap, tag);
        return;
    }
    // The root CNode is invoked with supply indices only; a supply cap with its type's labels.
    if (rng.chance(25)) {
        unsigned n;
        const Shape* shapes = shapes_for(rng.chance(30) ? keel::tag_untyped : keel::tag_cnode, &n);
        const Shape& s = shapes[rng.below(n)];
        seL4_CPtr target = s.label == UntypedRetype ? supply_slot() : root;
        invoke(target, seL4_DebugCapIdentify(target), s, true);
        return;
    }
    unsigned n;
    const Shape* shapes = shapes_for(tag, &n);
    invoke(cap, tag, shapes[rng.below(n)], true);
}

}  // namespace qfuzz
