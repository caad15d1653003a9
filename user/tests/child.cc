// A program the RUNTIME tests start in its own address space: it calls the endpoint it was given
// with a greeting, then with its own stack address, and waits for good.
#include <keel/process.h>
#include <keel/runtime.h>

int main(seL4_BootInfo*) {
    seL4_CPtr ep = keel_child_arg();
    seL4_SetMR(0, 0xc41d);
    seL4_MessageInfo_t reply = seL4_Call(ep, seL4_MessageInfo_new(1, 0, 0, 1));
    seL4_Word local = seL4_GetMR(0) + seL4_MessageInfo_get_label(reply);
    seL4_SetMR(0, local);
    seL4_SetMR(1, reinterpret_cast<seL4_Word>(&local));
    seL4_Call(ep, seL4_MessageInfo_new(2, 0, 0, 2));
    for (;;) seL4_Wait(ep, nullptr);
}
