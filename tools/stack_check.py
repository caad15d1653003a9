#!/usr/bin/env python3
"""Fails the kernel build if the kernel recurses or can overflow its stack.

Frame sizes come from the compiler's -fstack-usage files; the call graph from the direct calls
and tail jumps in the linked kernel's disassembly. An indirect call may reach any compiled function
whose address compiled code takes (the console's format sinks, for one); the addresses of assembly
entry points (the syscall and trap stubs, the boot path) go to the CPU, not to calls. Jumps
through a switch table stay inside their function. A function's depth is its frame, its return address and its deepest callee. Kernel entries start on an empty kernel stack, except an
interrupt or exception taken in kernel mode, which is counted on top of the deepest entry.
"""
import argparse
import pathlib
import re
import subprocess
import sys

ENTRIES = ["boot_main", "c_handle_syscall", "c_handle_user_trap"]
KERNEL_TRAP = "c_handle_kernel_trap"
TRAP_FRAME = 5 * 8 + 2 * 8 + 15 * 8  # CPU frame, vector and error code, general registers
RETURN_ADDRESS = 8

FUNCTION = re.compile(r"^([0-9a-f]+) <([^>]+)>:$")
CALL = re.compile(r"\s(callq?|jmpq?)\s+(?:0x)?[0-9a-f]+ <([^>+]+)>$")
INDIRECT = re.compile(r"\s(callq?|jmpq?)\s+\*")
SWITCH_TABLE = re.compile(r"\sjmpq?\s+\*-?(?:0x)?[0-9a-f]*\(,%\w+,8\)")
REFERENCE = re.compile(r"<([^>+]+)>$")
IMMEDIATE = re.compile(r"\$(-?0x[0-9a-f]+)")  # a function's address, sign-extended (kernel code model)


def frame_sizes(su_dir):
    sizes = {}
    for su in pathlib.Path(su_dir).rglob("*.su"):
        for line in su.read_text().splitlines():
            where, size, _kind = line.rsplit("\t", 2)
            name = where.rsplit(":", 1)[1]
            sizes[name] = max(sizes.get(name, 0), int(size))
    return sizes


def call_graph(objdump, elf, compiled):
    text = subprocess.run([objdump, "-d", "--no-show-raw-insn", elf], check=True, capture_output=True, text=True)
    graph, starts, indirect, referenced, current = {}, {}, set(), set(), None
    for line in text.stdout.splitlines():
        m = FUNCTION.match(line)
        if m:
            current = m.group(2)
            starts[int(m.group(1), 16)] = current
            graph[current] = set()
        elif current not in compiled or SWITCH_TABLE.search(line):
            continue
        elif INDIRECT.search(line):
            indirect.add(current)
        elif m := CALL.search(line):
            if m.group(2) != current:
                graph[current].add(m.group(2))
        else:
            referenced.update(REFERENCE.findall(line))
            referenced.update(int(v, 16) & (2**64 - 1) for v in IMMEDIATE.findall(line))
    address_taken = {starts.get(r, r) for r in referenced} & compiled
    for caller in indirect:
        graph[caller] |= address_taken - {caller}
    return graph, address_taken


def deepest(graph, sizes):
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
        memo[f] = (sizes.get(f, 0) + RETURN_ADDRESS + below, [f] + path)
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
    p.add_argument("--objdump", default="llvm-objdump-19")
    p.add_argument("--cxxfilt", default="llvm-cxxfilt-19")
    args = p.parse_args()
    sizes = frame_sizes(args.su_dir)
    graph, address_taken = call_graph(args.objdump, args.elf, set(sizes))
    targets = readable(sorted(address_taken), args.cxxfilt, ", ") or "nothing"
    print(f"stack check: indirect calls may reach {targets}")
    visit = deepest(graph, sizes)
    try:
        entries = [(visit(e), e) for e in ENTRIES if e in graph]
        (depth, path), _ = max(entries)
        trap_depth, trap_path = visit(KERNEL_TRAP)
    except RecursionError as cycle:
        sys.exit(f"stack check: the kernel recurses: {cycle}")
    worst = depth + TRAP_FRAME + trap_depth
    print(f"stack check: deepest entry {depth} bytes: {readable(path, args.cxxfilt)}")
    print(f"stack check: worst case with a kernel-mode trap on top: {worst} of {args.stack_bytes} bytes "
          f"({readable(trap_path, args.cxxfilt)})")
    if worst > args.stack_bytes:
        sys.exit("stack check: the kernel stack can overflow")


if __name__ == "__main__":
    main()
