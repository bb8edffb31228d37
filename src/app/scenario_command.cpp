// seawatch scenario check|export-ais|prepare: thin shells over the scenario core.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "commands.hpp"
#include "seawatch/charts/chart.hpp"
#include "seawatch/charts/triangle_cache.hpp"
#include "seawatch/common/output_file.hpp"
#include "seawatch/scenario/ais_export.hpp"
#include "seawatch/scenario/briefing.hpp"
#include "seawatch/scenario/scenario_json.hpp"
#include "seawatch/scenario/scene.hpp"
#include "seawatch/scenario/scene_cache.hpp"
#include "seawatch/scenario/track_synthesis.hpp"
#include "seawatch/zones/schedule.hpp"
#include "seawatch/zones/zone_loader.hpp"

namespace seawatch::app {
namespace {

namespace sc = seawatch::scenario;

// Loads and synthesizes, printing every problem; nullopt when the file is unusable.
struct Loaded {
    sc::Scenario scenario;
    sc::SceneTracks scene;
};

std::unique_ptr<Loaded> loadOrReport(const std::string& file) {
    auto load = sc::loadScenario(file);
    if (!load.ok()) {
        for (const auto& e : load.errors) std::fprintf(stderr, "%s: %s\n", file.c_str(), e.c_str());
        std::fprintf(stderr, "%s: %zu error(s)\n", file.c_str(), load.errors.size());
        return nullptr;
    }
    auto scene = sc::SceneTracks::build(load.scenario);
    if (!scene) {
        std::fprintf(stderr, "%s: %s\n", file.c_str(), scene.error().c_str());
        return nullptr;
    }
    return std::make_unique<Loaded>(Loaded{std::move(load.scenario), std::move(scene).value()});
}

// Referenced files that are missing make a poorer exercise, not an invalid one; zone and
// schedule files that are there but malformed are errors (the exercise would run without
// its corridor or sectors and nobody would know why). Returns the number of errors.
int checkReferences(const std::string& file, const sc::Scenario& s) {
    int errors = 0;
    auto check = [&](const std::string& ref) {
        if (!ref.empty() && !std::filesystem::exists(s.resolve(ref))) {
            std::fprintf(stderr, "%s: warning: %s not found (%s)\n", file.c_str(), ref.c_str(),
                         s.resolve(ref).string().c_str());
        }
    };
    for (const auto& list : {s.charts, s.aisSources, s.zoneFiles, s.incidentFiles}) {
        for (const auto& ref : list) check(ref);
    }
    check(s.schedule);
    for (const auto& ref : s.zoneFiles) {
        const auto path = s.resolve(ref);
        if (!std::filesystem::exists(path)) continue;
        auto load = zones::loadZones(path);
        if (!load) {
            std::fprintf(stderr, "%s: zones %s: %s\n", file.c_str(), ref.c_str(),
                         load.error().c_str());
            ++errors;
            continue;
        }
        for (const auto& e : load->errors) {
            std::fprintf(stderr, "%s: zones %s: %s\n", file.c_str(), ref.c_str(), e.c_str());
            ++errors;
        }
    }
    if (!s.schedule.empty() && std::filesystem::exists(s.resolve(s.schedule))) {
        if (auto schedule = zones::loadSchedule(s.resolve(s.schedule)); !schedule) {
            std::fprintf(stderr, "%s: schedule %s: %s\n", file.c_str(), s.schedule.c_str(),
                         schedule.error().c_str());
            ++errors;
        }
    }
    return errors;
}

int runCheck(const std::string& file) {
    auto loaded = loadOrReport(file);
    if (!loaded) return kExitFailure;
    const auto& s = loaded->scenario;
    if (const int errors = checkReferences(file, s); errors > 0) {
        std::fprintf(stderr, "%s: %d error(s) in referenced files\n", file.c_str(), errors);
        return kExitFailure;
    }
    std::map<std::string, int> roles;
    int contacts = 0;
    for (const auto& t : s.tracks) {
        ++roles[sc::roleName(t.role)];
        if (!t.transmitsAis) ++contacts;
    }
    std::size_t fixes = 0;
    for (const auto& fix : loaded->scene.allFixes()) fixes += s.window.contains(fix.time) ? 1 : 0;
    std::string roleList;
    for (const auto& [role, count] : roles) {
        roleList += fmt::format("{}{} {}", roleList.empty() ? "" : ", ", count, role);
    }
    fmt::print("{}\n", s.title);
    fmt::print("window      {} .. {}\n", time::formatIso8601(s.window.start),
               time::formatIso8601(s.window.end));
    fmt::print("vessels     {} ({}); {} radar/visual contacts without AIS\n", s.tracks.size(),
               roleList, contacts);
    fmt::print("fixes       {} in the window\n", fixes);
    fmt::print("injects     {}\n", s.injects.size());
    fmt::print("annotations {}\n", s.annotations.size());
    fmt::print("steps       {}\n", s.steps.size());
    for (const auto& step : sc::stepsOf(s)) {
        fmt::print("  {:2}  {}  {}\n", step.number, time::formatDisplay(step.time), step.caption);
    }
    return kExitOk;
}

int runExportAis(const std::string& file, const std::string& output, bool wholeTracks) {
    auto loaded = loadOrReport(file);
    if (!loaded) return kExitFailure;
    sc::AisExportOptions options;
    if (!wholeTracks) options.span = loaded->scenario.window;
    if (const double estimate = loaded->scene.estimatedFixes(options.span);
        estimate > sc::SceneTracks::kMaxFixes) {
        std::fprintf(stderr,
                     "seawatch scenario export-ais: the whole tracks would make about %.0f "
                     "reports, more than %.0f; export the window only\n",
                     estimate, sc::SceneTracks::kMaxFixes);
        return kExitFailure;
    }
    // Written beside the target and renamed, so a failed export leaves no half file.
    auto nmea = AtomicFile::create(output, false);
    if (!nmea) {
        std::fprintf(stderr, "seawatch scenario export-ais: %s\n", nmea.error().c_str());
        return kExitFailure;
    }
    sc::AisExportStats stats;
    {
        std::ofstream out(nmea->tempPath(), std::ios::binary | std::ios::trunc);
        stats = sc::writeAisNmea(loaded->scene, out, options);
        if (!out.flush()) {
            std::fprintf(stderr, "seawatch scenario export-ais: %s\n", cannotWrite(output).c_str());
            return kExitFailure;
        }
    }
    if (Status committed = nmea->commit(); !committed) {
        std::fprintf(stderr, "seawatch scenario export-ais: %s\n", committed.error().c_str());
        return kExitFailure;
    }
    std::fprintf(stderr,
                 "%s: %zu sentences, %zu position reports, %zu static reports, %zu vessels "
                 "(%zu radar contacts)\n",
                 output.c_str(), stats.sentences, stats.positionReports, stats.staticReports,
                 stats.vessels, stats.contacts);
    return kExitOk;
}

// Loads the scene as the console opens it, so that its scripted AIS is in the scene cache:
// what the build runs on the bundled exercise (into scene-cache beside the program), and what
// a trainer runs after editing a scenario, before the briefing.
int runPrepare(const std::string& file) {
    std::string text;
    {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "%s: cannot open the file\n", file.c_str());
            return kExitFailure;
        }
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const auto key = sc::scriptedAisKey(text);
    const std::filesystem::path dir = sc::sceneCacheDir();
    if (!key || dir.empty()) {
        std::fprintf(stderr,
                     "%s: no scene cache to fill (%s); the console computes the scripted AIS "
                     "at each start\n",
                     file.c_str(),
                     key ? "SEAWATCH_SCENE_CACHE=off, or no cache folder can be made"
                         : "this program has no build ID to key it by");
        return kExitFailure;
    }
    auto scene = sc::loadScene(file);
    if (!scene) {
        std::fprintf(stderr, "%s\n", scene.error().c_str());
        return kExitFailure;
    }
    if (scene->scriptedAisFromCache) {
        std::printf("%s: scripted AIS already prepared\n", file.c_str());
        return kExitOk;
    }
    const std::filesystem::path cached = sc::scriptedAisFile(dir, *key);
    std::error_code ec;
    if (!std::filesystem::exists(cached, ec)) {
        std::fprintf(stderr, "%s: could not write %s\n", file.c_str(), cached.c_str());
        return kExitFailure;
    }
    std::printf("%s: scripted AIS of %zu vessels prepared in %s\n", file.c_str(),
                scene->tracks.vesselCount(), cached.c_str());
    return kExitOk;
}

// The bundled basemap's fill triangles, which the console (and `render`) would otherwise
// compute at their first start: into the triangle cache.
int prepareBasemap() {
    if (charts::triangleCacheDir().empty()) {
        std::fprintf(stderr,
                     "basemap: no triangle cache to fill (SEAWATCH_TRIANGLE_CACHE=off, "
                     "or no cache folder can be made)\n");
        return kExitFailure;
    }
    auto basemap = charts::loadBasemap();
    if (!basemap) {
        std::fprintf(stderr, "basemap: %s\n", basemap.error().c_str());
        return kExitFailure;
    }
    std::size_t layers = 0;
    for (const charts::VectorLayer& layer : basemap->layers) {
        if (layer.ringX.size() < charts::kTriangleCacheMinVertices) continue;
        (void)charts::layerTriangles(layer);
        ++layers;
    }
    std::printf("basemap: fill triangles of %zu layers prepared in %s\n", layers,
                charts::triangleCacheDir().c_str());
    return kExitOk;
}

}  // namespace

void registerScenarioCommand(CLI::App& app, int& exitCode) {
    auto* sub = app.add_subcommand("scenario", "Validate scenarios and export their tracks");
    sub->require_subcommand(1);

    auto* check = sub->add_subcommand(
        "check", "Validate a scenario file and summarise it (exit 1, listing every error)");
    auto checkFile = std::make_shared<std::string>();
    check->add_option("SCENARIO", *checkFile, "Scenario JSON file")->required();
    check->callback([&exitCode, checkFile] { exitCode = runCheck(*checkFile); });

    auto* exportAis = sub->add_subcommand(
        "export-ais", "Write the scripted tracks as NMEA AIS sentences with tag blocks");
    auto exportFile = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    auto wholeTracks = std::make_shared<bool>(false);
    exportAis->add_option("SCENARIO", *exportFile, "Scenario JSON file")->required();
    exportAis->add_option("-o,--output", *output, "Output .nmea file")->required();
    exportAis->add_flag("--whole-tracks", *wholeTracks,
                        "Also write fixes outside the scenario window");
    exportAis->callback([&exitCode, exportFile, output, wholeTracks] {
        exitCode = runExportAis(*exportFile, *output, *wholeTracks);
    });

    auto* prepare = sub->add_subcommand(
        "prepare",
        "Compute what the console computes on opening the scenario (its scripted AIS, the "
        "basemap's fill triangles) once, into the caches, so it opens at once");
    auto prepareFile = std::make_shared<std::string>();
    prepare->add_option("SCENARIO", *prepareFile, "Scenario JSON file")->required();
    prepare->callback([&exitCode, prepareFile] {
        const int scene = runPrepare(*prepareFile);
        const int basemap = prepareBasemap();
        exitCode = scene != kExitOk ? scene : basemap;
    });
}

}  // namespace seawatch::app
