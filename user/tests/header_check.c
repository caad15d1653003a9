/* Compiles the whole of libsel4 as C11 with every warning an error (the suite itself is C++20). */
#include <sel4/sel4.h>

seL4_Word keel_header_check_c11(void);

seL4_Word keel_header_check_c11(void)
{
    seL4_MessageInfo_t info = seL4_MessageInfo_new(seL4_NoError, 0, 0, 1);
    seL4_CapRights_t rights = seL4_AllRights;
    return seL4_MessageInfo_get_length(info) + seL4_CapRights_get_capAllowRead(rights);
}
