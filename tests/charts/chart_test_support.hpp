#pragma once
// Helpers for the chart tests: a private temporary folder, GDAL-made inputs, and
// geometry checks on the columnar layers.
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gdal_priv.h>

#include <filesystem>
#include <random>
#include <string>

#include "seawatch/charts/chart.hpp"

namespace seawatch::charts::testing {

class TempDir {
  public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("seawatch-charts-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

inline std::string sharedTestData(const std::string& relative) {
    return (std::filesystem::path(SEAWATCH_SHARED_TESTDATA) / relative).string();
}

inline bool sharedTestDataPresent() {
    return std::filesystem::is_directory(std::filesystem::path(SEAWATCH_SHARED_TESTDATA) /
                                         "charts");
}

// Even-odd point-in-polygon over every polygon of a layer (holes count as outside).
inline bool layerContains(const VectorLayer& layer, geo::Mercator p) {
    for (std::size_t poly = 0; poly < layer.polygonCount(); ++poly) {
        bool inside = false;
        for (std::uint32_t r = layer.polygonRingStart[poly]; r < layer.polygonRingStart[poly + 1];
             ++r) {
            const std::uint32_t begin = layer.ringVertexStart[r],
                                end = layer.ringVertexStart[r + 1];
            for (std::uint32_t i = begin, j = end - 1; i < end; j = i++) {
                const double xi = layer.ringX[i], yi = layer.ringY[i];
                const double xj = layer.ringX[j], yj = layer.ringY[j];
                if ((yi > p.y) != (yj > p.y) && p.x < (xj - xi) * (p.y - yi) / (yj - yi) + xi) {
                    inside = !inside;
                }
            }
        }
        if (inside) return true;
    }
    return false;
}

inline const VectorLayer* findLayer(const VectorChart& chart, const std::string& name) {
    for (const auto& layer : chart.layers) {
        if (layer.name == name) return &layer;
    }
    return nullptr;
}

}  // namespace seawatch::charts::testing
