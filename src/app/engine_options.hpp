#pragma once
// The options that choose the analytics engine's inputs, shared by `seawatch analyze` and
// `seawatch ais watch`, so the same flags build the same engine (analytics::loadEngineInputs).
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "seawatch/analytics/engine_inputs.hpp"

namespace seawatch::app {

struct EngineOptionsCli {
    std::vector<std::string> zones;
    std::string schedule;
    std::string land;
    std::string landLayer;
    analytics::AnalyticsConfig config;
    double encounterMetres = 500.0;

    analytics::EngineInputOptions toOptions() const;
};

// --zones (required when `zonesRequired`), --schedule, --land, --land-layer and the
// thresholds (--cpa-nm, --tcpa-min, ...).
void addEngineOptions(CLI::App* command, EngineOptionsCli& options, bool zonesRequired);

// Loads the inputs; prints skipped features and unreadable files as "PROGRAM: ..." on
// stderr. False when a named file could not be read.
bool loadEngineInputsOrReport(const analytics::EngineInputOptions& options, const char* program,
                              analytics::EngineInputLoad& load);

}  // namespace seawatch::app
