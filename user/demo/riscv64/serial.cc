// The demo's serial driver on riscv64: QEMU virt's 16550 UART at 0x10000000, its registers a
// device frame retyped from the device untyped that covers them and mapped into this address space.
#include "serial.h"
#include <keel/alloc.h>
#include <keel/process.h>

namespace {
constexpr seL4_Word uart_paddr = 0x10000000;
constexpr seL4_Word uart_vaddr = 0x10000000;  // mapped where it lies, far from the program
constexpr seL4_Word line_status = 5, transmit_empty = 0x20;
volatile unsigned char* const uart = reinterpret_cast<volatile unsigned char*>(uart_vaddr);

// The device untyped that starts at `paddr` (how seL4 cuts the memory around QEMU virt's RAM).
seL4_CPtr device_untyped_at(seL4_BootInfo* bi, seL4_Word paddr) {
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc& u = bi->untypedList[i];
        if (u.isDevice && u.paddr == paddr) return bi->untyped.start + i;
    }
    return 0;
}
}  // namespace

const char demo_serial_owner[] = "the UART's registers (a frame cap from device untyped memory)";

bool demo_serial_init(seL4_BootInfo* bi) {
    seL4_CPtr untyped = device_untyped_at(bi, uart_paddr);
    seL4_CPtr frame = keel_alloc_slot();
    return untyped && frame &&
           seL4_Untyped_Retype(untyped, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0, frame, 1) == seL4_NoError &&
           keel_map_frame(frame, seL4_CapInitThreadVSpace, uart_vaddr, seL4_ReadWrite) == 0;
}

void demo_serial_put(unsigned char c) {
    while (!(uart[line_status] & transmit_empty)) {
    }
    uart[0] = c;
}
