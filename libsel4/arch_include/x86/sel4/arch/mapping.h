/* x86's report of a failed mapping: x86_64's seL4_MappingFailedLookupLevel and
 * SEL4_MAPPING_LOOKUP_* levels (the EPT levels too on x86), as upstream includes them. */
#pragma once

#include <sel4/sel4_arch/mapping.h>
