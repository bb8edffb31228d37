#include "seawatch/geo/simplify.hpp"

#include <algorithm>
#include <utility>

namespace seawatch::geo {

namespace {

// Squared distance from p to the segment a-b (to a itself when a and b coincide, as the two
// ends of a closed ring do).
double squaredDistanceToSegment(double px, double py, double ax, double ay, double bx, double by) {
    const double dx = bx - ax, dy = by - ay;
    const double length2 = dx * dx + dy * dy;
    double t = 0.0;
    if (length2 > 0.0) t = std::clamp(((px - ax) * dx + (py - ay) * dy) / length2, 0.0, 1.0);
    const double ex = ax + t * dx - px, ey = ay + t * dy - py;
    return ex * ex + ey * ey;
}

}  // namespace

void simplifyPolyline(std::span<const float> x, std::span<const float> y, bool closed,
                      double tolerance, std::vector<std::uint32_t>& keep) {
    keep.clear();
    const auto n = static_cast<std::uint32_t>(std::min(x.size(), y.size()));
    if (n < 3 || tolerance <= 0.0) {
        for (std::uint32_t i = 0; i < n; ++i) keep.push_back(i);
        return;
    }
    // Vertex `n` stands for the first again when the ring closes back on it.
    const std::uint32_t last = closed ? n : n - 1;
    const auto px = [&](std::uint32_t i) { return static_cast<double>(x[i == n ? 0 : i]); };
    const auto py = [&](std::uint32_t i) { return static_cast<double>(y[i == n ? 0 : i]); };
    std::vector<std::uint8_t> kept(last + 1, 0);
    kept[0] = kept[last] = 1;
    const double tolerance2 = tolerance * tolerance;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> stack{{0, last}};
    while (!stack.empty()) {
        const auto [a, b] = stack.back();
        stack.pop_back();
        double farthest2 = -1.0;
        std::uint32_t farthest = a;
        for (std::uint32_t i = a + 1; i < b; ++i) {
            const double d2 = squaredDistanceToSegment(px(i), py(i), px(a), py(a), px(b), py(b));
            if (d2 > farthest2) farthest2 = d2, farthest = i;
        }
        if (farthest2 <= tolerance2) continue;
        kept[farthest] = 1;
        stack.emplace_back(a, farthest);
        stack.emplace_back(farthest, b);
    }
    for (std::uint32_t i = 0; i < n; ++i)
        if (kept[i]) keep.push_back(i);
}

}  // namespace seawatch::geo
