#include "seawatch/geo/measure.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace seawatch::geo {

RangeBearing rangeBearing(LonLat from, LonLat to) {
    RangeBearing rb;
    rb.rangeNm = distanceNm(from, to);
    rb.bearingDeg = initialBearingDeg(from, to);
    rb.reciprocalDeg = initialBearingDeg(to, from);
    return rb;
}

LonLat greatCircleFraction(LonLat a, LonLat b, double fraction) {
    const double delta = distanceNm(a, b) / kEarthRadiusNm;  // angular distance
    if (delta < 1e-12) return a;
    // Spherical linear interpolation between the two unit vectors.
    const double wa = std::sin((1.0 - fraction) * delta) / std::sin(delta);
    const double wb = std::sin(fraction * delta) / std::sin(delta);
    const double phiA = a.lat * kDegToRad, lamA = a.lon * kDegToRad;
    const double phiB = b.lat * kDegToRad, lamB = b.lon * kDegToRad;
    const double x = wa * std::cos(phiA) * std::cos(lamA) + wb * std::cos(phiB) * std::cos(lamB);
    const double y = wa * std::cos(phiA) * std::sin(lamA) + wb * std::cos(phiB) * std::sin(lamB);
    const double z = wa * std::sin(phiA) + wb * std::sin(phiB);
    return {std::atan2(y, x) * kRadToDeg, std::atan2(z, std::sqrt(x * x + y * y)) * kRadToDeg};
}

std::vector<LonLat> greatCirclePath(LonLat a, LonLat b, double stepNm) {
    const double range = distanceNm(a, b);
    const int segments =
        std::clamp(static_cast<int>(std::ceil(range / std::max(stepNm, 1e-3))), 1, 256);
    std::vector<LonLat> points;
    points.reserve(static_cast<std::size_t>(segments) + 1);
    points.push_back(a);
    for (int i = 1; i < segments; ++i)
        points.push_back(greatCircleFraction(a, b, static_cast<double>(i) / segments));
    points.push_back(b);
    return points;
}

std::string formatBearing(double bearingDeg) {
    // Rounded first, so 359.96° reads 000.0°T and not 360.0°T.
    double rounded = std::round(normalizeBearing(bearingDeg) * 10.0) / 10.0;
    if (rounded >= 360.0) rounded = 0.0;
    char text[24];
    std::snprintf(text, sizeof text, "%05.1f\xC2\xB0T", rounded);
    return text;
}

std::string formatRange(double rangeNm) {
    char text[32];
    if (rangeNm < 9.995) {
        std::snprintf(text, sizeof text, "%.2f nm", rangeNm);
    } else if (rangeNm < 99.95) {
        std::snprintf(text, sizeof text, "%.1f nm", rangeNm);
    } else {
        std::snprintf(text, sizeof text, "%.0f nm", rangeNm);
    }
    return text;
}

std::string formatRangeBearing(const RangeBearing& rb) {
    return formatRange(rb.rangeNm) + "  " + formatBearing(rb.bearingDeg);
}

}  // namespace seawatch::geo
