#pragma once
// Polygon triangulation for drawing fills without overdraw (GEOS constrained Delaunay).
#include <cstdint>
#include <span>
#include <vector>

namespace seawatch::geo {

// Triangulates one polygon given as rings over shared x/y arrays: ring r spans vertices
// ringStart[r] .. ringStart[r+1]-1 (closed implicitly); ring 0 is the shell, the rest holes.
// Appends triangles as vertex indices into x/y. Returns false (appending nothing) when the
// polygon is invalid for triangulation, so the caller can fall back to a stencil fill.
bool triangulatePolygon(std::span<const double> x, std::span<const double> y,
                        std::span<const std::uint32_t> ringStart,
                        std::vector<std::uint32_t>& triangles);

}  // namespace seawatch::geo
