// Untyped memory: Retype into new objects, with seL4's rules and the free-index watermark.
#pragma once
#include "arch/vspace.h"
#include "object/object_type.h"
#include "syscall/message.h"

namespace core {

constexpr unsigned min_untyped_bits = 4;   // seL4_MinUntypedBits; the free index counts these units
constexpr unsigned max_untyped_bits = arch::max_untyped_bits;  // seL4_MaxUntypedBits
constexpr word retype_fan_out_limit = 256;

unsigned object_size_bits(ObjectType t, word user_size);

SysStatus decode_untyped_invocation(const Message& msg, Slot& untyped_slot);

}  // namespace core
