#include "seawatch/geo/label_placement.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace seawatch::geo {

namespace {

// A uniform grid over the screen: each placed box is listed in every cell it touches, so a
// candidate is compared only with the boxes near it (a frame has hundreds of labels and up
// to forty candidates each).
class BoxGrid {
  public:
    BoxGrid(const LabelRect& bounds, double cellPx)
        : x0_(bounds.x0), y0_(bounds.y0), cell_(cellPx) {
        cols_ = std::max(1, static_cast<int>(std::ceil(bounds.width() / cellPx)));
        rows_ = std::max(1, static_cast<int>(std::ceil(bounds.height() / cellPx)));
        cells_.resize(static_cast<std::size_t>(cols_) * rows_);
    }

    void insert(const LabelRect& box) {
        const auto index = static_cast<std::uint32_t>(boxes_.size());
        boxes_.push_back(box);
        const CellRange r = cellsUnder(box);
        for (int row = r.r0; row <= r.r1; ++row)
            for (int col = r.c0; col <= r.c1; ++col)
                cells_[static_cast<std::size_t>(row) * cols_ + col].push_back(index);
    }

    bool collides(const LabelRect& box) const {
        const CellRange r = cellsUnder(box);
        for (int row = r.r0; row <= r.r1; ++row) {
            for (int col = r.c0; col <= r.c1; ++col) {
                for (std::uint32_t i : cells_[static_cast<std::size_t>(row) * cols_ + col])
                    if (boxes_[i].overlaps(box)) return true;
            }
        }
        return false;
    }

  private:
    struct CellRange {
        int c0, c1, r0, r1;
    };
    CellRange cellsUnder(const LabelRect& box) const {
        const auto cell = [&](double v, double origin, int count) {
            // Clamped as a double: a box far off screen must not overflow an int.
            const double c = std::floor((v - origin) / cell_);
            return static_cast<int>(std::clamp(c, 0.0, static_cast<double>(count - 1)));
        };
        return {cell(box.x0, x0_, cols_), cell(box.x1, x0_, cols_), cell(box.y0, y0_, rows_),
                cell(box.y1, y0_, rows_)};
    }

    double x0_, y0_, cell_;
    int cols_ = 1, rows_ = 1;
    std::vector<LabelRect> boxes_;
    std::vector<std::vector<std::uint32_t>> cells_;
};

LabelRect centredBox(ScreenPoint centre, double w, double h) {
    return {centre.x - w / 2, centre.y - h / 2, centre.x + w / 2, centre.y + h / 2};
}

// The box beside the anchor in direction (dx, dy) (unit-ish: -1, 0 or 1 each) at distance
// d: its nearest edge or corner touches the circle of radius d.
LabelRect boxBeside(ScreenPoint a, double w, double h, int dx, int dy, double d) {
    const double diagonal = dx != 0 && dy != 0 ? d * 0.7071 : d;
    double x0 = 0, y0 = 0;
    if (dx > 0)
        x0 = a.x + diagonal;
    else if (dx < 0)
        x0 = a.x - diagonal - w;
    else
        x0 = a.x - w / 2;
    if (dy > 0)
        y0 = a.y + diagonal;
    else if (dy < 0)
        y0 = a.y - diagonal - h;
    else
        y0 = a.y - h / 2;
    return {x0, y0, x0 + w, y0 + h};
}

LabelRect symbolBox(const LabelRequest& r) {
    return {r.anchor.x - r.symbolRadiusPx, r.anchor.y - r.symbolRadiusPx,
            r.anchor.x + r.symbolRadiusPx, r.anchor.y + r.symbolRadiusPx};
}

// Distance from a point to the nearest point of a box.
double distanceTo(ScreenPoint p, const LabelRect& b) {
    const double dx = std::max({b.x0 - p.x, 0.0, p.x - b.x1});
    const double dy = std::max({b.y0 - p.y, 0.0, p.y - b.y1});
    return std::hypot(dx, dy);
}

}  // namespace

std::vector<LabelCandidate> labelCandidates(const LabelRequest& request,
                                            const LabelPlacementSettings& settings) {
    std::vector<LabelCandidate> out;
    const double w = request.width;
    const double h = request.height;
    if (!request.centres.empty()) {
        for (const ScreenPoint& c : request.centres) out.push_back({centredBox(c, w, h), false});
        if (!request.allowLeader) return out;
    }
    // Right first (the reading direction), then left, then above and below, then corners.
    static constexpr int kDirections[][2] = {{1, 0},  {-1, 0}, {0, -1},  {0, 1},
                                             {1, -1}, {1, 1},  {-1, -1}, {-1, 1}};
    const double near = request.symbolRadiusPx + settings.gapPx;
    for (const auto& d : kDirections)
        out.push_back({boxBeside(request.anchor, w, h, d[0], d[1], near), false});
    if (!request.allowLeader) return out;
    // Further out, with a leader line: rings a label height or so apart.
    const double step = std::max(h * 1.6, 16.0);
    for (int ring = 1; ring <= 4; ++ring) {
        for (const auto& d : kDirections) {
            const LabelRect box = boxBeside(request.anchor, w, h, d[0], d[1], near + step * ring);
            out.push_back({box, distanceTo(request.anchor, box) > settings.leaderBeyondPx});
        }
    }
    return out;
}

std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests,
                                     const LabelPlacementSettings& settings) {
    std::vector<std::size_t> order(requests.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (requests[a].priority != requests[b].priority)
            return requests[a].priority > requests[b].priority;
        return requests[a].rank > requests[b].rank;
    });

    const LabelRect& bounds = settings.bounds;
    BoxGrid labels(bounds, 48.0);
    BoxGrid symbols(bounds, 48.0);
    for (const LabelRequest& r : requests)
        if (r.symbolRadiusPx > 0) symbols.insert(symbolBox(r));
    const auto blockedByHud = [&](const LabelRect& box) {
        return std::any_of(settings.keepOut.begin(), settings.keepOut.end(),
                           [&](const LabelRect& k) { return k.overlaps(box); });
    };

    std::vector<PlacedLabel> placed;
    placed.reserve(requests.size());
    for (std::size_t index : order) {
        const LabelRequest& r = requests[index];
        if (!(r.width > 0 && r.height > 0) || !std::isfinite(r.anchor.x) ||
            !std::isfinite(r.anchor.y))
            continue;
        // A symbol off the free map area is not on the picture: neither is its label.
        if (r.centres.empty() && !(r.anchor.x >= bounds.x0 && r.anchor.x <= bounds.x1 &&
                                   r.anchor.y >= bounds.y0 && r.anchor.y <= bounds.y1))
            continue;
        const auto candidates = labelCandidates(r, settings);
        const auto fits = [&](const LabelRect& box, bool avoidSymbols) {
            const LabelRect padded = box.grown(settings.paddingPx);
            return bounds.contains(box) && !blockedByHud(box) && !labels.collides(padded) &&
                   (!avoidSymbols || !symbols.collides(box));
        };
        const LabelCandidate* chosen = nullptr;
        for (const LabelCandidate& c : candidates) {
            if (fits(c.box, true)) {
                chosen = &c;
                break;
            }
        }
        // The most important labels may cover a lesser symbol rather than disappear.
        if (!chosen && r.priority >= LabelPriority::Alert) {
            for (const LabelCandidate& c : candidates) {
                if (fits(c.box, false)) {
                    chosen = &c;
                    break;
                }
            }
        }
        if (!chosen) continue;
        labels.insert(chosen->box.grown(settings.paddingPx));
        placed.push_back({index, chosen->box, chosen->leader});
    }
    return placed;
}

AxisLine principalAxis(std::span<const ScreenPoint> ring) {
    AxisLine axis;
    if (ring.empty()) return axis;
    double cx = 0, cy = 0;
    for (const ScreenPoint& p : ring) {
        cx += p.x;
        cy += p.y;
    }
    cx /= ring.size();
    cy /= ring.size();
    // The eigenvector of the larger eigenvalue of the vertices' covariance.
    double sxx = 0, syy = 0, sxy = 0;
    for (const ScreenPoint& p : ring) {
        sxx += (p.x - cx) * (p.x - cx);
        syy += (p.y - cy) * (p.y - cy);
        sxy += (p.x - cx) * (p.y - cy);
    }
    const double angle = 0.5 * std::atan2(2 * sxy, sxx - syy);
    axis.centre = {cx, cy};
    axis.direction = {std::cos(angle), std::sin(angle)};
    double lo = 0, hi = 0;
    for (const ScreenPoint& p : ring) {
        const double t = (p.x - cx) * axis.direction.x + (p.y - cy) * axis.direction.y;
        lo = std::min(lo, t);
        hi = std::max(hi, t);
    }
    axis.halfLength = std::max(-lo, hi);
    return axis;
}

}  // namespace seawatch::geo
