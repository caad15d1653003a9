// CNode invocations: Revoke, Delete, CancelBadgedSends, Copy, Mint, Move, Mutate, Rotate, SaveCaller.
#pragma once
#include "syscall/message.h"

namespace core {
SysStatus decode_cnode_invocation(const Message& msg, const Cap& cnode);
}  // namespace core
