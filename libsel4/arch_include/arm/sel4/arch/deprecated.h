/* arm's deprecated names (seL4 16.0.0): none beyond sel4/deprecated.h's and aarch64's. */
#pragma once

#include <sel4/config.h>
