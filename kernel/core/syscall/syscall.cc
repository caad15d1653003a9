// System call dispatch.
#include "syscall/syscall.h"
#include "arch/halt.h"
#include "arch/traps.h"
#include "generated/syscalls.h"
#include "kernel/console.h"
#include "kernel/fault.h"

namespace core {
namespace {

void debug_halt(Tcb& thread) {
    kprintf("Debug halt syscall from user thread %p \"%s\"\n", static_cast<void*>(&thread), thread.name);
    arch::halt(arch::HaltReason::DebugHalt);
}

// Send-phase and receive-phase calls need a capability; no CSpace can resolve one yet, so they
// fail the way seL4 fails a lookup: blocking calls fault, NBSend is silently dropped.
void handle_ipc_without_cspace(Tcb& thread, Syscall s) {
    word cptr = arch::cap_register(thread.context);
    switch (s) {
    case Syscall::NBSend:
    case Syscall::Reply:
    case Syscall::Yield: return;
    case Syscall::Recv:
    case Syscall::NBRecv: handle_fault(thread, Fault::cap_fault(cptr, true)); return;
    default: handle_fault(thread, Fault::cap_fault(cptr, false)); return;
    }
}

// A non-canonical base is refused (seL4 answers with a syscall error and changes nothing).
void set_tls_base(Tcb& thread) {
    word base = arch::cap_register(thread.context);
    if (arch::is_canonical(base)) arch::tls_base_register(thread.context) = base;
}

bool handle_debug_syscall(Tcb& thread, Syscall s) {
    switch (s) {
    case Syscall::DebugPutChar: kputc(static_cast<char>(arch::cap_register(thread.context))); return true;
    case Syscall::DebugHalt: debug_halt(thread); return true;
    case Syscall::SetTLSBase: set_tls_base(thread); return true;
    default: return false;
    }
}

}  // namespace

void handle_syscall(Tcb& thread, sword number) {
    auto s = static_cast<Syscall>(number);
    if (number >= syscall_min && number <= -1) {
        handle_ipc_without_cspace(thread, s);
        return;
    }
    if (!handle_debug_syscall(thread, s)) handle_fault(thread, Fault::unknown_syscall(static_cast<word>(number)));
}

void handle_user_exception(Tcb& thread) {
    handle_fault(thread, arch::fault_from_exception(thread.context));
}

}  // namespace core
