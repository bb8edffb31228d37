#pragma once
// RasterChart's private state, shared by raster_chart.cpp (opening) and raster_read.cpp
// (reading windows).
#include <array>
#include <string>
#include <vector>

#include "gdal_support.hpp"
#include "seawatch/charts/chart.hpp"

namespace seawatch::charts {

// How one data band's values become 0..255.
struct BandStretch {
    bool identity = true;  // Byte data: used as is
    double min = 0.0;
    double scale = 1.0;  // 255 / (max - min)
};

// Plain state, so free helper functions can work on it (RasterChart::Impl is private).
struct RasterChartState {
    detail::DatasetPtr source;
    detail::DatasetPtr warped;  // declared after source: closed first
    std::string description;
    std::array<double, 6> geoTransform{};  // of the warped raster, EPSG:3857
    std::vector<int> dataBands;            // warped band numbers: 1 (grey/palette) or 3 (RGB)
    int alphaBand = 0;                     // 0: none
    std::vector<GDALColorEntry> palette;   // non-empty: band 1 holds palette indices
    std::vector<BandStretch> stretch;      // per data band
    std::vector<float> scratch;            // reused between reads of non-Byte bands
};

struct RasterChart::Impl : RasterChartState {};

}  // namespace seawatch::charts
