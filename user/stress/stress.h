// The IPC stress test's shared layout: 64 threads in 8 address spaces. In each address space
// threads 0 and 1 serve one endpoint, threads 2 to 5 Call the servers of other address spaces,
// thread 6 signals the next address space's thread 7 and waits for its acknowledgement.
#pragma once

#include <keel/arch.h>
#include <sel4/sel4.h>

namespace stress {

constexpr unsigned spaces = 8;
constexpr unsigned threads = 8;
constexpr unsigned first_client = 2, clients = 4;
constexpr unsigned signaller = 6, waiter = 7;
constexpr seL4_Word calls_per_client = 12500;
constexpr seL4_Word signals_per_pair = 6250;
constexpr seL4_Word priority = 100;

// Thread k's IPC buffer is page k from here (thread 0's is where keel_spawn_elf puts a child's).
constexpr seL4_Word ipc_buffer_va = KEEL_CHILD_IPC_BUFFER_VADDR;
constexpr seL4_Word config_va = ipc_buffer_va + threads * 4096;

// Message labels: a finished thread reports to the root task; the root asks a server for its count.
constexpr seL4_Word label_done = 0x5d0e;
constexpr seL4_Word label_report = 0x7e90;

enum Role : seL4_Word { role_client, role_signaller, role_waiter };

// The badge of client k of address space a, and the server endpoint it calls.
constexpr seL4_Word client_badge(unsigned a, unsigned k) { return a * threads + k + 1; }
constexpr unsigned client_target(unsigned a, unsigned k) { return (a + k - 1) % spaces; }

// What the root task tells each address space, in a page mapped at config_va.
struct Config {
    seL4_Word space;
    seL4_CPtr vspace;
    seL4_CPtr done;                      // endpoint for reports and faults
    seL4_CPtr tcb[threads];              // tcb[0] is the thread the spawner started
    seL4_CPtr ipc_frame[threads];
    seL4_CPtr server_ep;                 // this address space's endpoint, unbadged
    seL4_CPtr client_ep[clients];        // badged caps to client_target's endpoint
    seL4_CPtr signal_next;               // the next space's notification, badge 1 << space
    seL4_CPtr notification;              // this space's notification
    seL4_CPtr ack_own;                   // this space's acknowledgement notification
    seL4_CPtr ack_previous;              // the previous space's acknowledgement notification
};
static_assert(sizeof(Config) <= 4096);

}  // namespace stress
