// The default Keel system: a root task that walks through what a microkernel does, one step at a
// time, each with a line of explanation.
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/ipc.h>
#include <keel/process.h>
#include <keel/runtime.h>
#include "serial.h"

extern "C" const char demo_server_start[], demo_server_end[];

namespace {

constexpr seL4_Word demand_page = 0x30000000;

void step(int n, const char* what) { keel_printf("\n[%d] %s\n", n, what); }

seL4_Error set_own_priority(seL4_Word prio) {
    return seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, prio);
}

// A thread in the root task's address space with no TLS: it may use register-only calls.
seL4_CPtr start_thread(void (*entry)(), unsigned char* stack_top, seL4_Word prio, seL4_CPtr fault_ep) {
    seL4_CPtr tcb = keel_alloc_object(seL4_TCBObject, 0);
    seL4_TCB_Configure(tcb, fault_ep, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0, 0, 0);
    seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, prio);
    seL4_UserContext regs = {};
    keel_context_start(&regs, reinterpret_cast<seL4_Word>(entry), reinterpret_cast<seL4_Word>(stack_top), 0);
    seL4_TCB_WriteRegisters(tcb, 1, 0, KEEL_CONTEXT_WORDS, &regs);
    return tcb;
}

void show_bootinfo(seL4_BootInfo* bi) {
    seL4_Word total = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        if (!bi->untypedList[i].isDevice) total += 1ul << bi->untypedList[i].sizeBits;
    }
    keel_printf("    BootInfo at %p, IPC buffer at %p, a root CNode of 2^%lu slots;\n", static_cast<void*>(bi),
                static_cast<void*>(bi->ipcBuffer), bi->initThreadCNodeSizeBits);
    keel_printf("    %lu untyped caps covering %lu MiB of RAM (all the memory the system will ever have)\n"
                "    and the device memory around it.\n",
                bi->untyped.end - bi->untyped.start, total >> 20);
}

void split_untyped() {
    seL4_CPtr big = keel_alloc_object(seL4_UntypedObject, 20);
    seL4_CPtr first = keel_alloc_slot();
    for (int i = 1; i < 4; i++) keel_alloc_slot();
    seL4_Error e = seL4_Untyped_Retype(big, seL4_UntypedObject, 18, seL4_CapInitThreadCNode, 0, 0, first, 4);
    keel_printf("    Retype 1 MiB untyped (slot %lu) into four 256 KiB untypeds (slots %lu-%lu): %s\n", big, first,
                first + 3, e == seL4_NoError ? "done" : "failed");
}

seL4_CPtr ep, note, badged_note, fault_ep, driver_ep, parking_ep;
alignas(16) unsigned char pager_stack[8192], driver_stack[8192];

seL4_Word call_server(seL4_Word n, bool with_cap) {
    seL4_SetMR(0, n);
    if (with_cap) seL4_SetCap(0, badged_note);
    seL4_Call(ep, seL4_MessageInfo_new(0, 0, with_cap ? 1 : 0, 1));
    return seL4_GetMR(0);
}

// Touches a page nobody mapped, then parks.
void demand_paged_thread() {
    *reinterpret_cast<volatile seL4_Word*>(demand_page) = 42;
    for (;;) {
        seL4_Word b, i, m0, m1, m2, m3;
        keel_sys_recv(seL4_SysRecv, parking_ep, &b, &i, &m0, &m1, &m2, &m3);
    }
}

void handle_one_page_fault() {
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(fault_ep, &badge);
    seL4_Word address = seL4_GetMR(seL4_VMFault_Addr);
    keel_printf("    fault handler: %s fault at %p (label %lu): mapping a fresh frame there and replying\n",
                seL4_GetMR(seL4_VMFault_PrefetchFault) ? "instruction" : "data", reinterpret_cast<void*>(address),
                seL4_MessageInfo_get_label(info));
    keel_map_new_frame(seL4_CapInitThreadVSpace, address & ~0xffful, seL4_ReadWrite);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
}

// The serial driver: for each Call, writes the byte in MR0 to the UART (serial.h: the
// architecture's way to it); everything is done with register-only system calls.
void serial_driver() {
    seL4_Word badge, info, ch, m1, m2, m3;
    keel_sys_recv(seL4_SysRecv, driver_ep, &badge, &info, &ch, &m1, &m2, &m3);
    for (;;) {
        demo_serial_put(static_cast<unsigned char>(ch));
        seL4_Word reply = seL4_MessageInfo_new(0, 0, 0, 0).words[0];
        m1 = m2 = m3 = 0;
        keel_sys_send_recv(seL4_SysReplyRecv, driver_ep, &badge, reply, &info, &ch, &m1, &m2, &m3);
    }
}

void driver_print(const char* s) {
    for (; *s; s++) {
        seL4_SetMR(0, static_cast<unsigned char>(*s));
        seL4_Call(driver_ep, seL4_MessageInfo_new(0, 0, 0, 1));
    }
}

}  // namespace

int main(seL4_BootInfo* bi) {
    keel_printf("\nKeel: an seL4-compatible microkernel. This root task runs in user mode; the kernel\n");
    keel_printf("only keeps address spaces, threads, IPC, capabilities, interrupts and time.\n");

    step(1, "Untyped memory: the kernel gives the root task all free memory as untyped caps.");
    show_bootinfo(bi);
    split_untyped();

    step(2, "A second address space: the server program is loaded into a new VSpace, with its own thread.");
    ep = keel_alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr receive_slot = keel_alloc_slot();
    set_own_priority(100);
    keel_process_t server;
    int r = keel_spawn_elf(demo_server_start, demo_server_end - demo_server_start, 150, 0, ep | (receive_slot << 32),
                           &server);
    keel_printf("    new address space root in slot %lu, server thread in slot %lu: %s\n", server.vspace, server.tcb,
                r == 0 ? "running, waiting for requests" : "failed");

    step(3, "IPC: seL4_Call to the server's endpoint, answered with seL4_ReplyRecv; a cap travels along.");
    note = keel_alloc_object(seL4_NotificationObject, 0);
    badged_note = keel_alloc_slot();
    seL4_CNode_Mint(seL4_CapInitThreadCNode, badged_note, seL4_WordBits, seL4_CapInitThreadCNode, note, seL4_WordBits,
                    seL4_AllRights, 0x5);
    keel_printf("    7 squared, says the server: %lu\n", call_server(7, false));
    keel_printf("    12 squared, with a notification cap attached: %lu\n", call_server(12, true));

    step(4, "Notifications: the server signalled the cap it was sent; seL4_Wait collects the signal.");
    seL4_Word badge = 0;
    seL4_Wait(note, &badge);
    keel_printf("    notification word: 0x%lx, the badge of the cap the server was given\n", badge);

    step(5, "Faults are messages: a thread touches an unmapped page and its handler, in user mode, pages it in.");
    fault_ep = keel_alloc_object(seL4_EndpointObject, 0);
    parking_ep = keel_alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr pager_client = start_thread(demand_paged_thread, pager_stack + sizeof(pager_stack), 200, fault_ep);
    handle_one_page_fault();
    keel_printf("    the thread resumed and wrote %lu to %p\n", *reinterpret_cast<volatile seL4_Word*>(demand_page),
                reinterpret_cast<void*>(demand_page));
    seL4_TCB_Suspend(pager_client);

    step(6, "Drivers live in user mode: a thread owning the UART prints the next line.");
    keel_printf("    it owns %s\n", demo_serial_owner);
    if (!demo_serial_init(bi)) keel_printf("    (the UART could not be given to it)\n");
    driver_ep = keel_alloc_object(seL4_EndpointObject, 0);
    start_thread(serial_driver, driver_stack + sizeof(driver_stack), 200, 0);
    driver_print("    Keel demo finished: this line was written by a user-mode serial driver.\n");
    set_own_priority(seL4_MaxPrio);
    keel_printf("Asking the kernel to halt.\n");
    return 0;
}
