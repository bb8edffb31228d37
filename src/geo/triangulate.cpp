#include "seawatch/geo/triangulate.hpp"

#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace seawatch::geo {

namespace {

// Tiles are cut so that each holds about this many vertices.
constexpr std::size_t kVerticesPerTile = 300;

struct GeosContext {
    GEOSContextHandle_t handle = GEOS_init_r();
    ~GeosContext() { GEOS_finish_r(handle); }
};

struct GeometryOwner {
    GEOSContextHandle_t h;
    GEOSGeometry* g;
    ~GeometryOwner() {
        if (g) GEOSGeom_destroy_r(h, g);
    }
};

struct PointKey {
    double x, y;
    bool operator==(const PointKey&) const = default;
};
struct PointHash {
    std::size_t operator()(const PointKey& p) const {
        return std::hash<double>{}(p.x) ^ (std::hash<double>{}(p.y) * 0x9E3779B97F4A7C15ULL);
    }
};

GEOSGeometry* makeRing(GEOSContextHandle_t h, std::span<const double> x, std::span<const double> y,
                       std::uint32_t first, std::uint32_t end) {
    const unsigned n = end - first;
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, n + 1, 2);
    for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_setXY_r(h, seq, i, x[first + i], y[first + i]);
    GEOSCoordSeq_setXY_r(h, seq, n, x[first], y[first]);
    return GEOSGeom_createLinearRing_r(h, seq);
}

// Appends the triangles of one GEOS polygon (no clipping); false when GEOS fails.
bool triangulateGeos(GEOSContextHandle_t h, const GEOSGeometry* polygon, Triangles& out) {
    GeometryOwner tris{h, GEOSConstrainedDelaunayTriangulation_r(h, polygon)};
    if (!tris.g) return false;
    std::unordered_map<PointKey, std::uint32_t, PointHash> index;
    const int count = GEOSGetNumGeometries_r(h, tris.g);
    for (int t = 0; t < count; ++t) {
        const GEOSGeometry* tri = GEOSGetGeometryN_r(h, tris.g, t);
        const GEOSGeometry* ring = GEOSGetExteriorRing_r(h, tri);
        const GEOSCoordSequence* seq = ring ? GEOSGeom_getCoordSeq_r(h, ring) : nullptr;
        if (!seq) return false;
        for (unsigned k = 0; k < 3; ++k) {
            double px = 0, py = 0;
            GEOSCoordSeq_getXY_r(h, seq, k, &px, &py);
            auto [it, added] =
                index.try_emplace({px, py}, static_cast<std::uint32_t>(out.x.size()));
            if (added) {
                out.x.push_back(px);
                out.y.push_back(py);
            }
            out.indices.push_back(it->second);
        }
    }
    return true;
}

// Triangulates every polygon in `g` (a polygon, multipolygon or collection).
bool triangulateParts(GEOSContextHandle_t h, const GEOSGeometry* g, Triangles& out) {
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) return GEOSisEmpty_r(h, g) == 1 || triangulateGeos(h, g, out);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i)
            if (!triangulateParts(h, GEOSGetGeometryN_r(h, g, i), out)) return false;
    }
    return true;  // lines and points left over from clipping have no area
}

}  // namespace

bool triangulatePolygon(std::span<const double> x, std::span<const double> y,
                        std::span<const std::uint32_t> ringStart, Triangles& out) {
    if (ringStart.size() < 2) return false;
    thread_local GeosContext context;
    GEOSContextHandle_t h = context.handle;
    const std::size_t rings = ringStart.size() - 1;
    for (std::size_t r = 0; r < rings; ++r)
        if (ringStart[r + 1] - ringStart[r] < 3) return false;

    GEOSGeometry* shell = makeRing(h, x, y, ringStart[0], ringStart[1]);
    std::vector<GEOSGeometry*> holes;
    for (std::size_t r = 1; r < rings; ++r)
        holes.push_back(makeRing(h, x, y, ringStart[r], ringStart[r + 1]));
    GeometryOwner polygon{
        h, GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size()))};
    if (!polygon.g) return false;

    const std::size_t firstVertex = out.x.size();
    const std::size_t firstIndex = out.indices.size();
    const auto undo = [&] {
        out.x.resize(firstVertex);
        out.y.resize(firstVertex);
        out.indices.resize(firstIndex);
        return false;
    };
    const std::size_t vertexCount = ringStart.back() - ringStart.front();
    if (vertexCount <= kVerticesPerTile * 2) {
        return triangulateGeos(h, polygon.g, out) || undo();
    }
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    GEOSGeom_getXMin_r(h, polygon.g, &minX);
    GEOSGeom_getYMin_r(h, polygon.g, &minY);
    GEOSGeom_getXMax_r(h, polygon.g, &maxX);
    GEOSGeom_getYMax_r(h, polygon.g, &maxY);
    const int tiles = static_cast<int>(std::ceil(
        std::sqrt(static_cast<double>(vertexCount) / static_cast<double>(kVerticesPerTile))));
    const double w = (maxX - minX) / tiles;
    const double hgt = (maxY - minY) / tiles;
    for (int i = 0; i < tiles; ++i) {
        for (int j = 0; j < tiles; ++j) {
            // The last row and column reach the exact bounds so no sliver is lost to rounding.
            const double x0 = minX + i * w;
            const double y0 = minY + j * hgt;
            const double x1 = i + 1 == tiles ? maxX : x0 + w;
            const double y1 = j + 1 == tiles ? maxY : y0 + hgt;
            GeometryOwner piece{h, GEOSClipByRect_r(h, polygon.g, x0, y0, x1, y1)};
            if (!piece.g) return undo();
            if (!triangulateParts(h, piece.g, out)) return undo();
        }
    }
    return true;
}

}  // namespace seawatch::geo
