// The x86_64 part's internal operations, shared by its files (caps.cc, vspace.cc, io_port.cc).
#pragma once
#include "ops.h"

namespace spec {

// Address spaces (vspace.cc): the invocations of frames, paging structures and ASID caps, and
// the finalisation of those caps.
SyscallError decode_vspace_invocation(State& s, const Invocation& inv, SlotRef slot);
void finalise_vspace_cap(State& s, const Cap& cap, bool final);

// I/O ports (io_port.cc).
SyscallError decode_io_port_control(State& s, const Invocation& inv, SlotRef slot);
SyscallError decode_io_port(State& s, const Invocation& inv, SlotRef slot);
void free_io_ports(State& s, const Cap& cap);

}  // namespace spec
