/* seL4_MessageInfo_t, seL4_CapRights_t and the IPC buffer (layouts of seL4 16.0.0, 64-bit). */
#pragma once

#include <sel4/config.h>
#include <sel4/constants.h>
#include <sel4/simple_types.h>

/* Message info word: label [63:12], capsUnwrapped [11:9], extraCaps [8:7], length [6:0]. */
typedef struct seL4_MessageInfo {
    seL4_Uint64 words[1];
} seL4_MessageInfo_t;

#define SEL4_MI_FIELD(name, shift, bits)                                                          \
    LIBSEL4_INLINE_FUNC seL4_Uint64 seL4_MessageInfo_get_##name(seL4_MessageInfo_t m)             \
    {                                                                                             \
        return (m.words[0] >> (shift)) & ((1ull << (bits)) - 1);                                  \
    }                                                                                             \
    LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_MessageInfo_set_##name(seL4_MessageInfo_t m,      \
                                                                       seL4_Uint64 v)             \
    {                                                                                             \
        m.words[0] &= ~(((1ull << (bits)) - 1) << (shift));                                       \
        m.words[0] |= (v & ((1ull << (bits)) - 1)) << (shift);                                    \
        return m;                                                                                 \
    }
SEL4_MI_FIELD(label, 12, 52)
SEL4_MI_FIELD(capsUnwrapped, 9, 3)
SEL4_MI_FIELD(extraCaps, 7, 2)
SEL4_MI_FIELD(length, 0, 7)
#undef SEL4_MI_FIELD

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_MessageInfo_new(seL4_Uint64 label, seL4_Uint64 capsUnwrapped,
                                                            seL4_Uint64 extraCaps, seL4_Uint64 length)
{
    seL4_MessageInfo_t m = {{0}};
    m = seL4_MessageInfo_set_label(m, label);
    m = seL4_MessageInfo_set_capsUnwrapped(m, capsUnwrapped);
    m = seL4_MessageInfo_set_extraCaps(m, extraCaps);
    return seL4_MessageInfo_set_length(m, length);
}

/* Capability rights word: GrantReply [3], Grant [2], Read [1], Write [0]. */
typedef struct seL4_CapRights {
    seL4_Uint64 words[1];
} seL4_CapRights_t;

#define SEL4_RIGHTS_FIELD(name, shift)                                                            \
    LIBSEL4_INLINE_FUNC seL4_Uint64 seL4_CapRights_get_##name(seL4_CapRights_t r)                 \
    {                                                                                             \
        return (r.words[0] >> (shift)) & 1;                                                       \
    }                                                                                             \
    LIBSEL4_INLINE_FUNC seL4_CapRights_t seL4_CapRights_set_##name(seL4_CapRights_t r, seL4_Uint64 v) \
    {                                                                                             \
        r.words[0] = (r.words[0] & ~(1ull << (shift))) | ((v & 1) << (shift));                    \
        return r;                                                                                 \
    }
SEL4_RIGHTS_FIELD(capAllowGrantReply, 3)
SEL4_RIGHTS_FIELD(capAllowGrant, 2)
SEL4_RIGHTS_FIELD(capAllowRead, 1)
SEL4_RIGHTS_FIELD(capAllowWrite, 0)
#undef SEL4_RIGHTS_FIELD

LIBSEL4_INLINE_FUNC seL4_CapRights_t seL4_CapRights_new(seL4_Uint64 capAllowGrantReply, seL4_Uint64 capAllowGrant,
                                                        seL4_Uint64 capAllowRead, seL4_Uint64 capAllowWrite)
{
    seL4_CapRights_t r = {{0}};
    r = seL4_CapRights_set_capAllowGrantReply(r, capAllowGrantReply);
    r = seL4_CapRights_set_capAllowGrant(r, capAllowGrant);
    r = seL4_CapRights_set_capAllowRead(r, capAllowRead);
    return seL4_CapRights_set_capAllowWrite(r, capAllowWrite);
}

#define seL4_CanRead seL4_CapRights_new(0, 0, 1, 0)
#define seL4_CanWrite seL4_CapRights_new(0, 0, 0, 1)
#define seL4_CanGrant seL4_CapRights_new(0, 1, 0, 0)
#define seL4_CanGrantReply seL4_CapRights_new(1, 0, 0, 0)
#define seL4_NoWrite seL4_CapRights_new(1, 1, 1, 0)
#define seL4_NoRead seL4_CapRights_new(1, 1, 0, 1)
#define seL4_AllRights seL4_CapRights_new(1, 1, 1, 1)
#define seL4_ReadWrite seL4_CapRights_new(0, 0, 1, 1)
#define seL4_NoRights seL4_CapRights_new(0, 0, 0, 0)

/* CNode capability data (the guard a CNode cap gets when minted or mutated): guard [63:6], guardSize [5:0]. */
typedef struct seL4_CNode_CapData {
    seL4_Uint64 words[1];
} seL4_CNode_CapData_t;

LIBSEL4_INLINE_FUNC seL4_Uint64 seL4_CNode_CapData_get_guard(seL4_CNode_CapData_t d)
{
    return d.words[0] >> 6;
}

LIBSEL4_INLINE_FUNC seL4_Uint64 seL4_CNode_CapData_get_guardSize(seL4_CNode_CapData_t d)
{
    return d.words[0] & 0x3f;
}

LIBSEL4_INLINE_FUNC seL4_CNode_CapData_t seL4_CNode_CapData_new(seL4_Uint64 guard, seL4_Uint64 guardSize)
{
    seL4_CNode_CapData_t d = {{(guard << 6) | (guardSize & 0x3f)}};
    return d;
}

typedef struct seL4_IPCBuffer_ {
    seL4_MessageInfo_t tag;
    seL4_Word msg[seL4_MsgMaxLength];
    seL4_Word userData;
    seL4_Word caps_or_badges[seL4_MsgMaxExtraCaps];
    seL4_CPtr receiveCNode;
    seL4_CPtr receiveIndex;
    seL4_Word receiveDepth;
} seL4_IPCBuffer __attribute__((__aligned__(sizeof(struct seL4_IPCBuffer_))));

SEL4_COMPILE_ASSERT(seL4_MessageInfo_is_a_word, sizeof(seL4_MessageInfo_t) == 8)
SEL4_COMPILE_ASSERT(seL4_IPCBuffer_is_1KiB, sizeof(struct seL4_IPCBuffer_) == 1024)
SEL4_COMPILE_ASSERT(seL4_IPCBuffer_msg_offset, __builtin_offsetof(struct seL4_IPCBuffer_, msg) == 8)
SEL4_COMPILE_ASSERT(seL4_IPCBuffer_userData_offset, __builtin_offsetof(struct seL4_IPCBuffer_, userData) == 968)
SEL4_COMPILE_ASSERT(seL4_IPCBuffer_caps_offset, __builtin_offsetof(struct seL4_IPCBuffer_, caps_or_badges) == 976)
SEL4_COMPILE_ASSERT(seL4_IPCBuffer_receiveDepth_offset, __builtin_offsetof(struct seL4_IPCBuffer_, receiveDepth) == 1016)
