#pragma once
// Fill triangles of a vector layer, cached on disk. Triangulating the whole-world basemap
// (about 110,000 land vertices) takes longer than a one-shot `seawatch render` may, and
// the answer never changes for the same geometry, so it is computed once per user and kept
// in $XDG_CACHE_HOME/seawatch/triangles (see triangleCacheDir), keyed by a hash of the
// layer's own coordinates. Any layer of any chart benefits, a changed data file gets a new
// key, and nothing is written beside the user's data. Files are written to a temporary
// name and renamed, so two processes filling the cache at once never see half a file.
#include <cstdint>
#include <filesystem>
#include <optional>

#include "seawatch/charts/chart.hpp"
#include "seawatch/geo/triangulate.hpp"

namespace seawatch::charts {

// Layers with fewer ring vertices than this are triangulated on the spot (well under a
// millisecond): caching them would only litter the cache with zone and overlay polygons.
inline constexpr std::size_t kTriangleCacheMinVertices = 20000;

// $SEAWATCH_TRIANGLE_CACHE, else $XDG_CACHE_HOME/seawatch/triangles, else
// ~/.cache/seawatch/triangles; created on demand. Empty when caching is off
// (SEAWATCH_TRIANGLE_CACHE=off) or no folder can be made.
std::filesystem::path triangleCacheDir();

// The cache the build fills for the bundled basemap: `<folder of the running
// program>/triangle-cache` (`seawatch scenario prepare`, run by the build after linking).
// Read after the user's own cache; used when SEAWATCH_TRIANGLE_CACHE is not set. Empty when
// there is no such folder.
std::filesystem::path prebuiltTriangleCacheDir();

// A 64-bit hash of the layer's polygon geometry (ring coordinates and structure) and of
// the cache format, which names its cache file.
std::uint64_t polygonGeometryKey(const VectorLayer& layer);

// Reads a cache file; nullopt when it is missing, truncated, of another format or key, or
// does not fit the layer (so a damaged file is recomputed, never trusted).
std::optional<geo::PolygonSetTriangles> readTriangleCache(const std::filesystem::path& file,
                                                          std::uint64_t key,
                                                          std::size_t polygonCount);
// Writes atomically (temporary file, then rename); false when it could not.
bool writeTriangleCache(const std::filesystem::path& file, std::uint64_t key,
                        const geo::PolygonSetTriangles& triangles);

// The layer's fill triangles: from the cache when there, otherwise computed (and stored
// when the layer has at least `minVertices` ring vertices and the cache folder is usable).
geo::PolygonSetTriangles layerTriangles(const VectorLayer& layer,
                                        std::size_t minVertices = kTriangleCacheMinVertices);

// Sets `fillTriangles` of every layer of the chart that the renderer fills, with
// layerTriangles: on a loader thread, this takes the cache read (or the triangulation) off
// the thread that uploads the chart.
void prepareFillTriangles(VectorChart& chart);

}  // namespace seawatch::charts
