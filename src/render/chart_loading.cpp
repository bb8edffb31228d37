#include "seawatch/render/chart_loading.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "seawatch/charts/chart.hpp"

namespace seawatch::render {

namespace {

void extend(geo::GeoBox& box, const geo::MercatorBox& m) {
    const geo::GeoBox g = geo::fromMercatorBox(m);
    if (!box.valid()) {
        box = g;
        return;
    }
    box.west = std::min(box.west, g.west);
    box.south = std::min(box.south, g.south);
    box.east = std::max(box.east, g.east);
    box.north = std::max(box.north, g.north);
}

}  // namespace

Status addChartFile(MapRenderer& renderer, const std::string& path, bool async, geo::GeoBox* bounds,
                    std::vector<std::string>* warnings) {
    auto type = charts::probeChart(path);
    if (!type) return makeError(type.error());
    const std::string title = std::filesystem::path(path).filename().string();
    if (*type == charts::ChartType::Raster) {
        auto id = renderer.addRasterChart(path, async);
        if (!id) return makeError(id.error());
        if (bounds) extend(*bounds, renderer.layerBounds(*id));
        return {};
    }
    auto chart = charts::loadVectorChart(path);
    if (!chart) return makeError(chart.error());
    renderer.addVectorChart(*chart, title);
    if (bounds) extend(*bounds, chart->bounds);
    if (warnings) warnings->insert(warnings->end(), chart->warnings.begin(), chart->warnings.end());
    return {};
}

SceneLoadReport loadMapScene(MapRenderer& renderer, const std::vector<std::string>& charts,
                             bool withBasemap, bool async) {
    charts::initGdal();
    std::optional<Result<charts::VectorChart>> basemap;
    if (withBasemap) basemap = charts::loadBasemap();
    return loadMapScene(renderer, charts, std::move(basemap), async);
}

SceneLoadReport loadMapScene(MapRenderer& renderer, const std::vector<std::string>& charts,
                             std::optional<Result<charts::VectorChart>> basemap, bool async) {
    charts::initGdal();
    SceneLoadReport report;
    if (basemap) {
        if (*basemap) {
            renderer.addVectorChart(**basemap, "Basemap");
        } else {
            report.errors.push_back(basemap->error());
        }
    }
    for (const auto& path : charts) {
        if (Status s = addChartFile(renderer, path, async, &report.chartsBox, &report.warnings); !s)
            report.errors.push_back(s.error());
    }
    return report;
}

}  // namespace seawatch::render
