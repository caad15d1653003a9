// Frame caps as every architecture has them.
#include "object/frame.h"
#include "arch/caps.h"
#include "kernel/user_error.h"

namespace core {

bool frame_covers(const Cap& a, const Cap& b) {
    word a_base = reinterpret_cast<word>(a.ptr());
    word b_base = reinterpret_cast<word>(b.ptr());
    word a_top = a_base + mask(arch::frame_size_bits(a.frame_size()));
    word b_top = b_base + mask(arch::frame_size_bits(b.frame_size()));
    return a_base <= b_base && a_top >= b_top && b_base <= b_top;
}

bool same_frame(const Cap& a, const Cap& b) {
    return a.ptr() == b.ptr() && a.frame_size() == b.frame_size() && a.frame_is_device() == b.frame_is_device();
}

VmRights mask_vm_rights(VmRights vm, Rights r) {
    if (vm == VmRights::ReadOnly && r.read) return VmRights::ReadOnly;
    if (vm == VmRights::ReadWrite && r.read) return r.write ? VmRights::ReadWrite : VmRights::ReadOnly;
    if (vm == VmRights::ReadWrite && r.write) user_error("Attempted to make unsupported write only mapping");
    return VmRights::KernelOnly;
}

}  // namespace core
