#!/usr/bin/env python3
"""Generates Keel's kernel tables and libsel4 headers from interface/ (standard library only).

  gen.py            write every generated file into the tree: for each architecture of interface/
                    (x86_64, riscv64, aarch64) its libsel4 headers in upstream's layout (libsel4/include/,
                    arch_include/<family>/, sel4_arch_include/<arch>/, mode_include/64/), its kernel
                    label tables (kernel/arch/<arch>/generated/arch/) and its ABI check
                    (tools/gen/golden/abi/<arch>.c, and <arch>.mcs.c for the MCS configuration);
                    the generic ones once (the same from every architecture's facts, or an error);
                    and the configuration headers of CONFIG_GOLDENS: the defaults into
                    tools/gen/golden/default/ (x86_64), tools/gen/golden/riscv64/ and aarch64/, the MCS
                    configuration (KernelIsMCS=ON) into tools/gen/golden/mcs/, riscv64-mcs/ and aarch64-mcs/,
                    with the kernel's MCS tables in their kernel/generated/
  gen.py --check    exit 1 (and show a diff) when a checked-in file differs from what gen.py writes
  gen.py config --out DIR [--arch ARCH] [KernelOption=VALUE ...]
                    resolve the build options of ARCH (x86_64 unless given; seL4's names, defaults
                    and ranges) and write the configuration headers of one build into DIR:
                    kernel/generated/config.h (the kernel's config::), libsel4/sel4/config.h
                    (CONFIG_*) and config.cmake; a value out of range or an unknown option is
                    refused with a message (exit status 2). KernelIsMCS=ON is seL4's MCS
                    configuration (docs/mcs.md)
"""
import difflib
import pathlib
import sys

import config as build_config
import kernel_out
import libsel4_out
from interface import ARCHES, ROOT, load_constants, load_invocations, load_syscalls

MCS = {"KernelIsMCS": "ON"}
# The configurations whose headers are checked in, {directory: (arch, options)}: each architecture's
# defaults (classic) and its MCS configuration, for the checks that compile its libsel4.
CONFIG_GOLDENS = {
    "tools/gen/golden/default": ("x86_64", {}),
    "tools/gen/golden/riscv64": ("riscv64", {}),
    "tools/gen/golden/mcs": ("x86_64", MCS),
    "tools/gen/golden/riscv64-mcs": ("riscv64", MCS),
    "tools/gen/golden/aarch64": ("aarch64", {}),
    "tools/gen/golden/aarch64-mcs": ("aarch64", MCS),
}
ABI_VARIANTS = {"": {}, ".mcs": MCS}  # tools/gen/golden/abi/<arch><suffix>.c: {suffix: options}


def config_outputs(given, arch="x86_64"):
    """{path under a configuration directory: text} for the options chosen in `given`."""
    config, flags, kernel_only, options = build_config.resolve(given, arch)
    return {
        "kernel/generated/config.h": kernel_out.config_header(config, flags),
        "libsel4/sel4/config.h": libsel4_out.config_header(config, flags, kernel_only),
        "config.cmake": build_config.cmake_file(config, options),
    }


def kernel_tables(arch, config, syscalls):
    """{path under a generated/ directory: text}: the kernel's tables for `config`, core's (system
    calls, generic labels and argument views) and, under arch/, `arch`'s."""
    methods = load_invocations(arch)
    return {
        "syscalls.h": kernel_out.syscalls_header(syscalls, config),
        "invocations.h": kernel_out.invocations_header(methods, config),
        "arch/invocation_labels.h": kernel_out.arch_labels_fragment(methods, config, arch),
        "arch/invocation_args.h": kernel_out.arch_args_header(methods, config, arch),
    }


def arch_outputs(arch, config, syscalls):
    """{path: text} of the files that differ between architectures: arch's kernel label tables
    (kernel/arch/<arch>/generated/arch/) and libsel4 headers."""
    family, _ = ARCHES[arch]
    methods = load_invocations(arch)
    facts = load_constants(arch)
    sel4_arch = f"libsel4/sel4_arch_include/{arch}"
    arch_dir = f"libsel4/arch_include/{family}/sel4/arch"
    kernel = kernel_tables(arch, config, syscalls)
    return {
        **{f"kernel/arch/{arch}/generated/{rel}": text for rel, text in kernel.items() if rel.startswith("arch/")},
        f"{sel4_arch}/sel4/sel4_arch/constants.h": libsel4_out.constants_header(facts, "sel4_arch", arch),
        f"{sel4_arch}/sel4/sel4_arch/invocation.h": libsel4_out.labels_header(methods, "sel4_arch"),
        f"{sel4_arch}/interfaces/sel4_client.h": libsel4_out.client_header(methods, arch),
        f"{sel4_arch}/sel4/sel4_arch/objecttype.h": libsel4_out.objecttype_header(facts, "sel4_arch", arch),
        f"{sel4_arch}/sel4/sel4_arch/faults.h": libsel4_out.faults_header(facts, arch),
        f"{sel4_arch}/sel4/sel4_arch/mapping.h": libsel4_out.mapping_header(arch),
        f"{arch_dir}/constants.h": libsel4_out.constants_header(facts, "arch", arch),
        f"{arch_dir}/objecttype.h": libsel4_out.objecttype_header(facts, "arch", arch),
        f"{arch_dir}/invocation.h": libsel4_out.labels_header(methods, "arch"),
    }


def generic_outputs(arch, config, syscalls):
    """{path: text} of the files every architecture shares, as generated from `arch`'s facts."""
    methods = load_invocations(arch)
    facts = load_constants(arch)
    kernel = kernel_tables(arch, config, syscalls)
    return {
        **{f"kernel/core/generated/{rel}": text for rel, text in kernel.items() if not rel.startswith("arch/")},
        "libsel4/include/sel4/syscall.h": libsel4_out.syscall_header(syscalls),
        "libsel4/include/sel4/constants.h": libsel4_out.constants_header(facts, "generic", arch),
        "libsel4/include/sel4/objecttype.h": libsel4_out.objecttype_header(facts, "generic", arch),
        "libsel4/include/sel4/invocation.h": libsel4_out.labels_header(methods, "generic"),
        "libsel4/mode_include/64/sel4/mode/types.h": libsel4_out.constants_header(facts, "mode", arch),
    }


def outputs():
    syscalls = load_syscalls()
    tables = {}
    for arch in ARCHES:
        arch_config = build_config.resolve({}, arch)[0]
        shared = generic_outputs(arch, arch_config, syscalls)
        for path, text in shared.items():
            if tables.setdefault(path, text) != text:
                raise SystemExit(f"{path} comes out differently for {arch}: a fact in interface/ is not generic")
        tables.update(arch_outputs(arch, arch_config, syscalls))
        for suffix, given in ABI_VARIANTS.items():
            tables[f"tools/gen/golden/abi/{arch}{suffix}.c"] = libsel4_out.abi_check(
                load_constants(arch), load_invocations(arch), syscalls, build_config.resolve(given, arch)[0], arch)
    for directory, (arch, given) in CONFIG_GOLDENS.items():
        tables.update({f"{directory}/{rel}": text for rel, text in config_outputs(given, arch).items()})
        if given == MCS:  # the kernel's MCS tables, where a configuration keeps kernel/generated/config.h
            config = build_config.resolve(given, arch)[0]
            tables.update({f"{directory}/kernel/generated/{rel}": text
                           for rel, text in kernel_tables(arch, config, syscalls).items()})
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
    while "--arch" in rest[:-1]:  # the last --arch wins
        i = rest.index("--arch")
        arch, rest = rest[i + 1], rest[:i] + rest[i + 2:]
    if arch not in ARCHES:
        print(f"Keel configuration: --arch {arch}: one of {', '.join(sorted(ARCHES))}", file=sys.stderr)
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
