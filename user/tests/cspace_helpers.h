// Helpers for conformance tests that use capabilities: free slots and untyped memory from BootInfo.
#pragma once
#include "keel_test.h"

namespace keel {

constexpr seL4_CNode root = seL4_CapInitThreadCNode;
constexpr seL4_Uint8 root_depth = seL4_WordBits;

// The next never-used slot of the root CNode (tests do not give slots back).
seL4_CPtr alloc_slot();
// The BootInfo device untyped at `paddr` of 2^size_bits bytes, or 0.
seL4_CPtr device_untyped_at(seL4_Word paddr, seL4_Word size_bits);
// The first BootInfo device untyped of 2^size_bits bytes or more above 4 GiB (past the RAM and
// the devices of every machine the suite runs on: no other test takes from it), or 0; its
// physical address in `paddr`.
seL4_CPtr device_untyped_above_4g(seL4_Word size_bits, seL4_Word& paddr);

// The boot untyped, RAM or device, that covers physical address `paddr`, or 0.
seL4_CPtr boot_untyped_covering(seL4_Word paddr, bool device);

// The last boot RAM untyped of 2^min_bits bytes or more that alloc_object does not take from, or 0.
seL4_CPtr spare_boot_untyped(unsigned min_bits);

// A fresh untyped cap of exactly 2^size_bits bytes, retyped from the largest boot RAM untyped
// below 1 GiB (the larger ones are left whole for 1 GiB frames).
seL4_CPtr alloc_untyped(unsigned size_bits);

// One new object of `type` in a fresh slot; 0 on failure.
seL4_CPtr alloc_object(seL4_Word type, seL4_Word size_bits);

// A copy of the cap `object` with `rights` and `badge`, minted into a fresh slot; 0 on failure.
seL4_CPtr minted(seL4_CPtr object, seL4_CapRights_t rights, seL4_Word badge = 0);

inline seL4_Uint32 cap_type(seL4_CPtr c) { return seL4_DebugCapIdentify(c); }

// seL4's cap type tags as DebugCapIdentify reports them.
enum CapTag : seL4_Uint32 {
    tag_null = 0, tag_untyped = 2, tag_endpoint = 4, tag_notification = 6, tag_cnode = 10, tag_thread = 12,
    tag_irq_control = 14, tag_domain = 20, tag_frame = 1, tag_page_table = 3, tag_page_directory = 5,
    tag_pdpt = 7, tag_pml4 = 9, tag_asid_control = 11, tag_asid_pool = 13, tag_io_port_control = 31,
    tag_sched_context = 22,
};

// What seL4_CapInitThreadSC holds: with MCS the root task's scheduling context, else nothing.
#ifdef CONFIG_KERNEL_MCS
constexpr seL4_Uint32 init_thread_sc_tag = tag_sched_context;
#else
constexpr seL4_Uint32 init_thread_sc_tag = tag_null;
#endif

// `slot`, or with MCS the first slot after BootInfo's schedcontrol region when that starts at
// `slot`: it lies between two of the other regions, where the architecture's seL4 boot puts it.
seL4_CPtr skip_sched_control(seL4_CPtr slot);

}  // namespace keel
