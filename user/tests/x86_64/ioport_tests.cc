// IOPORT: I/O port caps (COM1's scratch register at 0x3ff stores a byte and reads it back).
#include "thread_helpers.h"

using namespace keel;

namespace {
constexpr seL4_Word com1 = 0x3f8, scratch = 0x3ff;

seL4_CPtr issue(seL4_Word first, seL4_Word last, seL4_Error* error = nullptr) {
    seL4_CPtr slot = alloc_slot();
    seL4_Error e = seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, first, last, root, slot, 64);
    if (error) *error = e;
    return e == seL4_NoError ? slot : 0;
}
}  // namespace

KEEL_TEST(IOPORT0001, "an issued port range can be read and written through its cap") {
    seL4_CPtr ports = issue(com1, com1 + 7);
    KEEL_CHECK(ports != 0);
    KEEL_CHECK_EQ(seL4_X86_IOPort_Out8(ports, scratch, 0x1a5), seL4_NoError);  // only the low byte
    seL4_X86_IOPort_In8_t in = seL4_X86_IOPort_In8(ports, scratch);
    KEEL_CHECK_EQ(in.error, seL4_NoError);
    KEEL_CHECK_EQ(in.result, 0xa5);
    KEEL_CHECK_EQ(seL4_X86_IOPort_Out8(ports, scratch, 0x5a), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_IOPort_In8(ports, scratch).result, 0x5a);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, ports, 64), seL4_NoError);
}

KEEL_TEST(IOPORT0002, "ports outside the cap's range, overlapping issues and inverted ranges are refused") {
    seL4_CPtr ports = issue(com1, com1 + 7);
    KEEL_CHECK_EQ(seL4_X86_IOPort_In8(ports, com1 + 8).error, seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_X86_IOPort_In16(ports, scratch).error, seL4_IllegalOperation);  // runs past the end
    KEEL_CHECK_EQ(seL4_X86_IOPort_Out32(ports, com1 - 1, 0), seL4_IllegalOperation);
    seL4_Error e;
    KEEL_CHECK_EQ(issue(com1 + 4, com1 + 20, &e), 0);
    KEEL_CHECK_EQ(e, seL4_RevokeFirst);
    KEEL_CHECK_EQ(issue(0x80, 0x70, &e), 0);
    KEEL_CHECK_EQ(e, seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    seL4_CPtr copy = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Copy(root, copy, 64, root, ports, 64, seL4_AllRights), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, ports, 64), seL4_NoError);
    KEEL_CHECK_EQ(issue(com1, com1, &e), 0);  // a copy still holds the range
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, copy, 64), seL4_NoError);
    KEEL_CHECK(issue(com1, com1 + 7) != 0);  // the last cap went: the range is free again
}

namespace {
ThreadStack io_stack;
void raw_inb() {
    asm volatile("inb $0x80, %%al" ::: "rax");
    park();
}
}  // namespace

KEEL_TEST(IOPORT0003, "an in or out instruction in user mode is a general protection user exception") {
    seL4_MessageInfo_t info = run_until_fault(raw_inb, io_stack);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Number), 13);
}
