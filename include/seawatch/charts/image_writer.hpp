#pragma once
// Writes rendered pictures: PNG for people, GeoTIFF (EPSG:3857 geotransform) for GIS.
#include <string>

#include "seawatch/charts/chart.hpp"

namespace seawatch::charts {

// The format follows the extension: .png, or .tif/.tiff (GeoTIFF, georeferenced to
// `extent`, which must be the exact Web Mercator box the image covers).
Status writeImage(const std::string& path, const RgbaImage& image, const geo::MercatorBox& extent);

}  // namespace seawatch::charts
