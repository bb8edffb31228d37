#pragma once
// Loading chart files into a renderer, shared by the console and the headless commands.
#include <optional>
#include <string>
#include <vector>

#include "seawatch/charts/chart.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/render/map_renderer.hpp"

namespace seawatch::render {

inline constexpr geo::GeoBox kGulfOfAdenBox{42.0, 10.0, 54.0, 16.0};

struct SceneLoadReport {
    std::vector<std::string> errors;    // one line per chart that could not be loaded
    std::vector<std::string> warnings;  // features skipped in charts that did load
    geo::GeoBox chartsBox;              // union of the loaded charts (not the basemap)
};

SceneLoadReport loadMapScene(MapRenderer& renderer, const std::vector<std::string>& charts,
                             bool withBasemap, bool async);
// The same with the basemap already read (charts::loadBasemap, which needs no GL context, so
// a caller may read it on another thread while it creates the context); nullopt for none.
SceneLoadReport loadMapScene(MapRenderer& renderer, const std::vector<std::string>& charts,
                             std::optional<Result<charts::VectorChart>> basemap, bool async);
// Adds one chart file (raster or vector) to the renderer, or says why it cannot.
Status addChartFile(MapRenderer& renderer, const std::string& path, bool async,
                    geo::GeoBox* bounds = nullptr, std::vector<std::string>* warnings = nullptr);

}  // namespace seawatch::render
