#include "seawatch/geo/geo.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace seawatch::geo {

Mercator toMercator(LonLat p) {
    const double lat = std::clamp(p.lat, -kMaxMercatorLat, kMaxMercatorLat);
    return {kWebMercatorRadiusM * p.lon * kDegToRad,
            kWebMercatorRadiusM * std::log(std::tan(kPi / 4.0 + lat * kDegToRad / 2.0))};
}

LonLat fromMercator(Mercator m) {
    return {m.x / kWebMercatorRadiusM * kRadToDeg,
            (2.0 * std::atan(std::exp(m.y / kWebMercatorRadiusM)) - kPi / 2.0) * kRadToDeg};
}

MercatorBox toMercatorBox(const GeoBox& box) {
    const Mercator lo = toMercator({box.west, box.south});
    const Mercator hi = toMercator({box.east, box.north});
    return {lo.x, lo.y, hi.x, hi.y};
}

GeoBox fromMercatorBox(const MercatorBox& box) {
    const LonLat lo = fromMercator({box.minX, box.minY});
    const LonLat hi = fromMercator({box.maxX, box.maxY});
    return {lo.lon, lo.lat, hi.lon, hi.lat};
}

double distanceNm(LonLat a, LonLat b) {
    const double phi1 = a.lat * kDegToRad;
    const double phi2 = b.lat * kDegToRad;
    const double dphi = phi2 - phi1;
    const double dlambda = (b.lon - a.lon) * kDegToRad;
    const double h = std::sin(dphi / 2) * std::sin(dphi / 2) + std::cos(phi1) * std::cos(phi2) *
                                                                   std::sin(dlambda / 2) *
                                                                   std::sin(dlambda / 2);
    return 2.0 * kEarthRadiusNm * std::asin(std::min(1.0, std::sqrt(h)));
}

double normalizeBearing(double deg) {
    double r = std::fmod(deg, 360.0);
    if (r < 0) r += 360.0;
    return r >= 360.0 ? 0.0 : r;
}

double initialBearingDeg(LonLat a, LonLat b) {
    const double phi1 = a.lat * kDegToRad;
    const double phi2 = b.lat * kDegToRad;
    const double dlambda = (b.lon - a.lon) * kDegToRad;
    const double y = std::sin(dlambda) * std::cos(phi2);
    const double x =
        std::cos(phi1) * std::sin(phi2) - std::sin(phi1) * std::cos(phi2) * std::cos(dlambda);
    return normalizeBearing(std::atan2(y, x) * kRadToDeg);
}

LonLat destination(LonLat start, double bearingDeg, double distNm) {
    const double delta = distNm / kEarthRadiusNm;
    const double theta = bearingDeg * kDegToRad;
    const double phi1 = start.lat * kDegToRad;
    const double lambda1 = start.lon * kDegToRad;
    const double phi2 = std::asin(std::sin(phi1) * std::cos(delta) +
                                  std::cos(phi1) * std::sin(delta) * std::cos(theta));
    const double lambda2 = lambda1 + std::atan2(std::sin(theta) * std::sin(delta) * std::cos(phi1),
                                                std::cos(delta) - std::sin(phi1) * std::sin(phi2));
    double lon = lambda2 * kRadToDeg;
    lon = std::fmod(lon + 540.0, 360.0) - 180.0;
    return {lon, phi2 * kRadToDeg};
}

double crossTrackNm(LonLat p, LonLat a, LonLat b) {
    const double d13 = distanceNm(a, p) / kEarthRadiusNm;
    const double t13 = initialBearingDeg(a, p) * kDegToRad;
    const double t12 = initialBearingDeg(a, b) * kDegToRad;
    return std::asin(std::sin(d13) * std::sin(t13 - t12)) * kEarthRadiusNm;
}

double alongTrackNm(LonLat p, LonLat a, LonLat b) {
    const double d13 = distanceNm(a, p) / kEarthRadiusNm;
    const double dxt = crossTrackNm(p, a, b) / kEarthRadiusNm;
    const double t13 = initialBearingDeg(a, p) * kDegToRad;
    const double t12 = initialBearingDeg(a, b) * kDegToRad;
    const double sign = std::cos(t12 - t13) >= 0 ? 1.0 : -1.0;
    const double c = std::cos(dxt);
    const double ratio = c == 0 ? 1.0 : std::clamp(std::cos(d13) / c, -1.0, 1.0);
    return sign * std::acos(ratio) * kEarthRadiusNm;
}

LocalPlane::LocalPlane(LonLat originPoint)
    : origin(originPoint), cosLat(std::cos(originPoint.lat * kDegToRad)) {}

void LocalPlane::toLocal(LonLat p, double& eastNm, double& northNm) const {
    double dlon = p.lon - origin.lon;
    if (dlon > 180) dlon -= 360;
    if (dlon < -180) dlon += 360;
    eastNm = dlon * 60.0 * cosLat;
    northNm = (p.lat - origin.lat) * 60.0;
}

LonLat LocalPlane::toLonLat(double eastNm, double northNm) const {
    return {origin.lon + eastNm / (60.0 * cosLat), origin.lat + northNm / 60.0};
}

namespace {

std::string formatDM(double value, char pos, char neg, int degWidth) {
    const char hemi = value < 0 ? neg : pos;
    double a = std::fabs(value);
    int deg = static_cast<int>(a);
    double minutes = (a - deg) * 60.0;
    // Round to the printed precision first so 59.9996' never prints as 60.000'.
    minutes = std::round(minutes * 1000.0) / 1000.0;
    if (minutes >= 60.0) {
        minutes -= 60.0;
        deg += 1;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*d\xC2\xB0%06.3f'%c", degWidth, deg, minutes, hemi);
    return buf;
}

std::string formatDMS(double value, char pos, char neg, int degWidth) {
    const char hemi = value < 0 ? neg : pos;
    long totalTenths = std::lround(std::fabs(value) * 36000.0);
    const int deg = static_cast<int>(totalTenths / 36000);
    totalTenths %= 36000;
    const int min = static_cast<int>(totalTenths / 600);
    const double sec = static_cast<double>(totalTenths % 600) / 10.0;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*d\xC2\xB0%02d'%04.1f\"%c", degWidth, deg, min, sec, hemi);
    return buf;
}

}  // namespace

std::string formatLatDM(double lat) {
    return formatDM(lat, 'N', 'S', 2);
}
std::string formatLonDM(double lon) {
    return formatDM(lon, 'E', 'W', 3);
}
std::string formatLatDMS(double lat) {
    return formatDMS(lat, 'N', 'S', 2);
}
std::string formatLonDMS(double lon) {
    return formatDMS(lon, 'E', 'W', 3);
}

}  // namespace seawatch::geo
