#pragma once
// Loads zones from any vector source OGR reads (GeoJSON, GeoPackage, Shapefile...), so
// analysts edit them in QGIS. Properties: kind, name, owner, valid_from, valid_to,
// direction, course_deg, fill, stroke, stroke_width (docs/ZONES.md).
#include <filesystem>
#include <string>
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

// Loads several files in order and concatenates them.
Result<ZoneLoad> loadZoneFiles(const std::vector<std::filesystem::path>& paths);

// Every polygon of every layer (or of `layerName`), whatever its properties: a land or coastline
// layer for the loitering coastal buffer.
Result<std::vector<Polygon>> loadPolygons(const std::filesystem::path& path,
                                          const std::string& layerName = {});

}  // namespace seawatch::zones
