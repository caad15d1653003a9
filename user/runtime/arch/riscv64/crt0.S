/* Program entry: the root task gets its BootInfo address in a0 and no stack; a child started by
 * keel_spawn_elf gets a0, a1 and a2 (see start.cc) and a stack it does not need here. */
    .section .text._start, "ax"
    .global _start
_start:
    lla sp, keel_initial_stack_top
    li s0, 0
    call keel_runtime_start
    unimp

    .bss
    .balign 16
keel_initial_stack:
    .skip 65536
keel_initial_stack_top:
