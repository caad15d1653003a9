// One address space of the IPC stress test (see stress.h): the first thread starts seven more,
// then all eight run their role and report their counts to the root task.
#include <keel/process.h>
#include <keel/runtime.h>
#include "stress.h"

using namespace stress;

namespace {

const Config& config = *reinterpret_cast<const Config*>(config_va);
alignas(16) unsigned char stacks[threads][16384];
alignas(64) unsigned char tls_blocks[threads][4096];

// A request of 1 to 8 words derived from the sequence number; the server answers with their sum.
seL4_Word request_length(seL4_Word seq) { return 1 + seq % 8; }
seL4_Word request_word(seL4_Word seq, seL4_Word i) { return seq * 31 + i * 7; }
seL4_Word expected_answer(seL4_Word seq, seL4_Word badge) {
    seL4_Word sum = 0;
    for (seL4_Word i = 0; i < request_length(seq); i++) sum += request_word(seq, i);
    return sum ^ badge;
}

void report(seL4_Word role, unsigned k, seL4_Word count, seL4_Word errors) {
    seL4_SetMR(0, role);
    seL4_SetMR(1, config.space);
    seL4_SetMR(2, k);
    seL4_SetMR(3, count);
    seL4_SetMR(4, errors);
    seL4_Send(config.done, seL4_MessageInfo_new(label_done, 0, 0, 5));
    seL4_TCB_Suspend(config.tcb[k]);
}

void run_client(unsigned k) {
    seL4_CPtr ep = config.client_ep[k - first_client];
    seL4_Word badge = client_badge(static_cast<unsigned>(config.space), k), errors = 0;
    for (seL4_Word seq = 0; seq < calls_per_client; seq++) {
        for (seL4_Word i = 0; i < request_length(seq); i++) seL4_SetMR(i, request_word(seq, i));
        seL4_MessageInfo_t reply = seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, request_length(seq)));
        if (seL4_MessageInfo_get_length(reply) != 1 || seL4_GetMR(0) != expected_answer(seq, badge)) errors++;
    }
    report(role_client, k, calls_per_client, errors);
}

[[noreturn]] void run_server(unsigned k) {
    seL4_Word badge, served = 0;
    seL4_MessageInfo_t request = seL4_Recv(config.server_ep, &badge);
    while (seL4_MessageInfo_get_label(request) != label_report) {
        seL4_Word sum = 0;
        for (seL4_Word i = 0; i < seL4_MessageInfo_get_length(request); i++) sum += seL4_GetMR(i);
        seL4_SetMR(0, sum ^ badge);
        served++;
        request = seL4_ReplyRecv(config.server_ep, seL4_MessageInfo_new(0, 0, 0, 1), &badge);
    }
    seL4_SetMR(0, served);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 1));
    seL4_TCB_Suspend(config.tcb[k]);
    for (;;) {}
}

void run_signaller() {
    for (seL4_Word n = 0; n < signals_per_pair; n++) {
        seL4_Signal(config.signal_next);
        seL4_Wait(config.ack_own, nullptr);
    }
    report(role_signaller, signaller, signals_per_pair, 0);
}

void run_waiter() {
    seL4_Word expected = seL4_Word{1} << ((config.space + spaces - 1) % spaces), errors = 0, received = 0;
    while (received < signals_per_pair) {
        seL4_Word badge;
        seL4_Wait(config.notification, &badge);
        if (badge != expected) errors++;
        received++;
        seL4_Signal(config.ack_previous);
    }
    report(role_waiter, waiter, received, errors);
}

void run_role(unsigned k) {
    if (k < first_client) run_server(k);
    if (k < first_client + clients) run_client(k);
    if (k == signaller) run_signaller();
    if (k == waiter) run_waiter();
}

// Each thread finds its number from its IPC buffer: page k after ipc_buffer_va.
[[noreturn]] void thread_main() {
    run_role(static_cast<unsigned>((reinterpret_cast<seL4_Word>(seL4_GetIPCBuffer()) - ipc_buffer_va) / 4096));
    for (;;) {}
}

bool start_thread(unsigned k) {
    auto* buffer = reinterpret_cast<seL4_IPCBuffer*>(ipc_buffer_va + k * 4096);
    return keel_start_thread(config.tcb[k], thread_main, stacks[k] + sizeof(stacks[k]), tls_blocks[k], buffer,
                             config.ipc_frame[k], priority, config.done, config.vspace) == seL4_NoError;
}

}  // namespace

int main(seL4_BootInfo*) {
    if (keel_tls_size() > sizeof(tls_blocks[0]) || keel_tls_align() > 64) return 1;
    for (unsigned k = 1; k < threads; k++) {
        if (!start_thread(k)) return 2;
    }
    run_server(0);
}
