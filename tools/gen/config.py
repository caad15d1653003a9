"""The build configuration: interface/config.txt's fixed facts and seL4's build options, resolved
for the values chosen at configure time (cmake -DKernelRootCNodeSizeBits=17 ...)."""
from dataclasses import dataclass

from interface import rows


class ConfigError(Exception):
    """A value the configuration refuses; the message names the option and what it accepts."""


@dataclass
class Option:
    cmake_name: str  # seL4's CMake name, KernelRootCNodeSizeBits
    name: str        # the CONFIG_ name without its prefix, ROOT_CNODE_SIZE_BITS
    default: int
    low: int = 0     # the range of a value option; a flag has none
    high: int = 0
    flag: bool = False
    kernel_only: bool = False  # a Keel option: not in libsel4's sel4/config.h
    needs: str = ""  # seL4's DEPENDS: the flag option (or !option) without which this one does not exist

    def describe(self):
        return "ON or OFF" if self.flag else f"an integer from {self.low} to {self.high}"


# Options seL4 16.0.0 no longer has, and why: asking for one is an error, not silently nothing.
REMOVED = {
    "KernelFPUMaxRestoresSinceSwitch":
        "seL4 16.0.0 has no such option: it saves and restores FPU state by the TCB flag "
        "seL4_TCBFlag_fpuDisabled (seL4 commit 5035def0b removed the lazy-FPU heuristic), as Keel does",
}


# With MCS, seL4_BootInfo's untypedList starts at byte 184 instead of 168: (4096 - 184) / 16 entries.
MCS_MAX_BOOTINFO_UNTYPED_CAPS = 244


def option_row(kind, words):
    needs = "".join(w.removeprefix("needs=") for w in words if w.startswith("needs="))
    cmake_name, name, default, *rest = [w for w in words if not w.startswith("needs=")]
    if default in ("on", "off"):
        return Option(cmake_name, name, int(default == "on"), flag=True, kernel_only=kind == "keel", needs=needs)
    low, high = (int(x) for x in rest[0].split(".."))
    return Option(cmake_name, name, int(default), low, high, kernel_only=kind == "keel", needs=needs)


def exists(option, values):
    """Whether `option` is part of the configuration: seL4 leaves an option whose DEPENDS fails undefined."""
    if not option.needs:
        return True
    return bool(values[option.needs.lstrip("!")]) != option.needs.startswith("!")


def refuse_if_given(option, chosen):
    """A value given for an option the configuration does not have is an error, not silently nothing."""
    if option.cmake_name in chosen:
        name = option.needs.lstrip("!")
        raise ConfigError(f"{option.cmake_name}: applies only with {name}={'OFF' if option.needs.startswith('!') else 'ON'} "
                          f"(seL4 leaves it undefined otherwise)")


def load(arch="x86_64"):
    """(fixed {NAME: int}, the fixed flags' names, [Option], every NAME in order): interface/config.txt,
    then interface/arch/<arch>/config.txt."""
    fixed, flags, options, order = {}, set(), [], []
    for _, (kind, *words) in rows("config.txt") + rows(f"arch/{arch}/config.txt"):
        if kind in ("option", "keel"):
            options.append(option_row(kind, words))
            order.append(words[1])
            continue
        fixed[words[0]] = int(words[1]) if kind == "value" else int(words[1] == "on")
        order.append(words[0])
        if kind == "flag":
            flags.add(words[0])
    return fixed, flags, options, order


def parse_value(option, text):
    word = text.strip().upper()
    if option.flag:
        if word in ("ON", "1", "TRUE", "YES"):
            return 1
        if word in ("OFF", "0", "FALSE", "NO"):
            return 0
    elif word.lstrip("-").isdigit() and option.low <= int(word) <= option.high:
        return int(word)
    raise ConfigError(f"{option.cmake_name}={text}: not accepted; {option.cmake_name} is {option.describe()}")


def chosen_values(options, given):
    """{cmake_name: int} for the options named in `given` ({cmake_name: text}), checked."""
    by_name = {o.cmake_name: o for o in options}
    values = {}
    for cmake_name, text in given.items():
        if cmake_name in REMOVED:
            raise ConfigError(f"{cmake_name}: {REMOVED[cmake_name]}")
        if cmake_name not in by_name:
            known = ", ".join(sorted(by_name))
            raise ConfigError(f"{cmake_name}: no such option; Keel's build options are {known}")
        values[cmake_name] = parse_value(by_name[cmake_name], text)
    return values


def default_of(option, values):
    """seL4's default, which for two options follows another option's value."""
    if option.cmake_name == "KernelPrinting":
        return values["KernelDebugBuild"]  # DEFAULT "${KernelDebugBuild}"
    if option.cmake_name == "KernelNumDomainSchedules" and values["KernelNumDomains"] > 1:
        return 100
    return option.default


def check_rules(values, given):
    if "KernelNumDomainSchedules" in given and values["KernelNumDomains"] == 1:
        raise ConfigError("KernelNumDomainSchedules: applies only with KernelNumDomains > 1 "
                          "(seL4 fixes it at 2 for a single domain)")
    if values["KeelCheckedBuild"] and not values["KernelDebugBuild"]:
        raise ConfigError("KeelCheckedBuild=ON needs KernelDebugBuild=ON: the checked kernel is a debug kernel")
    if values["KernelIsMCS"] and values["KernelMaxNumBootinfoUntypedCaps"] > MCS_MAX_BOOTINFO_UNTYPED_CAPS:
        raise ConfigError(f"KernelMaxNumBootinfoUntypedCaps={values['KernelMaxNumBootinfoUntypedCaps']}: not accepted "
                          f"with KernelIsMCS=ON; seL4_BootInfo, 16 bytes longer by its schedcontrol region, "
                          f"fits its 4 KiB frame with at most {MCS_MAX_BOOTINFO_UNTYPED_CAPS} untyped caps")


def resolve(given, arch="x86_64"):
    """(config {NAME: int}, flags, kernel_only, options) for the chosen values ({cmake_name: text})."""
    fixed, flags, options, order = load(arch)
    chosen = chosen_values(options, given)
    values = {}
    # The options whose default follows another option come last.
    for option in sorted(options, key=lambda o: o.cmake_name in ("KernelPrinting", "KernelNumDomainSchedules")):
        values[option.cmake_name] = chosen.get(option.cmake_name, default_of(option, values))
    check_rules(values, chosen)
    for option in (o for o in options if not exists(o, values)):
        refuse_if_given(option, chosen)
    options = [o for o in options if exists(o, values)]
    fixed.update({o.name: values[o.cmake_name] for o in options})
    config = {name: fixed[name] for name in order if name in fixed}
    flags |= {o.name for o in options if o.flag}
    kernel_only = {o.name for o in options if o.kernel_only}
    return config, flags, kernel_only, options


def cmake_file(config, options):
    """The resolved options as CMake variables, for the build to read back (tests derive from them)."""
    lines = ["# Generated by tools/gen/gen.py: the resolved build configuration; do not edit."]
    for o in options:
        value = config[o.name]
        lines.append(f"set({o.cmake_name} {('ON' if value else 'OFF') if o.flag else value})")
    return "\n".join(lines + [""])
