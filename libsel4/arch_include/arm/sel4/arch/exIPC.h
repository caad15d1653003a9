/* Exception IPC's names on ARM are in sel4/sel4_arch/constants.h; Keel keeps this header (as for
 * RISC-V) so that every architecture has the same arch/ names. */
#pragma once
