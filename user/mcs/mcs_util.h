// What every MCS test program (a root task on libsel4 alone) needs: the IPC buffer pointer, the
// entry's stack, TLS, starting threads and retyping objects. Included by each program's one source.
#pragma once
#include <sel4/sel4.h>
#include "mcs_arch.h"

__thread seL4_IPCBuffer* __sel4_ipc_buffer;

asm(R"(
    .section .bss
    .balign 16
    .space 16384
mcs_boot_stack_top:
)");

namespace mcs {

inline void set_tls(seL4_Word* block) { seL4_SetTLSBase(mcs_thread_pointer(block, 64)); }

inline void start_thread(seL4_CPtr tcb, void (*entry)(), char* stack, seL4_Word stack_size) {
    seL4_UserContext regs = {};
    seL4_Word count = mcs_start_registers(regs, entry, reinterpret_cast<seL4_Word>(stack + stack_size));
    seL4_TCB_WriteRegisters(tcb, 1, 0, count, &regs);
}

// The first RAM untyped of 2^min_bits bytes or more.
inline seL4_CPtr find_untyped(const seL4_BootInfo* bi, seL4_Word min_bits) {
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = bi->untypedList[s - bi->untyped.start];
        if (!d.isDevice && d.sizeBits >= min_bits) return s;
    }
    return seL4_CapNull;
}

inline seL4_Error retype(seL4_CPtr untyped, seL4_Word type, seL4_Word size_bits, seL4_CPtr slot) {
    return seL4_Untyped_Retype(untyped, type, size_bits, seL4_CapInitThreadCNode, 0, 0, slot, 1);
}

}  // namespace mcs
