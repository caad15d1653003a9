/* Every public header of seL4 16.0.0's libsel4 for this architecture, included by its upstream name,
 * and the functions and types they add, used as an upstream root task uses them: compiled against
 * Keel's libsel4 for each architecture, classic and MCS (CTest abi.<arch>[.mcs].upstream_headers). */
#include <sel4/assert.h>
#include <sel4/bootinfo.h>
#include <sel4/bootinfo_types.h>
#include <sel4/config.h>
#include <sel4/constants.h>
#include <sel4/debug_assert.h>
#include <sel4/deprecated.h>
#include <sel4/errors.h>
#include <sel4/faults.h>
#include <sel4/functions.h>
#include <sel4/invocation.h>
#include <sel4/macros.h>
#include <sel4/objecttype.h>
#include <sel4/sel4.h>
#include <sel4/shared_types.h>
#include <sel4/simple_types.h>
#include <sel4/syscall.h>
#include <sel4/syscalls.h>
#include <sel4/types.h>
#include <sel4/virtual_client.h>
#ifdef CONFIG_KERNEL_MCS
#include <sel4/syscalls_mcs.h>
#else
#include <sel4/syscalls_master.h>
#endif
#include <sel4/arch/constants.h>
#include <sel4/arch/deprecated.h>
#include <sel4/arch/invocation.h>
#include <sel4/arch/mapping.h>
#include <sel4/arch/objecttype.h>
#include <sel4/arch/simple_types.h>
#include <sel4/arch/syscalls.h>
#include <sel4/arch/types.h>
#include <sel4/mode/types.h>
#include <sel4/sel4_arch/constants.h>
#include <sel4/sel4_arch/deprecated.h>
#include <sel4/sel4_arch/faults.h>
#include <sel4/sel4_arch/invocation.h>
#include <sel4/sel4_arch/mapping.h>
#include <sel4/sel4_arch/objecttype.h>
#include <sel4/sel4_arch/simple_types.h>
#include <sel4/sel4_arch/syscalls.h>
#include <sel4/sel4_arch/types.h>
#include <interfaces/sel4_client.h>
#if defined(__x86_64__)
#include <sel4/arch/bootinfo_types.h>
#include <sel4/sel4_arch/pfIPC.h>
#include <sel4/sel4_arch/syscalls_syscall.h>
#elif defined(__riscv)
#include <sel4/arch/exIPC.h>
#include <sel4/arch/shared_types.h>
#elif defined(__aarch64__)
#include <sel4/arch/constants_cortex_a57.h>
#include <sel4/arch/shared_types.h>
#endif

#if !defined(SEL4_WORD_IS_UINT64) || !defined(SEL4_INT64_IS_LONG)
#error "sel4/arch/simple_types.h states how a 64-bit architecture's types are built"
#endif

seL4_CompileTimeAssert(sizeof(seL4_Fault_tag_t) == sizeof(long));
seL4_CompileTimeAssert(seL4_NumErrors == seL4_NotEnoughMemory + 1);
seL4_integer_size_assert(seL4_Uint32, 4)
SEL4_SIZE_SANITY(seL4_PageTableEntryBits, seL4_PageTableIndexBits, seL4_PageTableBits)

static PURE seL4_Word first_word(const seL4_Word *words)
{
    return words[0];
}

static CONST seL4_Word twice(seL4_Word word)
{
    return 2 * word;
}

LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;

void __assert_fail(const char *expr, const char *file, int line, const char *function)
{
    (void)expr, (void)file, (void)line, (void)function;
    seL4_DebugHalt();
    for (;;) {
    }
}

/* A fault handler's loop: wait, name the fault, reply. */
static void handle_faults(seL4_CPtr endpoint, seL4_CPtr reply)
{
    seL4_Word badge;
#ifdef CONFIG_KERNEL_MCS
    seL4_MessageInfo_t tag = seL4_Recv(endpoint, &badge, reply);
#else
    (void)reply;
    seL4_MessageInfo_t tag = seL4_Recv(endpoint, &badge);
#endif
    seL4_Fault_t fault = seL4_getFault(tag);
    switch (seL4_Fault_get_seL4_FaultType(fault)) {
    case seL4_Fault_CapFault:
        seL4_Assert(seL4_isCapFault_tag(tag));
        seL4_DebugAssert(seL4_Fault_CapFault_get_LookupFailureType(fault) != 0);
        fault = seL4_Fault_CapFault_set_IP(fault, seL4_Fault_CapFault_get_IP(fault) + 4);
        break;
    case seL4_Fault_VMFault:
        seL4_Assert(seL4_isVMFault_tag(tag));
        (void)seL4_Fault_VMFault_ptr_get_Addr(&fault);
        (void)seL4_Fault_VMFault_get_FSR(fault);
        break;
    case seL4_Fault_UnknownSyscall:
        seL4_Assert(seL4_isUnknownSyscall_tag(tag));
        (void)seL4_Fault_UnknownSyscall_get_FaultIP(fault);
        (void)seL4_Fault_UnknownSyscall_get_Syscall(fault);
        break;
    case seL4_Fault_UserException:
        seL4_Assert(seL4_isUserException_tag(tag));
        (void)seL4_Fault_UserException_get_Number(fault);
        break;
#ifdef CONFIG_KERNEL_MCS
    case seL4_Fault_Timeout:
        seL4_Assert(seL4_isTimeoutFault_tag(tag));
        (void)seL4_Fault_Timeout_get_consumed(fault);
        break;
#endif
    default:
        seL4_Assert(seL4_isNullFault_tag(tag));
    }
#ifdef CONFIG_KERNEL_MCS
    seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 0));
#else
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
#endif
}

/* A page mapped where no page table is: the level the kernel found missing. */
static seL4_Word missing_level(seL4_CPtr frame, seL4_Word vaddr)
{
#if defined(__x86_64__)
    seL4_Error err = seL4_X86_Page_Map(frame, seL4_CapInitThreadVSpace, vaddr, seL4_ReadWrite,
                                       seL4_X86_Default_VMAttributes);
#elif defined(__riscv)
    seL4_Error err = seL4_RISCV_Page_Map(frame, seL4_CapInitThreadVSpace, vaddr, seL4_ReadWrite,
                                         seL4_RISCV_Default_VMAttributes);
#else
    seL4_Error err = seL4_ARM_Page_Map(frame, seL4_CapInitThreadVSpace, vaddr, seL4_ReadWrite,
                                       seL4_ARM_Default_VMAttributes);
#endif
    if (err == seL4_FailedLookup && seL4_MappingFailedLookupLevel() == SEL4_MAPPING_LOOKUP_NO_PT) {
        return SEL4_MAPPING_LOOKUP_NO_PT;
    }
    return err;
}

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
static seL4_Word deprecated_names(seL4_BootInfo *info)
{
    seL4_InitBootInfo(info);
    seL4_CapData_t guard = seL4_CapData_Guard_new(0, seL4_WordBits - info->initThreadCNodeSizeBits);
    return guard + (seL4_GetBootInfo() == info) + SEL4_PFIPC_LABEL + seL4_isPageFault_Tag(seL4_GetTag());
}
#pragma clang diagnostic pop

void root_task_main(seL4_BootInfo *info)
{
    seL4_SetIPCBuffer(info->ipcBuffer);
    seL4_CPtr endpoint = info->empty.start, frame = info->empty.start + 1;
#ifdef CONFIG_KERNEL_MCS
    seL4_SchedControl_Configure(info->schedcontrol.start, info->empty.start + 2, 10000, 10000, 0, 0);
#endif
    (void)missing_level(frame, 0x10000000);
    (void)deprecated_names(info);
    (void)twice(first_word(&info->extraLen));
    handle_faults(endpoint, info->empty.start + 3);
}
