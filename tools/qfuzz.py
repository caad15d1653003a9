#!/usr/bin/env python3
"""Runs the QEMU fuzzer root task (user/qfuzz) for seeds S, S+1, ... until the time is spent.

  qfuzz.py --kernel IMG --elf keel_qfuzz.elf [--arch x86_64|riscv64|aarch64] [--seed S] [--seconds N] [--steps K] [--timeout T] [--out DIR]
      Each boot gets a copy of the ELF with seed and step count written into its seed block
      (user/qfuzz/README.md) and is judged by tests/qemu/run.py: a clean halt after
      `QFUZZ-END`, a clean final invariant check, no kernel panic, no malformed fault message.
      Stops at the first failing boot, prints the seed that reproduces it; exit status 1.
  qfuzz.py patch --elf IN --out OUT --seed S --steps K
      Only writes the patched ELF (for booting one seed by hand or under ./keel debug).
"""
import argparse
import os
import re
import struct
import subprocess
import sys
import time

MAGIC = b"QFUZZ-SEED-BLOCK"
RUN_PY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "qemu", "run.py")
# Lines the root task prints when it sees something wrong (not the kernel's own failure modes,
# which run.py judges: KERNEL PANIC, the exit status, a hang).
REJECT = r"QFUZZ-BAD-FAULT-MESSAGE.*|QFUZZ-ROOT-FAULT.*|QFUZZ-CHECK-FAILED.*|QFUZZ-SETUP.*|QFUZZ-REGISTERS-LOST.*"


def patch(elf_bytes, seed, steps):
    at = elf_bytes.find(MAGIC)
    if at < 0 or elf_bytes.find(MAGIC, at + 1) >= 0:
        raise SystemExit("qfuzz.py: the ELF has no single seed block (is it keel_qfuzz.elf?)")
    block = struct.pack("<QQ", seed, steps)
    end = at + len(MAGIC)
    return elf_bytes[:end] + block + elf_bytes[end + len(block):]


def boot(args, seed):
    """Boots one seed; returns (ok, steps done, log path, run.py's complaints)."""
    elf = os.path.join(args.out, f"keel_qfuzz-{seed}.elf")
    log = os.path.join(args.out, f"qfuzz-{seed}.log")
    with open(args.elf, "rb") as f:
        image = patch(f.read(), seed, args.steps)
    with open(elf, "wb") as f:
        f.write(image)
    cmd = [sys.executable, RUN_PY, "boot", "--arch", args.arch, "--kernel", args.kernel, "--module", elf, "--exit", "halt",
           "--timeout", str(args.timeout), "--log", log, "--reject", REJECT,
           "--expect", rf"QFUZZ-END steps={args.steps} seed={seed}\b",
           "--expect", "Invariants: every derivation chain from the [0-9]+ root CNode slots checked: clean"]
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    done = 0
    if os.path.exists(log):
        with open(log) as f:
            for m in re.finditer(r"^QFUZZ(?:-END)? steps=(\d+)", f.read(), re.MULTILINE):
                done = int(m.group(1))
    if result.returncode == 0:
        os.remove(elf)  # a passing seed is rebuilt from its number; keep only failures
    return result.returncode == 0, done, log, result.stdout


def campaign(args):
    os.makedirs(args.out, exist_ok=True)
    start = time.monotonic()
    boots = steps = 0
    seed = args.seed
    while boots == 0 or time.monotonic() - start < args.seconds:
        ok, done, log, complaints = boot(args, seed)
        boots += 1
        steps += done
        print(f"seed {seed}: {done} steps, {'ok' if ok else 'FAILED'}", flush=True)
        if not ok:
            print(complaints.rstrip())
            print(f"qfuzz: seed {seed} fails (log {log}); reproduce with: ./keel fuzz --qemu --seed {seed} "
                  f"--seconds 0 --steps {args.steps}")
            print(f"qfuzz: {boots} boots, {steps} steps, 1 failure")
            return 1
        seed += 1
    print(f"qfuzz: {boots} boots, {steps} steps, 0 failures in {time.monotonic() - start:.0f} s")
    return 0


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "patch":
        p = argparse.ArgumentParser(prog="qfuzz.py patch")
        p.add_argument("--elf", required=True)
        p.add_argument("--out", required=True)
        p.add_argument("--seed", type=int, required=True)
        p.add_argument("--steps", type=int, default=20000)
        args = p.parse_args(sys.argv[2:])
        with open(args.elf, "rb") as f:
            image = patch(f.read(), args.seed, args.steps)
        with open(args.out, "wb") as f:
            f.write(image)
        return 0
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kernel", required=True)
    p.add_argument("--elf", required=True)
    p.add_argument("--arch", choices=["x86_64", "riscv64", "aarch64"], default="x86_64")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--seconds", type=float, default=600)
    p.add_argument("--steps", type=int, default=20000, help="steps per boot")
    p.add_argument("--timeout", type=float, default=120, help="seconds per boot before it counts as a hang")
    p.add_argument("--out", default="build/qfuzz")
    return campaign(p.parse_args())


if __name__ == "__main__":
    sys.exit(main())
