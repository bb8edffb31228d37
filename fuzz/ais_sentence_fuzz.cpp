// libFuzzer target for the AIS line parser and decoder: arbitrary bytes, split into lines,
// through framing (its fast path checked against the general one), reassembly, payload
// decoding and gpsd JSON output.
// Built with clang when SEAWATCH_BUILD_FUZZ=ON; tests/ais/fuzz_smoke_test.cpp also calls it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "seawatch/ais/decoder.hpp"
#include "seawatch/ais/gpsd_json.hpp"
#include "seawatch/ais/sentence.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    seawatch::ais::AisDecoder decoder;
    std::string json;
    std::size_t start = 0;
    while (start <= input.size()) {
        std::size_t end = input.find('\n', start);
        if (end == std::string_view::npos) end = input.size();
        const std::string_view line = input.substr(start, end - start);
        // The fast path for the common line must read it exactly as the general path does.
        if (!(seawatch::ais::parseLine(line) == seawatch::ais::parseLineReference(line)))
            __builtin_trap();
        if (const auto* m = decoder.decodeLine(line)) {
            json.clear();
            seawatch::ais::appendGpsdJson(*m, "fuzz", json);
        }
        start = end + 1;
    }
    const auto& s = decoder.stats();
    if (s.accountedLines() != s.lines) __builtin_trap();  // every line must be counted once
    return 0;
}
