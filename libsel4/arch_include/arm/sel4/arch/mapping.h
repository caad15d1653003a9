/* arm's report of a failed mapping: aarch64's seL4_MappingFailedLookupLevel and SEL4_MAPPING_LOOKUP_*
 * levels, as upstream includes them. */
#pragma once

#include <sel4/sel4_arch/mapping.h>
