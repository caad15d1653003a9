// ASIDs and the address spaces threads run on (riscv64). The paging-structure and ASID
// invocations are not written yet: every one is refused as an illegal operation.
#include "arch/mmu.h"
#include "arch/caps.h"
#include "arch/paging.h"
#include "arch/vspace.h"
#include "kernel/user_error.h"

namespace arch {
namespace {

constexpr unsigned asid_low_bits = 9;   // seL4_ASIDPoolIndexBits
constexpr unsigned asid_pools = 1 << 7;  // 2^seL4_NumASIDPoolsBits

struct AsidPool {
    void* vspace[1 << asid_low_bits];
};
static_assert(sizeof(AsidPool) == 4096, "seL4_ASIDPoolBits");

AsidPool* asid_table[asid_pools];

void* find_vspace(word asid) {
    AsidPool* pool = asid_table[(asid >> asid_low_bits) & (asid_pools - 1)];
    return pool ? pool->vspace[asid & mask(asid_low_bits)] : nullptr;
}

}  // namespace

void set_initial_asid_pool(void* pool, void* root) {
    asid_table[0] = static_cast<AsidPool*>(pool);
    asid_table[0]->vspace[1] = root;
}

word thread_vspace_root(const core::Cap& vtable) {
    if (!is_valid_vtable_root(vtable) || find_vspace(vtable.mapped_asid()) != vtable.ptr()) return 0;
    return ptr_to_phys(vtable.ptr());
}

core::SysStatus decode_arch_invocation(const core::Message&, core::Slot&) {
    return core::user_fail(core::SyscallError::of(core::ErrorCode::IllegalOperation),
                           "RISC-V paging invocations: not yet supported by Keel.");
}

void finalise_arch_cap(const core::Cap&, bool) {}

const char* check_vspace_coherence(const core::Slot*, word) { return nullptr; }
const char* check_thread_vspaces() { return nullptr; }

}  // namespace arch
