// Builds flattened device tree blobs in memory for host tests, well formed or deliberately not.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

class FdtBuilder {
public:
    // Header words (fdt::open reads them in this order), for tests that corrupt one.
    enum HeaderWord {
        magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap, version, last_comp_version,
        boot_cpuid_phys, size_dt_strings, size_dt_struct,
    };

    FdtBuilder& begin(const std::string& name) {
        token(1);
        bytes(name.data(), name.size() + 1);
        return pad();
    }
    FdtBuilder& end() { return token(2); }
    FdtBuilder& prop(const std::string& name, const std::vector<uint8_t>& value) {
        token(3);
        be32(value.size());
        be32(name_offset(name));
        bytes(value.data(), value.size());
        return pad();
    }
    FdtBuilder& cells(const std::string& name, std::initializer_list<uint32_t> values) {
        std::vector<uint8_t> v;
        for (uint32_t c : values) append_be32(v, c);
        return prop(name, v);
    }
    FdtBuilder& string(const std::string& name, const std::string& value) {
        return prop(name, std::vector<uint8_t>(value.c_str(), value.c_str() + value.size() + 1));
    }
    FdtBuilder& reserve(uint64_t address, uint64_t size) {
        reservations_.push_back({address, size});
        return *this;
    }
    FdtBuilder& token(uint32_t t) { return be32(t); }
    FdtBuilder& be32(uint32_t w) {
        append_be32(structure_, w);
        return *this;
    }

    // Header, reservation block (with its terminator), structure block (ended by FDT_END), strings.
    std::vector<uint8_t> build(bool with_end = true) const {
        std::vector<uint8_t> s = structure_;
        if (with_end) append_be32(s, 9);
        std::vector<uint8_t> out(40);
        for (auto [address, size] : reservations_) append_be64(out, address), append_be64(out, size);
        append_be64(out, 0), append_be64(out, 0);
        uint32_t struct_at = out.size();
        out.insert(out.end(), s.begin(), s.end());
        uint32_t strings_at = out.size();
        out.insert(out.end(), strings_.begin(), strings_.end());
        uint32_t header[] = {0xd00dfeed, uint32_t(out.size()), struct_at, strings_at, 40, 17, 16, 0,
                             uint32_t(strings_.size()), uint32_t(s.size())};
        for (unsigned i = 0; i < 10; i++) set_header(out, HeaderWord(i), header[i]);
        return out;
    }

    static void set_header(std::vector<uint8_t>& blob, HeaderWord w, uint32_t value) {
        for (unsigned i = 0; i < 4; i++) blob[w * 4 + i] = uint8_t(value >> (24 - 8 * i));
    }
    static void append_be32(std::vector<uint8_t>& v, uint32_t w) {
        for (int shift = 24; shift >= 0; shift -= 8) v.push_back(uint8_t(w >> shift));
    }
    static void append_be64(std::vector<uint8_t>& v, uint64_t w) {
        append_be32(v, uint32_t(w >> 32));
        append_be32(v, uint32_t(w));
    }

private:
    FdtBuilder& bytes(const void* data, size_t n) {
        auto p = static_cast<const uint8_t*>(data);
        structure_.insert(structure_.end(), p, p + n);
        return *this;
    }
    FdtBuilder& pad() {
        while (structure_.size() % 4) structure_.push_back(0);
        return *this;
    }
    uint32_t name_offset(const std::string& name) {
        uint32_t at = strings_.size();
        strings_.insert(strings_.end(), name.c_str(), name.c_str() + name.size() + 1);
        return at;
    }

    std::vector<std::pair<uint64_t, uint64_t>> reservations_;
    std::vector<uint8_t> structure_;
    std::vector<uint8_t> strings_;
};
