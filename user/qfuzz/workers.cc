// The QEMU fuzzer's workers: threads that fault on purpose and make random system calls, in the
// root task's VSpace and in a second one, and the handler thread that checks their fault messages.
#include <keel/alloc.h>
#include <keel/process.h>
#include "../tests/thread_helpers.h"
#include "qfuzz.h"

extern "C" char __executable_start[];
extern "C" char qfuzz_int_table[];  // 256 entries of 4 bytes: int $N; ret

asm(R"(
    .text
    .balign 16
    .global qfuzz_int_table
qfuzz_int_table:
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .irp m, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .balign 4
    int $(\n * 16 + \m)
    ret
    .endr
    .endr
)");

namespace qfuzz {
namespace {

using keel::root;

enum Kind : seL4_Word {
    idle, breakpoint, soft_interrupt, undefined, divide, privileged, std_then_load, load, store, syscall_any,
    ipc, tls_base, jump, segment, kinds
};

struct Action {
    volatile seL4_Word kind, a, b, c;
};

keel::ThreadStack stacks[workers];
Action actions[workers];
seL4_CPtr tcbs[workers], fault_caps[workers + 1], fault_ep;
constexpr seL4_Word root_badge = workers + 1;
volatile unsigned long faults, bad_messages, by_label[8];
Rng handler_rng;

bool in_second_space(unsigned w) { return w % 2 == 1; }

// A system call with every argument register chosen: sys in RDX, RDI, RSI, R10, R8, R9, R15.
void raw_syscall(seL4_Word sys, seL4_Word rdi, seL4_Word rsi, seL4_Word r10v, seL4_Word r8v) {
    register seL4_Word r10 asm("r10") = r10v, r8 asm("r8") = r8v, r9 asm("r9") = r8v ^ r10v, r15 asm("r15") = rsi;
    asm volatile("movq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp"
                 : "+D"(rdi), "+S"(rsi), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                 : "d"(sys)
                 : "rbx", "rcx", "r11", "memory");
}

void privileged_instruction(seL4_Word which, seL4_Word a) {
    switch (which % 6) {
    case 0: asm volatile("hlt"); break;
    case 1: asm volatile("cli"); break;
    case 2: asm volatile("mov %0, %%cr3" ::"r"(a)); break;
    case 3: asm volatile("wrmsr" ::"c"(a), "a"(0), "d"(0)); break;
    case 4: asm volatile("inb %%dx, %%al" ::"d"(a) : "rax"); break;
    default: asm volatile("outb %%al, %%dx" ::"d"(a), "a"(0)); break;
    }
}

// Segment registers as an attacker sets them: any selector into DS, FS, GS or SS, or a far
// return to any code selector followed by `syscall` (which, from a 32-bit code segment, would
// enter the kernel through CSTAR: seL4's GDT has none, and neither has Keel's).
// Mostly the GDT's own selectors (0x00-0x4b, any RPL), sometimes anything.
seL4_Word rng_selector(seL4_Word a) { return (a & 0x100) ? a : a & 0x4f; }

void segment_selector(seL4_Word which, seL4_Word a) {
    auto selector = static_cast<unsigned short>(a);
    switch (which % 5) {
    case 0: asm volatile("mov %0, %%ds" ::"r"(selector)); break;
    case 1: asm volatile("mov %0, %%fs" ::"r"(selector)); break;
    case 2: asm volatile("mov %0, %%gs" ::"r"(selector)); break;
    case 3: asm volatile("mov %0, %%ss" ::"r"(selector)); break;
    default:
        asm volatile("push %q0\n\tlea 1f(%%rip), %%rax\n\tpush %%rax\n\tlretq\n1:\tsyscall"
                     ::"r"(seL4_Word{selector}) : "rax", "rcx", "r11", "memory");
        break;
    }
}

void perform(seL4_Word kind, seL4_Word a, seL4_Word b, seL4_Word c) {
    switch (kind) {
    case breakpoint: asm volatile("int3"); break;
    case soft_interrupt: reinterpret_cast<void (*)()>(qfuzz_int_table + 4 * (a & 255))(); break;
    case undefined: asm volatile("ud2"); break;
    case divide: asm volatile("xor %%edx, %%edx; div %%rcx" ::"a"(a), "c"(0) : "rdx"); break;
    case privileged: privileged_instruction(b, a); break;
    case std_then_load: asm volatile("std; mov (%0), %%rax; cld" ::"r"(a) : "rax", "memory"); break;
    case load: (void)*reinterpret_cast<volatile seL4_Word*>(a); break;
    case store: *reinterpret_cast<volatile seL4_Word*>(unprotected(a)) = 0xcccccccccccccccc; break;  // int3s
    case syscall_any:
    case ipc: raw_syscall(a, b, c, c ^ b, b + c); break;
    case tls_base: raw_syscall(seL4_SysSetTLSBase, a, 0, 0, 0); break;
    case jump: reinterpret_cast<void (*)()>(unprotected(a))(); break;
    case segment: segment_selector(b, rng_selector(a)); break;
    default: break;
    }
}

// A worker's whole life: take the action the root task last posted, do it, yield. It finds its
// index from its stack, so any restart at this entry point with a fresh stack is a clean one.
[[noreturn]] void worker_entry() {
    seL4_Word here = reinterpret_cast<seL4_Word>(__builtin_frame_address(0));
    seL4_Word index = (here - reinterpret_cast<seL4_Word>(stacks)) / sizeof(keel::ThreadStack);
    if (index >= workers) asm volatile("ud2");
    for (;;) {
        Action& act = actions[index];
        seL4_Word kind = act.kind;
        act.kind = idle;
        perform(kind, act.a, act.b, act.c);
        x64_sys_null(seL4_SysYield);
    }
}

// Fresh registers: at worker_entry on an empty stack, interrupts on.
seL4_UserContext fresh_registers(unsigned w) {
    seL4_UserContext regs = {};
    regs.rip = reinterpret_cast<seL4_Word>(worker_entry);
    regs.rsp = stacks[w].top() - 8;
    regs.rflags = 0x202;
    return regs;
}

seL4_Word syscall_number() {
    // Not DebugPutChar, DebugDumpScheduler, DebugHalt, DebugSnapshot, DebugNameThread: they print
    // or halt by design (seL4 halts on a bad DebugNameThread too).
    seL4_Word n = rng.chance(60) ? -seL4_Word{1} - rng.below(40) : interesting_word();
    return n >= -seL4_Word{14} && n <= -seL4_Word{9} ? -seL4_Word{30} : n;
}

// A cap pointer for a worker's system call: a supply slot or one that names nothing, never a slot
// holding the root task's own caps (the fault endpoints among them).
seL4_Word worker_cptr() {
    const seL4_Word nothing[] = {0, 4096, 0xfff000, ~seL4_Word{0}, seL4_Word{1} << 63};
    return rng.chance(85) ? supply_slot() : rng.pick(nothing);
}

seL4_Word fault_address() {
    const seL4_Word kernel[] = {0, 8, 0xffffff8000100000, 0xffffffff80100000, seL4_Word{1} << 47,
                                0x7ffffffff000, 0x7ffffffffff8, 0xfffffffffffff000};
    return rng.chance(50) ? rng.pick(kernel) : interesting_word();
}

// The length seL4 gives each fault label; a cap fault's is IP, address, receive phase, then the
// lookup failure: its type and 0 (invalid root) to 3 (guard mismatch) more words.
bool well_formed(seL4_MessageInfo_t info) {
    seL4_Word len = seL4_MessageInfo_get_length(info);
    switch (seL4_MessageInfo_get_label(info)) {
    case seL4_Fault_CapFault: {
        seL4_Word type = seL4_GetMR(seL4_CapFault_LookupFailureType);
        return type >= seL4_InvalidRoot && type <= seL4_GuardMismatch && len == 3 + type;
    }
    case seL4_Fault_UnknownSyscall: return len == seL4_UnknownSyscall_Length;
    case seL4_Fault_UserException: return len == seL4_UserException_Length;
    case seL4_Fault_VMFault: return len == seL4_VMFault_Length;
    default: return false;
    }
}

// The root task cap-faults only when a worker emptied a slot between its DebugCapIdentify and its
// Call: skip the syscall instruction and let it go on.
void handle_root_fault(seL4_Word label) {
    if (label != seL4_Fault_CapFault) {
        keel_printf("QFUZZ-ROOT-FAULT label=%lu ip=0x%lx\n", label, seL4_GetMR(0));
        return;
    }
    seL4_UserContext regs;
    seL4_TCB_ReadRegisters(seL4_CapInitThreadTCB, false, 0, 20, &regs);
    const unsigned char* ip = reinterpret_cast<const unsigned char*>(regs.rip);
    if (ip[0] == 0x0f && ip[1] == 0x05) regs.rip += 2;
    seL4_TCB_WriteRegisters(seL4_CapInitThreadTCB, true, 0, 20, &regs);
}

// Sends a worker back to its entry point: by a fault reply that rewrites its registers when the
// fault kind allows it, else by suspending it and writing fresh registers.
void restart_worker(unsigned w, seL4_Word label) {
    seL4_UserContext regs = fresh_registers(w);
    bool by_reply = handler_rng.chance(70);
    if (by_reply && label == seL4_Fault_UserException) {
        seL4_SetMR(seL4_UserException_FaultIP, regs.rip);
        seL4_SetMR(seL4_UserException_SP, regs.rsp);
        seL4_SetMR(seL4_UserException_FLAGS, regs.rflags);
        seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 3));
    } else if (by_reply && label == seL4_Fault_UnknownSyscall) {
        for (unsigned i = 0; i < seL4_UnknownSyscall_Syscall; i++) seL4_SetMR(i, handler_rng.below(2) ? 0 : register_word());
        seL4_SetMR(seL4_UnknownSyscall_FaultIP, regs.rip);
        seL4_SetMR(seL4_UnknownSyscall_SP, regs.rsp);
        seL4_SetMR(seL4_UnknownSyscall_FLAGS, regs.rflags);
        seL4_Reply(seL4_MessageInfo_new(0, 0, 0, seL4_UnknownSyscall_Syscall));
    } else {
        recycle_worker(w);
    }
}

void handler_loop() {
    for (;;) {
        seL4_Word badge;
        seL4_MessageInfo_t info = seL4_Recv(fault_ep, &badge);
        faults = faults + 1;
        seL4_Word label = seL4_MessageInfo_get_label(info);
        by_label[label & 7] = by_label[label & 7] + 1;
        if (!well_formed(info)) {
            bad_messages = bad_messages + 1;
            keel_printf("QFUZZ-BAD-FAULT-MESSAGE badge=%lu label=%lu length=%lu\n", badge, label,
                        seL4_MessageInfo_get_length(info));
        }
        if (badge == root_badge) {
            handle_root_fault(label);
        } else if (badge >= 1 && badge <= workers) {
            restart_worker(static_cast<unsigned>(badge - 1), label);
        }
    }
}

// The second address space: its own ASID pool and PML4, the root task's image frames mapped at
// the same addresses (so its workers run the same code on the same stacks).
seL4_CPtr make_second_space() {
    seL4_CPtr asid_untyped = keel::alloc_untyped(12), pool = keel::alloc_slot();
    seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, asid_untyped, root, pool, 64);
    seL4_CPtr pml4 = keel::alloc_object(seL4_X64_PML4Object, 0);
    if (seL4_X86_ASIDPool_Assign(pool, pml4) != seL4_NoError) keel_printf("QFUZZ-SETUP: no second ASID pool\n");
    seL4_BootInfo* bi = keel_bootinfo();
    seL4_Word va = reinterpret_cast<seL4_Word>(__executable_start);
    for (seL4_CPtr f = bi->userImageFrames.start; f < bi->userImageFrames.end; f++, va += 4096) {
        seL4_CPtr copy = keel::alloc_slot();
        seL4_CNode_Copy(root, copy, 64, root, f, 64, seL4_AllRights);
        if (keel_map_frame(copy, pml4, va, seL4_ReadWrite)) keel_printf("QFUZZ-SETUP: cannot map 0x%lx\n", va);
    }
    return pml4;
}

seL4_CPtr badged_fault_cap(seL4_Word badge) {
    seL4_CPtr slot = keel::alloc_slot();
    seL4_CNode_Mint(root, slot, 64, root, fault_ep, 64, seL4_AllRights, badge);
    return slot;
}

}  // namespace

seL4_CPtr worker_tcb(unsigned index) { return tcbs[index]; }
unsigned long faults_seen() { return faults; }
unsigned long bad_fault_messages() { return bad_messages; }
unsigned long faults_with_label(seL4_Word label) { return by_label[label & 7]; }

void recycle_worker(unsigned w) {
    seL4_TCB_Suspend(tcbs[w]);
    seL4_TCB_UnbindNotification(tcbs[w]);
    seL4_TCB_Configure(tcbs[w], fault_caps[w], root, 0, in_second_space(w) ? infra.vspace2 : seL4_CapInitThreadVSpace,
                       0, 0, 0);
    seL4_TCB_SetPriority(tcbs[w], seL4_CapInitThreadTCB, 100);
    actions[w].kind = idle;
    seL4_UserContext regs = fresh_registers(w);
    seL4_TCB_WriteRegisters(tcbs[w], true, 0, 20, &regs);
}

void start_workers() {
    static keel::ThreadStack handler_stack;
    fault_ep = keel::alloc_object(seL4_EndpointObject, 0);
    for (seL4_Word b = 1; b <= root_badge; b++) fault_caps[b - 1] = badged_fault_cap(b);
    handler_rng.state = rng.next() | 1;
    infra.vspace2 = make_second_space();
    infra.authority = keel::alloc_object(seL4_TCBObject, 0);
    seL4_TCB_SetMCPriority(infra.authority, seL4_CapInitThreadTCB, 100);
    // The root task's own faults (a race with a worker, see handle_root_fault) go to the handler too.
    seL4_TCB_SetSpace(seL4_CapInitThreadTCB, fault_caps[workers], root, 0, seL4_CapInitThreadVSpace, 0);
    if (!keel::spawn_ipc_thread(handler_loop, handler_stack, 101, 1)) keel_printf("QFUZZ-SETUP: no handler\n");
    for (unsigned w = 0; w < workers; w++) {
        tcbs[w] = keel::alloc_object(seL4_TCBObject, 0);
        recycle_worker(w);
    }
}

void give_worker_action() {
    unsigned w = static_cast<unsigned>(rng.below(workers));
    seL4_Word kind = 1 + rng.below(kinds - 1), a = fault_address(), b = rng.next(), c = rng.next();
    if (kind == syscall_any) a = syscall_number();
    if (kind == ipc) {
        a = -seL4_Word{1} - rng.below(8);  // Call .. NBRecv
        b = worker_cptr();
        c = rng.chance(70) ? seL4_MessageInfo_new(rng.below(nArchInvocationLabels + 2), 0, 0, rng.below(5)).words[0] : c;
    }
    if (kind == store || kind == load) a = rng.chance(60) ? window_address() : a;
    actions[w].a = a;
    actions[w].b = b;
    actions[w].c = c;
    actions[w].kind = kind;
}

}  // namespace qfuzz
