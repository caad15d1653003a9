// The demo's user-mode serial driver, the architecture's part: how this address space gets the
// UART, and how the driver thread (register-only system calls, no IPC buffer) writes a byte.
#pragma once
#include <sel4/sel4.h>

// What step 6 says the driver owns.
extern const char demo_serial_owner[];
// Gives the root task's address space the UART; false when it cannot.
bool demo_serial_init(seL4_BootInfo* bi);
// Waits until the UART can take a byte, then writes `c` (from the driver thread).
void demo_serial_put(unsigned char c);
