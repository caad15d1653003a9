// GDT, TSS, IDT, syscall MSRs, FPU and the legacy PIC.
#include "cpu_setup.h"
#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/interrupts.h"

extern "C" char syscall_entry[];
extern "C" char compat_syscall_entry[];
extern "C" char trap_stubs[];
extern "C" char ist_stack_top[];

namespace arch {

extern "C" constinit Tss kernel_tss{};

namespace {

struct [[gnu::packed]] DescriptorPointer {
    u16 limit;
    u64 base;
};

struct IdtGate {
    u16 offset_low, selector;
    u8 ist, type_attr;
    u16 offset_mid;
    u32 offset_high, reserved;
};
static_assert(sizeof(IdtGate) == 16);

// seL4's x86_64 GDT (GDT_CS_0 ... GDT_GS), selector for selector: there is no 32-bit user code
// segment, so user code can never run in compatibility mode (where `syscall` would enter the
// kernel through CSTAR on the user's stack).
enum : u16 { kernel_cs = 0x08, kernel_ds = 0x10, tss_selector = 0x18 };
enum : unsigned { gdt_tss = 3 };
static_assert(user_code_selector == 0x2b && user_data_selector == 0x33);

constinit u64 gdt[9] = {
    0,
    0x00af9a000000ffff,  // 0x08 kernel code
    0x00cf92000000ffff,  // 0x10 kernel data
    0, 0,                // 0x18 TSS (two entries), filled in at run time
    0x00affa000000ffff,  // 0x28 user code, 64-bit
    0x00cff2000000ffff,  // 0x30 user data
    0x00cff2000000ffff,  // 0x38 seL4's FS selector: user data
    0x00cff2000000ffff,  // 0x40 seL4's GS selector: user data
};
constinit IdtGate idt[256]{};

constexpr unsigned trap_stub_size = 16;
constexpr u8 gate_interrupt = 0x8e;  // present, DPL 0, 64-bit interrupt gate
constexpr u8 gate_dpl_user = 3 << 5;
constexpr unsigned nmi = 2, breakpoint = 3, double_fault = 8, machine_check = 18;

// As seL4's init_idt_entry: user code may raise `int3` and the vectors from int_trap_min up
// itself; any other `int $n` is a general protection fault.
u8 gate_type(unsigned vector) {
    bool user = vector == breakpoint || vector >= trap_vector_min;
    return gate_interrupt | (user ? gate_dpl_user : 0);
}

// These may arrive at any time, in the kernel too, so they get a stack of their own.
bool uses_ist(unsigned vector) { return vector == nmi || vector == double_fault || vector == machine_check; }

void load_gdt() {
    word base = reinterpret_cast<word>(&kernel_tss);
    word limit = sizeof(Tss) - 1;
    gdt[gdt_tss] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (word{0x89} << 40) | ((base >> 24 & 0xff) << 56);
    gdt[gdt_tss + 1] = base >> 32;
    kernel_tss.iomap_base = sizeof(Tss);  // no I/O bitmap: user I/O port access traps
    kernel_tss.ist[0] = reinterpret_cast<word>(ist_stack_top);
    DescriptorPointer p{sizeof(gdt) - 1, reinterpret_cast<word>(gdt)};
    asm volatile("lgdt %0" ::"m"(p));
    asm volatile(
        "pushq %0\n\t"
        "leaq 1f(%%rip), %%rax\n\t"
        "pushq %%rax\n\t"
        "lretq\n"
        "1:\n\t"
        "mov %1, %%ds\n\tmov %1, %%es\n\tmov %1, %%ss" ::"i"(kernel_cs),
        "r"(word{kernel_ds})
        : "rax", "memory");
    asm volatile("ltr %0" ::"r"(u16{tss_selector}));
    // No LDT, as seL4's init_dtrs: the reset LDTR (base 0, limit 0xffff) would let a user with
    // a frame at virtual address 0 write its own descriptors (a call gate into ring 0).
    asm volatile("lldt %0" ::"r"(u16{0}));
}

void load_idt() {
    for (unsigned v = 0; v < 256; v++) {
        word handler = reinterpret_cast<word>(trap_stubs) + v * trap_stub_size;
        u8 ist = uses_ist(v) ? 1 : 0;
        idt[v] = {u16(handler), kernel_cs, ist, gate_type(v), u16(handler >> 16), u32(handler >> 32), 0};
    }
    DescriptorPointer p{sizeof(idt) - 1, reinterpret_cast<word>(idt)};
    asm volatile("lidt %0" ::"m"(p));
}

void init_syscall_msrs() {
    constexpr u64 efer_sce = bit(0);
    cpu::wrmsr(cpu::msr_efer, cpu::rdmsr(cpu::msr_efer) | efer_sce);
    cpu::wrmsr(cpu::msr_star, (u64{user_code_selector} << 48) | (u64{kernel_cs} << 32));  // as seL4
    cpu::wrmsr(cpu::msr_lstar, reinterpret_cast<word>(syscall_entry));
    // Unreachable without a 32-bit user code segment; should it ever run, it panics on the
    // kernel's own stack rather than the user's.
    cpu::wrmsr(cpu::msr_cstar, reinterpret_cast<word>(compat_syscall_entry));
    // IF, TF, DF, AC, NT and IOPL cleared on entry.
    cpu::wrmsr(cpu::msr_fmask, bit(9) | bit(8) | bit(10) | bit(18) | bit(14) | (3u << 12));
}

// As seL4's Arch_initFpu: FXSAVE enabled but not OSXMMEXCPT (an unmasked SSE exception is then
// #UD, as on seL4), CR0.MP and CR0.NE (x87 errors are #MF, not the FERR# pin), no emulation.
void init_fpu() {
    constexpr word cr4_osfxsr = bit(9);
    constexpr word cr0_mp = bit(1), cr0_em = bit(2), cr0_ne = bit(5);
    cpu::write_cr4(cpu::read_cr4() | cr4_osfxsr);
    cpu::write_cr0((cpu::read_cr0() & ~cr0_em) | cr0_mp | cr0_ne);
    asm volatile("fninit");
}

// As seL4's init_cpu: SMEP where the CPU has it (SMAP not, as seL4 with printing on).
void init_smep() {
    constexpr u32 cpuid_7_ebx_smep = bit(7);
    constexpr word cr4_smep = bit(20);
    if (cpu::cpuid(7, 0).ebx & cpuid_7_ebx_smep) cpu::write_cr4(cpu::read_cr4() | cr4_smep);
}

// seL4's init_pat_msr: entries 0-3 as at power-on (write-back, write-through, uncached,
// uncacheable) and write-combining in entry 4, which a frame mapped with the PAT attribute
// (seL4_X86_WriteCombining) selects.
void init_pat() {
    constexpr u32 msr_pat = 0x277;
    constexpr u64 write_back = 6, write_through = 4, uncached = 7, uncacheable = 0, write_combining = 1;
    u64 kept = cpu::rdmsr(msr_pat) & ~mask(40);
    cpu::wrmsr(msr_pat, kept | write_back | write_through << 8 | uncached << 16 | uncacheable << 24 | write_combining << 32);
}

// The 8259 PICs are remapped past the exception vectors (IRQ n at vector 32 + n) and masked for
// good: interrupts come through the local APIC and the I/O APICs.
void mask_legacy_pic() {
    constexpr u16 master = 0x20, slave = 0xa0;
    cpu::outb(master, 0x11);
    cpu::outb(slave, 0x11);
    cpu::outb(master + 1, 0x20);
    cpu::outb(slave + 1, 0x28);
    cpu::outb(master + 1, 0x04);
    cpu::outb(slave + 1, 0x02);
    cpu::outb(master + 1, 0x01);
    cpu::outb(slave + 1, 0x01);
    cpu::outb(master + 1, 0xff);
    cpu::outb(slave + 1, 0xff);
}

}  // namespace

void init_cpu() {
    load_gdt();
    load_idt();
    init_syscall_msrs();
    init_fpu();
    init_smep();
    init_pat();
    mask_legacy_pic();
}

}  // namespace arch
