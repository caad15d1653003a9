// Errors of system calls and capability lookups, as values (seL4's error codes and layouts).
#pragma once
#include "lib/result.h"
#include "lib/types.h"

namespace core {

// seL4_LookupFailureType minus one (seL4's internal numbering; user-visible values add 1).
// Word-sized, so the structs holding it have no padding bytes (whose contents a copy leaves
// unspecified, and the fuzzer compares memory byte for byte).
enum class LookupFaultKind : word { InvalidRoot = 0, MissingCapability = 1, DepthMismatch = 2, GuardMismatch = 3 };

struct LookupFault {
    LookupFaultKind kind = LookupFaultKind::InvalidRoot;
    word bits_left = 0;
    word bits_found = 0;   // depth mismatch and guard mismatch
    word guard_found = 0;  // guard mismatch

    static LookupFault invalid_root() { return {}; }
    static LookupFault missing_capability(word bits_left) { return {LookupFaultKind::MissingCapability, bits_left, 0, 0}; }
    static LookupFault depth_mismatch(word bits_left, word bits_found) {
        return {LookupFaultKind::DepthMismatch, bits_left, bits_found, 0};
    }
    static LookupFault guard_mismatch(word bits_left, word guard_found, word bits_found) {
        return {LookupFaultKind::GuardMismatch, bits_left, bits_found, guard_found};
    }
    // Writes the lookup failure as message words starting at `out` (seL4's layout); returns the count.
    unsigned to_words(word* out) const;
};

// seL4_Error.
enum class ErrorCode : u8 {
    NoError = 0, InvalidArgument = 1, InvalidCapability = 2, IllegalOperation = 3, RangeError = 4,
    AlignmentError = 5, FailedLookup = 6, TruncatedMessage = 7, DeleteFirst = 8, RevokeFirst = 9,
    NotEnoughMemory = 10,
    // Not an seL4_Error: a long operation stopped at a preemption point. The thread stays in
    // Restart and re-executes the system call, which carries on from the state saved in objects.
    Preempted = 0xff,
};

struct SyscallError {
    ErrorCode code = ErrorCode::NoError;
    word a = 0;  // invalid argument/cap number; range min; failed lookup was source; memory left
    word b = 0;  // range max
    LookupFault lookup{};

    static SyscallError of(ErrorCode c) { return {c, 0, 0, {}}; }
    static SyscallError invalid_argument(word n) { return {ErrorCode::InvalidArgument, n, 0, {}}; }
    static SyscallError invalid_capability(word n) { return {ErrorCode::InvalidCapability, n, 0, {}}; }
    static SyscallError range(word min, word max) { return {ErrorCode::RangeError, min, max, {}}; }
    static SyscallError failed_lookup(bool source, LookupFault f) { return {ErrorCode::FailedLookup, source, 0, f}; }
    static SyscallError not_enough_memory(word left) { return {ErrorCode::NotEnoughMemory, left, 0, {}}; }

    // The error's message words (seL4's setMRs_syscall_error); returns the count.
    unsigned to_words(word* out) const;
};

template <typename T>
using SysResult = lib::Result<T, SyscallError>;
using SysStatus = lib::Status<SyscallError>;
inline lib::Err<SyscallError> fail(SyscallError e) { return lib::err(e); }

}  // namespace core
