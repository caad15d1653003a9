// Helpers for tests with more than one thread.
#include "thread_helpers.h"

namespace keel {

seL4_CPtr spawn_thread(void (*entry)(), ThreadStack& stack, seL4_Word priority, bool resume) {
    seL4_CPtr tcb = alloc_object(seL4_TCBObject, 0);
    if (!tcb) return 0;
    if (seL4_TCB_Configure(tcb, 0, root, 0, seL4_CapInitThreadVSpace, 0, 0, 0) != seL4_NoError) return 0;
    if (seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, priority) != seL4_NoError) return 0;
    seL4_UserContext regs = {};
    regs.rip = reinterpret_cast<seL4_Word>(entry);
    regs.rsp = stack.top() - 8;  // as if `call` had pushed a return address
    if (seL4_TCB_WriteRegisters(tcb, resume, 0, 20, &regs) != seL4_NoError) return 0;
    return tcb;
}

seL4_Word raw_call(seL4_CPtr cap, seL4_Word label) {
    seL4_Word badge, info, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    x64_sys_send_recv(seL4_SysCall, cap, &badge, seL4_MessageInfo_new(label, 0, 0, 0).words[0], &info, &m0, &m1, &m2,
                      &m3);
    return seL4_MessageInfo_get_label(seL4_MessageInfo_t{{info}});
}

void exit_thread(seL4_CPtr self) {
    for (;;) raw_call(self, TCBSuspend);
}

}  // namespace keel
