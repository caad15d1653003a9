// x86 I/O port capabilities.
#pragma once
#include "syscall/message.h"

namespace arch {
core::SysStatus decode_io_port_control(const core::Message& msg, core::Slot& slot);
core::SysStatus decode_io_port(const core::Message& msg, core::Slot& slot);
// The last cap to a port range is gone: the ports may be issued again.
void free_io_ports(const core::Cap& cap);
// No port issued at all: a host test's new machine (the kernel starts so, zero-initialised).
void forget_io_ports();
}  // namespace arch
