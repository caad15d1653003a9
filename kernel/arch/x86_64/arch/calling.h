// Calling conventions core may ask for on its cold or rarely-taken calls.
#pragma once

// clang's preserve_most: the callee saves nearly every register, so the caller's fast path keeps
// its values in registers across the call.
#define ARCH_PRESERVE_MOST clang::preserve_most
