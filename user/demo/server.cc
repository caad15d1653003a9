// The demo's server, loaded into its own address space: squares numbers for its clients and
// signals the notification cap each request carries.
#include <keel/process.h>
#include <keel/runtime.h>

int main(seL4_BootInfo*) {
    seL4_Word arg = keel_child_arg();
    seL4_CPtr ep = arg & 0xffffffff;
    seL4_CPtr received = arg >> 32;  // the slot where a transferred cap lands
    seL4_SetCapReceivePath(seL4_CapInitThreadCNode, received, seL4_WordBits);
    seL4_Word badge;
    seL4_MessageInfo_t request = seL4_Recv(ep, &badge);
    for (;;) {
        seL4_Word n = seL4_GetMR(0);
        if (seL4_MessageInfo_get_extraCaps(request) == 1) {
            seL4_Signal(received);
            seL4_CNode_Delete(seL4_CapInitThreadCNode, received, seL4_WordBits);
        }
        seL4_SetMR(0, n * n);
        request = seL4_ReplyRecv(ep, seL4_MessageInfo_new(0, 0, 0, 1), &badge);
    }
}
