#!/usr/bin/env python3
"""Fails the kernel build if the kernel recurses or can overflow its stack.

Frame sizes come from the compiler's -fstack-usage files; the call graph from the direct calls
and tail jumps in the linked kernel's disassembly. An indirect call may reach any compiled function
whose address compiled code takes (the console's format sinks, for one); the addresses of assembly
entry points (the syscall and trap stubs, the boot path) go to the CPU, not to calls. Jumps
through a switch table stay inside their function. A function's depth is its frame, its return
address where the call pushes one (x86_64; on riscv64 `ra` and on aarch64 x30 are saved in the
callee's frame) and its deepest callee. Kernel entries start on an empty kernel stack, except a trap
taken in kernel mode that stays on the current stack (x86_64: any; riscv64: an exception, which
panics; aarch64: any exception so far, the boot skeleton's), which is counted on top of the deepest
entry.
"""
import argparse
import dataclasses
import pathlib
import re
import subprocess
import sys

FUNCTION = re.compile(r"^([0-9a-f]+) <([^>]+)>:$")
REFERENCE = re.compile(r"<([^>+]+)>$")


@dataclasses.dataclass
class Arch:
    entries: list          # C functions the entry code starts on an empty kernel stack
    kernel_trap: str       # the C function a kernel-mode trap runs on the current stack
    trap_frame: int        # what the CPU and the stub push before it
    return_address: int    # what a call pushes
    call: re.Pattern       # a direct call or jump to another function: group 1 its name
    indirect: re.Pattern   # a call through a register
    switch: re.Pattern     # a jump through a switch table, inside the function


X86_64 = Arch(
    entries=["boot_main", "c_handle_syscall", "c_handle_user_trap"],
    kernel_trap="c_handle_kernel_trap",
    trap_frame=5 * 8 + 2 * 8 + 15 * 8,  # CPU frame, vector and error code, general registers
    return_address=8,
    # call and jmp, and a conditional jump that leaves the function (a conditional tail call)
    call=re.compile(r"\s(?:callq?|jmpq?|j[a-z]+)\s+(?:0x)?[0-9a-f]+ <([^>+]+)>$"),
    indirect=re.compile(r"\s(callq?|jmpq?)\s+\*"),
    switch=re.compile(r"\sjmpq?\s+\*-?(?:0x)?[0-9a-f]*\(,%\w+,8\)"),
)

RISCV64 = Arch(
    entries=["boot_main", "c_handle_syscall", "c_handle_exception", "c_handle_interrupt", "c_handle_kernel_interrupt"],
    kernel_trap="c_handle_kernel_exception",
    trap_frame=0,  # src/trap.S's kernel_trap pushes nothing
    return_address=0,
    # jal and j, and a conditional branch that leaves the function (a conditional tail call)
    call=re.compile(r"\s(?:jal|j|call|tail|b[a-z]+)\s+(?:[\w ,]*,\s*)?(?:0x)?[0-9a-f]+ <([^>+]+)>$"),
    indirect=re.compile(r"\sjalr\s"),
    switch=re.compile(r"\sjr\s"),  # clang's switch tables: ld from the table, then jr
)

AARCH64 = Arch(
    entries=["boot_main", "handle_user_entry"],
    kernel_trap="handle_exception",
    trap_frame=24 * 8,  # src/vectors.S: x0..x18, x30, ELR_EL1 and SPSR_EL1
    return_address=0,
    # bl and b, and a conditional branch that leaves the function (b.cond, cbz, cbnz, tbz, tbnz)
    call=re.compile(r"\s(?:bl|b|b\.\w+|cbn?z|tbn?z)\s+(?:[\w#, ]*,\s*)?(?:0x)?[0-9a-f]+ <([^>+]+)>$"),
    indirect=re.compile(r"\sblr\s"),
    switch=re.compile(r"\sbr\s"),  # clang's switch tables: the target from the table, then br
)

ARCHES = {"x86_64": X86_64, "riscv64": RISCV64, "aarch64": AARCH64}

# Code that takes a function's address: x86_64 names it (rip-relative lea) or holds it as an
# immediate (kernel code model, sign-extended); riscv64 forms it with auipc and addi, aarch64 with
# adrp (objdump prints the page) and add.
IMMEDIATE = re.compile(r"\$(-?0x[0-9a-f]+)")
AUIPC = re.compile(r"^\s*([0-9a-f]+):\s+auipc\s+(\w+),\s*(0x[0-9a-f]+|\d+)$")
ADDI = re.compile(r"\saddi\s+\w+,\s*(\w+),\s*(-?(?:0x)?[0-9a-f]+)$")
ADRP = re.compile(r"\sadrp\s+(\w+),\s*0x([0-9a-f]+)")
ADD_LOW = re.compile(r"\sadd\s+\w+,\s*(\w+),\s*#(0x[0-9a-f]+|\d+)$")


def frame_sizes(su_dir):
    sizes = {}
    for su in pathlib.Path(su_dir).rglob("*.su"):
        for line in su.read_text().splitlines():
            where, size, _kind = line.rsplit("\t", 2)
            name = where.rsplit(":", 1)[1]
            sizes[name] = max(sizes.get(name, 0), int(size))
    return sizes


class AddressTracker:
    """The addresses a function's code forms: named, immediate, auipc + addi or adrp + add."""

    def __init__(self):
        self.found, self.upper = set(), {}

    def scan(self, line):
        self.found.update(REFERENCE.findall(line))
        self.found.update(int(v, 16) & (2**64 - 1) for v in IMMEDIATE.findall(line))
        if m := AUIPC.match(line):
            self.upper[m.group(2)] = int(m.group(1), 16) + (int(m.group(3), 0) << 12)
        elif m := ADRP.search(line):
            self.upper[m.group(1)] = int(m.group(2), 16)
        elif (m := ADDI.search(line) or ADD_LOW.search(line)) and m.group(1) in self.upper:
            self.found.add((self.upper[m.group(1)] + int(m.group(2), 0)) & (2**64 - 1))


def call_graph(objdump, elf, compiled, arch):
    text = subprocess.run([objdump, "-d", "--no-show-raw-insn", elf], check=True, capture_output=True, text=True)
    graph, starts, indirect, current = {}, {}, set(), None
    addresses = AddressTracker()
    for line in text.stdout.splitlines():
        m = FUNCTION.match(line)
        if m:
            current = m.group(2)
            starts[int(m.group(1), 16)] = current
            graph[current] = set()
            addresses.upper.clear()  # a page formed in one function is no address in the next
        elif current not in compiled or arch.switch.search(line):
            continue
        elif arch.indirect.search(line):
            indirect.add(current)
        elif m := arch.call.search(line):
            if m.group(1) != current:
                graph[current].add(m.group(1))
        else:
            addresses.scan(line)
    address_taken = {starts.get(r, r) for r in addresses.found} & compiled
    for caller in indirect:
        graph[caller] |= address_taken - {caller}
    return graph, address_taken


def deepest(graph, sizes, return_address):
    """Depth and path of the deepest call chain from each function; raises on recursion."""
    memo, on_path = {}, []

    def visit(f):
        if f in memo:
            return memo[f]
        if f in on_path:
            cycle = on_path[on_path.index(f):] + [f]
            raise RecursionError(" -> ".join(cycle))
        on_path.append(f)
        below, path = 0, []
        for callee in sorted(graph.get(f, ())):
            d, p = visit(callee)
            if d > below:
                below, path = d, p
        on_path.pop()
        memo[f] = (sizes.get(f, 0) + return_address + below, [f] + path)
        return memo[f]

    return visit


def readable(names, cxxfilt, sep=" -> "):
    out = subprocess.run([cxxfilt], input="\n".join(names), capture_output=True, text=True, check=True).stdout
    out = out.replace("(anonymous namespace)", "{anon}")
    return sep.join(n.split("(")[0] for n in out.split("\n") if n)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--elf", required=True)
    p.add_argument("--su-dir", required=True)
    p.add_argument("--stack-bytes", type=int, required=True)
    p.add_argument("--arch", choices=sorted(ARCHES), default="x86_64")
    p.add_argument("--objdump", default="llvm-objdump-19")
    p.add_argument("--cxxfilt", default="llvm-cxxfilt-19")
    args = p.parse_args()
    arch = ARCHES[args.arch]
    sizes = frame_sizes(args.su_dir)
    graph, address_taken = call_graph(args.objdump, args.elf, set(sizes), arch)
    targets = readable(sorted(address_taken), args.cxxfilt, ", ") or "nothing"
    print(f"stack check: indirect calls may reach {targets}")
    visit = deepest(graph, sizes, arch.return_address)
    try:
        entries = [(visit(e), e) for e in arch.entries if e in graph]
        (depth, path), _ = max(entries)
        trap_depth, trap_path = visit(arch.kernel_trap)
    except RecursionError as cycle:
        sys.exit(f"stack check: the kernel recurses: {cycle}")
    worst = depth + arch.trap_frame + trap_depth
    print(f"stack check: deepest entry {depth} bytes: {readable(path, args.cxxfilt)}")
    print(f"stack check: worst case with a kernel-mode trap on top: {worst} of {args.stack_bytes} bytes "
          f"({readable(trap_path, args.cxxfilt)})")
    if worst > args.stack_bytes:
        sys.exit("stack check: the kernel stack can overflow")


if __name__ == "__main__":
    main()
