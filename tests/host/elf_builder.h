// Builds small ELF64 images in memory for host tests.
#pragma once
#include <cstdint>
#include <cstring>
#include <vector>

struct TestSegment {
    uint64_t vaddr;
    std::vector<uint8_t> data;
    uint64_t memsz;
};

inline std::vector<uint8_t> build_elf64(uint64_t entry, const std::vector<TestSegment>& segments,
                                        uint16_t machine = 62, uint16_t type = 2) {
    const size_t header = 64, phdr = 56;
    std::vector<uint8_t> out(header + phdr * segments.size());
    auto put = [&out](size_t at, uint64_t v, size_t n) { std::memcpy(&out[at], &v, n); };
    const uint8_t ident[] = {0x7f, 'E', 'L', 'F', 2, 1, 1};
    std::memcpy(out.data(), ident, sizeof(ident));
    put(16, type, 2);
    put(18, machine, 2);
    put(20, 1, 4);
    put(24, entry, 8);
    put(32, header, 8);
    put(52, header, 2);
    put(54, phdr, 2);
    put(56, segments.size(), 2);
    for (size_t i = 0; i < segments.size(); i++) {
        size_t p = header + i * phdr;
        put(p, 1, 4);
        put(p + 8, out.size(), 8);
        put(p + 16, segments[i].vaddr, 8);
        put(p + 32, segments[i].data.size(), 8);
        put(p + 40, segments[i].memsz, 8);
        out.insert(out.end(), segments[i].data.begin(), segments[i].data.end());
    }
    return out;
}
