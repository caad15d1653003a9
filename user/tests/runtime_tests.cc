// RUNTIME: the user runtime's object allocator and loading a program into a new address space.
#include "thread_helpers.h"
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/process.h>

using namespace keel;

extern "C" const char keel_test_child_start[], keel_test_child_end[];

KEEL_TEST(RUNTIME0001, "keel_spawn_elf runs an embedded program in its own address space; it talks over IPC") {
    seL4_CPtr ep = keel_alloc_object(seL4_EndpointObject, 0);
    KEEL_CHECK(ep != 0);
    keel_process_t child;
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
    int r = keel_spawn_elf(keel_test_child_start, keel_test_child_end - keel_test_child_start, 50, 0, ep, &child);
    KEEL_CHECK_EQ(r, 0);
    if (r) return;
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), 1);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0xc41d);
    seL4_SetMR(0, 100);
    info = keel_reply_recv(ep, seL4_MessageInfo_new(5, 0, 0, 1), &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), 2);
    KEEL_CHECK_EQ(seL4_GetMR(0), 105);
    // The child's stack is in its own image, at an address the root task's image also uses.
    seL4_Word stack_address = seL4_GetMR(1);
    KEEL_CHECK(stack_address >= 0x400000 && stack_address < 0x800000);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(child.tcb), seL4_NoError);
}

KEEL_TEST(RUNTIME0002, "keel_alloc_object moves on to the next untyped when one is full") {
    seL4_Word before = 0;
    for (int i = 0; i < 64; i++) {
        seL4_CPtr frame = keel_alloc_object(KEEL_LARGE_FRAME_OBJECT, 0);  // 2 MiB each: 128 MiB
        KEEL_CHECK(frame != 0);
        before += frame != 0;
    }
    KEEL_CHECK_EQ(before, 64);
}
