#pragma once
// Synthetic AIS tracks for analytics tests: straight legs at constant speed, sampled at a
// fixed interval, positions from great-circle destination() so they are exact.
#include <vector>

#include "seawatch/ais/vessel.hpp"
#include "seawatch/geo/geo.hpp"

namespace seawatch::testing {

inline std::vector<ais::PositionFix> straightTrack(ais::Mmsi mmsi, geo::LonLat start,
                                                   double courseDeg, double speedKn,
                                                   time::UnixMillis from, time::UnixMillis to,
                                                   time::UnixMillis stepMs) {
    std::vector<ais::PositionFix> fixes;
    for (time::UnixMillis t = from; t <= to; t += stepMs) {
        const double hours = static_cast<double>(t - from) / 3.6e6;
        const geo::LonLat p = geo::destination(start, courseDeg, speedKn * hours);
        ais::PositionFix f;
        f.mmsi = mmsi;
        f.time = t;
        f.lat = p.lat;
        f.lon = p.lon;
        f.speedKn = static_cast<float>(speedKn);
        f.courseDeg = static_cast<float>(courseDeg);
        f.messageType = 1;
        fixes.push_back(f);
    }
    return fixes;
}

inline void append(std::vector<ais::PositionFix>& all, const std::vector<ais::PositionFix>& more) {
    all.insert(all.end(), more.begin(), more.end());
}

inline ais::VesselStatic staticData(ais::Mmsi mmsi, int shipType, int lengthM) {
    ais::VesselStatic s;
    s.mmsi = mmsi;
    s.shipType = shipType;
    s.toBow = lengthM / 2;
    s.toStern = lengthM - lengthM / 2;
    return s;
}

}  // namespace seawatch::testing
