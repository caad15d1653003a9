#!/usr/bin/env python3
"""Boots Keel under QEMU (TCG) and judges what it prints on the serial port.

  run.py boot --kernel IMG [--module ELF] [--arch x86_64|riscv64|aarch64] [--machine pc|q35|virt,...] [--memory SIZE] [--no-1g-pages] [--expect REGEX]...
              [--reject REGEX]... [--exit halt|boot-error|panic|none] [--until REGEX] [--tap FILE] [--log FILE]
              [--timeout S] [--test-timeout S] [--grace S]
      Exit status 0 when the run met every expectation and printed nothing matching a --reject. With --tap, TAP lines are echoed and
      stored in FILE (a test that exceeds --test-timeout, or never ran, is written as not ok).
      tap_result.sh then reads FILE: one CTest test per conformance test.
      With --until, QEMU is stopped as soon as a line matches REGEX and its exit status is not
      judged: for kernels that cannot stop QEMU (seL4, or Keel without isa-debug-exit).
      --arch riscv64 boots an ELF kernel on QEMU virt through OpenSBI (-bios default), the module as
      -initrd, --append as the device tree's bootargs; --machine and the x86 options do not apply.
      --arch aarch64 boots an ELF kernel on QEMU virt (--machine: virt and its options, e.g.
      virt,gic-version=3 or virt,virtualization=on; --cpu, default cortex-a57) at EL1 (EL2 with
      virtualization=on), the device tree at the start of RAM, --append as its bootargs, the module
      placed by -device loader at 0x48000000 and named in the device tree's /chosen.
  run.py qemu-command ...   print the QEMU command line `boot` would use
"""
import argparse
import atexit
import os
import re
import select
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

import dtb_initrd

CPU = "Nehalem,-vme,+pdpe1gb,-xsave,-xsaveopt,-xsavec,-fsgsbase,-invpcid,+syscall,+lm,+rdtscp,enforce"
EXIT_PORT = 0xf4
EXIT_STATUS = {
    # isa-debug-exit turns the kernel's HaltReason value v into the exit status (v << 1) | 1.
    "x86_64": {"halt": 1, "boot-error": 3, "panic": 5},
    # An SBI shutdown ends QEMU with status 0 whatever the reason: the output tells them apart.
    "riscv64": {"halt": 0, "boot-error": 0, "panic": 0},
    # So does PSCI's SYSTEM_OFF on aarch64.
    "aarch64": {"halt": 0, "boot-error": 0, "panic": 0},
}


def console(args):
    # Interactive runs multiplex the QEMU monitor onto the terminal (Ctrl-A X quits).
    return ["-serial", "mon:stdio"] if getattr(args, "interactive", False) else ["-serial", "stdio", "-monitor", "none"]


def initrd(args):
    return ["-initrd", args.module] if args.module else []


def qemu_command(args, extra=()):
    commands = {"riscv64": riscv64_command, "aarch64": aarch64_command, "x86_64": x86_64_command}
    return commands[args.arch](args) + list(extra)


def riscv64_command(args):
    # OpenSBI (QEMU's default firmware) enters the -kernel ELF in S-mode with the device tree.
    cmd = ["qemu-system-riscv64", "-machine", "virt", "-accel", "tcg", "-m", args.memory, "-display", "none",
           *console(args), "-no-reboot", "-bios", "default", "-kernel", args.kernel, *initrd(args),
           *(["-append", args.append] if args.append else [])]
    if getattr(args, "icount", False):
        # instret then counts guest instructions, and the RTC (the latency benchmark's timer) QEMU's
        # virtual clock: one nanosecond per instruction
        cmd += ["-icount", "shift=0,sleep=off", "-rtc", "clock=vm"]
    if getattr(args, "dtb_initrd", None):
        cmd += ["-dtb", dtb_saying_initrd(["qemu-system-riscv64", "-machine", "virt"], args.memory, args.dtb_initrd)]
    return cmd


# Where the root task goes on aarch64: 128 MiB into QEMU virt's RAM, clear of the kernel image and
# of the device tree at its start.
AARCH64_ROOT_TASK_AT = 0x48000000


def aarch64_command(args):
    # QEMU enters a -kernel ELF at its entry point with x0 = 0, the device tree at the start of RAM;
    # it loads -initrd only for Linux images, so the root task goes in with -device loader and the
    # device tree handed over (-dtb) names it in /chosen.
    machine = args.machine if args.machine.startswith("virt") else "virt"
    cmd = ["qemu-system-aarch64", "-machine", machine, "-cpu", args.cpu, "-accel", "tcg", "-m", args.memory,
           "-display", "none", *console(args), "-no-reboot", "-kernel", args.kernel,
           *(["-append", args.append] if args.append else [])]
    if getattr(args, "icount", False):
        # PMCCNTR_EL0 (QEMU's virtual clock at 1 GHz) then counts guest instructions, and the
        # generic timer 62.5 MHz of them
        cmd += ["-icount", "shift=0,sleep=off"]
    initrd_at = args.dtb_initrd
    if args.module:
        size = os.path.getsize(args.module)
        cmd += ["-device", f"loader,file={args.module},addr={AARCH64_ROOT_TASK_AT:#x},force-raw=on"]
        initrd_at = f"{AARCH64_ROOT_TASK_AT:#x},{AARCH64_ROOT_TASK_AT + size:#x}"
    if initrd_at:
        # qemu-command's caller runs QEMU after run.py is gone: the device tree stays beside the kernel.
        keep_in = os.path.dirname(os.path.abspath(args.kernel)) if args.command == "qemu-command" else None
        cmd += ["-dtb", dtb_saying_initrd(["qemu-system-aarch64", "-machine", machine, "-cpu", args.cpu], args.memory,
                                          initrd_at, keep_in)]
    return cmd


def dtb_saying_initrd(qemu_machine, memory, initrd_at, keep_in=None):
    """The device tree of QEMU_MACHINE (a QEMU binary and its -machine and -cpu) with this much RAM,
    its /chosen saying the initrd is at INITRD_AT ("START,END"): in a temporary directory gone when
    run.py exits, or in KEEP_IN for a QEMU command line that outlives it (qemu-command)."""
    qemu, *machine = qemu_machine
    if keep_in:
        out = keep_in
        name = "-".join(["keel", *machine[1::2], memory, *initrd_at.split(",")]).replace(",", "_").replace("=", "_")
    else:
        out = tempfile.mkdtemp(prefix="keel-dtb-")
        atexit.register(shutil.rmtree, out, True)
        name = "initrd"
    plain, patched = os.path.join(out, name + ".plain.dtb"), os.path.join(out, name + ".dtb")
    machine[1] += f",dumpdtb={plain}"
    subprocess.run([qemu, *machine, "-m", memory, "-display", "none"], check=True, capture_output=True)
    start, end = initrd_at.split(",")
    dtb_initrd.main(plain, patched, start, end)
    return patched


def x86_64_command(args):
    serial = console(args) + ["-serial", "null"]  # COM2 (0x2f8, IRQ 3): a device for user-mode driver tests
    serial += ["-device", "edu"]  # a PCI device with MSI, for a user driver's NMI (INTERRUPT0006)
    cpu = CPU.replace("+pdpe1gb", "-pdpe1gb") if getattr(args, "no_1g_pages", False) else CPU
    cmd = ["qemu-system-x86_64", "-machine", args.machine, "-accel", "tcg", "-cpu", cpu, "-m", args.memory,
           "-display", "none", *serial, "-no-reboot", "-nodefaults",
           "-device", f"isa-debug-exit,iobase={EXIT_PORT:#x},iosize=0x04",
           "-kernel", args.kernel,
           "-append", f"console_port=0x3f8 keel_exit_port={EXIT_PORT:#x} {args.append}".strip(), *initrd(args)]
    if getattr(args, "icount", False):
        cmd += ["-icount", "shift=0,sleep=off"]  # the TSC then counts guest instructions
    return cmd


class Run:
    """A QEMU process whose serial output is read line by line with deadlines."""

    def __init__(self, cmd):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.buffer = b""
        self.output = []

    def lines(self, deadline):
        """Yields complete lines until QEMU exits or `deadline()` passes."""
        fd = self.proc.stdout.fileno()
        while True:
            while b"\n" in self.buffer:
                line, self.buffer = self.buffer.split(b"\n", 1)
                text = line.decode("utf-8", "replace").rstrip("\r")
                self.output.append(text)
                yield text
            left = deadline() - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([fd], [], [], min(left, 0.5))
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    if self.buffer:
                        self.buffer += b"\n"
                        continue
                    return
                self.buffer += chunk

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        if self.buffer:  # a last line without its newline (a kernel that fell quiet mid-line) counts too
            self.output.append(self.buffer.decode("utf-8", "replace").rstrip("\r"))
            self.buffer = b""
        return self.proc.returncode


def parse_tap(lines):
    """{name: (ok, line)} and the plan count."""
    results, plan = {}, None
    for line in lines:
        m = re.match(r"^(ok|not ok) (\d+) - (\S+)", line)
        if m:
            results[m.group(3)] = (m.group(1) == "ok", line)
        m = re.match(r"^1\.\.(\d+)$", line)
        if m:
            plan = int(m.group(1))
    return results, plan


def boot(args):
    run = Run(qemu_command(args))
    start = time.monotonic()
    hard_deadline = start + args.timeout
    test_started = [start]
    current = [None]
    timed_out_test = None
    expectations = [re.compile(e, re.MULTILINE) for e in args.expect]
    rejections = [re.compile(e, re.MULTILINE) for e in args.reject]
    last_output = [start]

    def deadline():
        d = hard_deadline
        if args.tap and current[0]:
            d = min(d, test_started[0] + args.test_timeout)
        if args.exit == "none":  # a kernel that keeps running: judge it once it falls quiet
            d = min(d, last_output[0] + args.grace)
        return d

    until = re.compile(args.until) if args.until else None
    for line in run.lines(deadline):
        last_output[0] = time.monotonic()
        if args.echo:
            print(line, flush=True)
        m = re.match(r"^# start (\S+)", line)
        if m:
            current[0], test_started[0] = m.group(1), time.monotonic()
        if re.match(r"^(ok|not ok) \d+ - ", line):
            current[0] = None
        if until and until.search(line):
            break
    now = time.monotonic()
    if args.tap and current[0] and now >= test_started[0] + args.test_timeout:
        timed_out_test = current[0]
    status = run.stop()
    output = "\n".join(run.output)
    if args.log:
        with open(args.log, "w") as f:
            f.write(output + "\n")

    problems = []
    for e in expectations:
        if not e.search(output):
            problems.append(f"expected output matching /{e.pattern}/ not seen")
    for e in rejections:
        m = e.search(output)
        if m:
            problems.append(f"output matching /{e.pattern}/ seen: {m.group(0)!r}")
    if "KERNEL PANIC" in output and args.exit != "panic":
        problems.append("the kernel panicked")
    if until:
        if not any(until.search(line) for line in run.output):
            problems.append(f"no line matching /{args.until}/ before the timeout")
    elif args.exit == "none":
        if status >= 0:
            problems.append(f"QEMU exited with status {status}; expected the kernel to keep running")
    elif status != EXIT_STATUS[args.arch][args.exit]:
        problems.append(f"QEMU exit status {status}, expected {EXIT_STATUS[args.arch][args.exit]} ({args.exit})"
                        + (" — timed out" if status < 0 else ""))
    if args.tap:
        problems += write_tap(args.tap, run.output, timed_out_test)
    for p in problems:
        print(f"run.py: {p}", file=sys.stderr)
    if problems and not args.echo:
        print("--- serial output (last 40 lines) ---", file=sys.stderr)
        print("\n".join(run.output[-40:]), file=sys.stderr)
    return 1 if problems else 0


def write_tap(path, output, timed_out_test):
    results, plan = parse_tap(output)
    problems = []
    lines = [line for _, line in results.values()]
    if timed_out_test:
        lines.append(f"not ok - {timed_out_test} timed out")
        problems.append(f"test {timed_out_test} timed out")
    if plan is None:
        problems.append("no TAP plan line")
    elif len(results) != plan:
        problems.append(f"TAP plan says {plan} tests, {len(results)} reported")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("boot", "qemu-command"):
        p = sub.add_parser(name)
        p.add_argument("--kernel", required=True)
        p.add_argument("--module")
        p.add_argument("--arch", choices=sorted(EXIT_STATUS), default="x86_64")
        p.add_argument("--machine", default="pc")
        p.add_argument("--memory", default="512M", help="the guest's RAM (QEMU -m)")
        p.add_argument("--cpu", default="cortex-a57", help="aarch64: the CPU (QEMU -cpu)")
        p.add_argument("--no-1g-pages", action="store_true", help="a CPU without 1 GiB pages (CPUID pdpe1gb off)")
        p.add_argument("--append", default="")
        p.add_argument("--dtb-initrd", metavar="START,END",
                       help="riscv64, aarch64: the device tree says the initrd is at [START, END), where nothing is loaded")
        p.add_argument("--expect", action="append", default=[])
        p.add_argument("--reject", action="append", default=[], help="fail when the output matches")
        p.add_argument("--exit", choices=["halt", "boot-error", "panic", "none"], default="halt")
        p.add_argument("--until", help="stop QEMU at the first line matching this; its exit status is not judged")
        p.add_argument("--tap")
        p.add_argument("--log")
        p.add_argument("--echo", action="store_true")
        p.add_argument("--icount", action="store_true", help="one TSC tick (x86_64) or instret count (riscv64) per guest instruction")
        p.add_argument("--timeout", type=float, default=120)
        p.add_argument("--test-timeout", type=float, default=30)
        p.add_argument("--grace", type=float, default=3.0,
                       help="with --exit none: stop once the serial port has been quiet this long")
        p.add_argument("--interactive", action="store_true", help="qemu-command only: monitor on the terminal")
        p.add_argument("--gdb", action="store_true", help="qemu-command only: wait for gdb on tcp::1234")
    args = parser.parse_args()
    if args.command == "boot":
        return boot(args)
    print(" ".join(shlex.quote(word) for word in qemu_command(args, ["-s", "-S"] if args.gdb else [])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
