#include "engine_options.hpp"

#include "cli_parsing.hpp"

#include <cstdio>

#include "seawatch/geo/geo.hpp"

namespace seawatch::app {

analytics::EngineInputOptions EngineOptionsCli::toOptions() const {
    analytics::EngineInputOptions options;
    options.zoneFiles.assign(zones.begin(), zones.end());
    options.schedule = schedule;
    options.land = land;
    options.landLayer = landLayer;
    options.config = config;
    options.config.encounterRangeNm = encounterMetres / geo::kMetresPerNauticalMile;
    return options;
}

void addEngineOptions(CLI::App* cmd, EngineOptionsCli& opt, bool zonesRequired) {
    auto* zones = cmd->add_option("--zones", opt.zones, "Zone files (GeoJSON, GeoPackage, ...)");
    if (zonesRequired) zones->required();
    cmd->add_option("--schedule", opt.schedule, "Escort and transit schedule (JSON)");
    cmd->add_option("--land", opt.land,
                    "Land polygons for the loitering coastal buffer (e.g. the basemap GeoPackage)");
    cmd->add_option("--land-layer", opt.landLayer, "Layer of --land to use (default: all)");
    auto& c = opt.config;
    cmd->add_option("--cpa-nm", c.cpaThresholdNm, "CPA alert threshold")
        ->check(finiteRange(0.0, 50.0))
        ->capture_default_str();
    cmd->add_option("--tcpa-min", c.tcpaMaxMin, "TCPA alert horizon")
        ->check(finiteRange(0.0, 24 * 60.0))
        ->capture_default_str();
    cmd->add_option("--approach-cpa-nm", c.approachCpaNm, "Suspicious approach CPA")
        ->check(finiteRange(0.0, 50.0))
        ->capture_default_str();
    cmd->add_option("--approach-closing-kn", c.approachClosingKn,
                    "Suspicious approach closing speed")
        ->check(finiteRange(0.0, 100.0))
        ->capture_default_str();
    cmd->add_option("--loiter-hours", c.loiterHours, "Loitering duration")
        ->check(finiteRange(0.0, 24 * 30.0))
        ->capture_default_str();
    cmd->add_option("--loiter-kn", c.loiterSpeedKn, "Loitering mean speed")
        ->check(finiteRange(0.0, 100.0))
        ->capture_default_str();
    cmd->add_option("--encounter-m", opt.encounterMetres, "Encounter range in metres")
        ->check(finiteRange(0.0, 100000.0))
        ->capture_default_str();
    cmd->add_option("--encounter-min", c.encounterMinutes, "Encounter duration")
        ->check(finiteRange(0.0, 24 * 60.0))
        ->capture_default_str();
    cmd->add_option("--escort-nm", c.escortRangeNm, "Escort range from a group's planned position")
        ->check(finiteRange(0.0, 500.0))
        ->capture_default_str();
}

bool loadEngineInputsOrReport(const analytics::EngineInputOptions& options, const char* program,
                              analytics::EngineInputLoad& load) {
    load = analytics::loadEngineInputs(options);
    for (const auto& w : load.warnings)
        std::fprintf(stderr, "%s: skipped %s\n", program, w.c_str());
    for (const auto& e : load.errors) std::fprintf(stderr, "%s: %s\n", program, e.c_str());
    return load.errors.empty();
}

}  // namespace seawatch::app
