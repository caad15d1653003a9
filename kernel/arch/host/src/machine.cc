// The simulated machine under host builds of the kernel core.
#include "arch/console.h"
#include "arch/halt.h"
#include "arch/interrupts.h"
#include "arch/mmu.h"
#include "arch/switch.h"
#include "arch/host_machine.h"
#include "arch/traps.h"
#include "arch/user_memory.h"
#include "arch/vspace.h"
#include <cstdlib>
#include <string>
#include <vector>

namespace {

struct Mapping {
    word root, vaddr, paddr;
};

std::string console;
std::string taken;
u8* phys_base = nullptr;
word phys_size = 0;
std::vector<Mapping> mappings;
word next_root = 1;
word fault_address = 0;
bool pending_interrupt = false;

}  // namespace

namespace host {

const char* take_console_output() {
    taken = console;
    console.clear();
    return taken.c_str();
}

void reset_machine(u8* base, word size) {
    phys_base = base;
    phys_size = size;
    mappings.clear();
    next_root = 1;
}

word translate(word root, word vaddr) {
    for (const Mapping& m : mappings) {
        if (m.root == root && m.vaddr == round_down(vaddr, 12)) return m.paddr;
    }
    return ~word{0};
}

void set_fault_address(word address) { fault_address = address; }
void set_interrupt_pending(bool pending) { pending_interrupt = pending; }

}  // namespace host

namespace arch {

bool interrupt_pending() { return pending_interrupt; }
void mask_interrupt(bool, word) {}
void ack_interrupt(word) {}
// The simulated machine has no interrupt controller to route interrupts to user drivers.
core::SysStatus check_irq(word) { return core::fail(core::SyscallError::of(core::ErrorCode::IllegalOperation)); }
core::SysStatus decode_irq_control(const core::Message&, core::Slot&) {
    return core::fail(core::SyscallError::of(core::ErrorCode::IllegalOperation));
}
void console_init(u16) {}
void console_putc(char c) { console.push_back(c); }
void set_exit_port(u16) {}
void halt(HaltReason why) { throw host::Halted{why}; }

void* phys_to_ptr(word paddr) {
    if (paddr >= phys_size) std::abort();
    return phys_base + paddr;
}

void* device_pptr(word paddr) { return reinterpret_cast<void*>(reinterpret_cast<word>(phys_base) + paddr); }

word ptr_to_phys(const void* p) { return static_cast<word>(static_cast<const u8*>(p) - phys_base); }

bool create_user_vspace(boot::BootMemory&, word& root) {
    root = next_root++ << 12;
    return true;
}

bool map_user_frame(boot::BootMemory&, word root, word vaddr, word paddr) {
    if (vaddr >= user_top || !is_aligned(vaddr, 12) || !is_aligned(paddr, 12)) return false;
    mappings.push_back({root, vaddr, paddr});
    return true;
}

void activate_vspace(word) {}
void forget_fpu_state(core::Tcb&) {}  // the simulation has no FPU state

// The simulated machine has no page tables: paging and ASID invocations are tested in QEMU.
core::SysStatus decode_arch_invocation(const core::Message&, core::Slot&) {
    return core::fail(core::SyscallError::of(core::ErrorCode::IllegalOperation));
}
void init_vspace_object(void*) {}
void finalise_arch_cap(const core::Cap&, bool) {}

// The simulated machine keeps mappings in a list, not in paging structures: nothing to check.
const char* check_vspace_coherence(const core::Slot*, word) { return nullptr; }
const char* check_thread_vspaces() { return nullptr; }

word thread_vspace_root(const core::Cap& vtable) {  // no ASIDs on the simulated machine
    return vtable.is_mapped_pml4() ? ptr_to_phys(vtable.ptr()) : 0;
}
void set_initial_asid_pool(void*, void*) {}

void* paging_structure(word, word, unsigned) { return nullptr; }  // the simulation keeps no tables

bool read_user_word(word root, word vaddr, word& out) {
    word frame = host::translate(root, vaddr);
    if (frame == ~word{0} || !is_aligned(vaddr, 3)) return false;
    out = *static_cast<const word*>(phys_to_ptr(frame + (vaddr & 0xfff)));
    return true;
}

core::Fault fault_from_exception(Context& c) {
    if (c.vector == vector_page_fault) {
        return core::Fault::vm_fault(fault_address, c.error, (c.error & pf_error_instruction_fetch) != 0);
    }
    return core::Fault::user_exception(c.vector, c.error);
}

}  // namespace arch
