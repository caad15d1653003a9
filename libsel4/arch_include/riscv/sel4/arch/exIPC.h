/* An empty header in seL4 16.0.0 too (exception IPC's names are in sel4/sel4_arch/constants.h). */
#pragma once
