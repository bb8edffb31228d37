#pragma once
// Overviews for large rasters that have none (typical of BSB/KAP charts), so zoomed-out
// reads stay fast. They are built once into seawatch's cache folder, never beside the
// user's chart: a VRT wrapping the chart gets an external .vrt.ovr there.
#include <string>

#include "gdal_support.hpp"

namespace seawatch::charts::detail {

// Rasters at most this many pixels on each side are read fast enough without overviews.
inline constexpr int kOverviewThresholdPx = 4096;

// Where overviews are cached: $SEAWATCH_OVERVIEW_CACHE, else $XDG_CACHE_HOME/seawatch/
// overviews, else ~/.cache/seawatch/overviews. Empty when caching is off
// (SEAWATCH_OVERVIEW_CACHE=off) or no folder can be made.
std::string overviewCacheDir();

// `source` itself when it has overviews or is small; otherwise a VRT of it with cached
// overviews (built now when missing, which reads the whole raster once). When the cache
// cannot be used, `source` is returned and reads fall back to GDAL's own downsampling.
// `note` says what happened, for the chart's description.
DatasetPtr withOverviews(DatasetPtr source, const std::string& path, std::string& note);

}  // namespace seawatch::charts::detail
