// A reader of a flattened device tree blob (Devicetree Specification v0.4, chapter 5) that the
// firmware hands over: every offset, length and string is checked against the blob's totalsize,
// so a malformed blob gives an error, never a read outside it, an allocation or an endless walk.
#pragma once
#include "span.h"

namespace fdt {

enum class Error {
    None,
    TooSmall,      // shorter than the header, or than the totalsize the header claims
    BadMagic,
    BadVersion,    // not readable as version 17
    BadLayout,     // a block lies outside totalsize or is misaligned
    BadToken,      // an unknown structure token, or one out of place
    BadName,       // a node or property name not terminated inside its block
    BadProperty,   // a property's value outside the structure block
    TooDeep,       // nodes nested deeper than max_depth
    Unbalanced,    // FDT_END inside a node, or a node ended that was not begun
    NoEnd,         // the structure block ends without FDT_END
    BadCells,      // #address-cells or #size-cells not usable for a reg this reader needs
    BadValue,      // a value of the wrong length, or a range that wraps around
    TooMany,       // more regions than the reader has room for
};

const char* describe(Error e);

constexpr unsigned header_size = 40;
// The blob's length as its header claims it, for mapping it before reading it: needs only the
// first header_size bytes.
Error total_size(Bytes header, u32& out);

// The blocks of a blob whose header is well formed.
struct Blob {
    Bytes structure;
    Bytes strings;
    Bytes reservations;  // from the reservation block's start to the end of the blob
};
// `blob` may be longer than its totalsize (a dumped or mapped blob); the rest is ignored.
Error open(Bytes blob, Blob& out);

struct Reservation {
    u64 address;
    u64 size;
};
// Calls `each` for every entry of the memory reservation block up to its (0, 0) terminator.
template <typename F>
Error for_each_reservation(const Blob& blob, F each);

constexpr unsigned max_depth = 16;

struct Token {
    enum class Kind { BeginNode, EndNode, Property, End } kind;
    const char* name;  // node or property name, NUL-terminated inside the blob
    Bytes value;       // a property's value
};

// Walks the structure block token by token (FDT_NOP skipped); each call advances at least one
// token, and the walk ends at FDT_END or with an error.
class Walker {
public:
    explicit Walker(const Blob& blob) : structure_(blob.structure), strings_(blob.strings) {}
    Error next(Token& out);

private:
    Error begin_node(Token& out);
    Error property(Token& out);
    Error end_node(Token& out);
    Error end(Token& out);

    Bytes structure_;
    Bytes strings_;
    word offset_ = 0;
    unsigned depth_ = 0;
    bool root_seen_ = false;
    bool ended_ = false;
};

// Big-endian reads inside `bytes`; false when [offset, offset + size) is not inside it.
bool read_be32(Bytes bytes, word offset, u32& out);
bool read_be64(Bytes bytes, word offset, u64& out);
// A one-cell or two-cell number (a property such as linux,initrd-start may be either).
bool read_cells(Bytes value, u64& out);
// The NUL-terminated string at `offset`, or nullptr when it is not terminated inside `bytes`.
const char* string_at(Bytes bytes, word offset);
// Whether the string-list `value` (NUL-terminated strings back to back) holds `wanted`.
bool list_contains(Bytes value, const char* wanted);

template <typename F>
Error for_each_reservation(const Blob& blob, F each) {
    for (word offset = 0;; offset += 2 * sizeof(u64)) {
        Reservation r;
        if (!read_be64(blob.reservations, offset, r.address) || !read_be64(blob.reservations, offset + 8, r.size)) {
            return Error::BadLayout;
        }
        if (r.address == 0 && r.size == 0) return Error::None;
        if (Error e = each(r); e != Error::None) return e;
    }
}

}  // namespace fdt
