// Kernel command line options, as seL4 reads them on x86 (plus Keel's own `keel_exit_port=`).
#pragma once
#include "lib/types.h"

namespace boot {

struct CmdlineOptions {
    u16 console_port = 0x3f8;  // serial port for kernel printing (seL4 default: COM1)
    u16 debug_port = 0x3f8;    // serial port for the debugger
    bool disable_iommu = false;
    word max_num_nodes = 1;
    // Keel extension for test harnesses: an ISA debug-exit port the kernel writes to when it halts,
    // so an emulator can stop with a status. 0 = halt the CPU instead.
    u16 exit_port = 0;
    // Keel extension: execute an invalid instruction in the kernel once boot is done, so a test
    // can see the kernel's panic path work.
    bool panic_test = false;
};

// Parses space-separated `name=value` words; unknown words (the kernel's file name first of all)
// are ignored, as seL4 does. Numbers are decimal or 0x-hex.
CmdlineOptions parse_cmdline(const char* cmdline);

}  // namespace boot
