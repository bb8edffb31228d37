#pragma once
// Polygon triangulation for drawing fills without overdraw (GEOS constrained Delaunay).
#include <cstdint>
#include <span>
#include <vector>

namespace seawatch::geo {

// Triangles as a vertex list and index triples into it.
struct Triangles {
    std::vector<double> x, y;
    std::vector<std::uint32_t> indices;
};

// Triangulates one polygon given as rings over shared x/y arrays: ring r spans vertices
// ringStart[r] .. ringStart[r+1]-1 (closed implicitly); ring 0 is the shell, the rest holes.
// Appends to `out`. Large polygons (a continent's coast) are first cut into tiles with
// GEOS's rectangle clipping, because ear clipping grows quadratically with ring size.
// Returns false, appending nothing, when GEOS cannot triangulate the polygon (invalid
// rings), so the caller can fall back to a stencil fill.
bool triangulatePolygon(std::span<const double> x, std::span<const double> y,
                        std::span<const std::uint32_t> ringStart, Triangles& out);

// The triangles of every polygon of a set (a chart layer): polygon p spans rings
// polygonRingStart[p] .. polygonRingStart[p+1]-1 of `ringStart`. Its triangles are
// triangles.indices[polygonIndexStart[p] .. polygonIndexStart[p+1]-1]; failed[p] is 1 when
// GEOS could not triangulate it (its range is then empty and the caller stencils it).
struct PolygonSetTriangles {
    Triangles triangles;
    std::vector<std::uint32_t> polygonIndexStart{0};
    std::vector<std::uint8_t> failed;
    std::size_t polygonCount() const { return failed.size(); }
};
PolygonSetTriangles triangulatePolygons(std::span<const double> x, std::span<const double> y,
                                        std::span<const std::uint32_t> ringStart,
                                        std::span<const std::uint32_t> polygonRingStart);

}  // namespace seawatch::geo
