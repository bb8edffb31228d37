#pragma once
// A loaded exercise: everything the picture needs at any time, as core objects. The
// console, `seawatch brief` and `seawatch render SCENARIO --at` all build the same Scene,
// so a briefing slide and the console agree to the pixel.
//
// The scripted tracks go through the AIS path: they are written as NMEA, decoded by the
// same decoder as a live feed, and stored in a TrackStore; the alerts are the analytics
// engine's events over that feed plus any AIS files the scenario names.
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "seawatch/ais/track_store.hpp"
#include "seawatch/analytics/event.hpp"
#include "seawatch/common/result.hpp"
#include "seawatch/incidents/incident.hpp"
#include "seawatch/scenario/scenario.hpp"
#include "seawatch/scenario/track_synthesis.hpp"
#include "seawatch/zones/corridor.hpp"
#include "seawatch/zones/coverage.hpp"
#include "seawatch/zones/schedule.hpp"
#include "seawatch/zones/zone.hpp"

namespace seawatch::scenario {

struct SceneOptions {
    // Workspace the scenario's incident files are imported into and queried from. Empty:
    // a private temporary workspace, removed when the scene is loaded.
    std::filesystem::path workspace;
    // Also count land (basemap) for the loitering coastal buffer.
    bool useBasemapLand = true;
};

struct Scene {
    Scenario scenario;
    std::filesystem::path file;
    SceneTracks scripted;    // the authored tracks (for roles and planned paths)
    ais::TrackStore tracks;  // what the AIS path delivered: what the picture shows
    std::vector<zones::Zone> zones;
    std::optional<zones::Schedule> schedule;
    std::optional<zones::Corridor> corridor;
    std::optional<zones::CoverageTimeline> coverage;
    std::vector<incidents::Incident> incidents;  // by time; the scenario's filter applied
    std::vector<analytics::Event> events;        // sorted (analytics::sortEvents)
    std::vector<std::string> warnings;           // missing files, skipped features, ...
    // The scripted AIS came from the scene cache (scene_cache.hpp), not the AIS round trip.
    bool scriptedAisFromCache = false;

    // Events and incidents in [from, to].
    std::vector<const analytics::Event*> eventsBetween(time::UnixMillis from,
                                                       time::UnixMillis to) const;
    std::vector<const incidents::Incident*> incidentsBetween(time::UnixMillis from,
                                                             time::UnixMillis to) const;
    const incidents::Incident* findIncident(std::string_view sourceRef) const;
    const ScriptedTrack* scriptedTrack(ais::Mmsi mmsi) const { return scenario.findTrack(mmsi); }
};

// Fails when the scenario file has errors (all of them are listed) or its tracks cannot be
// synthesised; missing referenced files are warnings.
Result<Scene> loadScene(const std::filesystem::path& file, const SceneOptions& options = {});

// loadScene on a thread of its own, for a caller with other start-up work meanwhile (the
// console opens its window, compiles its shaders and reads its charts while the exercise
// loads). Threading: the scene is built on the new thread only; the future is waited on by
// one thread, and its destructor waits for the load to finish.
std::future<Result<Scene>> loadSceneAsync(std::filesystem::path file, SceneOptions options = {});

}  // namespace seawatch::scenario
