// Collecting a kernel's facts from the device tree in one walk, with a stack of the open nodes.
#include "fdt_facts.h"
#include "string.h"

namespace fdt {
namespace {

enum class NodeKind { Root, Memory, ReservedMemory, Reserved, Chosen, Cpus, Other };

struct Node {
    NodeKind kind = NodeKind::Other;
    u32 address_cells = 0;  // this node's #address-cells and #size-cells: they shape its children's reg
    u32 size_cells = 0;
    Bytes reg{};
    bool memory_type = false;  // device_type = "memory"
    bool plic = false;
    u32 plic_sources = 0;
    bool clint = false;
    bool pl011 = false;
    Bytes interrupts{};
    u32 gic_version = 0;
    bool psci = false;
    const char* method = nullptr;
};

// The Devicetree Specification's defaults for a node without #address-cells or #size-cells.
constexpr u32 default_address_cells = 2;
constexpr u32 default_size_cells = 1;

bool equal(const char* a, const char* b) { return strlen(a) == strlen(b) && memcmp(a, b, strlen(a)) == 0; }

// A node name is node-name[@unit-address].
bool node_name_is(const char* name, const char* wanted) {
    usize n = strlen(wanted);
    return strlen(name) >= n && memcmp(name, wanted, n) == 0 && (name[n] == '\0' || name[n] == '@');
}

bool string_is(Bytes value, const char* wanted) {
    const char* s = string_at(value, 0);
    return s && equal(s, wanted);
}

Error read_u32(Bytes value, u32& out) {
    return value.size() == sizeof(u32) && read_be32(value, 0, out) ? Error::None : Error::BadValue;
}

Error read_number(Bytes value, u64& out) { return read_cells(value, out) ? Error::None : Error::BadValue; }

// A number of `cells` 32-bit cells (0, 1 or 2) at `offset`.
u64 read_cells_at(Bytes reg, word offset, u32 cells) {
    u64 value = 0;
    if (cells == 1) {
        u32 cell = 0;
        read_be32(reg, offset, cell);
        value = cell;
    } else if (cells == 2) {
        read_be64(reg, offset, value);
    }
    return value;
}

// Calls `each` for every (address, size) entry of `reg`, shaped by the parent's cells.
template <typename F>
Error for_each_reg(Bytes reg, const Node& parent, F each) {
    u32 ac = parent.address_cells, sc = parent.size_cells;
    if (ac < 1 || ac > 2 || sc > 2) return Error::BadCells;
    word entry = (ac + sc) * sizeof(u32);
    if (reg.size() % entry != 0) return Error::BadValue;
    for (word offset = 0; offset < reg.size(); offset += entry) {
        Region r{read_cells_at(reg, offset, ac), read_cells_at(reg, offset + ac * sizeof(u32), sc)};
        if (r.base + r.size < r.base) return Error::BadValue;
        if (Error e = each(r); e != Error::None) return e;
    }
    return Error::None;
}

Error add_region(Region* list, unsigned& count, unsigned capacity, Region r) {
    if (r.size == 0) return Error::None;  // no memory to list
    if (count == capacity) return Error::TooMany;
    list[count++] = r;
    return Error::None;
}

class FactsReader {
public:
    explicit FactsReader(Facts& out) : out_(out) {}
    Error read(Bytes blob);

private:
    Error walk(const Blob& blob);
    Error token(const Token& t);
    void begin(const char* name);
    NodeKind kind_of(const char* name) const;
    Error property(const char* name, Bytes value);
    Error chosen_property(const char* name, Bytes value);
    Error end();
    Error end_chosen();
    Error add_regions(const Node& node, const Node& parent, Region* list, unsigned& count, unsigned capacity);
    // The first `count` reg entries of a device node into `out`, `found` set; an error without them.
    Error add_first_regs(const Node& node, const Node& parent, Region* out, unsigned count, bool& found);
    Error end_device(const Node& node, const Node& parent);
    void read_gic_interrupt(Bytes interrupts);

    Facts& out_;
    Node nodes_[max_depth];
    unsigned open_ = 0;  // nodes_[0 .. open_) are the open nodes, the root first
    unsigned initrd_ends_seen_ = 0;  // bit 0: linux,initrd-start, bit 1: linux,initrd-end
};

Error FactsReader::read(Bytes blob) {
    out_ = Facts{};
    Blob b;
    if (Error e = open(blob, b); e != Error::None) return e;
    Error e = for_each_reservation(b, [this](Reservation r) {
        if (r.address + r.size < r.address) return Error::BadValue;
        return add_region(out_.reserved, out_.reserved_count, max_reserved_regions, {r.address, r.size});
    });
    return e != Error::None ? e : walk(b);
}

Error FactsReader::walk(const Blob& blob) {
    Walker walker(blob);
    for (;;) {
        Token t;
        if (Error e = walker.next(t); e != Error::None) return e;
        if (t.kind == Token::Kind::End) return end_chosen();
        if (Error e = token(t); e != Error::None) return e;
    }
}

Error FactsReader::token(const Token& t) {
    switch (t.kind) {
    case Token::Kind::BeginNode: begin(t.name); return Error::None;
    case Token::Kind::Property: return property(t.name, t.value);
    case Token::Kind::EndNode: return end();
    case Token::Kind::End: break;
    }
    return Error::None;
}

// The walker keeps the nesting within max_depth and balanced, so the stack cannot overflow.
void FactsReader::begin(const char* name) {
    nodes_[open_] = Node{};
    nodes_[open_].kind = kind_of(name);
    nodes_[open_].address_cells = default_address_cells;
    nodes_[open_].size_cells = default_size_cells;
    open_++;
}

NodeKind FactsReader::kind_of(const char* name) const {
    if (open_ == 0) return NodeKind::Root;
    NodeKind parent = nodes_[open_ - 1].kind;
    if (parent == NodeKind::ReservedMemory) return NodeKind::Reserved;
    if (parent == NodeKind::Cpus) return NodeKind::Cpus;  // a cpu node may hold the timebase too
    if (parent != NodeKind::Root) return NodeKind::Other;
    if (node_name_is(name, "memory")) return NodeKind::Memory;
    if (node_name_is(name, "reserved-memory")) return NodeKind::ReservedMemory;
    if (node_name_is(name, "chosen")) return NodeKind::Chosen;
    if (node_name_is(name, "cpus")) return NodeKind::Cpus;
    return NodeKind::Other;
}

Error FactsReader::property(const char* name, Bytes value) {
    Node& node = nodes_[open_ - 1];
    if (equal(name, "#address-cells")) return read_u32(value, node.address_cells);
    if (equal(name, "#size-cells")) return read_u32(value, node.size_cells);
    if (equal(name, "reg")) node.reg = value;
    if (equal(name, "device_type")) node.memory_type = string_is(value, "memory");
    if (equal(name, "compatible")) {
        node.plic = list_contains(value, "riscv,plic0") || list_contains(value, "sifive,plic-1.0.0");
        node.clint = list_contains(value, "riscv,clint0") || list_contains(value, "sifive,clint0");
        node.pl011 = list_contains(value, "arm,pl011");
        node.psci = list_contains(value, "arm,psci-0.2");  // PSCI 0.2 function numbers (1.0 lists it too)
        if (list_contains(value, "arm,cortex-a15-gic") || list_contains(value, "arm,gic-400")) node.gic_version = 2;
        if (list_contains(value, "arm,gic-v3")) node.gic_version = 3;
    }
    if (equal(name, "method")) node.method = string_at(value, 0);
    if (equal(name, "interrupts")) node.interrupts = value;
    if (equal(name, "riscv,ndev")) return read_u32(value, node.plic_sources);
    if (node.kind == NodeKind::Chosen) return chosen_property(name, value);
    if (node.kind == NodeKind::Cpus && equal(name, "timebase-frequency") && out_.timebase_frequency == 0) {
        return read_number(value, out_.timebase_frequency);
    }
    return Error::None;
}

Error FactsReader::chosen_property(const char* name, Bytes value) {
    if (equal(name, "bootargs")) {
        out_.bootargs = string_at(value, 0);
        return out_.bootargs ? Error::None : Error::BadValue;
    }
    if (equal(name, "linux,initrd-start")) {
        initrd_ends_seen_ |= 1;
        return read_number(value, out_.initrd_start);
    }
    if (equal(name, "linux,initrd-end")) {
        initrd_ends_seen_ |= 2;
        return read_number(value, out_.initrd_end);
    }
    return Error::None;
}

// An initrd needs both ends, in order; judged once the walk is over.
Error FactsReader::end_chosen() {
    if (initrd_ends_seen_ == 0) return Error::None;
    out_.has_initrd = initrd_ends_seen_ == 3 && out_.initrd_start <= out_.initrd_end;
    return out_.has_initrd ? Error::None : Error::BadValue;
}

Error FactsReader::end() {
    const Node& node = nodes_[--open_];
    if (open_ == 0) return Error::None;  // the root has no parent to shape its reg
    const Node& parent = nodes_[open_ - 1];
    bool memory = node.kind == NodeKind::Memory || (parent.kind == NodeKind::Root && node.memory_type);
    if (memory) return add_regions(node, parent, out_.memory, out_.memory_count, max_memory_regions);
    // A reserved-memory child without reg (a dynamic reservation, "size" alone) has no fixed place.
    if (node.kind == NodeKind::Reserved) {
        return add_regions(node, parent, out_.reserved, out_.reserved_count, max_reserved_regions);
    }
    return end_device(node, parent);
}

// The first node of each device kind the kernel drives.
Error FactsReader::end_device(const Node& node, const Node& parent) {
    if (node.plic && !out_.has_plic) {
        out_.plic_sources = node.plic_sources;
        return add_first_regs(node, parent, &out_.plic, 1, out_.has_plic);
    }
    if (node.clint && !out_.has_clint) return add_first_regs(node, parent, &out_.clint, 1, out_.has_clint);
    if (node.pl011 && !out_.has_pl011) {
        read_gic_interrupt(node.interrupts);
        return add_first_regs(node, parent, &out_.pl011, 1, out_.has_pl011);
    }
    if (node.psci && !out_.psci_method) out_.psci_method = node.method;
    if (node.gic_version && !out_.gic_version) {
        bool found = false;
        Error e = add_first_regs(node, parent, out_.gic, 2, found);
        out_.gic_version = node.gic_version;
        return e;
    }
    return Error::None;
}

// One interrupt specifier of the GIC binding (three cells); anything else is left unread.
void FactsReader::read_gic_interrupt(Bytes interrupts) {
    constexpr word cells = sizeof(Facts::pl011_interrupt) / sizeof(u32);
    if (interrupts.size() != cells * sizeof(u32)) return;
    for (word i = 0; i < cells; i++) read_be32(interrupts, i * sizeof(u32), out_.pl011_interrupt[i]);
    out_.has_pl011_interrupt = true;
}

Error FactsReader::add_regions(const Node& node, const Node& parent, Region* list, unsigned& count, unsigned capacity) {
    return for_each_reg(node.reg, parent, [&](Region r) { return add_region(list, count, capacity, r); });
}

Error FactsReader::add_first_regs(const Node& node, const Node& parent, Region* out, unsigned count, bool& found) {
    unsigned seen = 0;
    Error e = for_each_reg(node.reg, parent, [&](Region r) {
        if (seen < count) out[seen] = r;
        seen++;
        return Error::None;
    });
    if (e != Error::None || seen < count) return e != Error::None ? e : Error::BadValue;  // a device needs a place
    found = true;
    return Error::None;
}

}  // namespace

Error read_facts(Bytes blob, Facts& out) { return FactsReader(out).read(blob); }

}  // namespace fdt
