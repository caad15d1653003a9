/* The Cortex-A57's debug monitors (seL4 16.0.0): what the hardware debug API would hand out. */
#pragma once

#include <sel4/config.h>

#if !defined(CONFIG_ARM_CORTEX_A57)
#error CONFIG_ARM_CORTEX_A57 is not defined
#endif

#define seL4_NumHWBreakpoints 10
#define seL4_NumExclusiveBreakpoints 6
#define seL4_NumExclusiveWatchpoints 4
#ifdef CONFIG_HARDWARE_DEBUG_API
#define seL4_FirstBreakpoint 0
#define seL4_FirstWatchpoint 6
#define seL4_NumDualFunctionMonitors 0
#define seL4_FirstDualFunctionMonitor (-1)
#endif
