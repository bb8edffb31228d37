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

}  // namespace seawatch::geo
