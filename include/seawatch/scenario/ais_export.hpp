#pragma once
// Scripted tracks out through the AIS path: the synthesized fixes written as NMEA 0183
// !AIVDM sentences with tag blocks, so the bundled exercise drives the decoder, the track
// store and analytics exactly as a recorded feed would.
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>

#include "seawatch/scenario/scenario.hpp"
#include "seawatch/scenario/track_synthesis.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::scenario {

// Tag block sources (s:) of the exported sentences: AIS vessels come from the "scenario"
// receiver; radar/visual contacts (skiffs, non-AIS dhows) from "radar", so a consumer can
// tell a contact from a transponder even though both travel as position reports.
inline constexpr const char* kAisSource = "scenario";
inline constexpr const char* kRadarSource = "radar";

struct AisExportOptions {
    // Only fixes inside this span are written (the scenario window by default).
    std::optional<TimeSpan> span;
    // Static and voyage data (type 5, or 24 A/B for class B) per vessel at this interval,
    // and before its first position report. Class A transponders send it every 6 minutes.
    time::UnixMillis staticIntervalMillis = 6 * time::kMillisPerMinute;
};

struct AisExportStats {
    std::size_t positionReports = 0;
    std::size_t staticReports = 0;
    std::size_t sentences = 0;  // lines written
    std::size_t vessels = 0;    // vessels with at least one report
    std::size_t contacts = 0;   // of which radar/visual contacts
};

// Writes every fix of `scene` (time-ordered, ties by MMSI) with its tag block, and static
// data for AIS vessels (contacts have none: their type stays 0, "not available").
AisExportStats writeAisNmea(const SceneTracks& scene, std::ostream& out,
                            const AisExportOptions& options);
// The same lines appended to `out`: the scene's own round trip, which decodes them at once,
// skips the stream and the copy out of it.
AisExportStats writeAisNmea(const SceneTracks& scene, std::string& out,
                            const AisExportOptions& options);

}  // namespace seawatch::scenario
