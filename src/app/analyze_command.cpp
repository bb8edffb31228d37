// seawatch analyze: the analytics engine over AIS logs, zones and a schedule, writing the
// event log (one event per line) with no GUI.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "alert_station.hpp"
#include "cli_parsing.hpp"
#include "commands.hpp"
#include "engine_options.hpp"
#include "seawatch/analytics/live_picture.hpp"
#include "seawatch/station/pg.hpp"

namespace seawatch::app {
namespace {

struct AnalyzeOptions {
    std::vector<std::string> ais;
    EngineOptionsCli engine;
    std::string from;
    std::string to;
    std::string format = "jsonl";
    std::string output;
    std::string workspace;
    AlertStationOptions station;
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

    if (station::isPostgresTarget(opt.workspace) && !opt.station.station.empty()) {
        std::fprintf(stderr,
                     "seawatch analyze: --workspace names a station already; give the station "
                     "once (--workspace or --station)\n");
        return kExitUsage;
    }

    analytics::EngineInputLoad load;
    if (!loadEngineInputsOrReport(opt.engine.toOptions(), "seawatch analyze", load))
        return kExitFailure;
    // The same live picture the console runs, given whole files instead of feeds.
    analytics::LivePictureOptions pictureOptions;
    pictureOptions.from = from;
    pictureOptions.to = to;
    analytics::LivePicture picture(std::move(load.inputs), pictureOptions);
    std::vector<std::filesystem::path> aisPaths(opt.ais.begin(), opt.ais.end());
    auto ais = picture.loadFiles(aisPaths);
    if (!ais) {
        std::fprintf(stderr, "seawatch analyze: %s\n", ais.error().c_str());
        return kExitFailure;
    }
    for (const auto& r : ais->rejections)
        std::fprintf(stderr, "seawatch analyze: rejected %s\n", r.c_str());
    picture.finish();
    for (const auto& w : picture.engine().warnings())
        std::fprintf(stderr, "seawatch analyze: %s\n", w.c_str());
    const std::vector<analytics::Event>& events = picture.events();

    const auto format =
        opt.format == "csv" ? analytics::EventFormat::Csv : analytics::EventFormat::Jsonl;
    if (opt.output.empty() || opt.output == "-") {
        analytics::writeEvents(std::cout, events, format);
        std::cout.flush();
        if (!std::cout) return kExitFailure;
    } else {
        std::ofstream out(opt.output, std::ios::binary);
        analytics::writeEvents(out, events, format);
        out.close();
        if (!out) {
            std::fprintf(stderr, "seawatch analyze: %s: cannot write\n", opt.output.c_str());
            return kExitFailure;
        }
    }
    // A station given as the workspace is where the alerts are kept: they are shared on it,
    // as with --station (and as the console does with --workspace postgresql://…).
    const bool workspaceIsStation = station::isPostgresTarget(opt.workspace);
    if (!opt.workspace.empty() && !workspaceIsStation) {
        if (Status kept = picture.keepAlertsIn(opt.workspace); !kept) {
            std::fprintf(stderr, "seawatch analyze: %s\n", kept.error().c_str());
            return kExitFailure;
        }
    }
    // After the event log is written: a station that is away delays nothing else.
    AlertStationOptions stationOptions = opt.station;
    if (workspaceIsStation) stationOptions.station = opt.workspace;
    const AlertStationLink shared = shareAlertsOnStation(stationOptions, picture, "analyze");
    const int sharedExit = finishAlertSharing(shared, "analyze", std::chrono::seconds(30));
    std::fprintf(stderr,
                 "seawatch analyze: %zu events from %zu fixes (%zu skipped, %zu not from vessels, "
                 "%llu untimed, %llu rejected lines of %llu)\n",
                 events.size(), picture.engine().fixesUsed(), picture.engine().skippedFixes(),
                 picture.engine().ignoredFixes(),
                 static_cast<unsigned long long>(ais->untimedFixes),
                 static_cast<unsigned long long>(ais->rejectedLines),
                 static_cast<unsigned long long>(ais->lines));
    return sharedExit;
}

}  // namespace

void registerAnalyzeCommand(CLI::App& app, int& exitCode) {
    auto opt = std::make_shared<AnalyzeOptions>();
    CLI::App* cmd = app.add_subcommand(
        "analyze", "Run maritime-security analytics over AIS logs and write the event log");
    cmd->add_option("--ais", opt->ais, "NMEA AIS log files")->required();
    addEngineOptions(cmd, opt->engine, /*zonesRequired=*/true);
    cmd->add_option("--from", opt->from, "Start time, ISO 8601 UTC");
    cmd->add_option("--to", opt->to, "End time, ISO 8601 UTC");
    cmd->add_option("--format", opt->format, "Output format")
        ->check(CLI::IsMember({"jsonl", "csv"}))
        ->capture_default_str();
    cmd->add_option("-o,--output", opt->output, "Write the event log here instead of stdout");
    cmd->add_option("--workspace", opt->workspace,
                    "Also store the events in the alerts table of this workspace: a GeoPackage "
                    "file, or a station's postgresql://… URI (then as --station)");
    addAlertStationOptions(cmd, opt->station);
    cmd->callback([opt, &exitCode] { exitCode = runAnalyze(*opt); });
}

}  // namespace seawatch::app
