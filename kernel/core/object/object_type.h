// The object types Untyped Retype makes.
#pragma once
#include "generated/config.h"
#include "lib/types.h"

namespace core {

// seL4_ObjectType numbers: the generic types (MCS: SchedContext and Reply too), then the
// architecture's from its arch/object_types.inc (seL4_NonArchObjectTypeCount on), then the count
// (seL4_ObjectTypeCount). On classic, SchedContext and Reply are numbers no Retype accepts.
constexpr word non_arch_object_types = config::kernel_mcs ? 7 : 5;
constexpr word not_configured_object_type = ~word{0} - 1;
enum class ObjectType : word {
    Untyped = 0, Tcb = 1, Endpoint = 2, Notification = 3, CapTable = 4,
    SchedContext = config::kernel_mcs ? 5 : not_configured_object_type, Reply = SchedContext + 1,
#include "arch/object_types.inc"
    Count
};
constexpr word object_type_count = static_cast<word>(ObjectType::Count);

}  // namespace core
