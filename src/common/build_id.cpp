#include "seawatch/common/build_id.hpp"

#include <elf.h>
#include <link.h>

#include <cstring>
#include <string>

namespace seawatch::common {

namespace {

struct Search {
    std::string hex;
};

// The first object dl_iterate_phdr reports is the executable itself.
int firstObjectBuildId(dl_phdr_info* info, std::size_t /*size*/, void* data) {
    auto* search = static_cast<Search*>(data);
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr)& ph = info->dlpi_phdr[i];
        if (ph.p_type != PT_NOTE) continue;
        const auto* p = reinterpret_cast<const unsigned char*>(info->dlpi_addr + ph.p_vaddr);
        const unsigned char* end = p + ph.p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            std::memcpy(&note, p, sizeof note);
            const unsigned char* name = p + sizeof note;
            const unsigned char* desc = name + ((note.n_namesz + 3U) & ~3U);
            const unsigned char* next = desc + ((note.n_descsz + 3U) & ~3U);
            if (next > end) break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
                std::memcmp(name, "GNU", 4) == 0) {
                static constexpr char kDigits[] = "0123456789abcdef";
                for (std::uint32_t b = 0; b < note.n_descsz; ++b) {
                    search->hex.push_back(kDigits[desc[b] >> 4]);
                    search->hex.push_back(kDigits[desc[b] & 15]);
                }
                return 1;
            }
            p = next;
        }
    }
    return 1;  // only the executable counts
}

}  // namespace

std::string_view programBuildId() {
    static const std::string id = [] {
        Search search;
        dl_iterate_phdr(firstObjectBuildId, &search);
        return search.hex;
    }();
    return id;
}

}  // namespace seawatch::common
