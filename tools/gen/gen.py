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
from interface import ARCHES, ROOT, load_constants, load_invocations, load_syscalls

GOLDEN = "tools/gen/golden/default"  # x86_64
GOLDEN_RISCV64 = "tools/gen/golden/riscv64"


def config_outputs(given, arch="x86_64"):
    """{path under a configuration directory: text} for the options chosen in `given`."""
    config, flags, kernel_only, options = build_config.resolve(given, arch)
    return {
        "kernel/generated/config.h": kernel_out.config_header(config, flags),
        "libsel4/sel4/config.h": libsel4_out.config_header(config, flags, kernel_only),
        "config.cmake": build_config.cmake_file(config, options),
    }


def arch_outputs(arch, config):
    """{path: text} of the files that differ between architectures: arch's kernel label tables
    (kernel/arch/<arch>/generated/arch/) and libsel4 headers."""
    family, _ = ARCHES[arch]
    methods = load_invocations(arch)
    facts = load_constants(arch)
    sel4_arch = f"libsel4/sel4_arch_include/{arch}"
    arch_dir = f"libsel4/arch_include/{family}/sel4/arch"
    kernel = f"kernel/arch/{arch}/generated/arch"
    return {
        f"{kernel}/invocation_labels.h": kernel_out.arch_labels_fragment(methods, config, arch),
        f"{kernel}/invocation_args.h": kernel_out.arch_args_header(methods, config, arch),
        f"{sel4_arch}/sel4/sel4_arch/constants.h": libsel4_out.constants_header(facts, "sel4_arch", arch),
        f"{sel4_arch}/sel4/sel4_arch/invocation.h": libsel4_out.labels_header(methods, "sel4_arch"),
        f"{sel4_arch}/interfaces/sel4_client.h": libsel4_out.client_header(methods, arch),
        f"{arch_dir}/constants.h": libsel4_out.constants_header(facts, "arch", arch),
        f"{arch_dir}/invocation.h": libsel4_out.labels_header(methods, "arch"),
    }


def outputs():
    config, _, _, _ = build_config.resolve({})
    syscalls = load_syscalls()
    methods = load_invocations("x86_64")
    facts = load_constants("x86_64")  # the generic and mode headers come out the same for every arch
    tables = {
        "kernel/core/generated/syscalls.h": kernel_out.syscalls_header(syscalls, config),
        "kernel/core/generated/invocations.h": kernel_out.invocations_header(methods, config),
        "libsel4/include/sel4/syscall.h": libsel4_out.syscall_header(syscalls),
        "libsel4/include/sel4/constants.h": libsel4_out.constants_header(facts, "generic", "x86_64"),
        "libsel4/include/sel4/invocation.h": libsel4_out.labels_header(methods, "generic"),
        "libsel4/mode_include/64/sel4/mode/types.h": libsel4_out.constants_header(facts, "mode", "x86_64"),
    }
    for arch in ARCHES:
        arch_config = build_config.resolve({}, arch)[0]
        tables.update(arch_outputs(arch, arch_config))
        tables[f"tools/gen/golden/abi/{arch}.c"] = libsel4_out.abi_check(
            load_constants(arch), load_invocations(arch), syscalls, arch_config, arch)
    tables.update({f"{GOLDEN}/{rel}": text for rel, text in config_outputs({}).items()})
    # riscv64's default configuration, for the checks that compile its libsel4 (nothing builds it yet)
    tables.update({f"{GOLDEN_RISCV64}/{rel}": text for rel, text in config_outputs({}, "riscv64").items()})
    return tables


def write_if_changed(path, text):
    """Leaves an unchanged file alone, so reconfiguring rebuilds nothing."""
    if path.exists() and path.read_text() == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def write_configuration(argv):
    if len(argv) < 2 or argv[0] != "--out":
        print("usage: gen.py config --out DIR [--arch ARCH] [KernelOption=VALUE ...]", file=sys.stderr)
        return 2
    out, rest, arch = argv[1], argv[2:], "x86_64"
    if rest[:1] == ["--arch"] and len(rest) >= 2:
        arch, rest = rest[1], rest[2:]
    if arch not in ARCHES:
        print(f"gen.py config: no architecture {arch}", file=sys.stderr)
        return 2
    given = dict(arg.split("=", 1) for arg in rest)
    try:
        files = config_outputs(given, arch)
    except build_config.ConfigError as e:
        print(f"Keel configuration: {e}", file=sys.stderr)
        return 2
    for rel, text in files.items():
        write_if_changed(pathlib.Path(out) / rel, text)
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
