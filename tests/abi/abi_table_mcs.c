/* The ABI table of seL4 16.0.0's MCS configuration (KernelIsMCS=ON): its values written out here by
 * hand (independently of interface/ and tools/gen), checked against Keel's libsel4 with the MCS
 * sel4/config.h when compiled for x86_64 (CTest abi.x86_64.mcs.table), riscv64
 * (abi.riscv64.mcs.table) and aarch64 (abi.aarch64.mcs.table). What MCS changes is listed in full;
 * what it leaves alone, by a sample. */
#include <sel4/sel4.h>
#include <sel4/virtual_client.h>

#define EXPECT(name, value) _Static_assert((name) == (value), #name " == " #value);
/* A function's exact type: a stub with another signature fails to compile. */
#define EXPECT_TYPE(function, type) _Static_assert(__builtin_types_compatible_p(__typeof__(&function), type), #function);
/* Declaring a name as something else fails to compile when libsel4 defines it: what MCS removes. */
#define EXPECT_ABSENT(name) extern int name;

#ifndef CONFIG_KERNEL_MCS
#error "the MCS table wants the MCS configuration (KernelIsMCS=ON)"
#endif

/* system calls: the MCS api block, then the debug calls numbered on from -12 */
EXPECT(seL4_SysCall, -1)
EXPECT(seL4_SysReplyRecv, -2)
EXPECT(seL4_SysNBSendRecv, -3)
EXPECT(seL4_SysNBSendWait, -4)
EXPECT(seL4_SysSend, -5)
EXPECT(seL4_SysNBSend, -6)
EXPECT(seL4_SysRecv, -7)
EXPECT(seL4_SysNBRecv, -8)
EXPECT(seL4_SysWait, -9)
EXPECT(seL4_SysNBWait, -10)
EXPECT(seL4_SysYield, -11)
EXPECT(seL4_SysDebugPutChar, -12)
EXPECT(seL4_SysDebugDumpScheduler, -13)
EXPECT(seL4_SysDebugHalt, -14)
EXPECT(seL4_SysDebugCapIdentify, -15)
EXPECT(seL4_SysDebugSnapshot, -16)
EXPECT(seL4_SysDebugNameThread, -17)
EXPECT(seL4_SysSetTLSBase, -33)
EXPECT_ABSENT(seL4_SysReply)
EXPECT_ABSENT(seL4_Reply)
EXPECT_ABSENT(seL4_ReplyWithMRs)

/* the stubs' MCS forms: the reply cap last; Wait and NBWait of their own; NBSendRecv, NBSendWait */
EXPECT_TYPE(seL4_Recv, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_Word *, seL4_CPtr))
EXPECT_TYPE(seL4_NBRecv, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_Word *, seL4_CPtr))
EXPECT_TYPE(seL4_RecvWithMRs, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_Word *, seL4_Word *, seL4_Word *, seL4_Word *,
                                                     seL4_Word *, seL4_CPtr))
EXPECT_TYPE(seL4_ReplyRecv, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_MessageInfo_t, seL4_Word *, seL4_CPtr))
EXPECT_TYPE(seL4_ReplyRecvWithMRs, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_MessageInfo_t, seL4_Word *, seL4_Word *,
                                                          seL4_Word *, seL4_Word *, seL4_Word *, seL4_CPtr))
EXPECT_TYPE(seL4_Wait, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_Word *))
EXPECT_TYPE(seL4_WaitWithMRs, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_Word *, seL4_Word *, seL4_Word *, seL4_Word *,
                                                     seL4_Word *))
EXPECT_TYPE(seL4_NBWait, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_Word *))
EXPECT_TYPE(seL4_Poll, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_Word *))
EXPECT_TYPE(seL4_NBSendRecv, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_MessageInfo_t, seL4_CPtr, seL4_Word *, seL4_CPtr))
EXPECT_TYPE(seL4_NBSendRecvWithMRs, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_MessageInfo_t, seL4_CPtr, seL4_Word *,
                                                           seL4_Word *, seL4_Word *, seL4_Word *, seL4_Word *,
                                                           seL4_CPtr))
EXPECT_TYPE(seL4_NBSendWait, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_MessageInfo_t, seL4_CPtr, seL4_Word *))
EXPECT_TYPE(seL4_NBSendWaitWithMRs, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_MessageInfo_t, seL4_CPtr, seL4_Word *,
                                                           seL4_Word *, seL4_Word *, seL4_Word *, seL4_Word *))
EXPECT_TYPE(seL4_Call, seL4_MessageInfo_t (*)(seL4_CPtr, seL4_MessageInfo_t))

/* invocation labels: SetTimeoutEndpoint after SetSchedParams, no SaveCaller, the SchedControl and
 * SchedContext labels after the domain ones: every label from TCBSetIPCBuffer on moves */
EXPECT(InvalidInvocation, 0)
EXPECT(UntypedRetype, 1)
EXPECT(TCBReadRegisters, 2)
EXPECT(TCBWriteRegisters, 3)
EXPECT(TCBCopyRegisters, 4)
EXPECT(TCBConfigure, 5)
EXPECT(TCBSetPriority, 6)
EXPECT(TCBSetMCPriority, 7)
EXPECT(TCBSetSchedParams, 8)
EXPECT(TCBSetTimeoutEndpoint, 9)
EXPECT(TCBSetIPCBuffer, 10)
EXPECT(TCBSetSpace, 11)
EXPECT(TCBSuspend, 12)
EXPECT(TCBResume, 13)
EXPECT(TCBBindNotification, 14)
EXPECT(TCBUnbindNotification, 15)
EXPECT(TCBSetTLSBase, 16)
EXPECT(TCBSetFlags, 17)
EXPECT(CNodeRevoke, 18)
EXPECT(CNodeDelete, 19)
EXPECT(CNodeCancelBadgedSends, 20)
EXPECT(CNodeCopy, 21)
EXPECT(CNodeMint, 22)
EXPECT(CNodeMove, 23)
EXPECT(CNodeMutate, 24)
EXPECT(CNodeRotate, 25)
EXPECT(IRQIssueIRQHandler, 26)
EXPECT(IRQAckIRQ, 27)
EXPECT(IRQSetIRQHandler, 28)
EXPECT(IRQClearIRQHandler, 29)
EXPECT(DomainSetSet, 30)
EXPECT(DomainScheduleConfigure, 31)
EXPECT(DomainScheduleSetStart, 32)
EXPECT(SchedControlConfigureFlags, 33)
EXPECT(SchedContextBind, 34)
EXPECT(SchedContextUnbind, 35)
EXPECT(SchedContextUnbindObject, 36)
EXPECT(SchedContextConsumed, 37)
EXPECT(SchedContextYieldTo, 38)
EXPECT(nInvocationLabels, 39)
EXPECT_ABSENT(CNodeSaveCaller)
EXPECT_ABSENT(seL4_CNode_SaveCaller)

/* the MCS forms of the TCB invocations and the scheduling invocations' stubs */
EXPECT_TYPE(seL4_TCB_Configure, seL4_Error (*)(seL4_TCB, seL4_CNode, seL4_Word, seL4_CPtr, seL4_Word, seL4_Word,
                                               seL4_CPtr))
EXPECT_TYPE(seL4_TCB_SetSchedParams, seL4_Error (*)(seL4_TCB, seL4_TCB, seL4_Word, seL4_Word, seL4_CPtr, seL4_CPtr))
EXPECT_TYPE(seL4_TCB_SetSpace, seL4_Error (*)(seL4_TCB, seL4_CPtr, seL4_CNode, seL4_Word, seL4_CPtr, seL4_Word))
EXPECT_TYPE(seL4_TCB_SetTimeoutEndpoint, seL4_Error (*)(seL4_TCB, seL4_CPtr))
EXPECT_TYPE(seL4_SchedControl_ConfigureFlags, seL4_Error (*)(seL4_SchedControl, seL4_SchedContext, seL4_Time,
                                                             seL4_Time, seL4_Word, seL4_Word, seL4_Word))
EXPECT_TYPE(seL4_SchedContext_Bind, seL4_Error (*)(seL4_SchedContext, seL4_CPtr))
EXPECT_TYPE(seL4_SchedContext_Unbind, seL4_Error (*)(seL4_SchedContext))
EXPECT_TYPE(seL4_SchedContext_UnbindObject, seL4_Error (*)(seL4_SchedContext, seL4_CPtr))
EXPECT_TYPE(seL4_SchedContext_Consumed, seL4_SchedContext_Consumed_t (*)(seL4_SchedContext))
EXPECT_TYPE(seL4_SchedContext_YieldTo, seL4_SchedContext_YieldTo_t (*)(seL4_SchedContext))
EXPECT(sizeof(((seL4_SchedContext_Consumed_t *)0)->consumed), 8)
EXPECT(sizeof(((seL4_SchedContext_YieldTo_t *)0)->consumed), 8)

/* object types: SchedContext and Reply after CapTable, so every architecture type moves up by 2 */
EXPECT(seL4_UntypedObject, 0)
EXPECT(seL4_TCBObject, 1)
EXPECT(seL4_EndpointObject, 2)
EXPECT(seL4_NotificationObject, 3)
EXPECT(seL4_CapTableObject, 4)
EXPECT(seL4_SchedContextObject, 5)
EXPECT(seL4_ReplyObject, 6)
EXPECT(seL4_NonArchObjectTypeCount, 7)

/* sizes: a notification grows to 64 bytes (its scheduling context); a reply object is 32 */
EXPECT(seL4_NotificationBits, 6)
EXPECT(seL4_ReplyBits, 5)
EXPECT(seL4_EndpointBits, 4)
EXPECT(seL4_TCBBits, 11)
EXPECT(seL4_SlotBits, 5)
EXPECT(seL4_MinSchedContextBits, 7)
EXPECT(seL4_CoreSchedContextBytes, 10 * 8 + 6 * 8)
EXPECT(seL4_RefillSizeBytes, 16)
EXPECT(seL4_SchedContext_NoFlag, 0)
EXPECT(seL4_SchedContext_Sporadic, 1)
EXPECT_TYPE(seL4_MaxExtraRefills, seL4_Word (*)(seL4_Word))

/* initial caps: the same slots; seL4_CapInitThreadSC now holds the root task's scheduling context */
EXPECT(seL4_CapInitThreadTCB, 1)
EXPECT(seL4_CapInitThreadCNode, 2)
EXPECT(seL4_CapDomain, 11)
EXPECT(seL4_CapInitThreadSC, 14)
EXPECT(seL4_CapSMC, 15)
EXPECT(seL4_NumInitialCaps, 16)

/* BootInfo: the schedcontrol region after initThreadDomain moves untyped and untypedList by 16 */
EXPECT(__builtin_offsetof(seL4_BootInfo, extraLen), 0)
EXPECT(__builtin_offsetof(seL4_BootInfo, ipcBuffer), 32)
EXPECT(__builtin_offsetof(seL4_BootInfo, empty), 40)
EXPECT(__builtin_offsetof(seL4_BootInfo, extraBIPages), 120)
EXPECT(__builtin_offsetof(seL4_BootInfo, initThreadCNodeSizeBits), 136)
EXPECT(__builtin_offsetof(seL4_BootInfo, initThreadDomain), 144)
EXPECT(__builtin_offsetof(seL4_BootInfo, schedcontrol), 152)
EXPECT(sizeof(((seL4_BootInfo *)0)->schedcontrol), 16)
EXPECT(__builtin_offsetof(seL4_BootInfo, untyped), 168)
EXPECT(__builtin_offsetof(seL4_BootInfo, untypedList), 184)
EXPECT(sizeof(seL4_BootInfo), 184 + 230 * 16)

/* faults: Timeout is 5, so VMFault moves to 6; the timeout message is the badge and the time used */
EXPECT(seL4_Fault_NullFault, 0)
EXPECT(seL4_Fault_CapFault, 1)
EXPECT(seL4_Fault_UnknownSyscall, 2)
EXPECT(seL4_Fault_UserException, 3)
EXPECT(seL4_Fault_Timeout, 5)
EXPECT(seL4_Fault_VMFault, 6)
EXPECT(seL4_Timeout_Data, 0)
EXPECT(seL4_Timeout_Consumed, 1)
EXPECT(seL4_Timeout_Length, 2)
EXPECT_TYPE(seL4_isTimeoutFault_tag, seL4_Bool (*)(seL4_MessageInfo_t))
EXPECT_TYPE(seL4_TimeoutReply_new, seL4_MessageInfo_t (*)(seL4_Bool, seL4_UserContext, seL4_Word))
EXPECT_TYPE(seL4_Fault_Timeout_new, seL4_Fault_t (*)(seL4_Uint64, seL4_Uint64))
EXPECT_TYPE(seL4_Fault_Timeout_get_data, seL4_Uint64 (*)(seL4_Fault_t))
EXPECT_TYPE(seL4_Fault_Timeout_get_consumed, seL4_Uint64 (*)(seL4_Fault_t))
EXPECT_TYPE(seL4_SchedControl_Configure, seL4_Error (*)(seL4_SchedControl, seL4_SchedContext, seL4_Time, seL4_Time,
                                                        seL4_Word, seL4_Word))
EXPECT(seL4_CapFault_IP, 0)
EXPECT(seL4_CapFault_LookupFailureType, 3)
EXPECT(seL4_VMFault_IP, 0)
EXPECT(seL4_VMFault_FSR, 3)
EXPECT(seL4_VMFault_Length, 4)

#ifdef CONFIG_ARCH_X86_64
/* x86_64's labels: the sel4_arch ones from 39, then x86's */
EXPECT(X86PDPTMap, 39)
EXPECT(X86PDPTUnmap, 40)
EXPECT(nSeL4ArchInvocationLabels, 41)
EXPECT(X86PageDirectoryMap, 41)
EXPECT(X86PageDirectoryUnmap, 42)
EXPECT(X86PageTableMap, 43)
EXPECT(X86PageTableUnmap, 44)
EXPECT(X86PageMap, 45)
EXPECT(X86PageUnmap, 46)
EXPECT(X86PageGetAddress, 47)
EXPECT(X86ASIDControlMakePool, 48)
EXPECT(X86ASIDPoolAssign, 49)
EXPECT(X86IOPortControlIssue, 50)
EXPECT(X86IOPortIn8, 51)
EXPECT(X86IOPortIn16, 52)
EXPECT(X86IOPortIn32, 53)
EXPECT(X86IOPortOut8, 54)
EXPECT(X86IOPortOut16, 55)
EXPECT(X86IOPortOut32, 56)
EXPECT(X86IRQIssueIRQHandlerIOAPIC, 57)
EXPECT(X86IRQIssueIRQHandlerMSI, 58)
EXPECT(nArchInvocationLabels, 59)

/* x86_64's object types */
EXPECT(seL4_X86_PDPTObject, 7)
EXPECT(seL4_IA32_PDPTObject, 7)
EXPECT(seL4_X64_PML4Object, 8)
EXPECT(seL4_X64_HugePageObject, 9)
EXPECT(seL4_ModeObjectTypeCount, 10)
EXPECT(seL4_X86_4K, 10)
EXPECT(seL4_X86_LargePageObject, 11)
EXPECT(seL4_X86_PageTableObject, 12)
EXPECT(seL4_X86_PageDirectoryObject, 13)
EXPECT(seL4_ObjectTypeCount, 14)

/* the reply to a timeout fault: the registers it may rewrite, in order */
EXPECT(seL4_TimeoutReply_FaultIP, 0)
EXPECT(seL4_TimeoutReply_RSP, 1)
EXPECT(seL4_TimeoutReply_FLAGS, 2)
EXPECT(seL4_TimeoutReply_RAX, 3)
EXPECT(seL4_TimeoutReply_RBP, 9)
EXPECT(seL4_TimeoutReply_R8, 10)
EXPECT(seL4_TimeoutReply_R15, 17)
EXPECT(seL4_TimeoutReply_TLS_BASE, 18)
EXPECT(seL4_TimeoutReply_Length, 19)
EXPECT(seL4_UnknownSyscall_Length, 19)
EXPECT(seL4_UserException_Length, 5)
#endif

#ifdef CONFIG_ARCH_RISCV64
/* riscv64's labels: no sel4_arch ones, RISC-V's from 39 */
EXPECT(nSeL4ArchInvocationLabels, 39)
EXPECT(RISCVPageTableMap, 39)
EXPECT(RISCVPageTableUnmap, 40)
EXPECT(RISCVPageMap, 41)
EXPECT(RISCVPageUnmap, 42)
EXPECT(RISCVPageGetAddress, 43)
EXPECT(RISCVASIDControlMakePool, 44)
EXPECT(RISCVASIDPoolAssign, 45)
EXPECT(RISCVIRQIssueIRQHandlerTrigger, 46)
EXPECT(nArchInvocationLabels, 47)

/* riscv64's object types (Sv39: no tera page) */
EXPECT(seL4_RISCV_Giga_Page, 7)
EXPECT(seL4_ModeObjectTypeCount, 8)
EXPECT(seL4_RISCV_4K_Page, 8)
EXPECT(seL4_RISCV_Mega_Page, 9)
EXPECT(seL4_RISCV_PageTableObject, 10)
EXPECT(seL4_ObjectTypeCount, 11)
EXPECT(seL4_RISCV_Tera_Page, 0xffffffff)

/* the reply to a timeout fault: pc, ra, sp, gp, s0-s11, a0-a7, t0-t6, tp */
EXPECT(seL4_TimeoutReply_FaultIP, 0)
EXPECT(seL4_TimeoutReply_LR, 1)
EXPECT(seL4_TimeoutReply_SP, 2)
EXPECT(seL4_TimeoutReply_GP, 3)
EXPECT(seL4_TimeoutReply_s0, 4)
EXPECT(seL4_TimeoutReply_s11, 15)
EXPECT(seL4_TimeoutReply_a0, 16)
EXPECT(seL4_TimeoutReply_a7, 23)
EXPECT(seL4_TimeoutReply_t0, 24)
EXPECT(seL4_TimeoutReply_t6, 30)
EXPECT(seL4_TimeoutReply_TP, 31)
EXPECT(seL4_TimeoutReply_Length, 32)
EXPECT(seL4_UnknownSyscall_Length, 11)
EXPECT(seL4_UserException_Length, 4)
#endif

#ifdef CONFIG_ARCH_AARCH64
/* aarch64's labels: its own from 39 (VSpace cache maintenance, SMC), then ARM's */
EXPECT(ARMVSpaceClean_Data, 39)
EXPECT(ARMVSpaceUnify_Instruction, 42)
EXPECT(ARMSMCCall, 43)
EXPECT(nSeL4ArchInvocationLabels, 44)
EXPECT(ARMPageTableMap, 44)
EXPECT(ARMPageTableUnmap, 45)
EXPECT(ARMPageMap, 46)
EXPECT(ARMPageUnmap, 47)
EXPECT(ARMPageClean_Data, 48)
EXPECT(ARMPageUnify_Instruction, 51)
EXPECT(ARMPageGetAddress, 52)
EXPECT(ARMASIDControlMakePool, 53)
EXPECT(ARMASIDPoolAssign, 54)
EXPECT(ARMIRQIssueIRQHandlerTrigger, 55)
EXPECT(ARMIRQIssueSGISignal, 56)
EXPECT(nArchInvocationLabels, 57)

/* aarch64's object types */
EXPECT(seL4_ARM_HugePageObject, 7)
EXPECT(seL4_ARM_VSpaceObject, 8)
EXPECT(seL4_ModeObjectTypeCount, 9)
EXPECT(seL4_ARM_SmallPageObject, 9)
EXPECT(seL4_ARM_LargePageObject, 10)
EXPECT(seL4_ARM_PageTableObject, 11)
EXPECT(seL4_ObjectTypeCount, 12)

/* the reply to a timeout fault: pc, sp, spsr, x0-x8, x16-x18, x29, x30, x9-x15, x19-x28 */
EXPECT(seL4_TimeoutReply_FaultIP, 0)
EXPECT(seL4_TimeoutReply_SP, 1)
EXPECT(seL4_TimeoutReply_SPSR_EL1, 2)
EXPECT(seL4_TimeoutReply_X0, 3)
EXPECT(seL4_TimeoutReply_X8, 11)
EXPECT(seL4_TimeoutReply_X16, 12)
EXPECT(seL4_TimeoutReply_X30, 16)
EXPECT(seL4_TimeoutReply_X9, 17)
EXPECT(seL4_TimeoutReply_X19, 24)
EXPECT(seL4_TimeoutReply_X28, 33)
EXPECT(seL4_TimeoutReply_Length, 34)
EXPECT(seL4_UnknownSyscall_Length, 13)
EXPECT(seL4_UserException_Length, 5)
#endif
