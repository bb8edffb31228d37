// seawatch brief: every step of a scenario rendered headless, and a self-contained HTML deck;
// with --plan, the plan's Gantt and weekly maps too (brief_plan.cpp).
#include <fmt/format.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "brief_plan.hpp"
#include "cli_parsing.hpp"
#include "commands.hpp"
#include "headless_session.hpp"
#include "seawatch/analytics/alert_filter.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/scenario/briefing.hpp"
#include "seawatch/scenario/briefing_plan.hpp"

namespace seawatch::app {

namespace {

namespace fs = std::filesystem;

struct BriefOptions {
    std::string scenario;
    std::string plan;
    std::vector<std::string> zones;  // for the plan
    std::string output;
    std::string size = "1920x1080";
    bool geotiff = false;
    bool verbose = false;
};

// How loud each analytics event is for a watch officer.
// The one severity rule (analytics::severityOf), as the deck writes it.
const char* deckSeverity(const analytics::Event& event) {
    return analytics::severityName(analytics::severityOf(event));
}

std::string vesselLabel(const scenario::Scene& scene, ais::Mmsi mmsi) {
    if (auto index = scene.tracks.indexOf(mmsi)) {
        const auto& name = scene.tracks.staticData(*index).name;
        if (!name.empty()) return name;
    }
    if (const auto* track = scene.scriptedTrack(mmsi); track && !track->vessel.name.empty())
        return track->vessel.name;
    return std::to_string(mmsi);
}

scenario::DeckAlert deckAlert(const scenario::Scene& scene, const analytics::Event& e) {
    scenario::DeckAlert a;
    a.time = e.time;
    a.severity = deckSeverity(e);
    a.kind = analytics::alertTypeLabel(e.type);
    if (!a.kind.empty())
        a.kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(a.kind[0])));
    for (std::size_t i = 0; i < e.mmsi.size(); ++i)
        a.subject += (i ? " / " : "") + vesselLabel(scene, e.mmsi[i]);
    if (a.subject.empty()) a.subject = !e.zone.empty() ? e.zone : e.unit;
    // Words, not keys: "SKIFF 1: CPA 0.53 nm in 11 min with ASTRAEA TRADER".
    a.message = analytics::alertSentence(e, scene.tracks);
    return a;
}

scenario::DeckIncident deckIncident(const incidents::Incident& i) {
    scenario::DeckIncident d;
    d.reference = i.sourceRef;
    d.time = i.occurredAt;
    d.position = {i.lon, i.lat};
    d.category = std::string(incidents::categoryLabel(i.category));
    d.description = i.vesselName.empty() ? i.narrative : i.vesselName + ": " + i.narrative;
    if (d.description.size() > 240) d.description = d.description.substr(0, 237) + "...";
    return d;
}

// The incidents of a step: those it highlights, and those that happened in its span.
std::vector<scenario::DeckIncident> stepIncidentsOf(const scenario::Scene& scene,
                                                    const scenario::BriefingStep& step) {
    std::vector<scenario::DeckIncident> incidents;
    for (const auto& ref : step.highlight.incidents) {
        if (const auto* i = scene.findIncident(ref)) incidents.push_back(deckIncident(*i));
    }
    for (const auto* i : scene.incidentsBetween(step.time, step.until - 1)) {
        if (std::find(step.highlight.incidents.begin(), step.highlight.incidents.end(),
                      i->sourceRef) == step.highlight.incidents.end())
            incidents.push_back(deckIncident(*i));
    }
    return incidents;
}

std::vector<scenario::DeckAlert> stepAlertsOf(const scenario::Scene& scene,
                                              const scenario::BriefingStep& step) {
    std::vector<scenario::DeckAlert> alerts;
    for (const auto* e : scene.eventsBetween(step.time, step.until - 1)) {
        // Zone entries and exits are bookkeeping, not briefing material.
        if (std::string_view(deckSeverity(*e)) == "info") continue;
        alerts.push_back(deckAlert(scene, *e));
    }
    return alerts;
}

scenario::DeckSummary briefSummary(const scenario::Scene& scene, std::size_t stepCount) {
    std::map<std::string, int> alertCounts;
    for (const auto& e : scene.events) alertCounts[analytics::eventTypeName(e.type)]++;
    scenario::DeckSummary summary;
    std::size_t fixes = 0;
    for (std::size_t v = 0; v < scene.tracks.vesselCount(); ++v) fixes += scene.tracks.fixCount(v);
    summary.figures.push_back({"Vessels", std::to_string(scene.tracks.vesselCount())});
    summary.figures.push_back({"AIS fixes decoded", std::to_string(fixes)});
    summary.figures.push_back({"Incidents shown", std::to_string(scene.incidents.size())});
    summary.figures.push_back({"Zones", std::to_string(scene.zones.size())});
    for (const auto& [type, count] : alertCounts)
        summary.figures.push_back({"Alerts: " + type, std::to_string(count)});
    summary.figures.push_back({"Steps", std::to_string(stepCount)});
    return summary;
}

// One step's slide image, and its GeoTIFF (no furniture: GIS has its own) when asked for.
int writeStepImages(const BriefOptions& o, HeadlessSession& session,
                    const scenario::BriefingStep& step, int stepCount, int width, int height) {
    render::MapSelection selection;
    session.picture->applyStep(step, selection);
    const geo::MapView view = geo::MapView::fitting(
        scenario::stepFrame(*session.scene, step, width, height), width, height);
    const fs::path image = fs::path(o.output) / scenario::stepImageName(step.number);
    if (int code = writePicture("seawatch brief", session, view, image.string(), step.time,
                                selection, step.caption, static_cast<int>(step.number), stepCount);
        code != kExitOk)
        return code;
    if (!o.geotiff) return kExitOk;
    const fs::path tif = fs::path(o.output) / scenario::stepImageName(step.number, "tif");
    auto& style = session.renderer->style();
    style.showGraticule = style.showScaleBar = style.showLegend = false;
    const int code =
        writePicture("seawatch brief", session, view, tif.string(), step.time, selection);
    style.showGraticule = style.showScaleBar = style.showLegend = true;
    return code;
}

// Every step's images, and what the deck says of each step.
struct BriefedSteps {
    std::vector<fs::path> images;
    std::vector<std::vector<scenario::DeckIncident>> incidents;
    std::vector<std::vector<scenario::DeckAlert>> alerts;
};

int briefSteps(const BriefOptions& o, HeadlessSession& session,
               const std::vector<scenario::BriefingStep>& steps, int width, int height,
               BriefedSteps& out) {
    if (steps.empty() || !session.scene) return kExitOk;  // a plan briefed on its own
    const scenario::Scene& scene = *session.scene;
    for (const auto& step : steps) {
        if (int code =
                writeStepImages(o, session, step, static_cast<int>(steps.size()), width, height);
            code != kExitOk)
            return code;
        // Relative to the deck's folder, as the deck refers to it: with a relative -o the
        // full path was taken for one relative to the deck ("deck/deck/step_01.png").
        out.images.emplace_back(scenario::stepImageName(step.number));
        out.incidents.push_back(stepIncidentsOf(scene, step));
        out.alerts.push_back(stepAlertsOf(scene, step));
    }
    return kExitOk;
}

// A deck of a plan alone: a scenario with no steps that carries its title and period.
scenario::Scenario planOnlyScenario(const scenario::DeckPlan& plan) {
    scenario::Scenario s;
    s.title = plan.name;
    s.description = "SHADE plan briefing: the plan against time, then each week's faults.";
    s.window = {plan.from, plan.to};
    return s;
}

int runBrief(const BriefOptions& o) {
    int width = 0, height = 0;
    if (!parseSize(o.size, width, height)) {
        std::fprintf(stderr,
                     "seawatch brief: --size must be WIDTHxHEIGHT, each 1 to %d pixels, got '%s'\n",
                     kMaxImageSide,
                     o.size.c_str());
        return kExitUsage;
    }
    if (o.scenario.empty() && o.plan.empty()) {
        std::fprintf(stderr, "seawatch brief: give a scenario, a --plan, or both\n");
        return kExitUsage;
    }
    if (!o.zones.empty() && o.plan.empty()) {
        std::fprintf(stderr, "seawatch brief: --zones is for the --plan's corridor\n");
        return kExitUsage;
    }
    const auto started = std::chrono::steady_clock::now();
    HeadlessSession session;
    if (int code = openHeadlessSession("seawatch brief", {}, true, o.scenario, session);
        code != kExitOk)
        return code;
    session.renderer->style().showLegend = true;  // every slide says what its symbols mean
    std::vector<scenario::BriefingStep> steps;
    if (session.scene) {
        steps = scenario::stepsOf(session.scene->scenario);
        if (steps.empty() && o.plan.empty()) {
            std::fprintf(stderr, "seawatch brief: %s has no steps to brief\n", o.scenario.c_str());
            return kExitFailure;
        }
    }
    std::error_code ec;
    fs::create_directories(o.output, ec);
    if (ec) {
        std::fprintf(stderr, "seawatch brief: cannot create %s: %s\n", o.output.c_str(),
                     ec.message().c_str());
        return kExitFailure;
    }

    BriefedSteps briefed;
    if (int code = briefSteps(o, session, steps, width, height, briefed); code != kExitOk)
        return code;
    std::optional<scenario::DeckPlan> plan;
    if (!o.plan.empty()) {
        const PlanBriefOptions planOptions{o.plan, o.zones, o.output, width, height, o.geotiff};
        plan.emplace();
        if (int code = writePlanSlides(planOptions, session, *plan); code != kExitOk) return code;
    }
    const scenario::Scenario scenarioOfDeck =
        session.scene ? session.scene->scenario : planOnlyScenario(*plan);
    const scenario::DeckSummary summary =
        session.scene ? briefSummary(*session.scene, steps.size()) : scenario::DeckSummary{};
    if (Status s =
            scenario::writeBriefingDeck(o.output, scenarioOfDeck, briefed.images, briefed.incidents,
                                        briefed.alerts, summary, plan ? &*plan : nullptr);
        !s) {
        std::fprintf(stderr, "seawatch brief: %s\n", s.error().c_str());
        return kExitFailure;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "seawatch brief: %zu steps%s, %s/index.html in %.1f s\n", steps.size(),
                 plan ? fmt::format(", plan of {} weeks", plan->weeks.size()).c_str() : "",
                 o.output.c_str(), seconds);
    return session.failedInputs == 0 ? kExitOk : kExitFailure;
}

}  // namespace

void registerBriefCommand(CLI::App& app, int& exitCode) {
    auto options = std::make_shared<BriefOptions>();
    auto* sub = app.add_subcommand(
        "brief",
        "Render every step of a scenario (and/or a plan's Gantt and weekly maps) headless and "
        "write an HTML briefing deck");
    sub->add_option("scenario", options->scenario, "Scenario JSON");
    sub->add_option("--plan", options->plan,
                    "A SHADE plan (docs/PLANNING.md) to brief: its Gantt and one map per week");
    sub->add_option("--zones", options->zones,
                    "Zone files with the plan's corridor (default: the bundled IRTC, sectors "
                    "and risk area)");
    sub->add_option("-o,--output", options->output, "Folder for the images and index.html")
        ->required();
    sub->add_option("--size", options->size, "Image size WIDTHxHEIGHT")->capture_default_str();
    sub->add_flag("--geotiff", options->geotiff, "Also write each step as a GeoTIFF (EPSG:3857)");
    sub->callback([options, &exitCode] { exitCode = runBrief(*options); });
}

}  // namespace seawatch::app
