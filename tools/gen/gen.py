#!/usr/bin/env python3
"""Generates Keel's kernel tables and libsel4 headers from interface/ (standard library only).

  gen.py            write every generated file into the tree
  gen.py --check    exit 1 (and show a diff) when a checked-in file differs from what gen.py writes
"""
import difflib
import sys

import kernel_out
import libsel4_out
from interface import ROOT, load_config, load_constants, load_invocations, load_syscalls


def outputs():
    config, flags = load_config()
    syscalls = load_syscalls()
    methods = load_invocations()
    return {
        "kernel/core/generated/syscalls.h": kernel_out.syscalls_header(syscalls, config),
        "kernel/core/generated/invocations.h": kernel_out.invocations_header(methods, config),
        "kernel/core/generated/config.h": kernel_out.config_header(config, flags),
        "libsel4/include/sel4/config.h": libsel4_out.config_header(config, flags),
        "libsel4/include/sel4/syscall.h": libsel4_out.syscall_header(syscalls),
        "libsel4/include/sel4/constants.h": libsel4_out.constants_header(load_constants()),
        "libsel4/include/sel4/invocation.h": libsel4_out.labels_header(methods, "generic"),
        "libsel4/include/sel4/sel4_arch/invocation.h": libsel4_out.labels_header(methods, "sel4_arch"),
        "libsel4/include/sel4/arch/invocation.h": libsel4_out.labels_header(methods, "arch"),
        "libsel4/include/interfaces/sel4_client.h": libsel4_out.client_header(methods),
    }


def main(argv):
    check = "--check" in argv
    drift = False
    for rel, text in outputs().items():
        path = ROOT / rel
        if check:
            old = path.read_text() if path.exists() else ""
            if old != text:
                drift = True
                sys.stdout.writelines(difflib.unified_diff(
                    old.splitlines(True), text.splitlines(True), f"checked-in/{rel}", f"generated/{rel}"))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    if drift:
        print("generated files drifted from interface/: run tools/gen/gen.py and commit the result")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
