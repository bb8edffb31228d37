// seawatch analyze: the analytics engine over AIS logs, zones and a schedule, writing the
// event log (one event per line) with no GUI.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli_parsing.hpp"
#include "commands.hpp"
#include "seawatch/analytics/ais_input.hpp"
#include "seawatch/analytics/alert_log.hpp"
#include "seawatch/analytics/engine.hpp"
#include "seawatch/zones/zone_loader.hpp"

namespace seawatch::app {
namespace {

struct AnalyzeOptions {
    std::vector<std::string> ais;
    std::vector<std::string> zones;
    std::string schedule;
    std::string land;
    std::string landLayer;
    std::string from;
    std::string to;
    std::string format = "jsonl";
    std::string output;
    std::string workspace;
    analytics::AnalyticsConfig config;
    double encounterMetres = 500.0;
};

int runAnalyze(const AnalyzeOptions& opt) {
    std::optional<time::UnixMillis> from;
    std::optional<time::UnixMillis> to;
    if (!opt.from.empty() && !(from = time::parseIso8601(opt.from))) {
        std::fprintf(stderr, "seawatch analyze: --from '%s' is not an ISO 8601 time\n",
                     opt.from.c_str());
        return kExitUsage;
    }
    if (!opt.to.empty() && !(to = time::parseIso8601(opt.to))) {
        std::fprintf(stderr, "seawatch analyze: --to '%s' is not an ISO 8601 time\n",
                     opt.to.c_str());
        return kExitUsage;
    }
    if (from && to && *to < *from) {
        std::fprintf(stderr, "seawatch analyze: --to is before --from\n");
        return kExitUsage;
    }

    analytics::AnalyticsInputs inputs;
    inputs.config = opt.config;
    inputs.config.encounterRangeNm = opt.encounterMetres / geo::kMetresPerNauticalMile;
    std::vector<std::filesystem::path> zonePaths(opt.zones.begin(), opt.zones.end());
    auto zones = zones::loadZoneFiles(zonePaths);
    if (!zones) {
        std::fprintf(stderr, "seawatch analyze: %s\n", zones.error().c_str());
        return kExitFailure;
    }
    for (const auto& e : zones->errors)
        std::fprintf(stderr, "seawatch analyze: skipped %s\n", e.c_str());
    inputs.zones = std::move(zones->zones);
    if (!opt.schedule.empty()) {
        auto schedule = zones::loadSchedule(opt.schedule);
        if (!schedule) {
            std::fprintf(stderr, "seawatch analyze: %s\n", schedule.error().c_str());
            return kExitFailure;
        }
        for (const auto& e : schedule->errors)
            std::fprintf(stderr, "seawatch analyze: skipped %s\n", e.c_str());
        inputs.schedule = std::move(*schedule);
    }
    if (!opt.land.empty()) {
        auto land = zones::loadPolygons(opt.land, opt.landLayer);
        if (!land) {
            std::fprintf(stderr, "seawatch analyze: %s\n", land.error().c_str());
            return kExitFailure;
        }
        inputs.land = std::move(*land);
    }
    std::vector<std::filesystem::path> aisPaths(opt.ais.begin(), opt.ais.end());
    auto ais = analytics::loadAisFiles(aisPaths);
    if (!ais) {
        std::fprintf(stderr, "seawatch analyze: %s\n", ais.error().c_str());
        return kExitFailure;
    }
    for (const auto& r : ais->rejections)
        std::fprintf(stderr, "seawatch analyze: rejected %s\n", r.c_str());

    const auto run =
        analytics::analyzeFixes(std::move(inputs), ais->statics, std::move(ais->fixes), from, to,
                                std::move(ais->safetyTexts));
    for (const auto& w : run.warnings) std::fprintf(stderr, "seawatch analyze: %s\n", w.c_str());

    const auto format =
        opt.format == "csv" ? analytics::EventFormat::Csv : analytics::EventFormat::Jsonl;
    if (opt.output.empty() || opt.output == "-") {
        analytics::writeEvents(std::cout, run.events, format);
        std::cout.flush();
        if (!std::cout) return kExitFailure;
    } else {
        std::ofstream out(opt.output, std::ios::binary);
        analytics::writeEvents(out, run.events, format);
        out.close();
        if (!out) {
            std::fprintf(stderr, "seawatch analyze: %s: cannot write\n", opt.output.c_str());
            return kExitFailure;
        }
    }
    if (!opt.workspace.empty()) {
        auto log = analytics::AlertLog::open(opt.workspace);
        if (!log) {
            std::fprintf(stderr, "seawatch analyze: %s\n", log.error().c_str());
            return kExitFailure;
        }
        if (auto stored = log->store(run.events); !stored) {
            std::fprintf(stderr, "seawatch analyze: %s\n", stored.error().c_str());
            return kExitFailure;
        }
    }
    std::fprintf(stderr,
                 "seawatch analyze: %zu events from %zu fixes (%zu skipped, %zu not from vessels, "
                 "%llu untimed, %llu rejected lines of %llu)\n",
                 run.events.size(), run.fixesUsed, run.fixesSkipped, run.fixesIgnored,
                 static_cast<unsigned long long>(ais->untimedFixes),
                 static_cast<unsigned long long>(ais->rejectedLines),
                 static_cast<unsigned long long>(ais->lines));
    return kExitOk;
}

}  // namespace

void registerAnalyzeCommand(CLI::App& app, int& exitCode) {
    auto opt = std::make_shared<AnalyzeOptions>();
    CLI::App* cmd = app.add_subcommand(
        "analyze", "Run maritime-security analytics over AIS logs and write the event log");
    cmd->add_option("--ais", opt->ais, "NMEA AIS log files")->required();
    cmd->add_option("--zones", opt->zones, "Zone files (GeoJSON, GeoPackage, ...)")->required();
    cmd->add_option("--schedule", opt->schedule, "Escort and transit schedule (JSON)");
    cmd->add_option("--land", opt->land,
                    "Land polygons for the loitering coastal buffer (e.g. the basemap GeoPackage)");
    cmd->add_option("--land-layer", opt->landLayer, "Layer of --land to use (default: all)");
    cmd->add_option("--from", opt->from, "Start time, ISO 8601 UTC");
    cmd->add_option("--to", opt->to, "End time, ISO 8601 UTC");
    cmd->add_option("--format", opt->format, "Output format")
        ->check(CLI::IsMember({"jsonl", "csv"}))
        ->capture_default_str();
    cmd->add_option("-o,--output", opt->output, "Write the event log here instead of stdout");
    cmd->add_option("--workspace", opt->workspace,
                    "Also store the events in the alerts table of this workspace SQLite file");
    auto& c = opt->config;
    cmd->add_option("--cpa-nm", c.cpaThresholdNm, "CPA alert threshold")
        ->check(finiteRange(0.0, 50.0))
        ->capture_default_str();
    cmd->add_option("--tcpa-min", c.tcpaMaxMin, "TCPA alert horizon")
        ->check(finiteRange(0.0, 24 * 60.0))
        ->capture_default_str();
    cmd->add_option("--approach-cpa-nm", c.approachCpaNm, "Suspicious approach CPA")
        ->check(finiteRange(0.0, 50.0))
        ->capture_default_str();
    cmd->add_option("--approach-closing-kn", c.approachClosingKn,
                    "Suspicious approach closing speed")
        ->check(finiteRange(0.0, 100.0))
        ->capture_default_str();
    cmd->add_option("--loiter-hours", c.loiterHours, "Loitering duration")
        ->check(finiteRange(0.0, 24 * 30.0))
        ->capture_default_str();
    cmd->add_option("--loiter-kn", c.loiterSpeedKn, "Loitering mean speed")
        ->check(finiteRange(0.0, 100.0))
        ->capture_default_str();
    cmd->add_option("--encounter-m", opt->encounterMetres, "Encounter range in metres")
        ->check(finiteRange(0.0, 100000.0))
        ->capture_default_str();
    cmd->add_option("--encounter-min", c.encounterMinutes, "Encounter duration")
        ->check(finiteRange(0.0, 24 * 60.0))
        ->capture_default_str();
    cmd->add_option("--escort-nm", c.escortRangeNm, "Escort range from a group's planned position")
        ->check(finiteRange(0.0, 500.0))
        ->capture_default_str();
    cmd->callback([opt, &exitCode] { exitCode = runAnalyze(*opt); });
}

}  // namespace seawatch::app
