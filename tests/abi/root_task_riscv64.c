/* An upstream-style riscv64 root task's source: it must compile against Keel's riscv64 libsel4
 * with upstream's include path (CTest abi.riscv64.root_task; nothing runs it yet). */
#include <sel4/sel4.h>

#include "root_task_slots.h"

LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;

static char child_stack[4096] __attribute__((aligned(16)));

static void child(void)
{
    seL4_Send(seL4_CapInitThreadTCB + 100, seL4_MessageInfo_new(7, 0, 0, 0));
}

static seL4_Error retype(seL4_BootInfo *info, seL4_Word type, seL4_Word size_bits, seL4_CPtr slot)
{
    seL4_CPtr ut = untyped_of_size(info, seL4_PageBits + 2);
    return seL4_Untyped_Retype(ut, type, size_bits, seL4_CapInitThreadCNode, 0, 0, slot, 1);
}

void root_task_main(seL4_BootInfo *info)
{
    seL4_SetIPCBuffer(info->ipcBuffer);
    seL4_DebugPutString("hello from riscv64\n");

    /* a page, mapped with a page table under it */
    seL4_CPtr pt = alloc_slot(info), frame = alloc_slot(info);
    seL4_Word vaddr = 0x10000000;
    retype(info, seL4_RISCV_PageTableObject, 0, pt);
    retype(info, seL4_RISCV_4K_Page, 0, frame);
    seL4_Error err = seL4_RISCV_PageTable_Map(pt, seL4_CapInitThreadVSpace, vaddr, seL4_RISCV_Default_VMAttributes);
    if (err == seL4_NoError) {
        err = seL4_RISCV_Page_Map(frame, seL4_CapInitThreadVSpace, vaddr, seL4_ReadWrite,
                                  seL4_RISCV_ExecuteNever);
    }
    if (err == seL4_FailedLookup && seL4_GetMR(SEL4_MAPPING_LOOKUP_LEVEL) == SEL4_MAPPING_LOOKUP_NO_PT) {
        seL4_DebugPutString("no page table\n");
    }
    seL4_RISCV_Page_GetAddress_t addr = seL4_RISCV_Page_GetAddress(frame);
    (void)addr.paddr;

    /* a thread, started by writing its registers */
    seL4_CPtr tcb = alloc_slot(info);
    retype(info, seL4_TCBObject, 0, tcb);
    seL4_TCB_Configure(tcb, seL4_CapNull, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0, 0, 0);
    seL4_UserContext regs = {0};
    regs.pc = (seL4_Word)child;
    regs.sp = (seL4_Word)(child_stack + sizeof(child_stack));
    regs.a0 = 42;
    seL4_TCB_WriteRegisters(tcb, 1, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
    seL4_TCB_ReadRegisters(tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs);

    /* an endpoint, and a call on it */
    seL4_CPtr ep = alloc_slot(info);
    retype(info, seL4_EndpointObject, 0, ep);
    seL4_SetMR(0, 1);
    seL4_MessageInfo_t reply = seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 1));
    seL4_Word badge;
    seL4_Recv(ep, &badge);
    seL4_ReplyRecv(ep, reply, &badge);
    seL4_Yield();

    /* an ASID pool and an IRQ handler */
    seL4_CPtr pool = alloc_slot(info), handler = alloc_slot(info);
    seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, untyped_of_size(info, seL4_ASIDPoolBits),
                                    seL4_CapInitThreadCNode, pool, seL4_WordBits);
    seL4_RISCV_ASIDPool_Assign(pool, seL4_CapInitThreadVSpace);
    seL4_IRQControl_GetTrigger(seL4_CapIRQControl, 10, 1, seL4_CapInitThreadCNode, handler, seL4_WordBits);
    seL4_IRQHandler_Ack(handler);
    seL4_DebugHalt();
}
