// Keel's benchmark suite (./keel bench). Costs are measured as sel4bench measures them: the
// sender reads the counter (x86_64: the TSC, riscv64: instret) just before the system call, the
// receiver just after it returns, so the user-level libsel4 code is included. Under QEMU's -icount
// shift=0 the counter counts guest instructions, which makes every number repeatable to the
// instruction.
#include <keel/alloc.h>
#include <keel/process.h>
#include <keel/runtime.h>
#include "bench.h"
#include "report.h"

using namespace bench;

extern "C" const char bench_server_start[], bench_server_end[];

namespace {

// --- threads ------------------------------------------------------------------------------------

struct Thread {
    alignas(16) unsigned char stack[16384];
    alignas(64) unsigned char tls[4096];
    seL4_CPtr tcb;
};
Thread helper;

}  // namespace

void bench::report(const char* name, seL4_Word words, seL4_Word* costs) {
    report_runs(name, "words", words, costs, warmup, runs);
}

// The helper thread gets the second 1 KiB of the root task's IPC buffer page as its IPC buffer.
void bench::start_helper(void (*entry)(), seL4_Word priority, seL4_CPtr fault_ep) {
    if (helper.tcb) seL4_TCB_Suspend(helper.tcb);
    helper.tcb = keel_alloc_object(seL4_TCBObject, 0);
    auto* buffer = reinterpret_cast<seL4_IPCBuffer*>(reinterpret_cast<seL4_Word>(seL4_GetIPCBuffer()) + 1024);
    keel_start_thread(helper.tcb, entry, helper.stack + sizeof(helper.stack), helper.tls, buffer,
                      seL4_CapInitThreadIPCBuffer, priority, fault_ep, seL4_CapInitThreadVSpace);
}

namespace {

// Set when a benchmark's system call failed: the run then ends without BENCH-END.
bool failed;

void fail(const char* what, seL4_Error error = seL4_NoError) {
    if (error != seL4_NoError) {
        keel_printf("bench: FAILED: %s: error %d\n", what, static_cast<int>(error));
    } else {
        keel_printf("bench: FAILED: %s\n", what);
    }
    failed = true;
}

seL4_Error set_own_priority(seL4_Word priority) {
    return seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, priority);
}

// --- IPC: one-way Call and ReplyRecv ----------------------------------------------------------

IpcTimes local_times;
void local_server() { serve(local_times); }

// The client's side: Calls the server `samples` times, then reports both one-way costs.
void measure_ipc(const char* call_name, const char* reply_name, volatile IpcTimes& t) {
    static seL4_Uint32 call_start[samples], reply_end[samples];
    static seL4_Word calls[samples], replies[samples];
    seL4_MessageInfo_t request = seL4_MessageInfo_new(0, 0, 0, t.words);
    for (seL4_Word i = 0; i < t.words; i++) seL4_SetMR(static_cast<int>(i), i);
    for (int i = 0; i < samples; i++) {
        call_start[i] = stamp();
        seL4_Call(t.ep, request);
        reply_end[i] = stamp();
    }
    for (int i = 0; i < samples; i++) {
        calls[i] = static_cast<seL4_Uint32>(t.call_end[i] - call_start[i]);
        replies[i] = static_cast<seL4_Uint32>(reply_end[i] - t.reply_start[i]);
    }
    report(call_name, t.words, calls);
    if (reply_name) report(reply_name, t.words, replies);
}

// MCS: `server`, at `priority`, reaches its Recv (the root task steps below it meanwhile) and
// gives up its scheduling context there: a passive server, running on its callers' contexts,
// the server seL4's MCS fastpath takes Calls to. Classic: nothing.
void make_passive(seL4_CPtr server, seL4_Word priority) {
#ifdef CONFIG_KERNEL_MCS
    set_own_priority(priority - 1);
    set_own_priority(client_priority);
    seL4_Error e = seL4_TCB_SetSchedParams(server, seL4_CapInitThreadTCB, 0, priority, seL4_CapNull, seL4_CapNull);
    if (e != seL4_NoError) fail("could not make the server passive", e);
#else
    (void)server;
    (void)priority;
#endif
}

// Both threads in the root task's address space; the server at `server_priority`.
void run_local_ipc(const char* call_name, const char* reply_name, seL4_Word words, seL4_Word server_priority) {
    local_times.ep = keel_alloc_object(seL4_EndpointObject, 0);
    local_times.words = words;
    start_helper(local_server, server_priority);
    seL4_Yield();  // an equal-priority server reaches its Recv first
    make_passive(helper.tcb, server_priority);
    measure_ipc(call_name, reply_name, local_times);
}

// The server in an address space of its own, at the client's priority, sharing its IpcTimes page.
void run_remote_ipc(seL4_Word words) {
    static int round;
    seL4_Word va = shared_pages_va + 4096 * static_cast<seL4_Word>(round++);
    seL4_CPtr frame = keel_map_new_frame(seL4_CapInitThreadVSpace, va, seL4_ReadWrite);
    auto& t = *reinterpret_cast<volatile IpcTimes*>(va);
    t.ep = keel_alloc_object(seL4_EndpointObject, 0);
    t.words = words;
    keel_process_t server;
    seL4_CPtr copy = keel_alloc_slot();
    // The server starts below the root task, so it cannot run before its page is mapped.
    if (!frame || keel_spawn_elf(bench_server_start, bench_server_end - bench_server_start, client_priority - 1, 0, 0,
                                 &server) != 0 ||
        seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, seL4_WordBits, seL4_CapInitThreadCNode, frame, seL4_WordBits,
                        seL4_AllRights) != seL4_NoError ||
        page_map(copy, server.vspace, remote_times_va) != seL4_NoError ||
        seL4_TCB_SetPriority(server.tcb, seL4_CapInitThreadTCB, client_priority) != seL4_NoError) {
        fail("could not start the server in its own address space");
        return;
    }
    seL4_Yield();  // the server starts up and waits in Recv
    make_passive(server.tcb, client_priority);
    measure_ipc("Call, different address space", "ReplyRecv, different address space", t);
    seL4_TCB_Suspend(server.tcb);
}

// --- Signal to a higher-priority waiting thread -------------------------------------------------

seL4_CPtr signal_ntfn;
volatile seL4_Word signal_start[samples], signal_end[samples];

void signal_waiter() {
    for (int i = 0; i < samples; i++) {
        seL4_Wait(signal_ntfn, nullptr);
        signal_end[i] = counter();
    }
    seL4_Wait(signal_ntfn, nullptr);
}

void run_signal() {
    signal_ntfn = keel_alloc_object(seL4_NotificationObject, 0);
    start_helper(signal_waiter, client_priority + 1);  // runs at once and waits
    static seL4_Word costs[samples];
    for (int i = 0; i < samples; i++) {
        signal_start[i] = counter();
        seL4_Signal(signal_ntfn);
        costs[i] = signal_end[i] - signal_start[i];
    }
    report("signal to a waiting higher-priority thread", 0, costs);
}

// --- Send from a lower-priority client to a waiting server ---------------------------------------

seL4_CPtr send_ep;
volatile seL4_Word send_end[samples];

void send_receiver() {
    for (int i = 0; i < samples; i++) {
        seL4_Word badge;
        keel_recv(send_ep, &badge);
        send_end[i] = counter();
    }
    seL4_Word badge;
    keel_recv(send_ep, &badge);
}

void run_send() {
    send_ep = keel_alloc_object(seL4_EndpointObject, 0);
    start_helper(send_receiver, client_priority + 1);  // runs at once and waits
    static seL4_Word costs[samples];
    for (int i = 0; i < samples; i++) {
        seL4_Word t0 = counter();
        seL4_Send(send_ep, seL4_MessageInfo_new(0, 0, 0, 0));
        costs[i] = send_end[i] - t0;
    }
    report("Send, client at lower priority", 0, costs);
}

// --- a fault handled in user space ---------------------------------------------------------------

// The handler's view, as one ReplyRecv: the reply resumes the thread past its faulting
// instruction (x86_64: ud2, riscv64: ebreak), the thread faults again at once, and the fault
// message arrives.
void run_fault_round_trip() {
    seL4_CPtr ep = keel_alloc_object(seL4_EndpointObject, 0);
    start_helper(fault_forever, client_priority, ep);
    seL4_Word badge;
    keel_recv(ep, &badge);
    static seL4_Word costs[samples];
    seL4_MessageInfo_t resume = seL4_MessageInfo_new(0, 0, 0, fault_reply_words);
    for (int i = 0; i < samples; i++) {
        seL4_SetMR(seL4_UserException_FaultIP, seL4_GetMR(seL4_UserException_FaultIP) + fault_instruction_bytes);
        seL4_Word t0 = counter();
        keel_reply_recv(ep, resume, &badge);
        costs[i] = counter() - t0;
    }
    report("fault round trip (reply, resume, fault, receive)", 0, costs);
}

// --- calls made and returned by one thread -----------------------------------------------------

// Maps and unmaps one frame `samples` times at a page whose page table exists; a first,
// untimed Map and Unmap checks that both work.
void run_map_unmap() {
    static seL4_Word map[samples], unmap[samples];
    constexpr seL4_Word va = 0x10000000;
    keel_map_new_frame(seL4_CapInitThreadVSpace, va, seL4_ReadWrite);  // creates the page table for va + 4096
    seL4_CPtr frame = keel_alloc_object(frame_object, 0);
    seL4_Error error = page_map(frame, seL4_CapInitThreadVSpace, va + 4096);
    if (error != seL4_NoError || (error = page_unmap(frame)) != seL4_NoError) {
        fail("map and unmap one 4 KiB page", error);
        return;
    }
    for (int i = 0; i < samples; i++) {
        seL4_Word t0 = counter();
        page_map(frame, seL4_CapInitThreadVSpace, va + 4096);
        seL4_Word t1 = counter();
        page_unmap(frame);
        seL4_Word t2 = counter();
        map[i] = t1 - t0;
        unmap[i] = t2 - t1;
    }
    report("map one 4 KiB page", 0, map);
    report("unmap one 4 KiB page", 0, unmap);
}

void run_own_calls() {
    static seL4_Word counter_reads[samples], yield[samples];
    for (int i = 0; i < samples; i++) {
        seL4_Word t0 = counter();
        counter_reads[i] = counter() - t0;
    }
    for (int i = 0; i < samples; i++) {
        seL4_Word t0 = counter();
        seL4_Yield();
        yield[i] = counter() - t0;
    }
    report(counter_read_name, 0, counter_reads);
    report("yield (null system call)", 0, yield);
    run_map_unmap();
}

// --- mapping and unmapping 1 to 1024 pages ----------------------------------------------------

constexpr int max_pages = 1024, page_warmup = 2, page_runs = 16;
seL4_CPtr page_frames[max_pages];

// Maps and unmaps n frames once, untimed, checking every result.
bool map_pages_checked(int n, seL4_Word region) {
    for (int i = 0; i < n; i++) {
        seL4_Error error = page_map(page_frames[i], seL4_CapInitThreadVSpace, region + 4096 * static_cast<seL4_Word>(i));
        if (error == seL4_NoError) error = page_unmap(page_frames[i]);
        if (error != seL4_NoError) {
            fail("map pages", error);
            return false;
        }
    }
    return true;
}

// Maps n frames at consecutive pages of a region whose page tables exist, then unmaps them; the
// cost of each loop is one sample (as sel4bench's page-mapping benchmark measures). Each size is
// first mapped once untimed with every result checked.
void run_page_mapping() {
    constexpr seL4_Word region = 0x20000000;  // two page tables: 1024 pages
    for (seL4_Word table = 0; table < 2; table++) {
        seL4_CPtr f = keel_map_new_frame(seL4_CapInitThreadVSpace, region + (table << 21), seL4_ReadWrite);
        if (!f) return fail("map pages: the page tables");
        page_unmap(f);  // the page table stays
    }
    for (int i = 0; i < max_pages; i++) page_frames[i] = keel_alloc_object(frame_object, 0);
    static seL4_Word map[page_warmup + page_runs], unmap[page_warmup + page_runs];
    for (int n = 1; n <= max_pages; n *= 2) {
        if (!map_pages_checked(n, region)) return;
        for (int r = 0; r < page_warmup + page_runs; r++) {
            seL4_Word t0 = counter();
            for (int i = 0; i < n; i++) {
                page_map(page_frames[i], seL4_CapInitThreadVSpace, region + 4096 * static_cast<seL4_Word>(i));
            }
            seL4_Word t1 = counter();
            for (int i = 0; i < n; i++) page_unmap(page_frames[i]);
            map[r] = t1 - t0;
            unmap[r] = counter() - t1;
        }
        report_runs("map pages", "pages", static_cast<seL4_Word>(n), map, page_warmup, page_runs);
        report_runs("unmap pages", "pages", static_cast<seL4_Word>(n), unmap, page_warmup, page_runs);
    }
}

// --- allocating pages: Retype into 4 KiB frames and page tables, 1 to 1024 -----------------------

// sel4bench's page-mapping benchmark allocates its page tables and pages one Retype each from an
// untyped that already has children, so no sample includes the untyped's reset. The untyped is
// revoked after every sample; the next sample's first object, an endpoint retyped before the
// clock starts, pays for the reset, which is reported on its own.
constexpr seL4_Word alloc_untyped_bits = 23;  // 1024 pages and the endpoint, with room to spare
seL4_CPtr alloc_untyped, alloc_first_slot, alloc_spare_slot;

seL4_Error retype_one(seL4_Word type, seL4_CPtr slot) {
    return static_cast<seL4_Error>(
        seL4_Untyped_Retype(alloc_untyped, type, 0, seL4_CapInitThreadCNode, 0, 0, slot, 1));
}

// Revokes the untyped and returns the cost of the next Retype, which resets it: zeroes the memory
// the last sample used (its n pages and the page before them). `failed` notes any error.
seL4_Word reset_untyped(bool& failed) {
    seL4_CNode_Revoke(seL4_CapInitThreadCNode, alloc_untyped, seL4_WordBits);
    seL4_Word t0 = counter();
    failed |= retype_one(seL4_EndpointObject, alloc_spare_slot) != seL4_NoError;
    return counter() - t0;
}

// The cost of n objects of `type`, one Retype each.
seL4_Word retype_objects(seL4_Word type, int n, bool& failed) {
    seL4_Word error = 0;
    seL4_Word t0 = counter();
    for (int i = 0; i < n; i++) error |= retype_one(type, alloc_first_slot + static_cast<seL4_Word>(i));
    seL4_Word cost = counter() - t0;
    failed |= error != 0;
    return cost;
}

// One batch size of one type: returns false when a Retype failed.
bool run_retype_batch(const char* name, seL4_Word type, int n) {
    static seL4_Word costs[page_warmup + page_runs], resets[page_warmup + page_runs];
    bool failed = false;
    for (int r = 0; r < page_warmup + page_runs; r++) {
        resets[r] = reset_untyped(failed);
        costs[r] = retype_objects(type, n, failed);
    }
    if (failed) return false;
    report_runs(name, "pages", static_cast<seL4_Word>(n), costs, page_warmup, page_runs);
    if (type == frame_object) {
        report_runs("reset untyped after retyping frames", "pages", static_cast<seL4_Word>(n), resets, page_warmup,
                    page_runs);
    }
    return true;
}

void run_page_allocation() {
    alloc_untyped = keel_alloc_object(seL4_UntypedObject, alloc_untyped_bits);
    alloc_spare_slot = keel_alloc_slot();
    alloc_first_slot = keel_alloc_slot();
    for (int i = 1; i < max_pages; i++) keel_alloc_slot();  // the slots are consecutive
    if (!alloc_untyped || !alloc_spare_slot || !alloc_first_slot) {
        fail("no untyped or slots for page allocation");
        return;
    }
    for (int n = 1; n <= max_pages; n *= 2) {
        if (!run_retype_batch("retype 4 KiB frames", frame_object, n) ||
            !run_retype_batch("retype page tables", page_table_object, n)) {
            fail("Retype");
            return;
        }
    }
}

}  // namespace

int main(seL4_BootInfo*) {
    if (keel_tls_size() > sizeof(helper.tls)) return 1;
    set_own_priority(client_priority);
    keel_printf("BENCH-BEGIN\n");
    run_own_calls();
    const seL4_Word lengths[] = {0, 1, 4, 10, 120};
    for (seL4_Word words : lengths) {
        run_local_ipc("Call, same address space", "ReplyRecv, same address space", words, client_priority);
    }
    for (seL4_Word words : lengths) run_remote_ipc(words);
    run_local_ipc("Call, server at higher priority", nullptr, 0, client_priority + 1);
    run_local_ipc("Call, server at lower priority", nullptr, 0, client_priority - 1);
    run_send();
    run_signal();
    run_fault_round_trip();
    run_arch_benchmarks();
    run_page_mapping();
    run_page_allocation();
    if (failed) return 1;  // without BENCH-END: ./keel bench fails
    keel_printf("BENCH-END\n");
    return 0;
}
