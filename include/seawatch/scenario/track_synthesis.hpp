#pragma once
// Scripted tracks become motion: great-circle legs between waypoints, with leg times from
// the waypoint times or speeds. A track answers "where, heading where, how fast" at any
// time, and samples itself into the AIS fixes a real transponder would have sent.
#include <cstddef>
#include <optional>
#include <vector>

#include "seawatch/ais/vessel.hpp"
#include "seawatch/common/result.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/scenario/scenario.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::scenario {

struct MotionState {
    geo::LonLat position;
    double courseDeg = 0.0;  // true course over ground
    double speedKn = 0.0;
};

// Times at which each waypoint is reached. Errors name the waypoint
// ("waypoints[2].speed_kn: must be > 0") relative to the track.
Result<std::vector<time::UnixMillis>> resolveWaypointTimes(const ScriptedTrack& track);

// ITU-R M.1371 reporting interval for a moving vessel: class A 10 s below 14 kn, 6 s below
// 23 kn, 2 s above; class B 30 s. Stationary (< 0.5 kn) class A reports every 3 min.
double defaultReportIntervalS(bool classB, double speedKn);

class SynthesizedTrack {
  public:
    // Fails when the waypoint timing is inconsistent (see resolveWaypointTimes).
    static Result<SynthesizedTrack> build(const ScriptedTrack& track);

    time::UnixMillis start() const { return times_.front(); }
    time::UnixMillis end() const { return times_.back(); }
    // Before the first or after the last waypoint the vessel is not present: nullopt.
    std::optional<MotionState> stateAt(time::UnixMillis t) const;
    bool transmittingAt(time::UnixMillis t) const;

    // Position reports at the reporting interval over the whole track (or its part within
    // `within`), skipping AIS-off periods. Time-ordered.
    std::vector<ais::PositionFix> sampleFixes(std::optional<TimeSpan> within = std::nullopt) const;
    // About how many reports sampleFixes(within) makes, without making them.
    double estimatedFixes(std::optional<TimeSpan> within = std::nullopt) const;

    const ScriptedTrack& script() const { return script_; }
    std::size_t legCount() const { return times_.size() - 1; }

  private:
    SynthesizedTrack() = default;
    ScriptedTrack script_;
    // Per waypoint, columnar: arrival time, position, and for the leg that starts there its
    // length, initial course and speed.
    std::vector<time::UnixMillis> times_;
    std::vector<geo::LonLat> points_;
    std::vector<double> legLengthNm_;
    std::vector<double> legSpeedKn_;
    std::vector<double> legCourseDeg_;
};

// One vessel's state in a whole-scene query.
struct VesselState {
    std::size_t trackIndex = 0;
    ais::Mmsi mmsi = 0;
    MotionState motion;
    bool transmitting = true;  // false during AIS-off or for non-AIS contacts
};

// All scripted tracks of a scenario, ready for timeline scrubbing.
class SceneTracks {
  public:
    // Errors name the track ("tracks[3].waypoints[2].time: ...").
    static Result<SceneTracks> build(const Scenario& scenario);

    // Replaces `out` with the vessels present at `t`, in track order. Reuse `out` across
    // frames to avoid allocation.
    void statesAt(time::UnixMillis t, std::vector<VesselState>& out) const;
    std::vector<VesselState> statesAt(time::UnixMillis t) const;

    const std::vector<SynthesizedTrack>& tracks() const { return tracks_; }
    std::vector<ais::VesselStatic> statics() const;
    // Every track's fixes within the scenario window, merged in time order (ties by MMSI).
    // Synthesis is bounded by the window: a waypoint years later costs nothing.
    std::vector<ais::PositionFix> allFixes() const { return fixes(window_); }
    // The same within `within`, or over the whole tracks when nullopt (check
    // estimatedFixes first: a track may run for years).
    std::vector<ais::PositionFix> fixes(std::optional<TimeSpan> within) const;
    double estimatedFixes(std::optional<TimeSpan> within) const;
    const std::optional<TimeSpan>& window() const { return window_; }

    // More synthesised reports than this are refused (about 48 bytes each).
    static constexpr double kMaxFixes = 20e6;

  private:
    std::vector<SynthesizedTrack> tracks_;
    std::optional<TimeSpan> window_;
};

}  // namespace seawatch::scenario
