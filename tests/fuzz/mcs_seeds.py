#!/usr/bin/env python3
"""Writes the MCS fuzzer's hand-made seeds (tests/fuzz/corpus_mcs/mcs-*): step sequences in
syscall_fuzz.cc's encoding (tests/fuzz/README.md) that reach what random bytes seldom do:
SchedControl_ConfigureFlags, SchedContext Bind/Unbind/Consumed/YieldTo, timeout endpoints, reply
objects and time passing. Usage: mcs_seeds.py DIR"""
import sys
from pathlib import Path

CALL, REPLY_RECV, NB_SEND_RECV, NB_SEND_WAIT, SEND, NB_SEND, RECV, NB_RECV, WAIT, NB_WAIT, YIELD = range(11)
TIME = 15
# MCS labels (seL4 16.0.0)
SET_SCHED_PARAMS, SET_TIMEOUT_EP, SUSPEND, RESUME = 8, 9, 12, 13
CONFIGURE, BIND, UNBIND, UNBIND_OBJECT, CONSUMED, YIELD_TO = 33, 34, 35, 36, 37, 38
CNODE_DELETE = 19
SCHED_CONTROL, FREE_SC, THREAD1_SC, THREAD2_SC, SPARE_SC = 61, 65, 63, 64, 66
EP, EP2, NTFN, TCB1, TCB2, REPLY = 10, 11, 12, 14, 15, 67


def value(v):
    return bytes([v]) if v < 0xF0 else bytes([0xF0]) + v.to_bytes(8, "big")


def syscall(op, cap, label=0, words=(), caps=(), reply=REPLY, dest=0):
    out = bytes([op, label, len(words), len(caps), 0]) + value(cap) + value(reply) + value(dest)
    out += b"".join(value(w) for w in words) + b"".join(value(c) for c in caps)
    return out + b"\0"


def time(units):  # units of 10 us
    return bytes([TIME]) + value(units)


def configure(sc, budget_us, period_us, refills=0, badge=0, flags=0):
    return syscall(CALL, SCHED_CONTROL, CONFIGURE, (budget_us, period_us, refills, badge, flags), (sc,))


SEEDS = {
    # The root (priority 100) runs first, thread 2 (110) whenever it can, thread 1 (100) after the root.
    # A sporadic context made and given to thread 1 in place of its own; time passes, it yields.
    "mcs-configure-bind": configure(FREE_SC, 1000, 10000, 2, 7, 1) + syscall(CALL, THREAD1_SC, UNBIND)
    + syscall(CALL, FREE_SC, BIND, caps=(TCB1,)) + time(50) + syscall(YIELD, 0) + time(200) + time(200)
    + syscall(CALL, FREE_SC, CONSUMED),
    # Thread 2 suspended; thread 1 on a small periodic budget with a timeout endpoint overruns it
    # while the root waits there, and the root answers the fault.
    "mcs-timeout": syscall(CALL, TCB2, SUSPEND) + syscall(CALL, TCB1, SET_TIMEOUT_EP, caps=(EP2,))
    + configure(THREAD1_SC, 300, 5000) + syscall(RECV, EP2) + time(100) + time(100)
    + syscall(REPLY_RECV, EP2) + time(200) + time(500),
    # Thread 2 waits in Recv with reply object 68, then loses its context: passive, it serves a
    # call on the caller's and answers with ReplyRecv, the context going back.
    "mcs-passive-server": syscall(YIELD, 0) + syscall(RECV, EP, reply=68) + syscall(CALL, THREAD2_SC, UNBIND)
    + syscall(CALL, EP, 0, (3,)) + syscall(REPLY_RECV, EP, 0, (4,), reply=68) + time(30) + syscall(CALL, EP, 0, (5,))
    + time(600) + syscall(REPLY_RECV, EP, 0, (6,), reply=68),
    # YieldTo another thread's context, then the context deleted under it.
    "mcs-yield-to": syscall(CALL, THREAD1_SC, YIELD_TO) + time(10) + syscall(CALL, THREAD2_SC, YIELD_TO) + time(10)
    + syscall(CALL, 2, CNODE_DELETE, (THREAD1_SC, 64)) + time(10),
    # A notification's context lent to a passive waiter: thread 2 waits on the notification, loses
    # its context, and a signal lends it the notification's.
    "mcs-notification": syscall(CALL, SPARE_SC, BIND, caps=(NTFN,)) + configure(SPARE_SC, 500, 2000, 1, 3, 1)
    + syscall(YIELD, 0) + syscall(WAIT, NTFN) + syscall(CALL, THREAD2_SC, UNBIND) + syscall(SEND, NTFN) + time(20)
    + syscall(WAIT, NTFN) + syscall(SEND, NTFN) + time(100),
    # NBSendRecv and NBSendWait through reply objects.
    "mcs-send-recv": syscall(YIELD, 0) + syscall(RECV, EP, reply=69) + syscall(NB_SEND_RECV, EP, 0, (5,), dest=EP, reply=70)
    + syscall(NB_SEND_WAIT, 69, 0, (6,), dest=NTFN) + time(5),
}


def main():
    out = Path(sys.argv[1])
    for name, data in SEEDS.items():
        (out / name).write_bytes(data)


if __name__ == "__main__":
    main()
