// What the riscv64 and aarch64 models share of their page tables (seL4's RISC-V and Arm vspace.c
// agree on it): lookupPTSlot, unmapPage, unmapPageTable, the PageTable invocations and the
// finalisation of paging-structure caps. A page table's level is not its type: a walk goes down
// while entries point to tables, and a table is mapped where it stops. Each architecture's
// arch_labels.h names the PageTable labels.
#pragma once
#include "ops.h"

namespace spec {

// seL4's lookupPTSlot: the deepest table a walk from `root` reaches for `vaddr` (going down while
// the entry is a table, never below the last level), the entry's index there and the bits it spans.
struct PtSlot {
    word table = 0;
    word index = 0;
    unsigned bits_left = 0;
};
PtSlot lookup_pt_slot(const State& s, word root, word vaddr);
// The entry at `slot`, or nullptr.
const PagingEntry* entry_at(const State& s, const PtSlot& slot);
// What a frame's Map checks first: frame_map_root's checks, then the root's ASID (check_vspace_root).
SyscallError frame_map_checked_root(const State& s, const Invocation& inv, Cap& root);
// PageTable Map and Unmap (the labels of arch_labels.h), else IllegalOperation.
SyscallError decode_page_table(State& s, const Invocation& inv, SlotRef slot);
// seL4's Arch_finaliseCap for a paging structure: a final mapped VSpace root frees its ASID,
// another final mapped table is unmapped.
void finalise_table_cap(State& s, const Cap& cap, bool final);

}  // namespace spec
