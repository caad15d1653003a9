// The kernel window's page entries (see arch/kernel_window.h).
#include "arch/kernel_window.h"
#include "arch/paging.h"

namespace arch::window {
namespace {

using namespace paging;

constexpr word kernel_page = pte_present | pte_write;  // supervisor-only, write-back

bool kernel_reads(u32 type) {
    using boot::MemType;
    return type == static_cast<u32>(MemType::Available) || type == static_cast<u32>(MemType::AcpiReclaimable) ||
           type == static_cast<u32>(MemType::AcpiNvs);
}

}  // namespace

word large_page_extent(const boot::BootParams& params) {
    word end = firmware_top;
    for (unsigned i = 0; i < params.num_regions; i++) {
        const boot::MemRegion& r = params.regions[i];
        if (r.length && kernel_reads(r.type) && r.end() > end) end = r.end();
    }
    return end >= max_size ? max_size : round_up(end, huge_bits);
}

void fill_huge(u64* pdpt, word size) {
    for (word i = 0; i < size >> huge_bits; i++) pdpt[i] = (i << huge_bits) | kernel_page | pte_huge;
}

void fill_large(u64* directory, word paddr) {
    for (word i = 0; i < 512; i++) directory[i] = (paddr + (i << large_bits)) | kernel_page | pte_huge;
}

u64 directory_entry(word paddr) { return paddr | kernel_page; }

}  // namespace arch::window
