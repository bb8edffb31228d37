#pragma once
// Loads zones from any vector source OGR reads (GeoJSON, GeoPackage, Shapefile...), so
// analysts edit them in QGIS. Properties: kind, name, owner, valid_from, valid_to,
// direction, course_deg, fill, stroke, stroke_width (docs/ZONES.md).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/zones/zone.hpp"

namespace seawatch::zones {

struct ZoneLoad {
    std::vector<Zone> zones;
    // One message per skipped feature, naming the file, layer and feature index.
    std::vector<std::string> errors;
};

// Reads every layer, or just `layerName` when given. Fails only when the file cannot be
// opened or the layer is missing; bad features are counted in `errors` and skipped.
Result<ZoneLoad> loadZones(const std::filesystem::path& path, const std::string& layerName = {});

// The same for a file's content in memory (through GDAL's /vsimem/, so the same drivers and
// checks): `name` is the file name, whose extension GDAL may use to pick a driver, and stands
// for the file in zones and messages. `drivers` limits GDAL to those drivers (empty: any, as
// for a file). The fuzz target uses it with {"GeoJSON"}: with any driver, mutated inputs
// reach GDAL's other drivers (the OSM driver builds a SQLite database per file) and most of
// the time went into GDAL rather than seawatch's checks.
Result<ZoneLoad> loadZonesFromText(std::string_view text, const std::string& name,
                                   const std::vector<std::string>& drivers = {},
                                   const std::string& layerName = {});

// Loads several files in order and concatenates them.
Result<ZoneLoad> loadZoneFiles(const std::vector<std::filesystem::path>& paths);

// Every polygon of every layer (or of `layerName`), whatever its properties: a land or coastline
// layer for the loitering coastal buffer.
Result<std::vector<Polygon>> loadPolygons(const std::filesystem::path& path,
                                          const std::string& layerName = {});

}  // namespace seawatch::zones
