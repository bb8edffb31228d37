#pragma once
// What the command-line tests over an AIS archive share: an NMEA log written from plain fixes
// and names (tag-block timestamps, as a receiver logs them), imported into a workspace with
// `seawatch ais import` as a user would, and JSON Lines output read back.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "seawatch/ais/encoder.hpp"

namespace seawatch::testing {

inline void writeFix(std::ostream& log, const ais::PositionFix& fix) {
    log << ais::withTagBlock(ais::encodePositionReport(fix)[0], fix.time) << "\n";
}

// A fix with only what these tests vary; course and heading unknown unless given.
inline void writeFix(std::ostream& log, ais::Mmsi mmsi, time::UnixMillis t, double lat, double lon,
                     float speedKn, float courseDeg = ais::PositionFix{}.courseDeg) {
    ais::PositionFix f;
    f.mmsi = mmsi;
    f.time = t;
    f.lat = lat;
    f.lon = lon;
    f.speedKn = speedKn;
    f.courseDeg = courseDeg;
    writeFix(log, f);
}

// The vessel's name, as a static data report received at `t`.
inline void writeName(std::ostream& log, ais::Mmsi mmsi, const std::string& name,
                      time::UnixMillis t) {
    ais::VesselStatic s;
    s.mmsi = mmsi;
    s.name = name;
    for (const auto& line : ais::encodeStaticData(s)) log << ais::withTagBlock(line, t) << "\n";
}

inline CommandResult importAisLog(const std::filesystem::path& log, const std::string& db) {
    return runSeawatch("ais import " + log.string() + " --db " + db);
}

// One JSON value a non-empty line.
inline std::vector<nlohmann::json> jsonLines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    return out;
}

}  // namespace seawatch::testing
