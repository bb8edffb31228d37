#include "seawatch/scenario/scene.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <fstream>
#include <iterator>
#include <string_view>

#include "seawatch/analytics/ais_input.hpp"
#include "seawatch/analytics/engine.hpp"
#include "seawatch/analytics/engine_inputs.hpp"
#include "seawatch/incidents/import.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/incidents/workspace.hpp"
#include "seawatch/scenario/ais_export.hpp"
#include "seawatch/scenario/scenario_json.hpp"
#include "seawatch/scenario/scene_cache.hpp"

namespace seawatch::scenario {

namespace fs = std::filesystem;

namespace {

void loadIncidents(Scene& scene, const SceneOptions& options) {
    const Scenario& s = scene.scenario;
    if (s.incidentFiles.empty()) return;
    fs::path workspacePath = options.workspace;
    const bool temporary = workspacePath.empty();
    if (temporary) {
        workspacePath =
            fs::temp_directory_path() / fmt::format("seawatch-scene-{}-{}.gpkg", ::getpid(),
                                                    reinterpret_cast<std::uintptr_t>(&scene));
    }
    {
        auto ws = workspace::Workspace::open(workspacePath);
        if (!ws) {
            scene.warnings.push_back(ws.error());
            return;
        }
        auto store = incidents::IncidentStore::open(*ws);
        if (!store) {
            scene.warnings.push_back(store.error());
        } else {
            for (const auto& reference : s.incidentFiles) {
                const fs::path path = s.resolve(reference);
                auto summary = incidents::importFile(*store, path);
                if (!summary) scene.warnings.push_back(summary.error());
            }
            incidents::IncidentQuery query;
            query.bbox = s.incidentFilter.box;
            if (s.incidentFilter.window) {
                query.from = s.incidentFilter.window->start;
                query.to = s.incidentFilter.window->end;
            }
            for (const auto& name : s.incidentFilter.categories) {
                if (auto c = incidents::parseCategory(name)) query.categories.push_back(*c);
            }
            auto rows = store->queryRecords(query);
            if (rows) {
                scene.incidents = std::move(rows.value());
            } else {
                scene.warnings.push_back(rows.error());
            }
        }
    }
    if (temporary) {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            fs::remove(workspacePath.string() + suffix, ec);
    }
}

// The engine's inputs from the scenario's files, built the one way every command builds them.
analytics::EngineInputOptions engineOptions(const Scenario& s, const SceneOptions& options) {
    analytics::EngineInputOptions engine;
    for (const auto& reference : s.zoneFiles) engine.zoneFiles.push_back(s.resolve(reference));
    if (!s.schedule.empty()) engine.schedule = s.resolve(s.schedule);
    const auto bundled = analytics::bundledEngineInputOptions();
    std::error_code ec;
    // Land refines loitering; a checkout without the basemap still opens the exercise.
    if (options.useBasemapLand && fs::exists(bundled.land, ec)) {
        engine.land = bundled.land;
        engine.landLayer = bundled.landLayer;
    }
    return engine;
}

// The scripted tracks through the AIS path (synthesised fixes out as NMEA, back in through
// the decoder), or the same from the cache when this program has done it before.
Result<ScriptedAis> scriptedAis(const Scene& scene, std::string_view text, bool& fromCache) {
    fromCache = false;
    const std::optional<std::uint64_t> key = scriptedAisKey(text);
    const fs::path dir = key ? sceneCacheDir() : fs::path{};
    if (!dir.empty()) {
        if (auto cached = readScriptedAis(scriptedAisFile(dir, *key), *key)) {
            fromCache = true;
            return std::move(*cached);
        }
    }
    // What the build prepared (the bundled exercise, for this very program).
    if (const fs::path built = key ? prebuiltSceneCacheDir() : fs::path{}; !built.empty()) {
        if (auto cached = readScriptedAis(scriptedAisFile(built, *key), *key)) {
            fromCache = true;
            return std::move(*cached);
        }
    }
    std::string nmea;
    AisExportOptions exportOptions;
    exportOptions.span = scene.scenario.window;
    writeAisNmea(scene.scripted, nmea, exportOptions);
    auto decoded = analytics::loadAisText(nmea, scene.file.filename().string() + " (scripted AIS)");
    if (!decoded) return makeError(decoded.error());
    ScriptedAis out{std::move(decoded->fixes), std::move(decoded->statics)};
    // A cache that cannot be written costs the next start its time, nothing else.
    if (!dir.empty()) writeScriptedAis(scriptedAisFile(dir, *key), *key, out);
    return out;
}

}  // namespace

Result<Scene> loadScene(const fs::path& file, const SceneOptions& options) {
    std::string text;
    {
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return makeError(file.string() + ": invalid scenario:\n  " + file.string() +
                             ": cannot open the file");
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    ScenarioLoad load = parseScenario(text, file.parent_path());
    if (!load.ok()) {
        std::string message = file.string() + ": invalid scenario:";
        for (const auto& e : load.errors) message += "\n  " + e;
        return makeError(message);
    }
    Scene scene;
    scene.file = file;
    scene.scenario = std::move(load.scenario);
    auto scripted = SceneTracks::build(scene.scenario);
    if (!scripted) return makeError(file.string() + ": " + scripted.error());
    scene.scripted = std::move(scripted.value());

    auto fed = scriptedAis(scene, text, scene.scriptedAisFromCache);
    if (!fed) return makeError(fed.error());
    analytics::AisInput input;
    input.fixes = std::move(fed->fixes);
    input.statics = std::move(fed->statics);
    std::vector<fs::path> aisFiles;
    for (const auto& reference : scene.scenario.aisSources)
        aisFiles.push_back(scene.scenario.resolve(reference));
    if (!aisFiles.empty()) {
        auto recorded = analytics::loadAisFiles(aisFiles);
        if (recorded) {
            input.fixes.insert(input.fixes.end(), recorded->fixes.begin(), recorded->fixes.end());
            input.statics.insert(input.statics.end(), recorded->statics.begin(),
                                 recorded->statics.end());
        } else {
            scene.warnings.push_back(recorded.error());
        }
    }
    for (const auto& info : input.statics) scene.tracks.mergeStatic(info);
    for (const auto& fix : input.fixes) scene.tracks.addFix(fix);
    // Radar and visual contacts send no static data; the exercise's name for them ("SKIFF
    // 1") is what the watch calls them, so the picture and the alerts use it too.
    for (const auto& track : scene.scenario.tracks) {
        if (track.transmitsAis || track.vessel.name.empty()) continue;
        const auto index = scene.tracks.indexOf(track.vessel.mmsi);
        if (!index || !scene.tracks.staticData(*index).name.empty()) continue;
        ais::VesselStatic named;
        named.mmsi = track.vessel.mmsi;
        named.name = track.vessel.name;
        scene.tracks.mergeStatic(named);
    }

    analytics::EngineInputLoad engine =
        analytics::loadEngineInputs(engineOptions(scene.scenario, options));
    // A missing referenced file is a warning for a scene: the exercise still opens.
    for (auto& e : engine.errors) scene.warnings.push_back(std::move(e));
    for (auto& w : engine.warnings) scene.warnings.push_back(std::move(w));
    scene.zones = engine.inputs.zones;
    scene.schedule = engine.inputs.schedule;
    scene.corridor = std::move(engine.corridor);
    scene.coverage = std::move(engine.coverage);
    loadIncidents(scene, options);

    analytics::AnalyticsInputs inputs = std::move(engine.inputs);
    analytics::AnalysisRun run =
        analytics::analyzeFixes(std::move(inputs), input.statics, std::move(input.fixes),
                                scene.scenario.window.start, scene.scenario.window.end);
    scene.events = std::move(run.events);
    for (auto& w : run.warnings) scene.warnings.push_back(std::move(w));
    return scene;
}

std::future<Result<Scene>> loadSceneAsync(fs::path file, SceneOptions options) {
    return std::async(std::launch::async, [file = std::move(file), options = std::move(options)] {
        return loadScene(file, options);
    });
}

std::vector<const analytics::Event*> Scene::eventsBetween(time::UnixMillis from,
                                                          time::UnixMillis to) const {
    std::vector<const analytics::Event*> out;
    auto it =
        std::lower_bound(events.begin(), events.end(), from,
                         [](const analytics::Event& e, time::UnixMillis t) { return e.time < t; });
    for (; it != events.end() && it->time <= to; ++it) out.push_back(&*it);
    return out;
}

std::vector<const incidents::Incident*> Scene::incidentsBetween(time::UnixMillis from,
                                                                time::UnixMillis to) const {
    std::vector<const incidents::Incident*> out;
    for (const auto& i : incidents)
        if (i.occurredAt >= from && i.occurredAt <= to) out.push_back(&i);
    return out;
}

const incidents::Incident* Scene::findIncident(std::string_view sourceRef) const {
    for (const auto& i : incidents)
        if (i.sourceRef == sourceRef) return &i;
    return nullptr;
}

}  // namespace seawatch::scenario
