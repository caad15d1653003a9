"""Reads Keel's interface/ definition files (standard library only)."""
import pathlib
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[2]
INTERFACE = ROOT / "interface"
WORD_BITS = 64

# Scalar parameter types and their packed width in bits (seL4_Bool packs as one bit).
SCALAR_BITS = {
    "seL4_Word": 64, "seL4_Uint8": 8, "seL4_Uint16": 16, "seL4_Uint32": 32, "seL4_Uint64": 64,
    "seL4_Bool": 1, "seL4_Time": 64, "seL4_X86_VMAttributes": 64, "seL4_X86_EPT_VMAttributes": 64,
}
# One-word structure types, passed as .words[0].
WORD_STRUCTS = {"seL4_CapRights_t"}
# Register-file structures: (member names in marshalling order) per configuration.
CONTEXT_STRUCTS = {
    "seL4_UserContext": ["rip", "rsp", "rflags", "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp",
                         "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "fs_base", "gs_base"],
    "seL4_VCPUContext": ["eax", "ebx", "ecx", "edx", "esi", "edi", "ebp"],
}


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

    @property
    def is_cap(self):
        return not (self.type in SCALAR_BITS or self.type in WORD_STRUCTS or self.type in CONTEXT_STRUCTS)

    @property
    def bits(self):
        if self.type in SCALAR_BITS:
            return SCALAR_BITS[self.type]
        if self.type in CONTEXT_STRUCTS:
            return WORD_BITS * len(CONTEXT_STRUCTS[self.type])
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


def load_invocations():
    methods, section, interface = [], None, None
    for number, words in rows("invocations.txt"):
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
            methods[-1].params.append(Param(kind, words[1], words[2]))
        else:
            raise SystemExit(f"interface/invocations.txt:{number}: unknown row kind {kind!r}")
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
    kind: str   # const | enum | field | member | mr
    group: str
    words: list
    cond: list


def load_constants():
    facts, group = [], None
    for number, words in rows("constants.txt"):
        if words[0] == "group":
            group = words[1]
            continue
        cond = []
        kept = []
        for w in words[1:]:
            if w.startswith("cond="):
                cond = w[len("cond="):].split("&")
            elif not w.startswith("count="):
                kept.append(w)
        if words[0] not in ("const", "enum", "field", "member", "mr"):
            raise SystemExit(f"interface/constants.txt:{number}: unknown row kind {words[0]!r}")
        facts.append(Fact(words[0], group, kept, cond))
    return facts
