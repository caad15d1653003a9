// What the riscv64 and aarch64 parts of the differential driver share (arch_world.h): no cap the
// generic world lacks, no cap field of their own, the ASID table of kernel/arch/paging_common.
#include "arch/paging_common.h"
#include "arch_world.h"

namespace diff {

void write_arch_caps(HostWorld&) {}
void add_arch_caps(spec::CNode&) {}

spec::ArchCap abstract_arch_cap(const core::Cap&) { return {}; }

void compare_arch_cap(Report&, const spec::ArchCap&, const spec::ArchCap&, const std::string&) {}

const void* kernel_asid_pool(word high) { return high < arch::mmu::asid_pools ? arch::mmu::asid_table[high] : nullptr; }

}  // namespace diff
