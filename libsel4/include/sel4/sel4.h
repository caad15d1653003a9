/* Keel's libsel4: the seL4 16.0.0 user interface (the architecture's headers by include path). */
#pragma once

#include <sel4/config.h>
#include <sel4/types.h>
#include <sel4/arch/bootinfo_types.h>
#include <sel4/functions.h>
#include <sel4/faults.h>
#include <sel4/arch/syscalls.h>
#include <interfaces/sel4_client.h>
