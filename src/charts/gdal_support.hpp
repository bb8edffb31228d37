#pragma once
// Private helpers shared by the chart sources: owning GDAL handles and the
// "is this raster georeferenced, and how" question asked by probeChart and RasterChart.
#include <gdal_priv.h>

#include <memory>
#include <string>

#include "seawatch/common/result.hpp"

namespace seawatch::charts::detail {

struct GdalDatasetCloser {
    void operator()(GDALDataset* dataset) const {
        if (dataset) GDALClose(GDALDataset::ToHandle(dataset));
    }
};
using DatasetPtr = std::unique_ptr<GDALDataset, GdalDatasetCloser>;

// GDAL's last error message for this thread, or `fallback` when GDAL gave none.
std::string lastGdalError(const char* fallback = "no detail from GDAL");

// Opens `path` with the given GDAL_OF_* flags, or explains why not: missing file, or a
// file GDAL does not recognise ("unsupported or corrupt").
Result<DatasetPtr> openDataset(const std::string& path, unsigned int flags,
                               const char* const* openOptions = nullptr);

enum class Georeferencing { GeoTransform, GroundControlPoints, RationalPolynomials };

// How a raster is placed on the Earth, or a "not georeferenced" error naming the file.
// A default geotransform (0,1,0,0,0,1), which GDAL reports for plain images, is none.
Result<Georeferencing> rasterGeoreferencing(GDALDataset& dataset, const std::string& path);

const char* georeferencingName(Georeferencing g);

}  // namespace seawatch::charts::detail
