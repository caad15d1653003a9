// Message layouts of syscall errors and lookup failures.
#include "kernel/errors.h"

namespace core {

unsigned LookupFault::to_words(word* out) const {
    out[0] = static_cast<word>(kind) + 1;
    switch (kind) {
    case LookupFaultKind::InvalidRoot: return 1;
    case LookupFaultKind::MissingCapability: out[1] = bits_left; return 2;
    case LookupFaultKind::DepthMismatch:
        out[1] = bits_left;
        out[2] = bits_found;
        return 3;
    case LookupFaultKind::GuardMismatch:
        out[1] = bits_left;
        out[2] = guard_found;
        out[3] = bits_found;
        return 4;
    }
    return 1;
}

unsigned SyscallError::to_words(word* out) const {
    switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::InvalidCapability:
    case ErrorCode::NotEnoughMemory: out[0] = a; return 1;
    case ErrorCode::RangeError:
        out[0] = a;
        out[1] = b;
        return 2;
    case ErrorCode::FailedLookup: out[0] = a; return 1 + lookup.to_words(out + 1);
    default: return 0;
    }
}

}  // namespace core
