#pragma once
// Geodesy used everywhere in seawatch: WGS84 lon/lat in degrees, Web Mercator (EPSG:3857)
// metres for display, and spherical great-circle maths for distances at sea.
// Distances are in nautical miles unless a name says otherwise.
#include <string>

namespace seawatch::geo {

inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kDegToRad = kPi / 180.0;
inline constexpr double kRadToDeg = 180.0 / kPi;
// EPSG:3857 uses the WGS84 semi-major axis as a sphere radius.
inline constexpr double kWebMercatorRadiusM = 6378137.0;
// Mean Earth radius for great-circle distances (IUGG).
inline constexpr double kEarthRadiusM = 6371008.8;
inline constexpr double kMetresPerNauticalMile = 1852.0;
inline constexpr double kEarthRadiusNm = kEarthRadiusM / kMetresPerNauticalMile;
// Web Mercator is clamped here, as every slippy map does.
inline constexpr double kMaxMercatorLat = 85.05112877980659;
inline constexpr double kMercatorHalfWorldM = kPi * kWebMercatorRadiusM;

struct LonLat {
    double lon = 0.0;
    double lat = 0.0;
};

struct Mercator {
    double x = 0.0;
    double y = 0.0;
};

// Axis-aligned box in lon/lat degrees (west < east; no antimeridian crossing is needed
// for the Indian Ocean theatre).
struct GeoBox {
    double west = 0.0;
    double south = 0.0;
    double east = 0.0;
    double north = 0.0;
    bool contains(LonLat p) const {
        return p.lon >= west && p.lon <= east && p.lat >= south && p.lat <= north;
    }
    bool valid() const { return west < east && south < north; }
};

struct MercatorBox {
    double minX = 0.0;
    double minY = 0.0;
    double maxX = 0.0;
    double maxY = 0.0;
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
};

Mercator toMercator(LonLat p);
LonLat fromMercator(Mercator m);
MercatorBox toMercatorBox(const GeoBox& box);
GeoBox fromMercatorBox(const MercatorBox& box);

// Great-circle distance (haversine) in nautical miles.
double distanceNm(LonLat a, LonLat b);
// Initial true bearing from a to b, degrees in [0, 360).
double initialBearingDeg(LonLat a, LonLat b);
// Point reached from `start` after `distanceNm` along true `bearingDeg`.
LonLat destination(LonLat start, double bearingDeg, double distanceNm);
// Signed cross-track distance of p from the great circle a->b, nm (positive = right of track).
double crossTrackNm(LonLat p, LonLat a, LonLat b);
// Along-track distance of p's foot point from a on the great circle a->b, nm.
double alongTrackNm(LonLat p, LonLat a, LonLat b);

// Local east/north plane around an origin, in nautical miles. Accurate to well under
// 0.1% within ~100 nm, which is what CPA and approach analysis need.
struct LocalPlane {
    LonLat origin;
    double cosLat = 1.0;
    explicit LocalPlane(LonLat originPoint);
    void toLocal(LonLat p, double& eastNm, double& northNm) const;
    LonLat toLonLat(double eastNm, double northNm) const;
};

// 12°30.500'N  (degrees and decimal minutes, as a chart plotter shows).
std::string formatLatDM(double lat);
std::string formatLonDM(double lon);
// "12°30'30"N" style.
std::string formatLatDMS(double lat);
std::string formatLonDMS(double lon);

double normalizeBearing(double deg);

}  // namespace seawatch::geo
