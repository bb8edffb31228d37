#pragma once
// Reading and writing scenario files (format: docs/SCENARIO.md). Parsing collects every
// problem it finds, each naming its JSON path ("tracks[3].waypoints[2].time: not ISO 8601"),
// so an author fixes a file in one pass.
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/scenario/scenario.hpp"

namespace seawatch::scenario {

struct ScenarioLoad {
    Scenario scenario;                // complete only when errors is empty
    std::vector<std::string> errors;  // "json.path: problem", in document order
    bool ok() const { return errors.empty(); }
};

// Parses scenario JSON text. `baseDir` is where relative file references resolve.
ScenarioLoad parseScenario(std::string_view jsonText, const std::filesystem::path& baseDir = {});
// Reads and parses a file; an unreadable file gives one error naming it.
ScenarioLoad loadScenario(const std::filesystem::path& file);

// Writes the scenario back as JSON (2-space indent); parseScenario(toJson(s)) gives s again.
std::string toJson(const Scenario& scenario);
Status saveScenario(const Scenario& scenario, const std::filesystem::path& file);

// The annotations alone, as the file's "annotations" array (the console's drafts keep them so).
std::string annotationsToJson(std::span<const Annotation> annotations);
// Parses such an array; each error names its JSON path ("[2].polygon: ...").
Result<std::vector<Annotation>> parseAnnotations(std::string_view jsonText);

}  // namespace seawatch::scenario
