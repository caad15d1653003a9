// Frame caps as every architecture has them: the memory one covers, and Mint's and Map's rights
// on it. The arch's cap cases (arch/caps.h) use these.
#pragma once
#include "kernel/user_error.h"
#include "object/cap.h"

namespace core {

// seL4's sameRegionAs and sameObjectAs for two frame caps.
bool frame_covers(const Cap& a, const Cap& b);
bool same_frame(const Cap& a, const Cap& b);
// seL4's maskVMRights: the mapping rights left of `vm` by the rights word `r`. Inline: every Map
// (and Mint of a frame cap) asks.
inline VmRights mask_vm_rights(VmRights vm, Rights r) {
    if (vm == VmRights::ReadOnly && r.read) return VmRights::ReadOnly;
    if (vm == VmRights::ReadWrite && r.read) return r.write ? VmRights::ReadWrite : VmRights::ReadOnly;
    if (vm == VmRights::ReadWrite && r.write) user_error("Attempted to make unsupported write only mapping");
    return VmRights::KernelOnly;
}

}  // namespace core
