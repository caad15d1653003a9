// Untyped memory: Retype into new objects, with seL4's rules and the free-index watermark.
#pragma once
#include "syscall/message.h"

namespace core {

constexpr unsigned min_untyped_bits = 4;   // seL4_MinUntypedBits; the free index counts these units
constexpr unsigned max_untyped_bits = 47;  // seL4_MaxUntypedBits
constexpr word retype_fan_out_limit = 256;

// seL4_ObjectType numbers for x86_64 (classic, huge pages, no IOMMU, no VT-x).
enum class ObjectType : word {
    Untyped = 0, Tcb = 1, Endpoint = 2, Notification = 3, CapTable = 4, Pdpt = 5, Pml4 = 6, HugePage = 7,
    SmallPage = 8, LargePage = 9, PageTable = 10, PageDirectory = 11,
};
constexpr word object_type_count = 12;

unsigned object_size_bits(ObjectType t, word user_size);
bool is_frame_type(ObjectType t);

SysStatus decode_untyped_invocation(const Message& msg, Slot& untyped_slot);

}  // namespace core
