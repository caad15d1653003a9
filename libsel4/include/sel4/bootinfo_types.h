/* seL4_BootInfo and the extra bootinfo chunk headers (layout of seL4 16.0.0). */
#pragma once

#include <sel4/config.h>
#include <sel4/constants.h>
#include <sel4/shared_types.h>
#include <sel4/simple_types.h>

typedef struct seL4_SlotRegion {
    seL4_SlotPos start; /* first slot of the region */
    seL4_SlotPos end;   /* first slot after the region */
} seL4_SlotRegion;

typedef struct seL4_UntypedDesc {
    seL4_Word paddr;
    seL4_Uint8 sizeBits;
    seL4_Uint8 isDevice;
    seL4_Uint8 padding[sizeof(seL4_Word) - 2 * sizeof(seL4_Uint8)];
} seL4_UntypedDesc;

typedef struct seL4_BootInfo {
    seL4_Word extraLen;
    seL4_NodeId nodeID;
    seL4_Word numNodes;
    seL4_Word numIOPTLevels;
    seL4_IPCBuffer *ipcBuffer;
    seL4_SlotRegion empty;
    seL4_SlotRegion sharedFrames;
    seL4_SlotRegion userImageFrames;
    seL4_SlotRegion userImagePaging;
    seL4_SlotRegion ioSpaceCaps;
    seL4_SlotRegion extraBIPages;
    seL4_Word initThreadCNodeSizeBits;
    seL4_Domain initThreadDomain;
#ifdef CONFIG_KERNEL_MCS
    seL4_SlotRegion schedcontrol;
#endif
    seL4_SlotRegion untyped;
    seL4_UntypedDesc untypedList[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
} seL4_BootInfo;

typedef struct seL4_BootInfoHeader {
    seL4_Word id;
    seL4_Word len; /* of the chunk, header included */
} seL4_BootInfoHeader;

SEL4_COMPILE_ASSERT(seL4_UntypedDesc_size, sizeof(seL4_UntypedDesc) == 16)
SEL4_COMPILE_ASSERT(seL4_BootInfoHeader_size, sizeof(seL4_BootInfoHeader) == 16)
SEL4_COMPILE_ASSERT(seL4_BootInfo_ipcBuffer_offset, __builtin_offsetof(seL4_BootInfo, ipcBuffer) == 32)
SEL4_COMPILE_ASSERT(seL4_BootInfo_empty_offset, __builtin_offsetof(seL4_BootInfo, empty) == 40)
SEL4_COMPILE_ASSERT(seL4_BootInfo_cnode_bits_offset,
                    __builtin_offsetof(seL4_BootInfo, initThreadCNodeSizeBits) == 136)
#ifndef CONFIG_KERNEL_MCS
SEL4_COMPILE_ASSERT(seL4_BootInfo_untyped_offset, __builtin_offsetof(seL4_BootInfo, untyped) == 152)
SEL4_COMPILE_ASSERT(seL4_BootInfo_untypedList_offset, __builtin_offsetof(seL4_BootInfo, untypedList) == 168)
#else
SEL4_COMPILE_ASSERT(seL4_BootInfo_schedcontrol_offset, __builtin_offsetof(seL4_BootInfo, schedcontrol) == 152)
SEL4_COMPILE_ASSERT(seL4_BootInfo_untyped_offset, __builtin_offsetof(seL4_BootInfo, untyped) == 168)
SEL4_COMPILE_ASSERT(seL4_BootInfo_untypedList_offset, __builtin_offsetof(seL4_BootInfo, untypedList) == 184)
#endif
SEL4_COMPILE_ASSERT(seL4_BootInfo_fits_its_frame, sizeof(seL4_BootInfo) <= seL4_BootInfoFrameSize)
