"""Reads Keel's interface/ definition files (standard library only)."""
import pathlib
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[2]
INTERFACE = ROOT / "interface"
WORD_BITS = 64

# The architectures interface/ describes: {name: (upstream arch folder, mode folder)}. Their facts
# are in interface/arch/<name>/; the generic ones in interface/, the 64-bit mode's in interface/mode/64/.
ARCHES = {"x86_64": ("x86", "64"), "riscv64": ("riscv", "64"), "aarch64": ("arm", "64")}

# Scalar parameter types and their packed width in bits (seL4_Bool packs as one bit).
SCALAR_BITS = {
    "seL4_Word": 64, "seL4_Uint8": 8, "seL4_Uint16": 16, "seL4_Uint32": 32, "seL4_Uint64": 64,
    "seL4_Bool": 1, "seL4_Time": 64, "seL4_X86_VMAttributes": 64, "seL4_X86_EPT_VMAttributes": 64,
    "seL4_RISCV_VMAttributes": 64, "seL4_ARM_VMAttributes": 64, "seL4_VCPUReg": 64,
}
# One-word structure types, passed as .words[0].
WORD_STRUCTS = {"seL4_CapRights_t"}
# Register-file structures, passed member by member: their members are the unconditional
# "member" rows of the arch's constants.txt, in order.
CONTEXT_STRUCT_NAMES = ("seL4_UserContext", "seL4_VCPUContext", "seL4_ARM_SMCContext")


def rows(name):
    """(line number, words) of the non-comment lines of interface/<name>."""
    out = []
    for number, line in enumerate((INTERFACE / name).read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if line:
            out.append((number, line.split()))
    return out


def condition_holds(cond, config):
    """cond is a list of 'CONFIG_X' / '!CONFIG_X' terms, all of which must hold."""
    for term in cond:
        negate = term.startswith("!")
        value = bool(config.get(term.lstrip("!").removeprefix("CONFIG_"), 0))
        if value == negate:
            return False
    return True


def condition_to_c(cond):
    terms = [("!" if t.startswith("!") else "") + f"defined({t.lstrip('!')})" for t in cond]
    return " && ".join(terms)


@dataclass
class Param:
    direction: str  # in | out
    type: str
    name: str
    members: list = None  # a register-file structure's members, in marshalling order

    @property
    def is_cap(self):
        return not (self.type in SCALAR_BITS or self.type in WORD_STRUCTS or self.members)

    @property
    def bits(self):
        if self.type in SCALAR_BITS:
            return SCALAR_BITS[self.type]
        if self.members:
            return WORD_BITS * len(self.members)
        return WORD_BITS


@dataclass
class Method:
    section: str
    interface: str
    label: str
    name: str
    cond: list
    params: list = field(default_factory=list)

    @property
    def inputs(self):
        return [p for p in self.params if p.direction == "in" and not p.is_cap]

    @property
    def caps(self):
        return [p for p in self.params if p.direction == "in" and p.is_cap]

    @property
    def outputs(self):
        return [p for p in self.params if p.direction == "out"]


def context_structs(arch):
    """{struct name: [member names]} of the register-file structures of `arch`."""
    structs = {name: [] for name in CONTEXT_STRUCT_NAMES}
    for f in load_constants(arch):
        if f.kind == "member" and f.words[0] in structs and not f.cond:
            structs[f.words[0]].append(f.words[1])
    return {name: members for name, members in structs.items() if members}


def load_invocations(arch):
    """The generic methods, then `arch`'s (its sel4_arch section, then its arch section)."""
    structs = context_structs(arch)
    methods = []
    for name in ("invocations.txt", f"arch/{arch}/invocations.txt"):
        methods += load_methods(name, structs)
    return methods


def load_methods(name, structs):
    methods, section, interface = [], None, None
    for number, words in rows(name):
        kind = words[0]
        if kind == "section":
            section = words[1]
        elif kind == "interface":
            interface = words[1]
        elif kind == "method":
            cond = []
            for extra in words[3:]:
                if extra.startswith("cond="):
                    cond = extra[len("cond="):].split("&")
            methods.append(Method(section, interface, words[1], words[2], cond))
        elif kind in ("in", "out"):
            methods[-1].params.append(Param(kind, words[1], words[2], structs.get(words[1])))
        else:
            raise SystemExit(f"interface/{name}:{number}: unknown row kind {kind!r}")
    return methods


def number_labels(methods, config):
    """[(label, number)] for the configuration: InvalidInvocation = 0, then enabled methods in order."""
    labels = [("InvalidInvocation", 0)]
    for m in methods:
        if condition_holds(m.cond, config):
            labels.append((m.label, len(labels)))
    return labels


def pack(params):
    """[(param, first_bit, bits)]: each parameter aligned to min(its size, a word), as seL4's stubs pack."""
    used, out = 0, []
    for p in params:
        align = min(p.bits, WORD_BITS)
        used = (used + align - 1) // align * align
        out.append((p, used, p.bits))
        used += p.bits
    return out, (used + WORD_BITS - 1) // WORD_BITS


def load_syscalls():
    """{api: [(name, condition or None, number)]}: the api block numbered -1, -2, ..., then every debug block."""
    apis, debug_blocks = {}, []
    for number, words in rows("syscalls.txt"):
        kind, tag, names = words[0], words[1], words[2:]
        if kind == "api":
            apis[tag] = names
        elif kind == "debug":
            debug_blocks.append((tag.split("&"), names))
        else:
            raise SystemExit(f"interface/syscalls.txt:{number}: unknown row kind {kind!r}")
    numbered = {}
    for api, names in apis.items():
        listing = [(name, None) for name in names]
        listing += [(name, cond) for cond, block in debug_blocks for name in block]
        numbered[api] = [(name, cond, -(i + 1)) for i, (name, cond) in enumerate(listing)]
    return numbered


@dataclass
class Fact:
    kind: str   # const | enum | field | member | mr | fault
    group: str
    words: list
    cond: list
    header: str  # generic | mode | sel4_arch | arch: the libsel4 header that states it


def load_constants(arch):
    """The generic facts, the mode's, then `arch`'s."""
    mode = ARCHES[arch][1]
    return (load_facts("constants.txt", "generic") + load_facts(f"mode/{mode}/constants.txt", "mode")
            + load_facts(f"arch/{arch}/constants.txt", "sel4_arch"))


def load_facts(name, header):
    facts, group = [], None
    for number, words in rows(name):
        if words[0] == "group":
            group = words[1]
            continue
        if words[0] == "header" and header in ("sel4_arch", "arch"):
            header = words[1]
            continue
        cond = []
        kept = []
        for w in words[1:]:
            if w.startswith("cond="):
                cond = w[len("cond="):].split("&")
            elif not w.startswith("count="):
                kept.append(w)
        if words[0] not in ("const", "enum", "field", "member", "mr", "fault"):
            raise SystemExit(f"interface/{name}:{number}: unknown row kind {words[0]!r}")
        facts.append(Fact(words[0], group, kept, cond, header))
    return facts
