/* Keel user runtime: starting a program from an ELF image in a new address space. */
#pragma once

#include <sel4/sel4.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a child's start-up registers: the first argument register holds its IPC buffer, the second
 * this, the third an argument (x86_64: RDI, RSI, RDX; riscv64: a0, a1, a2). */
#define KEEL_CHILD_MAGIC 0x6b65656c6368696cul

typedef struct {
    seL4_CPtr vspace; /* the new address-space root (x86_64: a PML4; riscv64: a page table) */
    seL4_CPtr tcb;
} keel_process_t;

/* Loads the ELF image at [elf, elf + size) into a new address space (from the root task's
 * initial ASID pool), gives it an IPC buffer (and with MCS a reply object, keel/ipc.h), and starts a thread there (on the stack its crt0
 * keeps in its own image) at
 * `priority` with the root task's CSpace and `fault_ep` as its fault endpoint. The program's
 * main receives `arg`. Returns 0 on success. */
int keel_spawn_elf(const void *elf, unsigned long size, seL4_Word priority, seL4_CPtr fault_ep, seL4_Word arg,
                   keel_process_t *out);

/* The argument a child's spawner gave it (0 in the root task). */
seL4_Word keel_child_arg(void);

/* A new address-space root with an ASID from the root task's initial pool, nothing mapped in it;
 * 0 if none could be made. */
seL4_CPtr keel_new_vspace(void);

/* Maps `frame` at `vaddr` of `vspace`, creating the paging structures on the way; 0 on success. */
int keel_map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights);

/* Maps a new 4 KiB frame at `vaddr` of `vspace`, creating the paging structures on the way. */
seL4_CPtr keel_map_new_frame(seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights);

/* Mirrors the root task's image in `vspace`: a copy of each of its image frame caps (BootInfo's
 * userImageFrames) mapped read-write at the address the frame has in the root task, so a thread
 * there runs the root task's code on the same memory (its data, stacks and thread-local storage,
 * shared). 0 on success. */
int keel_map_root_image(seL4_CPtr vspace);

/* seL4_TCB_Configure in the configuration's form, without a fault endpoint: the CSpace root
 * `cspace`, the VSpace root `vspace`, the IPC buffer at `buffer_va` in `buffer_frame` (0: none). */
seL4_Error keel_tcb_configure(seL4_CPtr tcb, seL4_CPtr cspace, seL4_CPtr vspace, seL4_Word buffer_va,
                              seL4_CPtr buffer_frame);

/* Makes `tcb` a thread that can run once started: in `vspace` with the root task's CSpace, its IPC
 * buffer at `buffer_va` in `buffer_frame` (0: none), `fault_ep` (0: none) as its fault endpoint,
 * at `priority` with the root task's TCB as authority. With MCS it also gets a scheduling context
 * of its own, configured through the root task's SchedControl cap (a round-robin budget: budget
 * equal to period). Returns seL4_NoError or the first error. */
seL4_Error keel_configure_thread(seL4_CPtr tcb, seL4_CPtr fault_ep, seL4_CPtr vspace, seL4_Word buffer_va,
                                 seL4_CPtr buffer_frame, seL4_Word priority);

#ifdef CONFIG_KERNEL_MCS
/* A new scheduling context configured through the root task's SchedControl cap with the
 * round-robin budget keel_configure_thread gives a thread, or 0. */
seL4_CPtr keel_new_sched_context(void);
#endif

/* Prepares `tcb` (a fresh TCB) as a thread of the caller's address space (`vspace`, a cap to it
 * in the shared CSpace) and CSpace, as keel_configure_thread does: to start at entry() on the
 * stack ending at stack_top, with thread-local storage set up in tls_area (keel_tls_size() bytes,
 * keel_tls_align() aligned) and its IPC buffer at `buffer` inside `buffer_frame` (nullptr and 0:
 * none), and with MCS a reply object of its own (keel/ipc.h). Its body may use all of libsel4 (the
 * IPC buffer's parts only with a buffer). It runs once resumed. Returns seL4_NoError or the first error. */
seL4_Error keel_prepare_thread(seL4_CPtr tcb, void (*entry)(void), void *stack_top, void *tls_area,
                               seL4_IPCBuffer *buffer, seL4_CPtr buffer_frame, seL4_Word priority, seL4_CPtr fault_ep,
                               seL4_CPtr vspace);

/* keel_prepare_thread, then the thread is resumed. */
seL4_Error keel_start_thread(seL4_CPtr tcb, void (*entry)(void), void *stack_top, void *tls_area,
                             seL4_IPCBuffer *buffer, seL4_CPtr buffer_frame, seL4_Word priority, seL4_CPtr fault_ep,
                             seL4_CPtr vspace);

#ifdef __cplusplus
}
#endif
