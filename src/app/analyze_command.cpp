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
#include "archive_source.hpp"
#include "cli_parsing.hpp"
#include "commands.hpp"
#include "engine_options.hpp"
#include "seawatch/analytics/ais_input.hpp"
#include "seawatch/analytics/live_picture.hpp"
#include "seawatch/station/pg.hpp"

namespace seawatch::app {
namespace {

struct AnalyzeOptions {
    std::vector<std::string> ais;
    std::string archive;
    std::string bbox;
    EngineOptionsCli engine;
    std::string from;
    std::string to;
    std::string format = "jsonl";
    std::string output;
    std::string workspace;
    AlertStationOptions station;
};

// With --archive: the window (both ends: an archive may hold years, and the analysis holds
// what it reads) and the box to read. Returns 0, or the usage exit code after saying why.
int archiveQueryFor(const AnalyzeOptions& opt, std::optional<time::UnixMillis> from,
                    std::optional<time::UnixMillis> to, std::optional<ais::ArchiveQuery>& out) {
    if (opt.ais.empty() && opt.archive.empty()) {
        std::fprintf(stderr,
                     "seawatch analyze: give the AIS to analyse: --ais LOG... and/or "
                     "--archive WORKSPACE\n");
        return kExitUsage;
    }
    if (opt.archive.empty()) {
        if (opt.bbox.empty()) return 0;
        std::fprintf(stderr,
                     "seawatch analyze: --bbox chooses what to read from --archive; "
                     "give --archive WORKSPACE too\n");
        return kExitUsage;
    }
    if (!from || !to) {
        std::fprintf(stderr,
                     "seawatch analyze: --archive needs --from and --to: the window of "
                     "the archive to analyse\n");
        return kExitUsage;
    }
    ais::ArchiveQuery q;
    q.from = from;
    q.to = to;
    q.withStatics = true;
    if (!opt.bbox.empty()) {
        auto box = parseBbox(opt.bbox, BboxUse::QueryAcrossAntimeridian);
        if (!box) {
            std::fprintf(stderr, "seawatch analyze: %s\n", box.error().c_str());
            return kExitUsage;
        }
        q.box = *box;
    }
    out = q;
    return 0;
}

// The archive's fixes and static data in the window. An archive that is not there is a
// failure, not an empty analysis: "no alerts" must never stand for "no data read".
Result<ais::ArchiveQueryResult> readArchive(const std::string& archive,
                                            const ais::ArchiveQuery& q) {
    auto archived = queryWorkspaceArchive(archive, q);
    if (!archived) {
        std::fprintf(stderr, "seawatch analyze: %s\n", archived.error().c_str());
        return archived;
    }
    if (!archived->archivePresent) {
        std::fprintf(stderr,
                     "seawatch analyze: %s holds no AIS archive (seawatch ais import LOG --db "
                     "%s); nothing to analyse\n",
                     archive.c_str(), archive.c_str());
        return makeError("no archive");
    }
    if (archived->fixes.empty())
        std::fprintf(stderr, "seawatch analyze: %s: no archived fixes in this window%s\n",
                     archive.c_str(), q.box ? " and box" : "");
    return archived;
}

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

    std::optional<ais::ArchiveQuery> archiveQuery;
    if (int usage = archiveQueryFor(opt, from, to, archiveQuery); usage != 0) return usage;

    analytics::EngineInputLoad load;
    if (!loadEngineInputsOrReport(opt.engine.toOptions(), "seawatch analyze", load))
        return kExitFailure;
    analytics::AisInput ais;
    if (!opt.ais.empty()) {
        auto files = analytics::loadAisFiles({opt.ais.begin(), opt.ais.end()});
        if (!files) {
            std::fprintf(stderr, "seawatch analyze: %s\n", files.error().c_str());
            return kExitFailure;
        }
        ais = std::move(*files);
    }
    std::size_t archivedFixes = 0;
    if (archiveQuery) {
        auto archived = readArchive(opt.archive, *archiveQuery);
        if (!archived) return kExitFailure;
        archivedFixes = archived->fixes.size();
        analytics::appendAisInput(ais, analytics::aisInputFromArchive(*archived));
    }
    for (const auto& r : ais.rejections)
        std::fprintf(stderr, "seawatch analyze: rejected %s\n", r.c_str());
    // The same live picture the console runs, given whole files instead of feeds.
    analytics::LivePictureOptions pictureOptions;
    pictureOptions.from = from;
    pictureOptions.to = to;
    analytics::LivePicture picture(std::move(load.inputs), pictureOptions);
    picture.load(ais);
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
    std::fprintf(
        stderr,
        "seawatch analyze: %zu events from %zu fixes (%zu skipped, %zu not from vessels, "
        "%llu untimed, %llu rejected lines of %llu%s)\n",
        events.size(), picture.engine().fixesUsed(), picture.engine().skippedFixes(),
        picture.engine().ignoredFixes(), static_cast<unsigned long long>(ais.untimedFixes),
        static_cast<unsigned long long>(ais.rejectedLines),
        static_cast<unsigned long long>(ais.lines),
        archiveQuery ? fmt::format("; {} fixes from the archive", archivedFixes).c_str() : "");
    return sharedExit;
}

}  // namespace

void registerAnalyzeCommand(CLI::App& app, int& exitCode) {
    auto opt = std::make_shared<AnalyzeOptions>();
    CLI::App* cmd = app.add_subcommand(
        "analyze", "Run maritime-security analytics over AIS logs and write the event log");
    cmd->add_option("--ais", opt->ais, "NMEA AIS log files");
    cmd->add_option("--archive", opt->archive,
                    "Also analyse the AIS archive of this workspace between --from and --to: "
                    "a GeoPackage file or a station's postgresql://… URI");
    cmd->add_option("--bbox", opt->bbox,
                    "With --archive: read only fixes in this box, W,S,E,N (degrees)");
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
