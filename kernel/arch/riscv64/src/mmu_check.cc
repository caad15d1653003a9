// Checked builds: the riscv64 (Sv39) user mappings and ASIDs agree with the caps, and the address space
// loaded is one an ASID names (arch/mmu.h).
#include "arch/csr.h"
#include "arch/mmu.h"
#include "arch/paging_check.h"
#include "mmu_internal.h"
#include "object/tcb.h"

namespace arch {
namespace {

using namespace mmu;

bool is_named_root(word root) {
    for (AsidPool* pool : asid_table) {
        if (!pool) continue;
        for (void* v : pool->vspace) {
            if (v && ptr_to_phys(v) == root) return true;
        }
    }
    return false;
}

}  // namespace

// A thread runs on the root its VTable cap's ASID names at the time it is switched to
// (thread_vspace_root, as seL4's setVMRoot), so what can go stale is the root left loaded in
// satp while the kernel runs: it must be the kernel's or one an ASID still names (deleteASID and
// deleteASIDPool leave a root that loses its ASID), else the kernel would run, and a thread
// resume, on mappings that may be cleared or freed.
// The root a thread keeps in its context (src/switch.cc) is used while its VTable cap word and
// the ASID generation are the ones it was found under: then the lookup must still give it.
const char* check_thread_vspaces() {
    word loaded = (csr::read_satp() & mask(44)) << 12;
    if (loaded != kernel_vspace_root() && !is_named_root(loaded)) {
        return "the loaded address space is one no ASID names";
    }
    for (core::Tcb* t = core::debug_first_tcb(); t; t = t->debug_next) {
        const Context& c = t->context;
        bool in_use = t->slot(core::TcbSlot::VTable).cap.raw0() == c.vspace_cap_word &&
                      c.vspace_generation == asid_generation;
        if (in_use && t->vspace_root() != c.vspace_root) return "a thread would run on a root its ASID no longer names";
    }
    return nullptr;
}

// The user half of each root: the entries below the kernel's.
const char* check_vspace_coherence(const core::Slot* slots, word count) {
    if (const char* why = check_asid_table<Sv39>(slots, count, core::CapType::PageTable, sv39::kernel_first_entry)) {
        return why;
    }
    return check_thread_vspaces();
}

}  // namespace arch
