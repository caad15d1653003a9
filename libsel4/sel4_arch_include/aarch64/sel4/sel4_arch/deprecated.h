/* aarch64's deprecated names (seL4 16.0.0), for a VSpace that is a 4-level, 4 KiB-entry table (no
 * hypervisor with a 40-bit PA): the page directory and upper directory are page tables, the global
 * directory the VSpace. Upstream ends two of these with a stray ';', which Keel leaves out. */
#pragma once

#include <sel4/config.h>

#define seL4_ARM_PageDirectory seL4_ARM_PageTable
#define seL4_ARM_PageDirectory_Map seL4_ARM_PageTable_Map
#define seL4_ARM_PageDirectory_Unmap seL4_ARM_PageTable_Unmap
#define ARMPageDirectoryMap ARMPageTableMap
#define ARMPageDirectoryUnmap ARMPageTableUnmap
#define seL4_PageDirBits seL4_PageTableBits
#define seL4_PageDirEntryBits seL4_PageTableEntryBits
#define seL4_PageDirIndexBits seL4_PageTableIndexBits
#define seL4_ARM_PageDirectoryObject seL4_ARM_PageTableObject
#define seL4_PUDEntryBits 3
#define seL4_PGDBits 12
#define seL4_PGDEntryBits 3
#define seL4_PGDIndexBits 9
#define seL4_PUDBits 12
#define seL4_PUDIndexBits 9
#define seL4_ARM_PageGlobalDirectoryObject seL4_ARM_VSpaceObject
#define seL4_ARM_PageGlobalDirectory seL4_ARM_VSpace
#define seL4_ARM_PageUpperDirectoryObject seL4_ARM_PageTableObject
#define seL4_ARM_PageUpperDirectory seL4_ARM_PageTable
#define seL4_ARM_PageUpperDirectory_Map seL4_ARM_PageTable_Map
#define seL4_ARM_PageUpperDirectory_Unmap seL4_ARM_PageTable_Unmap
