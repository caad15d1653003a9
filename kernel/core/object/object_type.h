// The object types Untyped Retype makes.
#pragma once
#include "lib/types.h"

namespace core {

// seL4_ObjectType numbers: the generic types, then the architecture's from its
// arch/object_types.inc (seL4_NonArchObjectTypeCount on), then the count (seL4_ObjectTypeCount).
constexpr word non_arch_object_types = 5;
enum class ObjectType : word {
    Untyped = 0, Tcb = 1, Endpoint = 2, Notification = 3, CapTable = 4,
#include "arch/object_types.inc"
    Count
};
constexpr word object_type_count = static_cast<word>(ObjectType::Count);

}  // namespace core
