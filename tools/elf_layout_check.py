#!/usr/bin/env python3
"""Fails when a root-task ELF would start with different memory on seL4 than on Keel.

Keel's loader copies each PT_LOAD header's file bytes and zero-fills the rest of its memory size.
seL4 16.0.0's x86_64 loader (elf_load in src/arch/x86/64/kernel/elf.c) does the same for every
program header in table order, whatever its type, so a TLS or GNU_RELRO header whose memory size
runs past its file size zeroes whatever the linker placed there. This builds the image both ways
and compares them byte for byte. riscv64 root tasks (EM_RISCV) are checked by the same rule:
nothing here depends on the machine, and an image both loaders start alike loads alike anywhere.

    elf_layout_check.py ELF...            exit 1 and name every lost range
    elf_layout_check.py --expect-loss ELF  exit 0 only if the image does lose data (a self-test)
"""
import argparse
import struct
import sys

PT_LOAD = 1
PHDR = struct.Struct("<IIQQQQQQ")  # type, flags, offset, vaddr, paddr, filesz, memsz, align


def program_headers(data):
    if data[:4] != b"\x7fELF" or data[4] != 2:
        raise ValueError("not a 64-bit ELF file")
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    return [PHDR.unpack_from(data, phoff + i * phentsize) for i in range(phnum)]


def load(data, headers):
    """The image as a loader that applies `headers` in order leaves it: address -> byte."""
    memory = {}
    for _, _, offset, vaddr, _, filesz, memsz, _ in headers:
        for i in range(memsz):
            memory[vaddr + i] = data[offset + i] if i < filesz else 0
    return memory


TYPE_NAMES = {1: "LOAD", 7: "TLS", 0x6474e551: "GNU_STACK", 0x6474e552: "GNU_RELRO"}


def losses(data):
    """(header index, type name, first address, last address + 1, bytes lost) for each non-PT_LOAD
    header that covers a byte where seL4's final image differs from Keel's."""
    headers = program_headers(data)
    keel = load(data, [h for h in headers if h[0] == PT_LOAD])
    sel4 = load(data, headers)
    lost = {a for a, byte in keel.items() if sel4[a] != byte}
    found = []
    for index, (kind, _, _, vaddr, _, _, memsz, _) in enumerate(headers):
        mine = sorted(a for a in lost if kind != PT_LOAD and vaddr <= a < vaddr + memsz)
        if mine:
            found.append((index, TYPE_NAMES.get(kind, hex(kind)), mine[0], mine[-1] + 1, len(mine)))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--expect-loss", action="store_true")
    parser.add_argument("elf", nargs="+")
    args = parser.parse_args()
    failed = False
    for path in args.elf:
        with open(path, "rb") as f:
            ranges = losses(f.read())
        for index, name, start, end, count in ranges:
            print(f"{path}: program header {index} ({name}) would change {count} loaded bytes in "
                  f"{start:#x}..{end:#x} under seL4's loader (see tools/elf_layout_check.py)")
        if bool(ranges) != args.expect_loss:
            failed = True
        if args.expect_loss and not ranges:
            print(f"{path}: expected seL4's loader to lose data, and it does not")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
