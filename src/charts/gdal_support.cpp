#include "gdal_support.hpp"

#include <cpl_error.h>
#include <cpl_string.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <mutex>
#include <system_error>

#include "seawatch/charts/chart.hpp"
#include "seawatch/common/gdal_init.hpp"

namespace seawatch::charts {

// One initialisation for every domain (common/gdal_init): drivers, and GDAL's messages
// sent to the log with the file name.
void initGdal() { seawatch::initGdal(); }

namespace detail {

std::string lastGdalError(const char* fallback) {
    const char* message = CPLGetLastErrorMsg();
    return (message && *message) ? std::string(message) : std::string(fallback);
}

Result<DatasetPtr> openDataset(const std::string& path, unsigned int flags,
                               const char* const* openOptions) {
    initGdal();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return makeError("chart file not found: " + path);
    CPLErrorReset();
    // A failed open is reported through the Result; logging it as well would say it twice.
    GdalFileScope scope(path);
    scope.setQuiet(true);
    DatasetPtr dataset(
        GDALDataset::Open(path.c_str(), flags | GDAL_OF_READONLY, nullptr, openOptions, nullptr));
    if (!dataset) {
        return makeError("unsupported or corrupt: " + path + " (" +
                         lastGdalError("GDAL recognises no format in it") + ")");
    }
    return dataset;
}

Result<Georeferencing> rasterGeoreferencing(GDALDataset& dataset, const std::string& path) {
    double gt[6];
    if (dataset.GetGeoTransform(gt) == CE_None) {
        const bool isDefault = gt[0] == 0.0 && gt[1] == 1.0 && gt[2] == 0.0 && gt[3] == 0.0 &&
                               gt[4] == 0.0 && (gt[5] == 1.0 || gt[5] == -1.0);
        const bool degenerate = gt[1] * gt[5] - gt[2] * gt[4] == 0.0;
        if (!isDefault && !degenerate) return Georeferencing::GeoTransform;
    }
    if (dataset.GetGCPCount() >= 3) return Georeferencing::GroundControlPoints;
    if (CSLCount(dataset.GetMetadata("RPC")) > 0) return Georeferencing::RationalPolynomials;
    return makeError("not georeferenced: " + path +
                     " (no geotransform, ground control points or RPCs)");
}

const char* georeferencingName(Georeferencing g) {
    switch (g) {
        case Georeferencing::GeoTransform:
            return "geotransform";
        case Georeferencing::GroundControlPoints:
            return "ground control points";
        case Georeferencing::RationalPolynomials:
            return "RPCs";
    }
    return "?";
}

}  // namespace detail

Result<ChartType> probeChart(const std::string& path) {
    auto opened = detail::openDataset(path, GDAL_OF_RASTER | GDAL_OF_VECTOR);
    if (!opened) return makeError(opened.error());
    GDALDataset& dataset = **opened;
    if (dataset.GetRasterCount() > 0) {
        auto georef = detail::rasterGeoreferencing(dataset, path);
        if (!georef) return makeError(georef.error());
        return ChartType::Raster;
    }
    for (OGRLayer* layer : dataset.GetLayers()) {
        if (layer && layer->GetGeomType() != wkbNone) return ChartType::Vector;
    }
    return makeError("no layers with geometry: " + path);
}

}  // namespace seawatch::charts
