#include "seawatch/scenario/track_synthesis.hpp"

#include <fmt/format.h>

#include "seawatch/time/plausible.hpp"

#include <algorithm>
#include <cmath>

namespace seawatch::scenario {

namespace {

// Faster than any surface vessel in the theatre; a higher implied speed is a typo.
constexpr double kMaxSpeedKn = 60.0;
// Below this a vessel counts as stopped (dwelling at a waypoint).
constexpr double kStoppedKn = 0.5;
// The slowest leg speed a waypoint may give: slower is a drift, which a waypoint time says
// better, and 1e-300 kn overflowed the computed arrival time.
constexpr double kMinSpeedKn = 0.1;

constexpr double kMillisPerHour = static_cast<double>(time::kMillisPerHour);

// AIS navigational status codes (ITU-R M.1371 table 45).
constexpr std::uint8_t kUnderWayUsingEngine = 0;
constexpr std::uint8_t kEngagedInFishing = 7;
constexpr std::uint8_t kNavStatusNotDefined = 15;

}  // namespace

Result<std::vector<time::UnixMillis>> resolveWaypointTimes(const ScriptedTrack& track) {
    const auto& wps = track.waypoints;
    if (wps.size() < 2) return makeError("waypoints: a track needs at least 2 waypoints");
    if (!wps[0].time) return makeError("waypoints[0].time: the first waypoint needs a time");
    if (wps[0].speedKn) {
        return makeError(
            "waypoints[0].speed_kn: the first waypoint starts the track; give only "
            "a time");
    }
    std::vector<time::UnixMillis> times{*wps[0].time};
    times.reserve(wps.size());
    for (std::size_t i = 1; i < wps.size(); ++i) {
        const auto& w = wps[i];
        const double distance = geo::distanceNm(wps[i - 1].position, w.position);
        if (w.time && w.speedKn) {
            return makeError(fmt::format("waypoints[{}]: give time or speed_kn, not both", i));
        }
        if (!w.time && !w.speedKn) {
            return makeError(fmt::format("waypoints[{}]: needs a time or a speed_kn", i));
        }
        if (w.speedKn) {
            if (!(*w.speedKn >= kMinSpeedKn && *w.speedKn <= kMaxSpeedKn)) {
                return makeError(fmt::format("waypoints[{}].speed_kn: must be {} to {} kn", i,
                                             kMinSpeedKn, kMaxSpeedKn));
            }
            if (distance < 1e-6) {
                return makeError(fmt::format(
                    "waypoints[{}].speed_kn: same position as the previous waypoint; give a "
                    "time to wait there",
                    i));
            }
            // At most half the globe at 0.1 kn: about 12 years, well within int64 millis.
            const time::UnixMillis arrival =
                times.back() +
                static_cast<time::UnixMillis>(std::llround(distance / *w.speedKn * kMillisPerHour));
            if (const time::PlausibleYears years; !years.contains(arrival)) {
                return makeError(fmt::format(
                    "waypoints[{}].speed_kn: the leg would end in {}, outside {}", i,
                    time::toCivil(arrival).year, years.describe()));
            }
            times.push_back(arrival);
            continue;
        }
        if (*w.time <= times.back()) {
            return makeError(fmt::format("waypoints[{}].time: not after waypoints[{}] ({})", i,
                                         i - 1, time::formatIso8601(times.back())));
        }
        const double hours = static_cast<double>(*w.time - times.back()) / kMillisPerHour;
        if (distance / hours > kMaxSpeedKn) {
            return makeError(fmt::format("waypoints[{}].time: implies {:.1f} kn over the leg", i,
                                         distance / hours));
        }
        times.push_back(*w.time);
    }
    return times;
}

double defaultReportIntervalS(bool classB, double speedKn) {
    if (classB) return 30.0;
    if (speedKn < kStoppedKn) return 180.0;
    if (speedKn < 14.0) return 10.0;
    if (speedKn < 23.0) return 6.0;
    return 2.0;
}

Result<SynthesizedTrack> SynthesizedTrack::build(const ScriptedTrack& track) {
    auto times = resolveWaypointTimes(track);
    if (!times) return makeError(times.error());
    SynthesizedTrack out;
    out.script_ = track;
    out.times_ = std::move(times).value();
    const std::size_t n = track.waypoints.size();
    out.points_.reserve(n);
    for (const auto& w : track.waypoints) out.points_.push_back(w.position);
    out.legLengthNm_.assign(n, 0.0);
    out.legSpeedKn_.assign(n, 0.0);
    out.legCourseDeg_.assign(n, 0.0);
    double lastCourse = 0.0;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const double length = geo::distanceNm(out.points_[i], out.points_[i + 1]);
        out.legLengthNm_[i] = length;
        out.legSpeedKn_[i] =
            length / (static_cast<double>(out.times_[i + 1] - out.times_[i]) / kMillisPerHour);
        // A dwell keeps the heading it arrived with.
        if (length > 1e-6) lastCourse = geo::initialBearingDeg(out.points_[i], out.points_[i + 1]);
        out.legCourseDeg_[i] = lastCourse;
    }
    out.legCourseDeg_[n - 1] = lastCourse;
    return out;
}

std::optional<MotionState> SynthesizedTrack::stateAt(time::UnixMillis t) const {
    if (t < times_.front() || t > times_.back()) return std::nullopt;
    // The leg whose start is the last waypoint time <= t.
    const auto it = std::upper_bound(times_.begin(), times_.end(), t);
    const auto leg = static_cast<std::size_t>(std::distance(times_.begin(), it)) - 1;
    if (leg + 1 >= times_.size()) {
        // Exactly at the last waypoint: arrived, keep the final leg's course and speed.
        const std::size_t last = times_.size() - 1;
        const double finalCourse =
            legLengthNm_[last - 1] > 1e-6
                ? geo::normalizeBearing(geo::initialBearingDeg(points_[last], points_[last - 1]) +
                                        180.0)
                : legCourseDeg_[last];
        return MotionState{points_[last], finalCourse, legSpeedKn_[last - 1]};
    }
    const double fraction =
        static_cast<double>(t - times_[leg]) / static_cast<double>(times_[leg + 1] - times_[leg]);
    const double length = legLengthNm_[leg];
    if (length <= 1e-6) return MotionState{points_[leg], legCourseDeg_[leg], 0.0};
    // Following the initial bearing for a distance traces the great circle itself.
    MotionState s;
    s.position = geo::destination(points_[leg], legCourseDeg_[leg], fraction * length);
    s.speedKn = legSpeedKn_[leg];
    const double remaining = length * (1.0 - fraction);
    s.courseDeg =
        remaining > 1e-4
            ? geo::initialBearingDeg(s.position, points_[leg + 1])
            : geo::normalizeBearing(geo::initialBearingDeg(points_[leg + 1], points_[leg]) + 180.0);
    return s;
}

bool SynthesizedTrack::transmittingAt(time::UnixMillis t) const {
    if (!script_.transmitsAis) return false;
    return std::none_of(script_.aisOff.begin(), script_.aisOff.end(),
                        [t](const TimeSpan& off) { return off.contains(t); });
}

double SynthesizedTrack::estimatedFixes(std::optional<TimeSpan> within) const {
    double count = 0.0;
    for (std::size_t leg = 0; leg + 1 < times_.size(); ++leg) {
        time::UnixMillis from = times_[leg];
        time::UnixMillis to = times_[leg + 1];
        if (within) {
            from = std::max(from, within->start);
            to = std::min(to, within->end);
        }
        if (to <= from) continue;
        const double interval = script_.reportIntervalS.value_or(
            script_.transmitsAis ? defaultReportIntervalS(script_.vessel.classB, legSpeedKn_[leg])
                                 : 10.0);
        count += static_cast<double>(to - from) / 1000.0 / interval;
    }
    return count + 1.0;
}

std::vector<ais::PositionFix> SynthesizedTrack::sampleFixes(std::optional<TimeSpan> within) const {
    std::vector<ais::PositionFix> fixes;
    const bool classB = script_.vessel.classB;
    const bool dhow = script_.role == VesselRole::Dhow;
    time::UnixMillis t = start();
    time::UnixMillis last = end();
    if (within) {
        t = std::max(t, within->start);
        last = std::min(last, within->end);
    }
    while (t <= last) {
        const auto state = stateAt(t);
        const double interval = script_.reportIntervalS.value_or(
            script_.transmitsAis ? defaultReportIntervalS(classB, state->speedKn)
                                 : 10.0);  // a radar plot every few sweeps
        const bool silent = std::any_of(script_.aisOff.begin(), script_.aisOff.end(),
                                        [t](const TimeSpan& off) { return off.contains(t); });
        if (!silent) {
            ais::PositionFix fix;
            fix.mmsi = script_.vessel.mmsi;
            fix.time = t;
            fix.lat = state->position.lat;
            fix.lon = state->position.lon;
            fix.speedKn = static_cast<float>(state->speedKn);
            fix.courseDeg = static_cast<float>(state->courseDeg);
            // Heading is what the gyro says; scripted vessels steer their course.
            fix.headingDeg = static_cast<float>(std::round(state->courseDeg));
            if (fix.headingDeg >= 360.0f) fix.headingDeg = 0.0f;
            fix.turnDegPerMin = 0.0f;
            if (dhow) {
                fix.navStatus = kEngagedInFishing;
            } else {
                fix.navStatus =
                    state->speedKn >= kStoppedKn ? kUnderWayUsingEngine : kNavStatusNotDefined;
            }
            fix.messageType = classB ? 18 : 1;
            fixes.push_back(fix);
        }
        t += std::max<time::UnixMillis>(1, std::llround(interval * 1000.0));
    }
    return fixes;
}

Result<SceneTracks> SceneTracks::build(const Scenario& scenario) {
    SceneTracks out;
    if (scenario.window.end > scenario.window.start) out.window_ = scenario.window;
    out.tracks_.reserve(scenario.tracks.size());
    for (std::size_t i = 0; i < scenario.tracks.size(); ++i) {
        auto track = SynthesizedTrack::build(scenario.tracks[i]);
        if (!track) return makeError(fmt::format("tracks[{}].{}", i, track.error()));
        out.tracks_.push_back(std::move(track).value());
    }
    // Refused here rather than left to exhaust memory when the fixes are made.
    if (const double fixes = out.estimatedFixes(out.window_); fixes > kMaxFixes) {
        return makeError(fmt::format(
            "tracks: the scripted tracks would make about {:.0f} AIS reports in the window, more "
            "than {:.0f}; shorten the window or give report_interval_s",
            fixes, kMaxFixes));
    }
    return out;
}

void SceneTracks::statesAt(time::UnixMillis t, std::vector<VesselState>& out) const {
    out.clear();
    for (std::size_t i = 0; i < tracks_.size(); ++i) {
        const auto& track = tracks_[i];
        auto motion = track.stateAt(t);
        if (!motion) continue;
        out.push_back(VesselState{i, track.script().vessel.mmsi, *motion, track.transmittingAt(t)});
    }
}

std::vector<VesselState> SceneTracks::statesAt(time::UnixMillis t) const {
    std::vector<VesselState> out;
    statesAt(t, out);
    return out;
}

std::vector<ais::VesselStatic> SceneTracks::statics() const {
    std::vector<ais::VesselStatic> out;
    out.reserve(tracks_.size());
    for (const auto& track : tracks_) out.push_back(track.script().vessel);
    return out;
}

double SceneTracks::estimatedFixes(std::optional<TimeSpan> within) const {
    double total = 0.0;
    for (const auto& track : tracks_) total += track.estimatedFixes(within);
    return total;
}

std::vector<ais::PositionFix> SceneTracks::fixes(std::optional<TimeSpan> within) const {
    std::vector<ais::PositionFix> out;
    for (const auto& track : tracks_) {
        auto trackFixes = track.sampleFixes(within);
        out.insert(out.end(), trackFixes.begin(), trackFixes.end());
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.time != b.time ? a.time < b.time : a.mmsi < b.mmsi;
    });
    return out;
}

}  // namespace seawatch::scenario
