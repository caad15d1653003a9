// TCB invocations (classic scheduling): registers, space, IPC buffer, priorities, suspend/resume.
#pragma once
#include "syscall/message.h"

namespace core {
SysStatus decode_tcb_invocation(const Message& msg, Slot& slot);
}  // namespace core
