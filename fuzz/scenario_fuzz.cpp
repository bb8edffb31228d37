// libFuzzer target for scenario files: parsing with its limits (depth, duplicate keys,
// plausible years, window length), then track synthesis for scenarios that parse.
// Invariant: synthesis stays inside the window and under its fix budget.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "seawatch/scenario/scenario_json.hpp"
#include "seawatch/scenario/track_synthesis.hpp"

namespace seawatch::fuzz {

inline int fuzzScenario(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto load = scenario::parseScenario(text);
    for (const auto& e : load.errors) require(!e.empty());
    if (!load.ok()) return 0;
    auto scene = scenario::SceneTracks::build(load.scenario);
    if (!scene) return 0;
    // Keep each run short: the budget is for memory, not for a fuzzer's patience.
    if (scene->estimatedFixes(scene->window()) > 200000) return 0;
    for (const auto& fix : scene->allFixes()) require(load.scenario.window.contains(fix.time));
    return 0;
}

}  // namespace seawatch::fuzz

#ifndef SEAWATCH_FUZZ_NO_ENTRY
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return seawatch::fuzz::fuzzScenario(data, size);
}
#endif
