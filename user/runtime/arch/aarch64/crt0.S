/* Program entry: the root task gets its BootInfo address in x0 and no stack; a child started by
 * keel_spawn_elf gets x0, x1 and x2 (see start.cc) and a stack it does not need here. */
    .section .text._start, "ax"
    .global _start
_start:
    adrp x9, keel_initial_stack_top
    add x9, x9, :lo12:keel_initial_stack_top
    mov sp, x9
    mov x29, #0
    mov x30, #0
    bl keel_runtime_start
    udf #0

    .bss
    .balign 16
keel_initial_stack:
    .skip 65536
keel_initial_stack_top:
