// What the simulated machines share (arch/simulated_machine.h): the console and the TLB model.
#include "arch/simulated_machine.h"
#include <string>
#include "arch/vspace.h"

namespace host {

namespace {
std::string console;
std::string taken;
}  // namespace

const char* take_console_output() {
    taken = console;
    console.clear();
    return taken.c_str();
}

void console_append(char c) { console.push_back(c); }

Translation translation_in(const UserPage& p, word vaddr) {
    return {p.frame + round_down(vaddr - p.page, 12), p.write};
}

const UserPage* Tlb::find(word vaddr) const {
    for (unsigned size_bits : {12u, 21u, 30u}) {
        auto it = pages_.find({round_down(vaddr, size_bits), size_bits});
        if (it != pages_.end()) return &it->second;
    }
    return nullptr;
}

void Tlb::forget(word vaddr) {
    while (const UserPage* p = find(vaddr)) pages_.erase({p->page, p->size_bits});
}

std::vector<word> Tlb::small_pages() const {
    std::vector<word> pages;
    for (const auto& [key, p] : pages_) {
        for (word off = 0; off < bit(p.size_bits) && pages.size() < 4096; off += 4096) pages.push_back(p.page + off);
    }
    return pages;
}

std::vector<word> user_pages_under(word root, unsigned root_entries, unsigned (*span)(unsigned),
                                   WalkedEntry (*read)(u64 entry, unsigned level)) {
    std::vector<word> pages;
    struct Table {
        word paddr, base;
        unsigned level;
    };
    std::vector<Table> todo{{root, 0, 0}};
    while (!todo.empty()) {
        Table t = todo.back();
        todo.pop_back();
        const u64* e = static_cast<const u64*>(arch::phys_to_ptr(t.paddr));
        for (word i = 0; i < (t.level == 0 ? root_entries : 512u); i++) {
            WalkedEntry w = read(e[i], t.level);
            word vaddr = t.base + (i << span(t.level));
            if (w.kind == WalkedEntry::Kind::Table) todo.push_back({w.paddr, vaddr, t.level + 1});
            if (w.kind != WalkedEntry::Kind::Page) continue;
            for (word off = 0; off < bit(span(t.level)); off += 4096) pages.push_back(vaddr + off);
        }
    }
    return pages;
}

}  // namespace host
