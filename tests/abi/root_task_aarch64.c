/* An upstream-style aarch64 root task's source: it must compile against Keel's aarch64 libsel4 with
 * upstream's include path (CTest abi.aarch64.root_task; no aarch64 kernel runs it yet). It uses what
 * ARM adds: the four page sizes and the VSpace object, cache maintenance on a page and a VSpace,
 * x0..x30 and the thread ID registers of seL4_UserContext, SGIs and SMC. */
#include <sel4/arch/mapping.h>
#include <sel4/sel4.h>

#include "root_task_slots.h"

LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;

static char worker_stack[4096] __attribute__((aligned(16)));

static void worker(void)
{
    seL4_Signal(seL4_CapInitThreadTCB + 100);
}

static seL4_CPtr make(seL4_BootInfo *info, seL4_Word type)
{
    seL4_CPtr slot = alloc_slot(info);
    seL4_CPtr ut = untyped_of_size(info, seL4_HugePageBits);
    seL4_Untyped_Retype(ut, type, 0, seL4_CapInitThreadCNode, 0, 0, slot, 1);
    return slot;
}

/* Maps a large page into a fresh VSpace through its page tables, then cleans the data cache. */
static seL4_Error map_large_page(seL4_BootInfo *info, seL4_Word vaddr)
{
    seL4_CPtr vspace = make(info, seL4_ARM_VSpaceObject);
    seL4_CPtr pool = alloc_slot(info);
    seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, untyped_of_size(info, seL4_ASIDPoolBits),
                                  seL4_CapInitThreadCNode, pool, seL4_WordBits);
    seL4_ARM_ASIDPool_Assign(pool, vspace);
    seL4_Error err = seL4_FailedLookup;
    while (err == seL4_FailedLookup) {
        err = seL4_ARM_Page_Map(make(info, seL4_ARM_LargePageObject), vspace, vaddr, seL4_AllRights,
                                seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever);
        if (err == seL4_FailedLookup && seL4_MappingFailedLookupLevel() >= SEL4_MAPPING_LOOKUP_NO_PT) {
            seL4_ARM_PageTable_Map(make(info, seL4_ARM_PageTableObject), vspace, vaddr,
                                   seL4_ARM_Default_VMAttributes);
        }
    }
    seL4_ARM_VSpace_Clean_Data(vspace, vaddr, vaddr + (1ul << seL4_LargePageBits));
    return seL4_ARM_VSpace_Unify_Instruction(vspace, vaddr, vaddr + (1ul << seL4_LargePageBits));
}

void root_task_main(seL4_BootInfo *info)
{
    seL4_SetIPCBuffer(info->ipcBuffer);
    seL4_DebugPutString("hello from aarch64\n");
    (void)map_large_page(info, 0x40000000);

    seL4_CPtr frame = make(info, seL4_ARM_SmallPageObject);
    seL4_ARM_Page_CleanInvalidate_Data(frame, 0, 1ul << seL4_PageBits);
    seL4_ARM_Page_GetAddress_t addr = seL4_ARM_Page_GetAddress(frame);
    (void)addr.paddr;

    seL4_CPtr tcb = make(info, seL4_TCBObject);
    seL4_TCB_Configure(tcb, seL4_CapNull, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0, 0, 0);
    seL4_UserContext regs = {0};
    regs.pc = (seL4_Word)worker;
    regs.sp = (seL4_Word)(worker_stack + sizeof(worker_stack));
    regs.x0 = 42;
    regs.x30 = 0;
    regs.tpidr_el0 = (seL4_Word)worker_stack;
    seL4_TCB_WriteRegisters(tcb, 1, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
    seL4_TCB_ReadRegisters(tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs);

    seL4_CPtr sgi = alloc_slot(info), handler = alloc_slot(info);
    seL4_IRQControl_IssueSGISignal(seL4_CapIRQControl, 1, 0, seL4_CapInitThreadCNode, sgi, seL4_WordBits);
    seL4_IRQControl_GetTrigger(seL4_CapIRQControl, 33, 0, seL4_CapInitThreadCNode, handler, seL4_WordBits);
    seL4_IRQHandler_Ack(handler);

    seL4_ARM_SMCContext call = {.x0 = 0x84000000}, result;
    (void)seL4_ARM_SMC_Call(seL4_CapSMC, &call, &result);
    seL4_Word badge;
    seL4_Recv(seL4_CapInitThreadTCB + 100, &badge);
    seL4_DebugHalt();
}
