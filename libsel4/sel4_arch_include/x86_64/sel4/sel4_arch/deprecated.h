/* x86_64's deprecated names (seL4 16.0.0): none beyond sel4/deprecated.h's. */
#pragma once

#include <sel4/config.h>
