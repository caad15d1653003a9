// The ABI table: every number the generated headers define, checked against seL4 16.0.0's values
// written out here by hand (independently of interface/ and tools/gen).
#include <gtest/gtest.h>
#include <cstddef>
#include <sel4/sel4.h>
#include <sel4/sel4_arch/mapping.h>
#include "generated/invocations.h"
#include "generated/syscalls.h"

namespace {

struct Named {
    const char* name;
    long long actual;
    long long expected;
};

void expect_all(std::initializer_list<Named> table) {
    for (const Named& n : table) EXPECT_EQ(n.actual, n.expected) << n.name;
}

#define ROW(NAME, VALUE) Named{#NAME, static_cast<long long>(NAME), VALUE}

// A message whose word i is 100 + i, in an IPC buffer of its own, as a fault handler receives it.
struct FaultMessage {
    seL4_IPCBuffer buffer{};
    explicit FaultMessage() {
        for (seL4_Word i = 0; i < seL4_MsgMaxLength; i++) buffer.msg[i] = 100 + i;
        seL4_SetIPCBuffer(&buffer);
    }
    ~FaultMessage() { seL4_SetIPCBuffer(nullptr); }
};

seL4_Fault_t fault_of(seL4_Word label, seL4_Word length) {
    return seL4_getFault(seL4_MessageInfo_new(label, 0, 0, length));
}

}  // namespace

LIBSEL4_THREAD_LOCAL seL4_IPCBuffer* __sel4_ipc_buffer;  // libsel4 declares it; a program's runtime defines it

TEST(AbiTable, SyscallNumbersClassic) {
    expect_all({ROW(seL4_SysCall, -1), ROW(seL4_SysReplyRecv, -2), ROW(seL4_SysSend, -3), ROW(seL4_SysNBSend, -4),
                ROW(seL4_SysRecv, -5), ROW(seL4_SysReply, -6), ROW(seL4_SysYield, -7), ROW(seL4_SysNBRecv, -8),
                ROW(seL4_SysDebugPutChar, -9), ROW(seL4_SysDebugDumpScheduler, -10), ROW(seL4_SysDebugHalt, -11),
                ROW(seL4_SysDebugCapIdentify, -12), ROW(seL4_SysDebugSnapshot, -13),
                ROW(seL4_SysDebugNameThread, -14), ROW(seL4_SysSetTLSBase, -30)});
}

TEST(AbiTable, KernelAndUserAgreeOnSyscalls) {
    using core::Syscall;
    expect_all({{"Call", static_cast<long long>(Syscall::Call), seL4_SysCall},
                {"NBRecv", static_cast<long long>(Syscall::NBRecv), seL4_SysNBRecv},
                {"DebugPutChar", static_cast<long long>(Syscall::DebugPutChar), seL4_SysDebugPutChar},
                {"DebugHalt", static_cast<long long>(Syscall::DebugHalt), seL4_SysDebugHalt},
                {"SetTLSBase", static_cast<long long>(Syscall::SetTLSBase), seL4_SysSetTLSBase},
                {"syscall_min", core::syscall_min, -8}});
}

TEST(AbiTable, InvocationLabels) {
    expect_all({ROW(InvalidInvocation, 0), ROW(UntypedRetype, 1), ROW(TCBReadRegisters, 2),
                ROW(TCBWriteRegisters, 3), ROW(TCBCopyRegisters, 4), ROW(TCBConfigure, 5), ROW(TCBSetPriority, 6),
                ROW(TCBSetMCPriority, 7), ROW(TCBSetSchedParams, 8), ROW(TCBSetIPCBuffer, 9), ROW(TCBSetSpace, 10),
                ROW(TCBSuspend, 11), ROW(TCBResume, 12), ROW(TCBBindNotification, 13),
                ROW(TCBUnbindNotification, 14), ROW(TCBSetTLSBase, 15), ROW(TCBSetFlags, 16), ROW(CNodeRevoke, 17),
                ROW(CNodeDelete, 18), ROW(CNodeCancelBadgedSends, 19), ROW(CNodeCopy, 20), ROW(CNodeMint, 21),
                ROW(CNodeMove, 22), ROW(CNodeMutate, 23), ROW(CNodeRotate, 24), ROW(CNodeSaveCaller, 25),
                ROW(IRQIssueIRQHandler, 26), ROW(IRQAckIRQ, 27), ROW(IRQSetIRQHandler, 28),
                ROW(IRQClearIRQHandler, 29), ROW(DomainSetSet, 30), ROW(DomainScheduleConfigure, 31),
                ROW(DomainScheduleSetStart, 32), ROW(nInvocationLabels, 33), ROW(X86PDPTMap, 33),
                ROW(X86PDPTUnmap, 34), ROW(nSeL4ArchInvocationLabels, 35), ROW(X86PageDirectoryMap, 35),
                ROW(X86PageDirectoryUnmap, 36), ROW(X86PageTableMap, 37), ROW(X86PageTableUnmap, 38),
                ROW(X86PageMap, 39), ROW(X86PageUnmap, 40), ROW(X86PageGetAddress, 41),
                ROW(X86ASIDControlMakePool, 42), ROW(X86ASIDPoolAssign, 43), ROW(X86IOPortControlIssue, 44),
                ROW(X86IOPortIn8, 45), ROW(X86IOPortIn16, 46), ROW(X86IOPortIn32, 47), ROW(X86IOPortOut8, 48),
                ROW(X86IOPortOut16, 49), ROW(X86IOPortOut32, 50), ROW(X86IRQIssueIRQHandlerIOAPIC, 51),
                ROW(X86IRQIssueIRQHandlerMSI, 52), ROW(nArchInvocationLabels, 53)});
}

TEST(AbiTable, KernelAndUserAgreeOnLabels) {
    using core::InvocationLabel;
    EXPECT_EQ(static_cast<long long>(InvocationLabel::CNodeCopy), CNodeCopy);
    EXPECT_EQ(static_cast<long long>(InvocationLabel::X86IRQIssueIRQHandlerMSI), X86IRQIssueIRQHandlerMSI);
    EXPECT_EQ(static_cast<long long>(core::invocation_label_count), nArchInvocationLabels);
}

// Where the kernel finds each argument must be where seL4's stubs (and seL4's decoders) put it.
TEST(AbiTable, ArgumentPositions) {
    namespace a = core::args;
    EXPECT_EQ(a::CNodeCopy::rights.word, 4);
    EXPECT_EQ(a::CNodeCopy::src_root.index, 0);
    EXPECT_EQ(a::CNodeCopy::length, 5u);
    EXPECT_EQ(a::CNodeMint::badge.word, 5);
    EXPECT_EQ(a::CNodeRotate::dest_badge.word, 2);  // seL4's decoder: pivot's new data is argument 2
    EXPECT_EQ(a::CNodeRotate::src_depth.word, 7);
    EXPECT_EQ(a::CNodeRotate::src_root.index, 1);
    EXPECT_EQ(a::UntypedRetype::num_objects.word, 5);
    EXPECT_EQ(a::TCBWriteRegisters::resume_target.shift, 0);
    EXPECT_EQ(a::TCBWriteRegisters::arch_flags.shift, 8);
    EXPECT_EQ(a::TCBWriteRegisters::count.word, 1);
    EXPECT_EQ(a::TCBWriteRegisters::length, 22u);
    EXPECT_EQ(a::TCBCopyRegisters::transfer_integer.shift, 3);  // flags word: bits 0-3, arch flags 8-15
    EXPECT_EQ(a::TCBCopyRegisters::arch_flags.shift, 8);
    EXPECT_EQ(a::TCBReadRegisters::reply_length, 20u);
    EXPECT_EQ(a::X86PageMap::attr.word, 2);
    EXPECT_EQ(a::X86PageGetAddress::out_paddr.word, 0);
}

TEST(AbiTable, ErrorsAndLookupFailures) {
    expect_all({ROW(seL4_NoError, 0), ROW(seL4_InvalidArgument, 1), ROW(seL4_InvalidCapability, 2),
                ROW(seL4_IllegalOperation, 3), ROW(seL4_RangeError, 4), ROW(seL4_AlignmentError, 5),
                ROW(seL4_FailedLookup, 6), ROW(seL4_TruncatedMessage, 7), ROW(seL4_DeleteFirst, 8),
                ROW(seL4_RevokeFirst, 9), ROW(seL4_NotEnoughMemory, 10), ROW(seL4_NumErrors, 11),
                ROW(seL4_NoFailure, 0), ROW(seL4_InvalidRoot, 1), ROW(seL4_MissingCapability, 2),
                ROW(seL4_DepthMismatch, 3), ROW(seL4_GuardMismatch, 4)});
}

TEST(AbiTable, ObjectTypesAndSizes) {
    expect_all({ROW(seL4_UntypedObject, 0), ROW(seL4_TCBObject, 1), ROW(seL4_EndpointObject, 2),
                ROW(seL4_NotificationObject, 3), ROW(seL4_CapTableObject, 4), ROW(seL4_X86_PDPTObject, 5),
                ROW(seL4_X64_PML4Object, 6), ROW(seL4_X64_HugePageObject, 7), ROW(seL4_X86_4K, 8),
                ROW(seL4_X86_LargePageObject, 9), ROW(seL4_X86_PageTableObject, 10),
                ROW(seL4_X86_PageDirectoryObject, 11), ROW(seL4_ObjectTypeCount, 12),
                ROW(seL4_TCBBits, 11), ROW(seL4_EndpointBits, 4), ROW(seL4_NotificationBits, 5),
                ROW(seL4_SlotBits, 5), ROW(seL4_PageBits, 12), ROW(seL4_LargePageBits, 21),
                ROW(seL4_HugePageBits, 30), ROW(seL4_PageTableBits, 12), ROW(seL4_PageDirBits, 12),
                ROW(seL4_PDPTBits, 12), ROW(seL4_PML4Bits, 12), ROW(seL4_VSpaceBits, 12), ROW(seL4_ASIDPoolBits, 12),
                ROW(seL4_MinUntypedBits, 4), ROW(seL4_MaxUntypedBits, 47), ROW(seL4_WordBits, 64),
                ROW(seL4_UserTop, 0x7ffffffff000), ROW(seL4_MsgMaxLength, 120), ROW(seL4_MsgMaxExtraCaps, 3),
                ROW(seL4_MaxPrio, 255), ROW(seL4_GuardSizeBits, 6), ROW(seL4_BadgeBits, 64),
                ROW(seL4_FastMessageRegisters, 4), ROW(seL4_IPCBufferSizeBits, 10)});
}

TEST(AbiTable, InitialCapSlots) {
    expect_all({ROW(seL4_CapNull, 0), ROW(seL4_CapInitThreadTCB, 1), ROW(seL4_CapInitThreadCNode, 2),
                ROW(seL4_CapInitThreadVSpace, 3), ROW(seL4_CapIRQControl, 4), ROW(seL4_CapASIDControl, 5),
                ROW(seL4_CapInitThreadASIDPool, 6), ROW(seL4_CapIOPortControl, 7), ROW(seL4_CapIOSpace, 8),
                ROW(seL4_CapBootInfoFrame, 9), ROW(seL4_CapInitThreadIPCBuffer, 10), ROW(seL4_CapDomain, 11),
                ROW(seL4_CapSMMUSIDControl, 12), ROW(seL4_CapSMMUCBControl, 13), ROW(seL4_CapInitThreadSC, 14),
                ROW(seL4_CapSMC, 15), ROW(seL4_NumInitialCaps, 16)});
}

TEST(AbiTable, FaultsAndTheirMessages) {
    expect_all({ROW(seL4_Fault_NullFault, 0), ROW(seL4_Fault_CapFault, 1), ROW(seL4_Fault_UnknownSyscall, 2),
                ROW(seL4_Fault_UserException, 3), ROW(seL4_Fault_VMFault, 5), ROW(seL4_CapFault_IP, 0),
                ROW(seL4_CapFault_Addr, 1), ROW(seL4_CapFault_InRecvPhase, 2), ROW(seL4_CapFault_LookupFailureType, 3),
                ROW(seL4_CapFault_BitsLeft, 4), ROW(seL4_UnknownSyscall_RAX, 0), ROW(seL4_UnknownSyscall_FaultIP, 15),
                ROW(seL4_UnknownSyscall_Syscall, 18), ROW(seL4_UnknownSyscall_Length, 19),
                ROW(seL4_UserException_FaultIP, 0), ROW(seL4_UserException_Code, 4), ROW(seL4_UserException_Length, 5),
                ROW(seL4_VMFault_IP, 0), ROW(seL4_VMFault_Addr, 1), ROW(seL4_VMFault_PrefetchFault, 2),
                ROW(seL4_VMFault_FSR, 3), ROW(seL4_VMFault_Length, 4)});
}

// seL4_getFault reads each field of upstream's seL4_Fault_t blocks from seL4 16.0.0's message register.
TEST(AbiTable, FaultAccessorsReadTheirMessageRegisters) {
    FaultMessage message;
    seL4_Fault_t cap = fault_of(seL4_Fault_CapFault, 7);
    EXPECT_EQ(seL4_Fault_get_seL4_FaultType(cap), 1u);
    expect_all({ROW(seL4_Fault_CapFault_get_IP(cap), 100), ROW(seL4_Fault_CapFault_get_Addr(cap), 101),
                ROW(seL4_Fault_CapFault_get_InRecvPhase(cap), 102), ROW(seL4_Fault_CapFault_get_LookupFailureType(cap), 103),
                ROW(seL4_Fault_CapFault_get_MR4(cap), 104), ROW(seL4_Fault_CapFault_get_MR5(cap), 105),
                ROW(seL4_Fault_CapFault_get_MR6(cap), 106)});
    seL4_Fault_t syscall = fault_of(seL4_Fault_UnknownSyscall, 19);
    EXPECT_EQ(seL4_Fault_get_seL4_FaultType(syscall), 2u);
    expect_all({ROW(seL4_Fault_UnknownSyscall_get_RAX(syscall), 100), ROW(seL4_Fault_UnknownSyscall_get_R15(syscall), 114),
                ROW(seL4_Fault_UnknownSyscall_get_FaultIP(syscall), 115), ROW(seL4_Fault_UnknownSyscall_get_RSP(syscall), 116),
                ROW(seL4_Fault_UnknownSyscall_get_FLAGS(syscall), 117), ROW(seL4_Fault_UnknownSyscall_get_Syscall(syscall), 118)});
    seL4_Fault_t user = fault_of(seL4_Fault_UserException, 5);
    EXPECT_EQ(seL4_Fault_get_seL4_FaultType(user), 3u);
    expect_all({ROW(seL4_Fault_UserException_get_FaultIP(user), 100), ROW(seL4_Fault_UserException_get_Stack(user), 101),
                ROW(seL4_Fault_UserException_get_FLAGS(user), 102), ROW(seL4_Fault_UserException_get_Number(user), 103),
                ROW(seL4_Fault_UserException_get_Code(user), 104)});
    seL4_Fault_t vm = fault_of(seL4_Fault_VMFault, 4);
    EXPECT_EQ(seL4_Fault_get_seL4_FaultType(vm), 5u);
    expect_all({ROW(seL4_Fault_VMFault_get_IP(vm), 100), ROW(seL4_Fault_VMFault_get_Addr(vm), 101),
                ROW(seL4_Fault_VMFault_get_PrefetchFault(vm), 102), ROW(seL4_Fault_VMFault_get_FSR(vm), 103)});
    EXPECT_EQ(seL4_Fault_get_seL4_FaultType(fault_of(99, 0)), 0u) << "any other label is no fault";
}

TEST(AbiTable, FaultValuesAndTagTests) {
    seL4_Fault_t fault = seL4_Fault_VMFault_new(1, 2, 3, 4);
    fault = seL4_Fault_VMFault_set_Addr(fault, 0x1000);
    EXPECT_EQ(seL4_Fault_VMFault_get_Addr(fault), 0x1000u);
    EXPECT_EQ(seL4_Fault_VMFault_get_FSR(fault), 4u);
    seL4_Fault_CapFault_ptr_new(&fault, 1, 2, 3, 4, 5, 6, 7);
    seL4_Fault_CapFault_ptr_set_MR6(&fault, 70);
    EXPECT_EQ(seL4_Fault_ptr_get_seL4_FaultType(&fault), 1u);
    EXPECT_EQ(seL4_Fault_CapFault_ptr_get_MR4(&fault), 5u);
    EXPECT_EQ(seL4_Fault_CapFault_get_MR6(fault), 70u);
    EXPECT_EQ(sizeof(seL4_Fault_t), 160u) << "upstream's 20 words";
    EXPECT_TRUE(seL4_isVMFault_tag(seL4_MessageInfo_new(seL4_Fault_VMFault, 0, 0, 4)));
    EXPECT_FALSE(seL4_isCapFault_tag(seL4_MessageInfo_new(seL4_Fault_VMFault, 0, 0, 4)));
    EXPECT_TRUE(seL4_isNullFault_tag(seL4_MessageInfo_new(0, 0, 0, 0)));
}

TEST(AbiTable, MappingFailedLookupLevelIsMessageRegisterTwo) {
    FaultMessage message;
    message.buffer.msg[SEL4_MAPPING_LOOKUP_LEVEL] = SEL4_MAPPING_LOOKUP_NO_PD;
    EXPECT_EQ(seL4_MappingFailedLookupLevel(), 30u);
    expect_all({ROW(SEL4_MAPPING_LOOKUP_LEVEL, 2), ROW(SEL4_MAPPING_LOOKUP_NO_PT, 21), ROW(SEL4_MAPPING_LOOKUP_NO_PD, 30),
                ROW(SEL4_MAPPING_LOOKUP_NO_PDPT, 39)});
}

TEST(AbiTable, SimpleTypes) {
    expect_all({ROW(sizeof(seL4_Int8), 1), ROW(sizeof(seL4_Uint16), 2), ROW(sizeof(seL4_Uint32), 4),
                ROW(sizeof(seL4_Int64), 8), ROW(sizeof(seL4_Word), 8), ROW(sizeof(seL4_Bool), 1),
                ROW(sizeof(seL4_CNode_CapData_t), 8), ROW(seL4_CNode_CapData_new(5, 3).words[0], (5 << 6) | 3),
                ROW(seL4_NumErrors, 11)});
    EXPECT_TRUE(static_cast<seL4_Bool>(-1) < 0) << "seL4_Int8, as upstream";
    EXPECT_STREQ(SEL4_PRIu_word, "lu");
    EXPECT_STREQ(SEL4_PRIx64, "lx");
}

TEST(AbiTable, MessageInfoAndRightsBitLayout) {
    EXPECT_EQ(seL4_MessageInfo_new(1, 0, 0, 0).words[0], 1ull << 12);
    EXPECT_EQ(seL4_MessageInfo_new(0, 1, 0, 0).words[0], 1ull << 9);
    EXPECT_EQ(seL4_MessageInfo_new(0, 0, 1, 0).words[0], 1ull << 7);
    EXPECT_EQ(seL4_MessageInfo_new(0, 0, 0, 1).words[0], 1ull);
    EXPECT_EQ(seL4_MessageInfo_new(0xfffffffffffffull, 7, 3, 127).words[0], ~0ull);
    EXPECT_EQ(seL4_MessageInfo_get_length(seL4_MessageInfo_new(0, 0, 0, 128)), 0u) << "7-bit field";
    EXPECT_EQ(seL4_AllRights.words[0], 0xfu);
    EXPECT_EQ(seL4_CanWrite.words[0], 0x1u);
    EXPECT_EQ(seL4_CanRead.words[0], 0x2u);
    EXPECT_EQ(seL4_CanGrant.words[0], 0x4u);
    EXPECT_EQ(seL4_CanGrantReply.words[0], 0x8u);
    EXPECT_EQ(seL4_NoWrite.words[0], 0xeu);
}

TEST(AbiTable, IpcBufferAndBootInfoLayout) {
    EXPECT_EQ(sizeof(seL4_IPCBuffer), 1024u);
    EXPECT_EQ(alignof(seL4_IPCBuffer), 1024u);
    EXPECT_EQ(offsetof(seL4_IPCBuffer, msg), 8u);
    EXPECT_EQ(offsetof(seL4_IPCBuffer, userData), 968u);
    EXPECT_EQ(offsetof(seL4_IPCBuffer, caps_or_badges), 976u);
    EXPECT_EQ(offsetof(seL4_IPCBuffer, receiveCNode), 1000u);
    EXPECT_EQ(offsetof(seL4_IPCBuffer, receiveDepth), 1016u);
    EXPECT_EQ(sizeof(seL4_UserContext), 160u);
    EXPECT_EQ(offsetof(seL4_UserContext, rflags), 16u);
    EXPECT_EQ(offsetof(seL4_UserContext, fs_base), 144u);
    EXPECT_EQ(offsetof(seL4_BootInfo, ipcBuffer), 32u);
    EXPECT_EQ(offsetof(seL4_BootInfo, extraBIPages), 120u);
    EXPECT_EQ(offsetof(seL4_BootInfo, untyped), 152u);
    EXPECT_EQ(offsetof(seL4_BootInfo, untypedList), 168u);
    EXPECT_EQ(sizeof(seL4_BootInfo), 168u + 230u * 16u);
    EXPECT_EQ(seL4_BootInfoFrameBits, 12);
    EXPECT_EQ(SEL4_BOOTINFO_HEADER_X86_TSC_FREQ, 5);
}
