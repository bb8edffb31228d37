#pragma once
// The lon/lat box around a set of points, for "Zoom to layer" and step framing.
#include <algorithm>
#include <optional>

#include "seawatch/geo/geo.hpp"

namespace seawatch::geo {

struct ExtentBuilder {
    // A side shorter than this many degrees (about 12 nm) is widened by as much, so a single
    // point still gets a box to zoom to.
    static constexpr double kMinSpanDeg = 0.2;

    GeoBox box{180, 90, -180, -90};
    void add(double lon, double lat) {
        box.west = std::min(box.west, lon);
        box.east = std::max(box.east, lon);
        box.south = std::min(box.south, lat);
        box.north = std::max(box.north, lat);
    }
    void add(const GeoBox& b) {
        add(b.west, b.south);
        add(b.east, b.north);
    }
    bool empty() const { return box.west > box.east; }
    std::optional<GeoBox> result() const {
        if (empty()) return std::nullopt;
        GeoBox b = box;
        if (b.east - b.west < kMinSpanDeg) b.west -= kMinSpanDeg / 2, b.east += kMinSpanDeg / 2;
        if (b.north - b.south < kMinSpanDeg) b.south -= kMinSpanDeg / 2, b.north += kMinSpanDeg / 2;
        return b;
    }
};

}  // namespace seawatch::geo
