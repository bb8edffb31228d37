#include "seawatch/geo/triangulate.hpp"

#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <thread>
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

namespace {

GEOSGeometry* makePolygon(GEOSContextHandle_t h, std::span<const double> x,
                          std::span<const double> y, std::span<const std::uint32_t> ringStart) {
    GEOSGeometry* shell = makeRing(h, x, y, ringStart[0], ringStart[1]);
    std::vector<GEOSGeometry*> holes;
    for (std::size_t r = 1; r + 1 < ringStart.size(); ++r)
        holes.push_back(makeRing(h, x, y, ringStart[r], ringStart[r + 1]));
    return GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size()));
}

struct TileGrid {
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    int tiles = 1;
};

// Triangulates the grid columns i with i % stride == first, with its own GEOS context and
// its own copy of the polygon (GEOS geometries are not shared between threads).
bool triangulateColumns(std::span<const double> x, std::span<const double> y,
                        std::span<const std::uint32_t> ringStart, const TileGrid& grid, int first,
                        int stride, Triangles& out) {
    GeosContext context;
    GEOSContextHandle_t h = context.handle;
    GeometryOwner polygon{h, makePolygon(h, x, y, ringStart)};
    if (!polygon.g) return false;
    const double w = (grid.maxX - grid.minX) / grid.tiles;
    const double hgt = (grid.maxY - grid.minY) / grid.tiles;
    for (int i = first; i < grid.tiles; i += stride) {
        for (int j = 0; j < grid.tiles; ++j) {
            // The last row and column reach the exact bounds so no sliver is lost to rounding.
            const double x0 = grid.minX + i * w;
            const double y0 = grid.minY + j * hgt;
            const double x1 = i + 1 == grid.tiles ? grid.maxX : x0 + w;
            const double y1 = j + 1 == grid.tiles ? grid.maxY : y0 + hgt;
            GeometryOwner piece{h, GEOSClipByRect_r(h, polygon.g, x0, y0, x1, y1)};
            if (!piece.g || !triangulateParts(h, piece.g, out)) return false;
        }
    }
    return true;
}

void append(Triangles& out, const Triangles& part) {
    const auto base = static_cast<std::uint32_t>(out.x.size());
    out.x.insert(out.x.end(), part.x.begin(), part.x.end());
    out.y.insert(out.y.end(), part.y.begin(), part.y.end());
    for (std::uint32_t i : part.indices) out.indices.push_back(base + i);
}

}  // namespace

bool triangulatePolygon(std::span<const double> x, std::span<const double> y,
                        std::span<const std::uint32_t> ringStart, Triangles& out) {
    if (ringStart.size() < 2) return false;
    for (std::size_t r = 0; r + 1 < ringStart.size(); ++r)
        if (ringStart[r + 1] - ringStart[r] < 3) return false;
    const std::size_t vertexCount = ringStart.back() - ringStart.front();
    thread_local GeosContext context;
    GEOSContextHandle_t h = context.handle;
    if (vertexCount <= kVerticesPerTile * 2) {
        GeometryOwner polygon{h, makePolygon(h, x, y, ringStart)};
        Triangles part;
        if (!polygon.g || !triangulateGeos(h, polygon.g, part)) return false;
        append(out, part);
        return true;
    }
    TileGrid grid;
    for (std::uint32_t i = ringStart.front(); i < ringStart[1]; ++i) {
        grid.minX = i == ringStart.front() ? x[i] : std::min(grid.minX, x[i]);
        grid.maxX = i == ringStart.front() ? x[i] : std::max(grid.maxX, x[i]);
        grid.minY = i == ringStart.front() ? y[i] : std::min(grid.minY, y[i]);
        grid.maxY = i == ringStart.front() ? y[i] : std::max(grid.maxY, y[i]);
    }
    grid.tiles = static_cast<int>(std::ceil(
        std::sqrt(static_cast<double>(vertexCount) / static_cast<double>(kVerticesPerTile))));
    // Tiles are independent: a second thread takes every other column (a continent's coast
    // is most of the time `seawatch render` spends before drawing).
    Triangles even, odd;
    bool oddOk = true;
    std::thread helper([&] { oddOk = triangulateColumns(x, y, ringStart, grid, 1, 2, odd); });
    const bool evenOk = triangulateColumns(x, y, ringStart, grid, 0, 2, even);
    helper.join();
    if (!evenOk || !oddOk) return false;
    append(out, even);
    append(out, odd);
    return true;
}

PolygonSetTriangles triangulatePolygons(std::span<const double> x, std::span<const double> y,
                                        std::span<const std::uint32_t> ringStart,
                                        std::span<const std::uint32_t> polygonRingStart) {
    PolygonSetTriangles out;
    const std::size_t polygons = polygonRingStart.empty() ? 0 : polygonRingStart.size() - 1;
    out.failed.reserve(polygons);
    out.polygonIndexStart.reserve(polygons + 1);
    for (std::size_t p = 0; p < polygons; ++p) {
        const std::span<const std::uint32_t> rings(
            ringStart.data() + polygonRingStart[p],
            polygonRingStart[p + 1] - polygonRingStart[p] + 1);
        const bool ok = triangulatePolygon(x, y, rings, out.triangles);
        out.failed.push_back(ok ? 0 : 1);
        out.polygonIndexStart.push_back(static_cast<std::uint32_t>(out.triangles.indices.size()));
    }
    return out;
}

}  // namespace seawatch::geo
