#pragma once
// The one way the engine's inputs (zones, schedule, coverage, land) are built from files, for
// the console's live picture, `seawatch analyze`, `seawatch ais watch` and a scenario's
// scene alike: the same options give the same engine, so they give the same alerts.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "seawatch/analytics/engine.hpp"
#include "seawatch/zones/corridor.hpp"
#include "seawatch/zones/coverage.hpp"

namespace seawatch::analytics {

struct EngineInputOptions {
    std::vector<std::filesystem::path> zoneFiles;  // GeoJSON, GeoPackage, ...
    std::filesystem::path schedule;                // escort and transit schedule; empty: none
    std::filesystem::path land;                    // land polygons for the coastal buffer
    std::string landLayer;                         // layer of `land`; empty: all
    AnalyticsConfig config;
};

// The bundled Gulf of Aden zones (IRTC, HRA, VRA, patrol sectors) and the basemap's land:
// what the console and `ais watch` use for live feeds when no zones are named.
EngineInputOptions bundledEngineInputOptions();

struct EngineInputLoad {
    AnalyticsInputs inputs;
    // Derived as the engine derives them, for the zone overlay and the coverage strip.
    std::optional<zones::Corridor> corridor;
    std::optional<zones::CoverageTimeline> coverage;
    // A named file that could not be read: a command stops, a scene carries on without it.
    std::vector<std::string> errors;
    // Features skipped inside files that were read ("file: feature 3: ...").
    std::vector<std::string> warnings;
};

EngineInputLoad loadEngineInputs(const EngineInputOptions& options);

}  // namespace seawatch::analytics
