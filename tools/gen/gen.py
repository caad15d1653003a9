#!/usr/bin/env python3
"""Generates Keel's kernel tables and libsel4 headers from interface/ (standard library only).

  gen.py            write every generated file into the tree, and the default configuration's
                    headers into tools/gen/golden/default/
  gen.py --check    exit 1 (and show a diff) when a checked-in file differs from what gen.py writes
  gen.py config --out DIR [KernelOption=VALUE ...]
                    resolve the build options (seL4's names, defaults and ranges) and write the
                    configuration headers of one build into DIR: kernel/generated/config.h (the
                    kernel's config::), libsel4/sel4/config.h (CONFIG_*) and config.cmake; a value
                    out of range or an unknown option is refused with a message (exit status 2)
"""
import difflib
import pathlib
import sys

import config as build_config
import kernel_out
import libsel4_out
from interface import ROOT, load_constants, load_invocations, load_syscalls

GOLDEN = "tools/gen/golden/default"


def config_outputs(given):
    """{path under a configuration directory: text} for the options chosen in `given`."""
    config, flags, kernel_only, options = build_config.resolve(given)
    return {
        "kernel/generated/config.h": kernel_out.config_header(config, flags),
        "libsel4/sel4/config.h": libsel4_out.config_header(config, flags, kernel_only),
        "config.cmake": build_config.cmake_file(config, options),
    }


def outputs():
    config, _, _, _ = build_config.resolve({})
    syscalls = load_syscalls()
    methods = load_invocations()
    tables = {
        "kernel/core/generated/syscalls.h": kernel_out.syscalls_header(syscalls, config),
        "kernel/core/generated/invocations.h": kernel_out.invocations_header(methods, config),
        "libsel4/include/sel4/syscall.h": libsel4_out.syscall_header(syscalls),
        "libsel4/include/sel4/constants.h": libsel4_out.constants_header(load_constants()),
        "libsel4/include/sel4/invocation.h": libsel4_out.labels_header(methods, "generic"),
        "libsel4/include/sel4/sel4_arch/invocation.h": libsel4_out.labels_header(methods, "sel4_arch"),
        "libsel4/include/sel4/arch/invocation.h": libsel4_out.labels_header(methods, "arch"),
        "libsel4/include/interfaces/sel4_client.h": libsel4_out.client_header(methods),
    }
    tables.update({f"{GOLDEN}/{rel}": text for rel, text in config_outputs({}).items()})
    return tables


def write_if_changed(path, text):
    """Leaves an unchanged file alone, so reconfiguring rebuilds nothing."""
    if path.exists() and path.read_text() == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def write_configuration(argv):
    if len(argv) < 2 or argv[0] != "--out":
        print("usage: gen.py config --out DIR [KernelOption=VALUE ...]", file=sys.stderr)
        return 2
    given = dict(arg.split("=", 1) for arg in argv[2:])
    try:
        files = config_outputs(given)
    except build_config.ConfigError as e:
        print(f"Keel configuration: {e}", file=sys.stderr)
        return 2
    for rel, text in files.items():
        write_if_changed(pathlib.Path(argv[1]) / rel, text)
    return 0


def check_or_write(check):
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
            write_if_changed(path, text)
    if drift:
        print("generated files drifted from interface/: run tools/gen/gen.py and commit the result")
        return 1
    return 0


def main(argv):
    if argv[:1] == ["config"]:
        return write_configuration(argv[1:])
    return check_or_write("--check" in argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
