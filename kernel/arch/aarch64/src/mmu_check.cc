// Checked builds: the aarch64 user mappings and ASIDs agree with the caps, and TTBR0_EL1 holds an
// address space an ASID names, with that ASID (arch/mmu.h).
#include "arch/mmu.h"
#include "arch/paging_check.h"
#include "mmu_internal.h"

namespace arch {

// seL4's setVMRoot leaves TTBR0 on the global user VSpace (ASID 0) or on a root with the ASID that
// names it; deleteASID and deleteASIDPool set it again for the current thread. Anything else means
// a thread could resume on mappings that may be cleared or freed, or under another's ASID.
const char* check_thread_vspaces() {
    word ttbr0 = mmu::read_ttbr0();
    word root = ttbr0 & mask(48), asid = ttbr0 >> 48;
    if (root == mmu::global_user_vspace()) return asid == 0 ? nullptr : "the global user VSpace runs with an ASID";
    void* named = mmu::find_vspace(asid);
    if (!named || ptr_to_phys(named) != root) return "TTBR0 holds an address space its ASID does not name";
    return nullptr;
}

const char* check_vspace_coherence(const core::Slot* slots, word count) {
    if (const char* why = mmu::check_asid_table<mmu::Vmsa>(slots, count, core::CapType::VSpace, vmsa::entries)) return why;
    return check_thread_vspaces();
}

}  // namespace arch
