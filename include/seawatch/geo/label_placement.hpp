#pragma once
// Map label placement in screen space, shared by the console, `render` and `brief`.
//
// Every overlay asks for its labels (an anchor, a box size, a priority and where the box
// may go) instead of drawing text; one pass per frame then places them greedily, most
// important first, so that no two drawn labels overlap and none covers another label's
// symbol. A label with no free candidate is left out this frame and comes back as soon as
// there is room, since nothing is remembered between frames. A label pushed far from its
// anchor is drawn with a leader line. Pure arithmetic: no GL, no fonts (the caller measures
// the text), so the tests check placement without a context.
#include <cstdint>
#include <span>
#include <vector>

#include "seawatch/geo/map_view.hpp"

namespace seawatch::geo {

// Bottom to top: a higher priority is placed first and so always wins a conflict.
enum class LabelPriority : std::uint8_t {
    Graticule = 0,
    Zone = 1,          // zones, sectors, corridor points, annotations' areas
    PlannedGroup = 2,  // group transits at their planned position, coverage gaps
    Incident = 3,      // incidents, vessel names, annotations
    Alert = 4,         // alerts and the CPA line
    Focus = 5,         // the selected, highlighted or alerted vessel
};

struct LabelRect {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

    double width() const { return x1 - x0; }
    double height() const { return y1 - y0; }
    bool overlaps(const LabelRect& o) const {
        return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
    }
    bool contains(const LabelRect& o) const {
        return o.x0 >= x0 && o.y0 >= y0 && o.x1 <= x1 && o.y1 <= y1;
    }
    LabelRect grown(double by) const { return {x0 - by, y0 - by, x1 + by, y1 + by}; }
};

struct LabelRequest {
    LabelPriority priority = LabelPriority::Zone;
    int rank = 0;        // within a priority, higher is placed first
    ScreenPoint anchor;  // the thing the label names
    double width = 0;    // the label's box in pixels (text plus its halo)
    double height = 0;
    // The symbol drawn at the anchor (radius in pixels): no label covers it, this label
    // starts just outside it. 0 for labels that name an area, not a symbol.
    double symbolRadiusPx = 0;
    // Where the box's centre may go first, in order of preference (a zone's axis, say).
    // Then, unless allowLeader is false: around the anchor (right, left, above, below and
    // the diagonals), then further out with a leader line.
    std::vector<ScreenPoint> centres;
    bool allowLeader = true;
};

struct PlacedLabel {
    std::size_t request = 0;  // index into the requests
    LabelRect box;
    bool leader = false;  // draw a line from the anchor to the box
};

struct LabelPlacementSettings {
    LabelRect bounds;                // the free map area: a label lies wholly inside
    std::vector<LabelRect> keepOut;  // HUD boxes, caption band, legend, panels
    double paddingPx = 2.0;          // kept free around every label
    double gapPx = 3.0;              // between a symbol and its label
    double leaderBeyondPx = 18.0;    // a box further than this from its symbol gets a leader
};

// Places the labels: most important first, each at its first free candidate. Returns the
// drawn labels in placement order; those left out are simply absent.
std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests,
                                     const LabelPlacementSettings& settings);

// The candidate boxes tried for a request, in order, with whether each needs a leader.
struct LabelCandidate {
    LabelRect box;
    bool leader = false;
};
std::vector<LabelCandidate> labelCandidates(const LabelRequest& request,
                                            const LabelPlacementSettings& settings);

// Up to `count` points along the longer axis of a ring (its principal axis through the
// centroid), ordered from the middle outwards, for labels that should sit inside an area.
// `inside` decides whether a point lies in the area (the caller's point-in-polygon test);
// points outside are dropped.
template <class Inside>
std::vector<ScreenPoint> axisPoints(std::span<const ScreenPoint> ring, int count, Inside inside);

// --- implementation details of axisPoints -------------------------------------------------
struct AxisLine {
    ScreenPoint centre;
    ScreenPoint direction;  // unit
    double halfLength = 0;  // extent of the ring along the direction
};
AxisLine principalAxis(std::span<const ScreenPoint> ring);

template <class Inside>
std::vector<ScreenPoint> axisPoints(std::span<const ScreenPoint> ring, int count, Inside inside) {
    std::vector<ScreenPoint> points;
    if (ring.size() < 3 || count <= 0) return points;
    const AxisLine axis = principalAxis(ring);
    // 0, +1, -1, +2, -2 ... steps of a fraction of the half length.
    const int stepsEachWay = count / 2 + 1;
    const double step = axis.halfLength / stepsEachWay;
    for (int i = 0; i < count; ++i) {
        const int k = (i + 1) / 2 * (i % 2 == 1 ? 1 : -1);
        const ScreenPoint p{axis.centre.x + axis.direction.x * step * k,
                            axis.centre.y + axis.direction.y * step * k};
        if (inside(p)) points.push_back(p);
    }
    return points;
}

}  // namespace seawatch::geo
