// What the benchmark root task and its server in another address space share: the sample
// counts, the counter read, and the server loop with the timestamps it takes.
#pragma once

#include <keel/ipc.h>
#include <sel4/sel4.h>
#include "bench_arch.h"

namespace bench {

constexpr int warmup = 16, runs = 256, samples = warmup + runs;

// Where the server of another address space finds its IpcTimes (next to its IPC buffer).
constexpr seL4_Word remote_times_va = KEEL_CHILD_IPC_BUFFER_VADDR + 4096;

// The low 32 bits of the counter: enough for differences, and two of them fit a page of samples.
inline seL4_Uint32 stamp() { return static_cast<seL4_Uint32>(counter()); }

// The server's side of one IPC benchmark: when each Call arrived and when each reply left.
struct IpcTimes {
    seL4_CPtr ep;
    seL4_Word words;
    seL4_Uint32 call_end[samples + 1];
    seL4_Uint32 reply_start[samples];
};
static_assert(sizeof(IpcTimes) <= 4096);

// Answers `samples` Calls with `words`-word replies, timestamping each as sel4bench does.
inline void serve(volatile IpcTimes& t) {
    seL4_Word badge;
    seL4_MessageInfo_t reply = seL4_MessageInfo_new(0, 0, 0, t.words);
    keel_recv(t.ep, &badge);
    t.call_end[0] = stamp();
    for (int i = 0; i < samples; i++) {
        t.reply_start[i] = stamp();
        keel_reply_recv(t.ep, reply, &badge);
        t.call_end[i + 1] = stamp();
    }
}

}  // namespace bench
