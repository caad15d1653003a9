// Message transfer between threads, reply caps, and fault messages (seL4's ipc and faulthandler).
#pragma once
#include "object/tcb.h"

namespace core {

struct Endpoint;

// Moves the sender's message (or its fault message) to the receiver: message registers, the
// badge, extra caps (unwrapped when they name `ep` itself).
void do_ipc_transfer(Tcb& sender, Endpoint* ep, word badge, bool grant, Tcb& receiver);

// The caller blocks on reply; the receiver gets a reply cap to it in its Caller slot.
void setup_caller_cap(Tcb& caller, Tcb& receiver, bool can_grant);
// Gives a thread its master reply cap, the parent of every reply cap to it (at restart and boot).
void setup_reply_master(Tcb& t);
// A thread waiting for a reply stops waiting: the reply cap to it is deleted.
void cancel_reply(Tcb& t);
// Deletes the receiver's outstanding reply cap before it receives again.
void delete_caller_cap(Tcb& t);

// Answers the thread in `slot`'s reply cap with `sender`'s message (seL4's doReplyTransfer): a
// normal reply wakes it; a reply to a fault may rewrite registers and restarts it or not.
void do_reply_transfer(Tcb& sender, Tcb& receiver, Slot& slot, bool grant);

// MCS: answers the caller waiting on reply object `r`, if one is (seL4's doReplyTransfer).
void reply_through(Tcb& sender, struct Reply& r, bool grant);

// Sends fault `f` (with the lookup failure of a cap fault) to `thread`'s fault handler, recording
// both in the thread; false, recording nothing, when the handler cap cannot take it (seL4's
// sendFaultIPC).
bool send_fault_ipc(Tcb& thread, const Fault& f, const LookupFault& lookup);
// The same to the handler cap `handler` (MCS: the fault handler's, or the timeout handler's).
bool send_fault_ipc_to(Tcb& thread, const Cap& handler, const Fault& f, const LookupFault& lookup);

}  // namespace core
