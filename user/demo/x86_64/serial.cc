// The demo's serial driver on x86_64: COM1's eight I/O ports through an IOPort cap.
#include "serial.h"
#include <keel/alloc.h>

namespace {
constexpr seL4_Word com1 = 0x3f8;
seL4_CPtr com1_ports;

// IOPort In8/Out8 with register-only calls: the port and the data travel in message registers.
seL4_Word port_call(seL4_Word label, seL4_Word port, seL4_Word data) {
    seL4_Word badge, info, m0 = port, m1 = data, m2 = 0, m3 = 0;
    x64_sys_send_recv(seL4_SysCall, com1_ports, &badge, seL4_MessageInfo_new(label, 0, 0, 2).words[0], &info, &m0,
                      &m1, &m2, &m3);
    return m0;
}
}  // namespace

const char demo_serial_owner[] = "COM1's I/O ports (an IOPort cap)";

bool demo_serial_init(seL4_BootInfo*) {
    com1_ports = keel_alloc_slot();
    return seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, com1, com1 + 7, seL4_CapInitThreadCNode, com1_ports,
                                        seL4_WordBits) == seL4_NoError;
}

void demo_serial_put(unsigned char c) {
    while (!(port_call(X86IOPortIn8, com1 + 5, 0) & 0x20)) {
    }
    port_call(X86IOPortOut8, com1, c);
}
