#!/usr/bin/env python3
"""Writes malformed root-task modules for the boot-error scenarios into the given directory."""
import pathlib
import struct
import sys

PT_LOAD = 1


def elf64(entry, segments, machine=62, elf_type=2, offset=None, data_byte=1, phoff=64):
    """A minimal ELF64 executable: header, program headers, then each segment's bytes (a segment's
    p_offset `offset` if given, the file little-endian unless data_byte says otherwise)."""
    header_size, phdr_size = 64, 56
    data_offset = header_size + phdr_size * len(segments)
    phdrs, blobs = b"", b""
    for vaddr, data, memsz in segments:
        at = data_offset + len(blobs) if offset is None else offset
        phdrs += struct.pack("<IIQQQQQQ", PT_LOAD, 5, at, vaddr, vaddr, len(data), memsz, 4096)
        blobs += data
    ident = b"\x7fELF" + bytes([2, data_byte, 1]) + bytes(9)
    header = ident + struct.pack("<HHIQQQIHHHHHH", elf_type, machine, 1, entry, phoff, 0, 0, header_size,
                                 phdr_size, len(segments), 64, 0, 0)
    return header + phdrs + blobs


def elf32():
    ident = b"\x7fELF" + bytes([1, 1, 1]) + bytes(9)
    return ident + struct.pack("<HHIIIIIHHHHHH", 2, 3, 1, 0x400000, 0, 0, 0, 52, 32, 0, 40, 0, 0)


# The machines, by name: e_machine and the first address above the user's half (seL4's USER_TOP).
MACHINES = {"x86_64": (62, 0x7fffffffffff), "riscv64": (243, 0x3ffffff000), "aarch64": (183, 0x7fffffffffff)}


def modules(machine, user_top):
    # A well-formed root task for another machine: EM_AARCH64's, or on aarch64 EM_RISCV's.
    foreign = ("riscv64.elf", 243) if machine == 183 else ("aarch64.elf", 183)
    code = b"\xf4" * 64 if machine == 62 else b"\x00" * 64  # hlt, or an illegal instruction
    good = [(0x400000, code, 0x1000)]
    return {
        "not_elf.bin": b"this is a text file, not an executable\n" * 4,
        "empty.bin": b"",
        "elf32.elf": elf32(),
        "overlap.elf": elf64(0x400000, [(0x400000, code, 0x2000), (0x401000, code, 0x1000)], machine),
        "no_segments.elf": elf64(0x400000, [], machine),
        "entry_outside.elf": elf64(0x900000, good, machine),
        "truncated.elf": elf64(0x400000, good, machine)[:150],
        "offset_past_end.elf": elf64(0x400000, good, machine, offset=0x100000),
        "filesz_over_memsz.elf": elf64(0x400000, [(0x400000, code, 0x20)], machine),
        "memsz_wraps.elf": elf64(0x400000, [(0x400000, code, 0x10000000000000000 - 0x400000 + 0x1000)], machine),
        "above_user_top.elf": elf64(user_top & ~0xfff, [(user_top & ~0xfff, code, 0x2000)], machine),
        "huge_memsz.elf": elf64(0x400000, [(0x400000, code, 0x1000000000)], machine),  # 64 GiB
        "unaligned_start.elf": elf64(0x400100, [(0x400100, code, 0x1000)], machine),
        "big_endian.elf": elf64(0x400000, good, machine, data_byte=2),
        "not_executable.elf": elf64(0x400000, good, machine, elf_type=3),
        "phdrs_past_end.elf": elf64(0x400000, good, machine, phoff=0x100000),
        # A well-formed root task for another machine: refused, never started.
        foreign[0]: elf64(0x400000, good, machine=foreign[1]),
    }


def main(out_dir, machine="x86_64"):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in modules(*MACHINES[machine]).items():
        (out / name).write_bytes(data)


if __name__ == "__main__":
    main(*sys.argv[1:])
