#include "seawatch/analytics/cpa.hpp"

#include <cmath>

namespace seawatch::analytics {

CpaResult cpaFromRelative(double eastNm, double northNm, double velEastKn, double velNorthKn) {
    CpaResult r;
    // sqrt over hypot: no overflow is possible at sea and this runs for every nearby pair.
    r.rangeNm = std::sqrt(eastNm * eastNm + northNm * northNm);
    const double dot = eastNm * velEastKn + northNm * velNorthKn;
    const double speed2 = velEastKn * velEastKn + velNorthKn * velNorthKn;
    r.closingKn = r.rangeNm > 0.0 ? -dot / r.rangeNm : 0.0;
    // Same velocity: the range never changes, so the CPA is now.
    if (speed2 < 1e-12) {
        r.cpaNm = r.rangeNm;
        r.tcpaMin = 0.0;
        return r;
    }
    const double tHours = -dot / speed2;
    r.tcpaMin = tHours * 60.0;
    const double e = eastNm + velEastKn * tHours;
    const double n = northNm + velNorthKn * tHours;
    r.cpaNm = std::sqrt(e * e + n * n);
    return r;
}

CpaResult computeCpa(const Motion& a, const Motion& b) {
    // A plane centred between the two keeps the projection error symmetric and tiny.
    const geo::LocalPlane plane(
        {(a.position.lon + b.position.lon) / 2.0, (a.position.lat + b.position.lat) / 2.0});
    double ae = 0, an = 0, be = 0, bn = 0;
    plane.toLocal(a.position, ae, an);
    plane.toLocal(b.position, be, bn);
    const double ca = a.courseDeg * geo::kDegToRad;
    const double cb = b.courseDeg * geo::kDegToRad;
    return cpaFromRelative(be - ae, bn - an, b.speedKn * std::sin(cb) - a.speedKn * std::sin(ca),
                           b.speedKn * std::cos(cb) - a.speedKn * std::cos(ca));
}

}  // namespace seawatch::analytics
