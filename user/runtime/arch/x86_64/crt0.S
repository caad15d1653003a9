/* Program entry: the root task gets its BootInfo address in RDI and no stack; a child started by
 * keel_spawn_elf gets RDI, RSI and RDX (see start.cc) and a stack it does not need here. */
    .section .text._start, "ax"
    .global _start
_start:
    lea keel_initial_stack_top(%rip), %rsp
    xor %ebp, %ebp
    call keel_runtime_start
    ud2

    .bss
    .balign 16
keel_initial_stack:
    .skip 65536
keel_initial_stack_top:
