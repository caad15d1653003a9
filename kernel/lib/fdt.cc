// The flattened device tree reader: header, blocks and the structure walk.
#include "fdt.h"
#include "string.h"

namespace fdt {
namespace {

constexpr u32 magic = 0xd00dfeed;
constexpr u32 readable_version = 17;  // the version whose header this reader knows

// Structure block tokens.
constexpr u32 token_begin_node = 1;
constexpr u32 token_end_node = 2;
constexpr u32 token_prop = 3;
constexpr u32 token_nop = 4;
constexpr u32 token_end = 9;

// Header fields, in the order of their big-endian 32-bit words.
enum HeaderWord : word {
    h_magic, h_totalsize, h_off_dt_struct, h_off_dt_strings, h_off_mem_rsvmap, h_version,
    h_last_comp_version, h_boot_cpuid_phys, h_size_dt_strings, h_size_dt_struct,
};

u32 header_word(Bytes blob, HeaderWord w) {
    u32 value = 0;
    read_be32(blob, w * sizeof(u32), value);  // callers have checked that the header is inside
    return value;
}

word align4(word n) { return round_up(n, 2); }

// The block [offset, offset + size) of `blob`, when it lies inside and is aligned to `align`.
bool block(Bytes blob, u32 offset, u32 size, u32 align, Bytes& out) {
    if (offset % align != 0 || !blob.contains(offset, size)) return false;
    out = Bytes(blob.data() + offset, size);
    return true;
}

}  // namespace

const char* describe(Error e) {
    switch (e) {
    case Error::None: return "valid";
    case Error::TooSmall: return "blob shorter than its header or its totalsize";
    case Error::BadMagic: return "no device tree magic";
    case Error::BadVersion: return "not a version 17 device tree";
    case Error::BadLayout: return "a block lies outside the blob or is misaligned";
    case Error::BadToken: return "unknown or misplaced structure token";
    case Error::BadName: return "unterminated node or property name";
    case Error::BadProperty: return "property value outside the structure block";
    case Error::TooDeep: return "nodes nested too deep";
    case Error::Unbalanced: return "unbalanced nodes";
    case Error::NoEnd: return "structure block ends without FDT_END";
    case Error::BadCells: return "unusable #address-cells or #size-cells";
    case Error::BadValue: return "property value of the wrong size or range";
    case Error::TooMany: return "more regions than the reader holds";
    }
    return "?";
}

bool read_be32(Bytes bytes, word offset, u32& out) {
    if (!bytes.contains(offset, sizeof(u32))) return false;
    const u8* p = bytes.data() + offset;
    out = u32{p[0]} << 24 | u32{p[1]} << 16 | u32{p[2]} << 8 | u32{p[3]};
    return true;
}

bool read_be64(Bytes bytes, word offset, u64& out) {
    u32 high, low;
    if (!read_be32(bytes, offset, high) || !read_be32(bytes, offset + sizeof(u32), low)) return false;
    out = u64{high} << 32 | low;
    return true;
}

bool read_cells(Bytes value, u64& out) {
    u32 cell;
    if (value.size() == sizeof(u32) && read_be32(value, 0, cell)) {
        out = cell;
        return true;
    }
    return value.size() == sizeof(u64) && read_be64(value, 0, out);
}

const char* string_at(Bytes bytes, word offset) {
    for (word i = offset; i < bytes.size(); i++) {
        if (bytes[i] == 0) return reinterpret_cast<const char*>(bytes.data() + offset);
    }
    return nullptr;
}

bool list_contains(Bytes value, const char* wanted) {
    for (word offset = 0; offset < value.size();) {
        const char* s = string_at(value, offset);
        if (!s) return false;
        if (memcmp(s, wanted, strlen(wanted) + 1) == 0) return true;
        offset += strlen(s) + 1;
    }
    return false;
}

Error total_size(Bytes header, u32& out) {
    if (header.size() < header_size) return Error::TooSmall;
    if (header_word(header, h_magic) != magic) return Error::BadMagic;
    out = header_word(header, h_totalsize);
    return out < header_size ? Error::TooSmall : Error::None;
}

Error open(Bytes blob, Blob& out) {
    u32 size;
    if (Error e = total_size(blob, size); e != Error::None) return e;
    if (size > blob.size()) return Error::TooSmall;
    blob = Bytes(blob.data(), size);
    if (header_word(blob, h_version) < readable_version || header_word(blob, h_last_comp_version) > readable_version) {
        return Error::BadVersion;
    }
    u32 reservations = header_word(blob, h_off_mem_rsvmap);
    bool inside = block(blob, header_word(blob, h_off_dt_struct), header_word(blob, h_size_dt_struct), 4, out.structure) &&
                  block(blob, header_word(blob, h_off_dt_strings), header_word(blob, h_size_dt_strings), 1, out.strings) &&
                  block(blob, reservations, size - reservations, 8, out.reservations);
    return inside ? Error::None : Error::BadLayout;
}

Error Walker::next(Token& out) {
    if (ended_) return end(out);
    for (;;) {
        u32 token;
        if (!read_be32(structure_, offset_, token)) return Error::NoEnd;
        offset_ += sizeof(u32);
        switch (token) {
        case token_nop: continue;
        case token_begin_node: return begin_node(out);
        case token_prop: return property(out);
        case token_end_node: return end_node(out);
        case token_end: return end(out);
        default: return Error::BadToken;
        }
    }
}

Error Walker::begin_node(Token& out) {
    if (depth_ == 0 && root_seen_) return Error::BadToken;  // one root node only
    if (depth_ == max_depth) return Error::TooDeep;
    out = {Token::Kind::BeginNode, string_at(structure_, offset_), {}};
    if (!out.name) return Error::BadName;
    offset_ += align4(strlen(out.name) + 1);
    root_seen_ = true;
    depth_++;
    return Error::None;
}

Error Walker::property(Token& out) {
    u32 length, name_offset;
    if (depth_ == 0) return Error::BadToken;  // properties belong to a node
    if (!read_be32(structure_, offset_, length) || !read_be32(structure_, offset_ + 4, name_offset)) return Error::NoEnd;
    offset_ += 2 * sizeof(u32);
    if (!structure_.contains(offset_, length)) return Error::BadProperty;
    out = {Token::Kind::Property, string_at(strings_, name_offset), Bytes(structure_.data() + offset_, length)};
    if (!out.name) return Error::BadName;
    offset_ += align4(length);
    return Error::None;
}

Error Walker::end_node(Token& out) {
    if (depth_ == 0) return Error::Unbalanced;
    out = {Token::Kind::EndNode, nullptr, {}};
    depth_--;
    return Error::None;
}

Error Walker::end(Token& out) {
    if (depth_ != 0 || !root_seen_) return Error::Unbalanced;
    ended_ = true;
    out = {Token::Kind::End, nullptr, {}};
    return Error::None;
}

}  // namespace fdt
