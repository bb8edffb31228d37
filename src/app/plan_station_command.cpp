// seawatch plan push|pull: a SHADE plan shared on a station. Push makes the station's copy
// equal to a plan file (only the records the station's nations may change may differ); pull
// writes the station's copy, once or again on every change (--follow), with the findings.
#include "plan_station_command.hpp"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "seawatch/analytics/plan_check.hpp"
#include "seawatch/station/schema.hpp"
#include "seawatch/station/shared_plans.hpp"
#include "seawatch/zones/zone_loader.hpp"

namespace seawatch::app {

namespace {

struct PlanStationOptions {
    std::string plan;  // push: the file; pull: the name
    std::string station;
    std::vector<std::string> zones;
    std::string output;
    bool follow = false;
};

// Set from SIGINT/SIGTERM so that --follow ends cleanly.
std::atomic<bool> gStopFollowingPlan{false};

std::optional<std::vector<zones::Zone>> loadZones(const PlanStationOptions& o,
                                                  const char* command) {
    std::vector<std::filesystem::path> paths(o.zones.begin(), o.zones.end());
    auto loaded = zones::loadZoneFiles(paths);
    if (!loaded) {
        std::fprintf(stderr, "seawatch plan %s: %s\n", command, loaded.error().c_str());
        return std::nullopt;
    }
    for (const auto& e : loaded->errors)
        std::fprintf(stderr, "seawatch plan %s: skipped %s\n", command, e.c_str());
    return std::move(loaded->zones);
}

int runPush(const PlanStationOptions& o) {
    auto zoneList = loadZones(o, "push");
    if (!zoneList) return kExitFailure;
    auto plan = zones::loadPlan(o.plan, *zoneList);
    if (!plan) {
        std::fprintf(stderr, "seawatch plan push: %s\n", plan.error().c_str());
        return kExitFailure;
    }
    for (const auto& e : plan->errors)
        std::fprintf(stderr, "seawatch plan push: skipped %s\n", e.c_str());
    auto conn = station::openStation(o.station);
    if (!conn) {
        std::fprintf(stderr, "seawatch plan push: %s\n", conn.error().c_str());
        return kExitFailure;
    }
    auto report = station::pushPlan(*conn, *plan);
    if (!report) {
        std::fprintf(stderr, "seawatch plan push: %s\n", report.error().c_str());
        return kExitFailure;
    }
    std::printf("plan \"%s\" on %s: %s%zu added, %zu changed, %zu removed, %zu unchanged\n",
                plan->name.c_str(), conn->describeTarget().c_str(),
                report->createdPlan ? "created, " : "", report->inserted, report->updated,
                report->removed, report->unchanged);
    return kExitOk;
}

// The plan to the -o file (replaced whole, never half-written) or stdout.
bool writeOut(const PlanStationOptions& o, const zones::Plan& plan) {
    if (o.output.empty() || o.output == "-") {
        std::cout << zones::writePlan(plan);
        std::cout.flush();
        return static_cast<bool>(std::cout);
    }
    if (Status saved = zones::savePlan(plan, o.output); !saved) {
        std::fprintf(stderr, "seawatch plan pull: %s\n", saved.error().c_str());
        return false;
    }
    return true;
}

// One line on stderr per version pulled: what it holds and, with zones, its findings.
void describe(const zones::Plan& plan, const analytics::PlanContext* context) {
    std::string findings;
    if (context) {
        const auto check = analytics::checkPlan(plan, *context);
        findings = ", " + std::to_string(check.findings.size()) + " findings (" +
                   std::to_string(check.faultCount()) + " faults), score " +
                   std::to_string(static_cast<int>(check.score.total + 0.5));
    }
    std::fprintf(stderr,
                 "seawatch plan pull: \"%s\": %zu convoys, %zu assignments, %zu sorties%s\n",
                 plan.name.c_str(), plan.convoys.size(), plan.assignments.size(),
                 plan.sorties.size(), findings.c_str());
}

int runPull(const PlanStationOptions& o) {
    std::optional<analytics::PlanContext> context;
    if (!o.zones.empty()) {
        auto zoneList = loadZones(o, "pull");
        if (!zoneList) return kExitFailure;
        auto built = analytics::PlanContext::build(std::move(*zoneList));
        if (!built) {
            std::fprintf(stderr, "seawatch plan pull: %s\n", built.error().c_str());
            return kExitFailure;
        }
        context = std::move(*built);
    }
    const analytics::PlanContext* checkWith = context ? &*context : nullptr;
    if (!o.follow) {
        auto conn = station::openStation(o.station);
        if (!conn) {
            std::fprintf(stderr, "seawatch plan pull: %s\n", conn.error().c_str());
            return kExitFailure;
        }
        auto plan = station::pullPlan(*conn, o.plan);
        if (!plan) {
            std::fprintf(stderr, "seawatch plan pull: %s\n", plan.error().c_str());
            return kExitFailure;
        }
        for (const auto& e : plan->errors)
            std::fprintf(stderr, "seawatch plan pull: skipped %s\n", e.c_str());
        describe(*plan, checkWith);
        return writeOut(o, *plan) ? kExitOk : kExitFailure;
    }
    gStopFollowingPlan = false;
    std::signal(SIGINT, [](int) { gStopFollowingPlan = true; });
    std::signal(SIGTERM, [](int) { gStopFollowingPlan = true; });
    station::PlanFollowOptions follow;
    follow.target = o.station;
    follow.name = o.plan;
    bool written = true;
    const Status ended = station::followPlan(
        follow, gStopFollowingPlan,
        [&](const zones::Plan& plan) {
            describe(plan, checkWith);
            written = writeOut(o, plan);
            return written;
        },
        [](const std::string& news) {
            std::fprintf(stderr, "seawatch plan pull: %s\n", news.c_str());
        });
    if (!ended) {
        std::fprintf(stderr, "seawatch plan pull: %s\n", ended.error().c_str());
        return kExitFailure;
    }
    return written ? kExitOk : kExitFailure;
}

}  // namespace

void registerPlanStationCommands(CLI::App& plan, int& exitCode) {
    auto opt = std::make_shared<PlanStationOptions>();
    CLI::App* push = plan.add_subcommand(
        "push", "Store a plan on a station; only your nations' records may differ from its copy");
    push->add_option("PLAN", opt->plan, "Plan (JSON, docs/PLANNING.md)")->required();
    push->add_option("--station", opt->station,
                     "postgresql://… URI or libpq words, no password (docs/STATION.md)")
        ->required();
    push->add_option("--zones", opt->zones, "Zone files to check the plan's records against");
    push->callback([opt, &exitCode] { exitCode = runPush(*opt); });

    CLI::App* pull = plan.add_subcommand("pull", "Write a station's copy of a plan");
    pull->add_option("NAME", opt->plan, "The plan's name")->required();
    pull->add_option("--station", opt->station,
                     "postgresql://… URI or libpq words, no password (docs/STATION.md)")
        ->required();
    pull->add_option("-o,--output", opt->output, "Write the plan here instead of stdout");
    pull->add_flag("--follow", opt->follow, "Write it again on every change, until interrupted");
    pull->add_option("--zones", opt->zones, "Zone files: also print the plan's findings");
    pull->callback([opt, &exitCode] { exitCode = runPull(*opt); });
}

}  // namespace seawatch::app
