// The IPC stress test's root task: builds 8 address spaces of 8 threads each (see stress.h), lets
// them run 10^6 IPC operations, then checks that every message is accounted for.
#include <keel/alloc.h>
#include <keel/process.h>
#include <keel/runtime.h>
#include "stress.h"

using namespace stress;

extern "C" const char stress_worker_start[], stress_worker_end[];

namespace {

// Where the root task writes each Config: 4 GiB below its spawning scratch area.
constexpr seL4_Word config_root_va = KEEL_SPAWN_SCRATCH_VADDR - (seL4_Word{1} << 32);

struct Objects {
    seL4_CPtr done;
    seL4_CPtr endpoint[spaces], notification[spaces], ack[spaces];
};

seL4_CPtr minted(seL4_CPtr object, seL4_Word badge) {
    seL4_CPtr slot = keel_alloc_slot();
    seL4_CNode_Mint(seL4_CapInitThreadCNode, slot, seL4_WordBits, seL4_CapInitThreadCNode, object, seL4_WordBits,
                    seL4_AllRights, badge);
    return slot;
}

Objects make_objects() {
    Objects o;
    o.done = keel_alloc_object(seL4_EndpointObject, 0);
    for (unsigned a = 0; a < spaces; a++) {
        o.endpoint[a] = keel_alloc_object(seL4_EndpointObject, 0);
        o.notification[a] = keel_alloc_object(seL4_NotificationObject, 0);
        o.ack[a] = keel_alloc_object(seL4_NotificationObject, 0);
    }
    return o;
}

void fill_config(Config& c, unsigned a, const Objects& o) {
    c.space = a;
    c.done = o.done;
    c.server_ep = o.endpoint[a];
    for (unsigned k = 0; k < clients; k++) {
        unsigned client = first_client + k;
        c.client_ep[k] = minted(o.endpoint[client_target(a, client)], client_badge(a, client));
    }
    c.signal_next = minted(o.notification[(a + 1) % spaces], seL4_Word{1} << a);
    c.notification = o.notification[a];
    c.ack_own = o.ack[a];
    c.ack_previous = o.ack[(a + spaces - 1) % spaces];
}

// Shares a page holding the Config between the root task and the new address space.
bool share_config(const Config& c, unsigned a) {
    seL4_CPtr frame = keel_map_new_frame(seL4_CapInitThreadVSpace, config_root_va + a * 4096, seL4_ReadWrite);
    if (!frame) return false;
    *reinterpret_cast<Config*>(config_root_va + a * 4096) = c;
    seL4_CPtr copy = keel_alloc_slot();
    return seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, seL4_WordBits, seL4_CapInitThreadCNode, frame,
                           seL4_WordBits, seL4_CanRead) == seL4_NoError &&
           keel_map_frame(copy, c.vspace, config_va, seL4_CanRead) == 0;
}

// Spawns address space a's first thread and prepares the seven it starts itself. The root task
// runs above the workers, so none of them runs before it blocks.
bool build_space(unsigned a, const Objects& o) {
    keel_process_t process;
    if (keel_spawn_elf(stress_worker_start, stress_worker_end - stress_worker_start, priority, o.done, a,
                       &process) != 0) {
        return false;
    }
    Config c = {};
    c.vspace = process.vspace;
    c.tcb[0] = process.tcb;
    for (unsigned k = 1; k < threads; k++) {
        c.tcb[k] = keel_alloc_object(seL4_TCBObject, 0);
        c.ipc_frame[k] = keel_map_new_frame(process.vspace, ipc_buffer_va + k * 4096, seL4_ReadWrite);
        if (!c.tcb[k] || !c.ipc_frame[k]) return false;
    }
    fill_config(c, a, o);
    return share_config(c, a);
}

struct Tally {
    seL4_Word calls = 0, signals = 0, waits = 0, errors = 0, reports = 0;
};

// Collects one report per client, signaller and waiter. A fault message arriving instead fails.
bool collect_reports(seL4_CPtr done, Tally& t) {
    constexpr seL4_Word expected = spaces * (clients + 2);
    while (t.reports < expected) {
        seL4_MessageInfo_t info = seL4_Recv(done, nullptr);
        if (seL4_MessageInfo_get_label(info) != label_done) {
            keel_printf("stress: a worker faulted (fault label %lu, first word 0x%lx)\n",
                        seL4_MessageInfo_get_label(info), seL4_GetMR(0));
            return false;
        }
        seL4_Word role = seL4_GetMR(0), count = seL4_GetMR(3);
        (role == role_client ? t.calls : role == role_signaller ? t.signals : t.waits) += count;
        t.errors += seL4_GetMR(4);
        t.reports++;
    }
    return true;
}

// Asks both servers of every endpoint how many calls they answered (each answers once, then stops).
seL4_Word served_calls(const Objects& o) {
    seL4_Word served = 0;
    for (unsigned a = 0; a < spaces; a++) {
        for (unsigned server = 0; server < first_client; server++) {
            seL4_Call(o.endpoint[a], seL4_MessageInfo_new(label_report, 0, 0, 0));
            served += seL4_GetMR(0);
        }
    }
    return served;
}

}  // namespace

int main(seL4_BootInfo*) {
    Objects o = make_objects();
    for (unsigned a = 0; a < spaces; a++) {
        if (!build_space(a, o)) {
            keel_printf("stress: could not build address space %u\n", a);
            return 1;
        }
    }
    keel_printf("stress: %u threads in %u address spaces running\n", spaces * threads, spaces);
    Tally t;
    if (!collect_reports(o.done, t)) return 2;
    seL4_Word served = served_calls(o);
    seL4_Word operations = 2 * t.calls + 2 * t.signals + 2 * t.waits;
    keel_printf("stress: %lu calls made, %lu answered, %lu signals sent, %lu received, %lu errors\n", t.calls,
                served, t.signals, t.waits, t.errors);
    bool accounted = t.calls == spaces * clients * calls_per_client && served == t.calls &&
                     t.signals == spaces * signals_per_pair && t.waits == t.signals && t.errors == 0;
    keel_printf("stress: %lu operations, %s\n", operations,
                accounted ? "every message accounted for" : "MESSAGES LOST OR CORRUPTED");
    return accounted ? 0 : 3;
}
