#!/usr/bin/env python3
"""Writes a copy of a flattened device tree whose /chosen node says the initrd lies at
[START, END): for boots with an initrd where QEMU's -initrd would never put one.

usage: dtb_initrd.py IN.dtb OUT.dtb START END"""
import struct
import sys

FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9


def align4(n):
    return (n + 3) & ~3


def with_initrd(blob, start, end):
    (magic, _, off_struct, off_strings, off_rsvmap, version, last_comp, boot_cpu, size_strings,
     size_struct) = struct.unpack(">10I", blob[:40])
    assert magic == 0xd00dfeed
    structure = blob[off_struct:off_struct + size_struct]
    strings = bytearray(blob[off_strings:off_strings + size_strings])

    def string_offset(name):
        at = strings.find(name.encode() + b"\0")
        if at < 0 or (at > 0 and strings[at - 1] != 0):
            at = len(strings)
            strings.extend(name.encode() + b"\0")
        return at

    def prop(name, value):
        return struct.pack(">III", FDT_PROP, len(value), string_offset(name)) + value + bytes(align4(len(value)) - len(value))

    # Walk the structure block to the END_NODE of /chosen (a child of the root) and insert there.
    pos, depth, in_chosen, insert_at = 0, 0, False, None
    while insert_at is None:
        token, = struct.unpack(">I", structure[pos:pos + 4])
        pos += 4
        if token == FDT_BEGIN_NODE:
            name_end = structure.index(b"\0", pos)
            depth += 1
            if depth == 2 and structure[pos:name_end] == b"chosen":
                in_chosen = True
            pos = align4(name_end + 1)
        elif token == FDT_END_NODE:
            if in_chosen and depth == 2:
                insert_at = pos - 4
            depth -= 1
        elif token == FDT_PROP:
            length, _ = struct.unpack(">II", structure[pos:pos + 8])
            pos = align4(pos + 8 + length)
        elif token == FDT_END:
            sys.exit("no /chosen node")
    props = prop("linux,initrd-start", struct.pack(">Q", start)) + prop("linux,initrd-end", struct.pack(">Q", end))
    structure = structure[:insert_at] + props + structure[insert_at:]
    rsvmap = blob[off_rsvmap:off_struct]
    header_size = 40
    new_rsvmap = header_size
    new_struct = new_rsvmap + len(rsvmap)
    new_strings = new_struct + len(structure)
    total = new_strings + len(strings)
    header = struct.pack(">10I", magic, total, new_struct, new_strings, new_rsvmap, version, last_comp, boot_cpu,
                         len(strings), len(structure))
    return header + rsvmap + structure + bytes(strings)


def main(src, dst, start, end):
    with open(src, "rb") as f:
        blob = f.read()
    with open(dst, "wb") as f:
        f.write(with_initrd(blob, int(start, 0), int(end, 0)))


if __name__ == "__main__":
    main(*sys.argv[1:])
