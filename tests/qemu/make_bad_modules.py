#!/usr/bin/env python3
"""Writes malformed root-task modules for the boot-error scenarios into the given directory."""
import pathlib
import struct
import sys

PT_LOAD = 1


def elf64(entry, segments, machine=62, elf_type=2):
    """A minimal ELF64 executable: header, program headers, then each segment's bytes."""
    header_size, phdr_size = 64, 56
    data_offset = header_size + phdr_size * len(segments)
    phdrs, blobs = b"", b""
    for vaddr, data, memsz in segments:
        phdrs += struct.pack("<IIQQQQQQ", PT_LOAD, 5, data_offset + len(blobs), vaddr, vaddr, len(data), memsz, 4096)
        blobs += data
    ident = b"\x7fELF" + bytes([2, 1, 1]) + bytes(9)
    header = ident + struct.pack("<HHIQQQIHHHHHH", elf_type, machine, 1, entry, header_size, 0, 0, header_size,
                                 phdr_size, len(segments), 64, 0, 0)
    return header + phdrs + blobs


def elf32():
    ident = b"\x7fELF" + bytes([1, 1, 1]) + bytes(9)
    return ident + struct.pack("<HHIIIIIHHHHHH", 2, 3, 1, 0x400000, 0, 0, 0, 52, 32, 0, 40, 0, 0)


MODULES = {
    "not_elf.bin": b"this is a text file, not an executable\n" * 4,
    "elf32.elf": elf32(),
    "overlap.elf": elf64(0x400000, [(0x400000, b"\xf4" * 64, 0x2000), (0x401000, b"\x90" * 64, 0x1000)]),
    "no_segments.elf": elf64(0x400000, []),
    "entry_outside.elf": elf64(0x900000, [(0x400000, b"\xf4" * 64, 0x1000)]),
    "truncated.elf": elf64(0x400000, [(0x400000, b"\xf4" * 64, 0x1000)])[:150],
    # A well-formed root task for another machine (EM_AARCH64): refused, never started.
    "aarch64.elf": elf64(0x400000, [(0x400000, b"\xf4" * 64, 0x1000)], machine=183),
}


def main(out_dir):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in MODULES.items():
        (out / name).write_bytes(data)


if __name__ == "__main__":
    main(sys.argv[1])
