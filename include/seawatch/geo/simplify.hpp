#pragma once
// Line simplification for drawing at small scales (Douglas-Peucker). A coast of 1:10m detail
// drawn over a whole theatre puts several vertices in every pixel; the renderer draws a
// simplified copy whose points stray from the original by under half a pixel.
#include <cstdint>
#include <span>
#include <vector>

namespace seawatch::geo {

// Indices (ascending, into x/y) of the vertices of the polyline x/y to keep so that no
// dropped vertex lies farther than `tolerance` from the simplified line. The first and last
// vertices are always kept; a closed ring (`closed`, last vertex not repeated) is simplified
// as the polyline that returns to its first vertex, which is kept. Fewer than three vertices
// are all kept. Iterative (an explicit stack), so a ring of any length is safe.
void simplifyPolyline(std::span<const float> x, std::span<const float> y, bool closed,
                      double tolerance, std::vector<std::uint32_t>& keep);

}  // namespace seawatch::geo
