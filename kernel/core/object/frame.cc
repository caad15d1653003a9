// Frame caps as every architecture has them.
#include "object/frame.h"
#include "arch/caps.h"

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

}  // namespace core
