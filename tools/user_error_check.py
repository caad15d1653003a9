#!/usr/bin/env python3
"""Checks that a kernel ELF holds seL4's userError diagnostics (--present) or none of them (--absent).

The markers are the line's shape and a few messages; a kernel without printing (or a release
build) must carry none of them, so it pays nothing for the diagnostics.
"""
import argparse
import sys

MARKERS = [
    b"seL4(CPU %lu)",
    b"Attempted to invoke a null cap #%lu.",
    b"Untyped Retype: Insufficient memory",
    b"CNode Copy/Mint/Move/Mutate: Destination not empty.",
    b"X86PageTable: Page table is already mapped to a page directory.",
]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--present", metavar="ELF")
    mode.add_argument("--absent", metavar="ELF")
    args = p.parse_args()
    path = args.present or args.absent
    with open(path, "rb") as f:
        image = f.read()
    found = [m.decode() for m in MARKERS if m in image]
    missing = [m.decode() for m in MARKERS if m not in image]
    if args.present and missing:
        print(f"{path}: diagnostics missing: {missing}")
        return 1
    if args.absent and found:
        print(f"{path}: diagnostics present: {found}")
        return 1
    print(f"{path}: {len(found)} of {len(MARKERS)} diagnostic markers, as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
