#include "seawatch/geo/triangulate.hpp"

#include <geos_c.h>

#include <unordered_map>

namespace seawatch::geo {

namespace {

struct GeosContext {
    GEOSContextHandle_t handle = GEOS_init_r();
    ~GeosContext() { GEOS_finish_r(handle); }
};

struct PointKey {
    double x, y;
    bool operator==(const PointKey&) const = default;
};
struct PointHash {
    std::size_t operator()(const PointKey& p) const {
        const auto a = std::hash<double>{}(p.x);
        const auto b = std::hash<double>{}(p.y);
        return a ^ (b * 0x9E3779B97F4A7C15ULL);
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

}  // namespace

bool triangulatePolygon(std::span<const double> x, std::span<const double> y,
                        std::span<const std::uint32_t> ringStart,
                        std::vector<std::uint32_t>& triangles) {
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
    GEOSGeometry* polygon =
        GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size()));
    if (!polygon) return false;
    GEOSGeometry* tris = GEOSConstrainedDelaunayTriangulation_r(h, polygon);
    GEOSGeom_destroy_r(h, polygon);
    if (!tris) return false;

    std::unordered_map<PointKey, std::uint32_t, PointHash> index;
    index.reserve(ringStart.back() - ringStart.front());
    for (std::uint32_t i = ringStart.front(); i < ringStart.back(); ++i)
        index.emplace(PointKey{x[i], y[i]}, i);

    const std::size_t before = triangles.size();
    bool ok = true;
    const int count = GEOSGetNumGeometries_r(h, tris);
    for (int t = 0; t < count && ok; ++t) {
        const GEOSGeometry* tri = GEOSGetGeometryN_r(h, tris, t);
        const GEOSGeometry* ring = GEOSGetExteriorRing_r(h, tri);
        const GEOSCoordSequence* seq = ring ? GEOSGeom_getCoordSeq_r(h, ring) : nullptr;
        if (!seq) {
            ok = false;
            break;
        }
        for (unsigned k = 0; k < 3; ++k) {
            double px = 0, py = 0;
            GEOSCoordSeq_getXY_r(h, seq, k, &px, &py);
            auto it = index.find({px, py});
            if (it == index.end()) {  // a vertex GEOS made up: cannot index it
                ok = false;
                break;
            }
            triangles.push_back(it->second);
        }
    }
    GEOSGeom_destroy_r(h, tris);
    if (!ok) triangles.resize(before);
    return ok;
}

}  // namespace seawatch::geo
