#!/usr/bin/env python3
"""Instruction-by-instruction trace of system calls in the benchmark program.

Boots the benchmark kernel and root task under QEMU (-icount shift=0, waiting for gdb), lets the
program run until the function `--caller` has made `--skip` Calls (seL4_SysCall, which every
invocation uses too), then single-steps and prints every instruction between two TSC reads around
a system call, with the function it belongs to, followed by a count per function: the
instructions the benchmark's numbers count. By default: the first IPC benchmark (0 words, both
threads in the root task's address space), one-way Call from the client's TSC read to the
server's, and one-way ReplyRecv back.

    tools/ipc_trace.py --build build/bench [--skip 40]
    tools/ipc_trace.py --caller main --skip 10 --syscalls Call,Call --steps 3000  # Map, Unmap
    tools/ipc_trace.py --caller main --skip 20 --syscalls Yield --steps 600  # Yield
    tools/ipc_trace.py --config mcs --build build/bench-mcs --caller main --skip 20 --syscalls Yield --steps 1200

gdb stops at every system call only once the caller has started (the calls of the boot and of the
benchmarks before it are not stepped through one by one), and a segment ends at a TSC read in user
mode only (an MCS kernel reads the TSC at every entry). On MCS the traced call may find its time
slice over and run twice (the system call restarted): under gdb the kernel's clock does not read
what it reads in the benchmark, so count one of the two entries.
"""
import argparse
import os
import socket
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RUN_PY = os.path.join(HERE, "..", "tests", "qemu", "run.py")

# Runs inside gdb: reach a Call, step through a whole round trip, write one line per instruction.
GDB_SCRIPT = r'''
import gdb

def reg(name):
    return int(gdb.parse_and_eval("$" + name)) & 0xffffffffffffffff

gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("target remote :%(port)d")
gdb.execute("hbreak *%(caller_start)#x")
gdb.execute("continue")
gdb.execute("delete")
gdb.execute("hbreak *%(entry)#x")
gdb.execute("continue")
calls = 0
while True:
    if reg("rdx") == %(counted)#x and %(caller_start)#x <= reg("rcx") < %(caller_end)#x:
        calls += 1
        if calls > %(skip)d:
            break
    gdb.execute("continue")
gdb.execute("delete")
# Back to the user instruction after the syscall, so the trace starts in a fresh iteration.
gdb.execute("hbreak *%%#x" %% reg("rcx"))
gdb.execute("continue")
gdb.execute("delete")
with open(%(out)r, "w") as out:
    for _ in range(%(steps)d):
        pc = reg("pc")
        frame = gdb.selected_frame()
        text = gdb.execute("x/i $pc", to_string=True).strip().split(":", 1)[-1].strip()
        block = gdb.block_for_pc(pc)
        fn = block.function.name if block is not None and block.function is not None else ""
        if not fn:
            sym = gdb.execute("info symbol %%#x" %% pc, to_string=True).strip()
            fn = sym.split(" in section")[0] if "No symbol" not in sym else "?"
        out.write("%%#x\t%%#x\t%%s\t%%s\n" %% (pc, reg("rdx"), fn, text))
        gdb.execute("stepi")
gdb.execute("kill")
'''


# seL4 16.0.0's system-call numbers, as libsel4 puts them in rdx (libsel4's syscall.xml: api-master, api-mcs).
SYSCALLS = {
    "classic": {"Call": -1, "ReplyRecv": -2, "Send": -3, "NBSend": -4, "Recv": -5, "Reply": -6, "Yield": -7,
                "NBRecv": -8},
    "mcs": {"Call": -1, "ReplyRecv": -2, "NBSendRecv": -3, "NBSendWait": -4, "Send": -5, "NBSend": -6, "Recv": -7,
            "NBRecv": -8, "Wait": -9, "NBWait": -10, "Yield": -11},
}
KERNEL_HALF = 1 << 63  # x86_64: the kernel's addresses
MASK = 0xffffffffffffffff


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def symbol_range(elf, name):
    """[start, end) of the symbol whose demangled name starts with `name`."""
    out = subprocess.run(["llvm-nm-19", "-C", "-S", elf], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4 and (parts[3] == name or parts[3].startswith(name + "(")):
            start = int(parts[0], 16)
            return start, start + int(parts[1], 16)
    sys.exit(f"ipc_trace: no symbol {name} in {elf}")


def segments(rows):
    """Splits the trace at each rdtsc: (instructions after one TSC read up to the next, syscall)."""
    out, current, syscall = [], [], None
    for pc, rdx, fn, text in rows:
        if text.startswith("rdtsc") and pc < KERNEL_HALF:
            if current:
                out.append((current, syscall))
            current, syscall = [], None
            continue
        if text.startswith("syscall"):
            syscall = rdx
        current.append((pc, fn, text))
    return out


def report(title, seg):
    print(f"\n== {title}: {len(seg)} instructions ==")
    counts = []
    for pc, fn, text in seg:
        print(f"  {pc:#018x}  {fn[:48]:48}  {text}")
        fn = fn.split(" + ")[0]
        if counts and counts[-1][0] == fn:
            counts[-1][1] += 1
        else:
            counts.append([fn, 1])
    print(f"-- {title} by function, in order --")
    for fn, n in counts:
        print(f"  {n:4}  {fn}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build/bench")
    ap.add_argument("--caller", default="(anonymous namespace)::measure_ipc",
                    help="the user function whose system calls are counted")
    ap.add_argument("--skip", type=int, default=40,
                    help="system calls of the first kind in --syscalls the caller makes before tracing")
    ap.add_argument("--syscalls", default="Call,ReplyRecv", help="which system calls to show, in this order")
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--config", choices=sorted(SYSCALLS), default="classic", help="the kernel's system-call numbers")
    args = ap.parse_args()
    syscalls = SYSCALLS[args.config]
    first = args.syscalls.split(",")[0]
    kernel_elf = os.path.join(args.build, "kernel", "keel.elf")
    user_elf = os.path.join(args.build, "user", "keel_bench.elf")
    port = free_port()
    cmd = subprocess.run([sys.executable, RUN_PY, "qemu-command", "--kernel", os.path.join(args.build, "keel.img"),
                          "--module", user_elf, "--icount", "--gdb"], capture_output=True, text=True, check=True).stdout
    cmd = cmd.strip().replace("-s -S", f"-gdb tcp::{port} -S")
    qemu = subprocess.Popen(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            trace = os.path.join(tmp, "trace.tsv")
            script = os.path.join(tmp, "trace.py")
            with open(script, "w") as f:
                caller_start, caller_end = symbol_range(user_elf, args.caller)
                f.write(GDB_SCRIPT % {"port": port, "entry": symbol_range(kernel_elf, "syscall_entry")[0],
                                      "caller_start": caller_start, "caller_end": caller_end,
                                      "counted": syscalls[first] & MASK, "skip": args.skip, "steps": args.steps, "out": trace})
            subprocess.run(["gdb", "-nx", "-batch", "-ex", "set architecture i386:x86-64", "-ex", f"file {kernel_elf}",
                            "-ex", f"add-symbol-file {user_elf}", "-x", script],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
            rows = []
            with open(trace) as f:
                for line in f:
                    pc, rdx, fn, text = line.rstrip("\n").split("\t", 3)
                    rows.append((int(pc, 16), int(rdx, 16), fn, text))
    finally:
        os.killpg(qemu.pid, 9)
    found = {}
    for seg, syscall in segments(rows):
        name = {number & MASK: name for name, number in syscalls.items()}.get(syscall)
        if name:
            found.setdefault(name, []).append(seg)
    for name in args.syscalls.split(","):
        if not found.get(name):
            sys.exit(f"ipc_trace: no complete {name} in {args.steps} steps")
        report(f"{name}, from the TSC read before it to the next one", found[name].pop(0))


if __name__ == "__main__":
    main()
