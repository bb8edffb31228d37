#pragma once
// The exercise's scripted AIS, cached on disk. loadScene sends the scripted tracks through the
// AIS path (synthesis, NMEA out, the decoder back in) so the picture shows what a live feed
// would; for the bundled exercise that is 250k sentences and about 60 % of opening it. The
// answer depends only on the scenario's text and the program, so it is computed once per
// program build and kept in $XDG_CACHE_HOME/seawatch/scenes (see sceneCacheDir), keyed by
// a hash of the scenario's bytes and the executable's build ID (common::programBuildId).
// A file that is missing, truncated, damaged or of another key is recomputed, never trusted;
// files are written to a temporary name and renamed; the folder keeps the newest few files.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "seawatch/ais/vessel.hpp"

namespace seawatch::scenario {

// What the decoder made of the scripted feed: the fixes in feed order, one static record per
// MMSI (as analytics::loadAisText gives them).
struct ScriptedAis {
    std::vector<ais::PositionFix> fixes;
    std::vector<ais::VesselStatic> statics;
};

// How many cache files the folder keeps (the newest by modification time); about 12 MB each
// for the bundled exercise.
inline constexpr std::size_t kSceneCacheMaxFiles = 4;

// $SEAWATCH_SCENE_CACHE (a folder, or "off"), else $XDG_CACHE_HOME/seawatch/scenes, else
// ~/.cache/seawatch/scenes; created on demand. Empty when caching is off or impossible.
std::filesystem::path sceneCacheDir();

// The cache the build fills: `<folder of the running program>/scene-cache`, where the
// build runs `seawatch scenario prepare` on the bundled exercise right after linking, so
// that even the first start of a new build opens it at once. Read only; used when
// SEAWATCH_SCENE_CACHE is not set (a test or a user who names a folder, or "off", gets
// exactly that). Empty when there is no such folder.
std::filesystem::path prebuiltSceneCacheDir();

// The key of a scenario's scripted AIS: nullopt when the program has no build ID (no cache).
std::optional<std::uint64_t> scriptedAisKey(std::string_view scenarioText);

// The cache file for `key` in `dir`.
std::filesystem::path scriptedAisFile(const std::filesystem::path& dir, std::uint64_t key);

std::optional<ScriptedAis> readScriptedAis(const std::filesystem::path& file, std::uint64_t key);
// Writes atomically, then trims the folder to kSceneCacheMaxFiles; false when it could not.
bool writeScriptedAis(const std::filesystem::path& file, std::uint64_t key, const ScriptedAis& ais);

}  // namespace seawatch::scenario
