#include "seawatch/analytics/engine_inputs.hpp"

#include "seawatch/common/resources.hpp"
#include "seawatch/zones/zone_loader.hpp"

namespace seawatch::analytics {

EngineInputOptions bundledEngineInputOptions() {
    EngineInputOptions options;
    for (const char* name : {"irtc", "hra", "vra", "patrol_sectors"})
        options.zoneFiles.push_back(resourcePath(std::string("data/zones/") + name + ".geojson"));
    options.land = resourcePath("data/basemap/natural_earth.gpkg");
    options.landLayer = "land";
    return options;
}

EngineInputLoad loadEngineInputs(const EngineInputOptions& options) {
    EngineInputLoad load;
    load.inputs.config = options.config;
    if (!options.zoneFiles.empty()) {
        if (auto zones = zones::loadZoneFiles(options.zoneFiles)) {
            load.inputs.zones = std::move(zones->zones);
            for (auto& e : zones->errors) load.warnings.push_back(std::move(e));
        } else {
            load.errors.push_back(zones.error());
        }
    }
    if (!options.schedule.empty()) {
        if (auto schedule = zones::loadSchedule(options.schedule)) {
            for (const auto& e : schedule->errors) load.warnings.push_back(e);
            load.inputs.schedule = std::move(*schedule);
        } else {
            load.errors.push_back(schedule.error());
        }
    }
    if (!options.land.empty()) {
        if (auto land = zones::loadPolygons(options.land, options.landLayer)) {
            load.inputs.land = std::move(*land);
        } else {
            load.errors.push_back(land.error());
        }
    }
    if (auto corridor = zones::findCorridor(load.inputs.zones))
        load.corridor = std::move(*corridor);
    if (load.corridor && load.inputs.schedule)
        load.coverage =
            zones::buildCoverage(*load.corridor, load.inputs.zones, *load.inputs.schedule);
    return load;
}

}  // namespace seawatch::analytics
