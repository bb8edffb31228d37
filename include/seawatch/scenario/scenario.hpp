#pragma once
// The scenario model: a training exercise as plain data. Everything a trainer authors in
// a scenario file (docs/SCENARIO.md) lands here; parsing, track synthesis, the timeline
// and the briefing deck all read these structs.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/ais/vessel.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::scenario {

inline constexpr int kScenarioFormatVersion = 1;

// An exercise spans hours to weeks; a longer window is refused (a typo in a year would
// otherwise have every track sampled over decades).
inline constexpr time::UnixMillis kMaxScenarioWindow = 366 * time::kMillisPerDay;

// Non-AIS contacts (skiffs seen by radar or eye) carry an MMSI in this fictional range,
// so they can travel through the AIS path and still be told apart from real vessels.
inline constexpr ais::Mmsi kContactMmsiFirst = 900000000;
inline constexpr ais::Mmsi kContactMmsiLast = 999999999;

struct TimeSpan {
    time::UnixMillis start = 0;
    time::UnixMillis end = 0;
    bool contains(time::UnixMillis t) const { return t >= start && t <= end; }
    time::UnixMillis duration() const { return end - start; }
};

// A map view: either a box to fit, or a centre and a slippy-map zoom level.
struct View {
    enum class Kind : std::uint8_t { Box, CentreZoom };
    Kind kind = Kind::Box;
    geo::GeoBox box;
    geo::LonLat centre;
    double zoom = 0.0;
};

enum class VesselRole : std::uint8_t {
    Merchant,
    Escort,
    Skiff,
    Mothership,
    Dhow,
    Patrol,
    Other,
};
const char* roleName(VesselRole role);
std::optional<VesselRole> parseRole(std::string_view name);

// A waypoint is reached at a given time, or at the end of a leg sailed at a given speed.
// The first waypoint of a track always has a time.
struct Waypoint {
    geo::LonLat position;
    std::optional<time::UnixMillis> time;
    std::optional<double> speedKn;
};

struct ScriptedTrack {
    ais::VesselStatic vessel;  // mmsi, name, callsign, ship type, dimensions, class B
    std::string flag;          // nation, ISO 3166 alpha-2 or a short name ("EU", "NATO")
    VesselRole role = VesselRole::Other;
    // False for radar/visual contacts (skiffs): their MMSI is in the contact range.
    bool transmitsAis = true;
    // Seconds between reports; nullopt = the ITU-R M.1371 rate for the class and speed.
    std::optional<double> reportIntervalS;
    std::vector<Waypoint> waypoints;
    std::vector<TimeSpan> aisOff;  // periods with the transponder off (no fixes written)
};

struct Inject {
    time::UnixMillis time = 0;
    std::string title;
    std::string text;
    std::optional<geo::LonLat> position;
};

struct Highlight {
    std::vector<ais::Mmsi> mmsi;
    std::vector<std::string> incidents;  // incident references, e.g. "2009-123"
    std::vector<std::string> zones;      // zone names
    bool empty() const { return mmsi.empty() && incidents.empty() && zones.empty(); }
};

struct Step {
    time::UnixMillis time = 0;
    std::optional<View> view;  // absent: keep the previous step's view
    std::vector<std::string> layers;
    Highlight highlight;
    std::string caption;
    std::string notes;  // speaker notes, not shown on the map
};

// Annotations are drawn by the trainer in the console and saved back into the scenario.
struct Annotation {
    enum class Kind : std::uint8_t { Text, Arrow, RangeRing, Area };
    Kind kind = Kind::Text;
    std::string id;
    std::string text;
    // Text: 1 point (anchor); Arrow: 2 (tail, head); RangeRing: 1 (centre); Area: >= 3.
    std::vector<geo::LonLat> points;
    std::vector<double> radiiNm;      // RangeRing only
    std::string colour;               // "#rrggbb", empty = default
    std::optional<TimeSpan> visible;  // absent: always shown
    bool visibleAt(time::UnixMillis t) const { return !visible || visible->contains(t); }
};
const char* annotationKindName(Annotation::Kind kind);

struct IncidentFilter {
    std::optional<geo::GeoBox> box;
    std::optional<TimeSpan> window;
    std::vector<std::string> categories;  // empty = all
};

struct Scenario {
    int version = kScenarioFormatVersion;
    std::string title;
    std::string description;
    TimeSpan window;
    View initialView;
    // File references, as written (relative to the scenario file's folder).
    std::vector<std::string> charts;
    std::vector<std::string> aisSources;
    std::vector<std::string> zoneFiles;
    std::string schedule;
    std::vector<std::string> incidentFiles;
    IncidentFilter incidentFilter;
    std::vector<ScriptedTrack> tracks;
    std::vector<Inject> injects;
    std::vector<Step> steps;
    std::vector<Annotation> annotations;
    // Folder the file was read from; relative references resolve against it.
    std::filesystem::path baseDir;

    std::filesystem::path resolve(const std::string& reference) const;
    const ScriptedTrack* findTrack(ais::Mmsi mmsi) const;
};

}  // namespace seawatch::scenario
