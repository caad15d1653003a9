// Calling conventions core may ask for on its cold or rarely-taken calls.
#pragma once

// The standard convention: clang 19's AArch64 back end refuses preserve_most on the variadic
// user_error calls it marks.
#define ARCH_PRESERVE_MOST
