/* seL4_Error (seL4 16.0.0), generated from interface/ into sel4/constants.h. */
#pragma once

#include <sel4/constants.h>
