// seawatch ais decode / import / watch: thin shells over the AIS decoder, archive and feeds.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "alert_station.hpp"
#include "commands.hpp"
#include "engine_options.hpp"
#include "seawatch/ais/archive.hpp"
#include "seawatch/ais/decoder.hpp"
#include "seawatch/ais/feeds.hpp"
#include "seawatch/ais/gpsd_json.hpp"
#include "seawatch/ais/line_reader.hpp"
#include "seawatch/analytics/live_picture.hpp"
#include "seawatch/common/output_file.hpp"
#include "seawatch/common/text_buffer.hpp"

namespace seawatch::app {
namespace {

struct FileCloser {
    void operator()(std::FILE* f) const {
        if (f && f != stdin) std::fclose(f);
    }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

FilePtr openInput(const std::string& path) {
    if (path == "-") return FilePtr(stdin);
    return FilePtr(std::fopen(path.c_str(), "rb"));
}

void appendReadable(const ais::AisMessage& m, std::string& out) {
    const std::string when = m.meta.time != ais::kNoTime ? time::formatIso8601(m.meta.time) : "-";
    out += fmt::format("{:<24} type {:>2} mmsi {:>9}", when, m.type, m.mmsi);
    if (ais::hasPosition(m))
        out += fmt::format("  {:>10.5f} {:>11.5f}", ais::latitudeDeg(m), ais::longitudeDeg(m));
    if (const auto fix = ais::toPositionFix(m, 0)) {
        if (ais::isKnown(fix->speedKn)) out += fmt::format("  sog {:.1f}", fix->speedKn);
        if (ais::isKnown(fix->courseDeg)) out += fmt::format("  cog {:.1f}", fix->courseDeg);
        if (ais::isKnown(fix->headingDeg)) out += fmt::format("  hdg {:.0f}", fix->headingDeg);
    }
    if (const auto v = ais::toVesselStatic(m)) {
        if (!v->name.empty()) out += fmt::format("  \"{}\"", v->name);
        if (!v->callsign.empty()) out += fmt::format("  {}", v->callsign);
        if (v->shipType) out += fmt::format("  shiptype {}", v->shipType);
        if (!v->destination.empty()) out += fmt::format("  -> {}", v->destination);
    }
    out += '\n';
}

struct DecodeOptions {
    std::vector<std::string> inputs;
    bool json = false;
    bool quiet = false;
    bool split24 = false;
    bool anyTalker = false;
    std::string device = "stdin";
};

int runDecode(const DecodeOptions& opt) {
    const auto& inputs = opt.inputs;
    const bool json = opt.json;
    const bool quiet = opt.quiet;
    // In JSON mode we mirror gpsdecode: its talkers and channels, and type 24 only once its
    // parts A and B merged (unless --split24).
    ais::DecoderOptions decoderOptions;
    decoderOptions.gpsdCompatible = json && !opt.anyTalker;
    const bool onlyMerged24 = json && !opt.split24;
    ais::AisDecoder decoder(decoderOptions);
    // Output goes out in 1 MiB writes; JSON is written straight into the buffer.
    constexpr std::size_t kFlushAt = std::size_t{1} << 20;
    TextBuffer out(kFlushAt + (std::size_t{1} << 16));
    std::string readable;
    int exit = kExitOk;
    for (const std::string& path : inputs) {
        FilePtr file = openInput(path);
        if (!file) {
            std::fprintf(stderr, "seawatch ais decode: cannot read %s: %s\n", path.c_str(),
                         std::strerror(errno));
            exit = kExitFailure;
            continue;
        }
        // gpsdecode always names its input "stdin"; --device NAME ("{file}" for each path)
        // says where the data came from instead.
        const std::string device = opt.device == "{file}" ? path : opt.device;
        ais::LineReader reader(file.get());
        std::string_view line;
        std::uint64_t reportedErrors = 0;
        while (reader.next(line)) {
            const std::uint64_t badBefore = decoder.stats().malformed +
                                            decoder.stats().badChecksum +
                                            decoder.stats().implausibleTime;
            const ais::AisMessage* m = decoder.decodeLine(line);
            if (m && onlyMerged24 && m->type == 24 && m->part != ais::Type24Part::Both) m = nullptr;
            if (m) {
                if (json) {
                    ais::appendGpsdJson(*m, device, out);
                } else {
                    readable.clear();
                    appendReadable(*m, readable);
                    out.append(readable);
                }
                if (out.size() > kFlushAt) {
                    if (Status written = writeChecked(stdout, out.view(), "standard output");
                        !written) {
                        std::fprintf(stderr, "seawatch ais decode: %s\n", written.error().c_str());
                        return kExitFailure;
                    }
                    out.clear();
                }
            } else if (!quiet &&
                       decoder.stats().malformed + decoder.stats().badChecksum +
                               decoder.stats().implausibleTime !=
                           badBefore &&
                       reportedErrors < 20) {
                ++reportedErrors;
                std::fprintf(stderr, "%s:%zu: %.*s\n", path.c_str(), reader.lineNumber(),
                             static_cast<int>(decoder.lastError().size()),
                             decoder.lastError().data());
            }
        }
        if (reader.failed()) {
            std::fprintf(stderr, "seawatch ais decode: read error on %s\n", path.c_str());
            exit = kExitFailure;
        }
    }
    decoder.endOfInput();
    Status written = writeChecked(stdout, out.view(), "standard output");
    if (written) written = flushChecked(stdout, "standard output");
    if (!written) {
        std::fprintf(stderr, "seawatch ais decode: %s\n", written.error().c_str());
        return kExitFailure;
    }
    if (!quiet) std::fputs(ais::formatStats(decoder.stats()).c_str(), stderr);
    return exit;
}

struct ImportCliOptions {
    std::vector<std::string> inputs;
    std::string workspace;
    std::string start;          // --start: ISO 8601 time of the first line
    bool mtime = false;         // --mtime: the file's modification time is its last line's
    std::int64_t intervalMs = 1000;
};

// Lines in a file, counted as the importer counts them (LF, CRLF or CR).
std::uint64_t countLines(const std::string& path) {
    FilePtr file = openInput(path);
    if (!file) return 0;
    ais::LineReader reader(file.get());
    std::string_view line;
    while (reader.next(line)) {
    }
    return reader.lineNumber();
}

int runImport(const ImportCliOptions& opt) {
    const auto& inputs = opt.inputs;
    std::optional<time::UnixMillis> start;
    if (!opt.start.empty()) {
        start = time::parseIso8601(opt.start);
        if (!start) {
            std::fprintf(stderr, "seawatch ais import: --start '%s' is not an ISO 8601 time\n",
                         opt.start.c_str());
            return kExitUsage;
        }
    }
    auto archive = ais::AisArchive::open(opt.workspace);
    if (!archive) {
        std::fprintf(stderr, "seawatch ais import: %s\n", archive.error().c_str());
        return kExitFailure;
    }
    int exit = kExitOk;
    for (const std::string& path : inputs) {
        ais::ImportOptions importOptions;
        importOptions.untimedStart = start;
        importOptions.untimedIntervalMs = opt.intervalMs;
        if (opt.mtime) {
            std::error_code ec;
            const auto modified = std::filesystem::last_write_time(path, ec);
            if (ec) {
                std::fprintf(stderr, "seawatch ais import: %s: %s\n", path.c_str(),
                             ec.message().c_str());
                exit = kExitFailure;
                continue;
            }
            const auto sinceEpoch = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::file_clock::to_sys(modified).time_since_epoch());
            const auto lines = static_cast<time::UnixMillis>(countLines(path));
            importOptions.untimedStart =
                sinceEpoch.count() - std::max<time::UnixMillis>(lines - 1, 0) * opt.intervalMs;
        }
        auto report = archive->importFile(path, importOptions);
        if (!report) {
            std::fprintf(stderr, "seawatch ais import: %s\n", report.error().c_str());
            exit = kExitFailure;
            continue;
        }
        if (report->alreadyComplete) {
            std::printf("%s: already imported (%llu lines), nothing added\n", path.c_str(),
                        static_cast<unsigned long long>(report->linesSkipped));
            continue;
        }
        std::printf(
            "%s: %llu lines read%s, %llu positions and %llu static reports stored, "
            "%llu messages without a time skipped, %llu bad checksums, %llu malformed\n",
            path.c_str(), static_cast<unsigned long long>(report->linesRead),
            report->linesSkipped
                ? fmt::format(" (resumed after line {})", report->linesSkipped).c_str()
                : "",
            static_cast<unsigned long long>(report->fixesStored),
            static_cast<unsigned long long>(report->staticStored),
            static_cast<unsigned long long>(report->untimedMessages),
            static_cast<unsigned long long>(report->decode.badChecksum),
            static_cast<unsigned long long>(report->decode.malformed));
        if (report->untimedMessages > 0) {
            const bool nothing = report->fixesStored == 0;
            std::fprintf(
                stderr,
                "seawatch ais import: %s: %llu position reports %s no time: the log has no "
                "$PGHP lines, tag block c: times or receiver timestamps before them, so they "
                "were not stored. Give --start TIME --interval-ms N to date line N of the "
                "file at TIME + (N-1) x interval, or --mtime to end the log at the file's "
                "modification time.\n",
                path.c_str(), static_cast<unsigned long long>(report->untimedMessages),
                nothing ? "and every other one had" : "had");
            // A log that gave nothing at all is a failed import; a few untimed lines before
            // the first time line are a note.
            if (nothing) exit = kExitFailure;
        }
    }
    return exit;
}

std::atomic<bool> gInterrupted{false};
extern "C" void onInterrupt(int) {
    gInterrupted.store(true);
}

bool durationSecondsReached(double durationSeconds, double elapsed) {
    return durationSeconds > 0 && elapsed >= durationSeconds;
}

struct WatchOptions {
    std::vector<std::string> sources;
    double speed = 1.0;
    bool unpaced = false;
    double duration = 0.0;
    std::string events;  // write the alert log here at the end
    EngineOptionsCli engine;
    AlertStationOptions station;
};

// Moves everything delivered so far into the picture, a frame's worth of work at a time.
void pumpAll(analytics::LivePicture& picture) {
    while (picture.pump(std::chrono::milliseconds(50)).pending > 0 && !gInterrupted.load()) {
    }
}

void printStatus(const analytics::LivePicture& picture, double elapsed) {
    const ais::TrackStore& store = picture.tracks();
    const time::UnixMillis pictureTime = store.latestTime();
    std::fprintf(
        stderr,
        "%7.1f s  %s  %zu vessels  %zu fixes  %llu sentences  %.0f/s  %llu dropped by "
        "the kernel  %zu alerts\n",
        elapsed, pictureTime == ais::kNoTime ? "-" : time::formatDisplay(pictureTime).c_str(),
        store.vesselCount(), store.totalFixes(),
        static_cast<unsigned long long>(picture.feeds().sentences()), picture.feeds().messageRate(),
        static_cast<unsigned long long>(picture.feeds().kernelDrops()), picture.events().size());
}

void printVessels(const ais::TrackStore& store) {
    std::printf("%-9s  %-20s  %-24s  %10s  %11s  %5s  %5s  %6s\n", "MMSI", "NAME", "CLASS", "LAT",
                "LON", "SOG", "COG", "FIXES");
    for (std::size_t i = 0; i < store.vesselCount(); ++i) {
        const auto& info = store.staticData(i);
        const char* cls = ais::shipClassName(ais::classifyShipType(info.shipType));
        const auto st = store.stateAt(i, store.lastFixTime(i));
        if (!st) {
            std::printf("%9u  %-20s  %-24s  %10s  %11s  %5s  %5s  %6d\n", store.mmsiAt(i),
                        info.name.c_str(), cls, "-", "-", "-", "-", 0);
            continue;
        }
        std::printf("%9u  %-20s  %-24s  %10.5f  %11.5f  %5.1f  %5.1f  %6zu\n", store.mmsiAt(i),
                    info.name.c_str(), cls, st->lat, st->lon, static_cast<double>(st->speedKn),
                    static_cast<double>(st->courseDeg), store.fixCount(i));
    }
}

// Headless live picture: the console's LivePicture without the window. Runs the feeds, pumps
// them into the picture five times a second, prints the counts, then the vessels.
int runWatch(const WatchOptions& opt) {
    analytics::EngineInputOptions engineOptions = opt.engine.toOptions();
    if (opt.engine.zones.empty()) {
        // As the console: the bundled zones and land when none are named.
        const auto bundled = analytics::bundledEngineInputOptions();
        engineOptions.zoneFiles = bundled.zoneFiles;
        if (opt.engine.land.empty()) {
            engineOptions.land = bundled.land;
            engineOptions.landLayer = bundled.landLayer;
        }
    }
    analytics::EngineInputLoad load;
    if (!loadEngineInputsOrReport(engineOptions, "seawatch ais watch", load)) return kExitFailure;
    analytics::LivePicture picture(std::move(load.inputs));
    const AlertStationLink shared = shareAlertsOnStation(opt.station, picture, "ais watch");
    if (!shared.ok) return kExitFailure;
    int exit = kExitOk;
    for (const auto& source : opt.sources) {
        if (auto added = picture.addSource(source, opt.unpaced ? ais::kUnpaced : opt.speed);
            !added) {
            std::fprintf(stderr, "seawatch ais watch: %s\n", added.error().c_str());
            exit = kExitFailure;
        }
    }
    if (picture.feeds().feeds().empty()) return exit;
    for (const auto& f : picture.feeds().feeds()) {
        std::fprintf(stderr, "seawatch ais watch: %s\n", f->name().c_str());
        if (!f->warning().empty())
            std::fprintf(stderr, "seawatch ais watch: %s: %s\n", f->name().c_str(),
                         f->warning().c_str());
    }
    gInterrupted.store(false);
    const auto previous = std::signal(SIGINT, onInterrupt);
    const auto previousTerm = std::signal(SIGTERM, onInterrupt);
    const auto start = std::chrono::steady_clock::now();
    bool ranOut = false;
    while (!gInterrupted.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const bool allFinished = picture.feeds().allFinished();
        pumpAll(picture);
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        printStatus(picture, elapsed);
        if (durationSecondsReached(opt.duration, elapsed)) break;
        if (opt.duration <= 0 && allFinished) {
            ranOut = true;
            break;
        }
    }
    std::signal(SIGINT, previous);
    std::signal(SIGTERM, previousTerm);
    picture.feeds().stopAll();
    pumpAll(picture);
    // Every replay read to its end: the engine runs on to the end of the data, as analyze.
    if (ranOut) picture.finish();
    for (const auto& f : picture.feeds().feeds())
        if (!f->lastError().empty())
            std::fprintf(stderr, "%s: %s\n", f->name().c_str(), f->lastError().c_str());
    printVessels(picture.tracks());
    if (!opt.events.empty()) {
        std::ofstream out(opt.events, std::ios::binary);
        analytics::writeEvents(out, picture.events(), analytics::EventFormat::Jsonl);
        out.close();
        if (!out) {
            std::fprintf(stderr, "seawatch ais watch: %s: cannot write\n", opt.events.c_str());
            return kExitFailure;
        }
    }
    const int sharedExit = finishAlertSharing(shared, "ais watch", std::chrono::seconds(10));
    return exit != kExitOk ? exit : sharedExit;
}

}  // namespace

void registerAisCommand(CLI::App& app, int& exitCode) {
    auto* ais = app.add_subcommand("ais", "Decode and archive AIS (NMEA 0183 AIVDM/AIVDO)");
    ais->require_subcommand(1);
    registerAisQueryCommand(*ais, exitCode);

    auto decodeOpts = std::make_shared<DecodeOptions>();
    auto* decode =
        ais->add_subcommand("decode", "Decode AIS sentences; --json prints gpsd-style JSON");
    decode->add_option("inputs", decodeOpts->inputs, "Files to read ('-' or none: standard input)");
    decode->add_flag("--json,-j", decodeOpts->json, "One gpsd-compatible JSON object per message");
    decode->add_flag("--quiet,-q", decodeOpts->quiet, "No per-line errors or summary on stderr");
    decode->add_option(
        "--device", decodeOpts->device,
        "JSON \"device\" value (default stdin, as gpsdecode; {file}: the input path)");
    decode->add_flag("--split24", decodeOpts->split24,
                     "JSON: also print unmatched type 24 parts A and B (gpsdecode -s)");
    decode->add_flag("--any-talker", decodeOpts->anyTalker,
                     "JSON: accept any talker and channel, merge 24A/B across channels");
    decode->callback([decodeOpts, &exitCode] {
        if (decodeOpts->inputs.empty()) decodeOpts->inputs.emplace_back("-");
        exitCode = runDecode(*decodeOpts);
    });

    auto importOpts = std::make_shared<ImportCliOptions>();
    auto* import =
        ais->add_subcommand("import", "Store positions and static data in a workspace (SQLite)");
    import->add_option("files", importOpts->inputs, "AIS log files")->required();
    import->add_option("--db", importOpts->workspace, "Workspace file (created if missing)")
        ->required();
    auto* startOpt = import->add_option(
        "--start", importOpts->start,
        "For logs without times: the UTC time of line 1 (ISO 8601); line N is dated "
        "start + (N-1) x --interval-ms");
    auto* mtimeOpt = import->add_flag(
        "--mtime", importOpts->mtime,
        "For logs without times: the file's modification time is its last line's time");
    startOpt->excludes(mtimeOpt);
    import->add_option("--interval-ms", importOpts->intervalMs,
                       "With --start or --mtime: milliseconds between lines (default 1000)")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{24} * 3600 * 1000));
    auto watchOpts = std::make_shared<WatchOptions>();
    auto* watch = ais->add_subcommand(
        "watch",
        "Run AIS feeds headless (FILE replay, udp://HOST:PORT, tcp://HOST:PORT) and list vessels");
    watch->add_option("sources", watchOpts->sources, "Sources")->required();
    watch->add_option("--speed", watchOpts->speed, "Replay speed, 1 to 3600")
        ->check(CLI::Range(1.0, 3600.0));
    watch->add_flag("--unpaced", watchOpts->unpaced,
                    "Replay files as fast as they decode instead of at recorded time");
    watch->add_option("--duration", watchOpts->duration,
                      "Seconds to run (default: until every replay has finished)");
    addAlertStationOptions(watch, watchOpts->station);
    watch->add_option("--events", watchOpts->events,
                      "Write the alerts the live picture raised here (JSON Lines)");
    addEngineOptions(watch, watchOpts->engine, /*zonesRequired=*/false);
    watch->callback([watchOpts, &exitCode] { exitCode = runWatch(*watchOpts); });

    import->callback([importOpts, &exitCode] { exitCode = runImport(*importOpts); });
}

}  // namespace seawatch::app
