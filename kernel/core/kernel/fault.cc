// Fault delivery and reporting.
#include "kernel/fault.h"
#include "arch/user_memory.h"
#include "kernel/console.h"
#include "kernel/ipc.h"
#include "kernel/sched.h"

namespace core {

void print_fault(const Fault& f) {
    switch (f.type) {
    case FaultType::Null: kprintf("null fault"); break;
    case FaultType::CapFault:
        kprintf("cap fault in %s phase at address %p", f.b ? "receive" : "send", reinterpret_cast<void*>(f.a));
        break;
    case FaultType::VMFault:
        kprintf("vm fault on %s at address %p with status %p", f.c ? "code" : "data", reinterpret_cast<void*>(f.a),
                reinterpret_cast<void*>(f.b));
        break;
    case FaultType::UnknownSyscall: kprintf("unknown syscall %p", reinterpret_cast<void*>(f.a)); break;
    case FaultType::UserException:
        kprintf("user exception %p code %p", reinterpret_cast<void*>(f.a), reinterpret_cast<void*>(f.b));
        break;
    case FaultType::Timeout: kprintf("Timeout fault for 0x%x\n", static_cast<unsigned>(f.a)); break;
    }
}

namespace {

constexpr unsigned user_stack_trace_length = 16;  // seL4's CONFIG_USER_STACK_TRACE_LENGTH

// As seL4's Arch_userStackTrace: every word, readable or not, from an aligned stack pointer.
// (A thread whose ASID is gone has no address space here, as it runs on the kernel's.)
void print_user_stack(Tcb& thread) {
    word root = thread.vspace_root();
    word sp = arch::stack_pointer_register(thread.context);
    if (!root) {
        kprintf("Invalid vspace\n");
        return;
    }
    if (!is_aligned(sp, 3)) {
        arch::print_misaligned_stack_pointer(sp);
        return;
    }
    for (unsigned i = 0; i < user_stack_trace_length; i++) {
        word address = sp + i * sizeof(word);
        word value = 0;
        if (arch::read_user_word(root, address, value)) {
            kprintf("0x%lx: 0x%lx\n", address, value);
        } else {
            kprintf("0x%lx: INVALID\n", address);
        }
    }
}

// seL4 (classic) reports a missing handler as a cap fault on the handler's CPtr that happened
// while the original fault was being delivered.
void report_no_handler(Tcb& thread, const Fault& original) {
    kprintf("Caught ");
    print_fault(Fault::cap_fault(thread.fault_handler, false));
    kprintf("\nwhile trying to handle:\n");
    print_fault(original);
    kprintf("\nin thread %p \"%s\" at address %p\n", static_cast<void*>(&thread), thread.name,
            reinterpret_cast<void*>(arch::restart_pc(thread.context)));
    kprintf("With stack:\n");
    print_user_stack(thread);
}

}  // namespace

namespace {

void deliver_fault(Tcb& thread, const Fault& f, const LookupFault& lookup) {
    if (send_fault_ipc(thread, f, lookup)) return;
    report_no_handler(thread, f);
    set_thread_state(thread, ThreadState::Inactive);
}

}  // namespace

void handle_fault(Tcb& thread, const Fault& f) { deliver_fault(thread, f, {}); }

void handle_cap_fault(Tcb& thread, word cptr, bool in_receive_phase, const LookupFault& lookup) {
    deliver_fault(thread, Fault::cap_fault(cptr, in_receive_phase), lookup);
}

}  // namespace core
