// seawatch log post|tail|sync: the coordination log of the shared station store.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli_parsing.hpp"
#include "commands.hpp"
#include "seawatch/station/alert_link.hpp"
#include "seawatch/station/coordination_log.hpp"
#include "seawatch/station/log_follower.hpp"
#include "seawatch/station/outbox.hpp"
#include "seawatch/station/schema.hpp"

namespace seawatch::app {

namespace {

using namespace seawatch::station;

struct LogOptions {
    std::string target;
    // post
    std::string text;
    std::string at;
    std::string releasableTo = "all";
    std::string ref;
    std::string queue;
    // tail
    bool follow = false;
    std::string since;
    std::size_t lines = 20;
    std::string format = "table";
};

// Set from SIGINT/SIGTERM so that --follow ends cleanly; a signal handler can only reach
// something static.
std::atomic<bool> gStopFollowing{false};

time::UnixMillis nowMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Result<LogEntry> buildEntry(const LogOptions& o) {
    LogEntry e;
    e.id = makeUuid();
    e.time = nowMillis();
    e.text = o.text;
    if (!o.at.empty()) {
        auto position = parseLatLon(o.at);
        if (!position) return makeError(position.error());
        e.lat = position->first;
        e.lon = position->second;
    }
    auto groups = parseReleasability(o.releasableTo);
    if (!groups) return makeError(groups.error());
    e.releasableTo = std::move(groups).value();
    e.ref = o.ref;
    if (auto ok = validateEntry(e); !ok) return makeError(ok.error());
    return e;
}

void printRefused(const char* command, const FlushReport& report) {
    for (const std::string& why : report.refused) {
        std::fprintf(stderr, "seawatch log %s: the server refused a queued entry: %s\n", command,
                     why.c_str());
    }
}

int runPost(const LogOptions& o) {
    auto entry = buildEntry(o);
    if (!entry) {
        std::fprintf(stderr, "seawatch log post: %s\n", entry.error().c_str());
        return kExitUsage;
    }
    if (auto ok = rejectPasswordInTarget(o.target); !ok) {
        std::fprintf(stderr, "seawatch log post: %s\n", ok.error().c_str());
        return kExitUsage;
    }
    // Connect first: a refused password or a missing schema is reported, not queued.
    PgFailure failure;
    auto conn = openStation(o.target, &failure);
    if (!conn && failure.kind != FailureKind::Unreachable) {
        std::fprintf(stderr, "seawatch log post: %s\n", conn.error().c_str());
        return kExitFailure;
    }
    // Saved locally before it is sent: if the server dies mid-commit, the entry is still
    // here and its resend is harmless (same id).
    auto outbox =
        Outbox::open(o.queue.empty() ? defaultOutboxPath() : std::filesystem::path(o.queue));
    if (!outbox) {
        std::fprintf(stderr, "seawatch log post: %s\n", outbox.error().c_str());
        return kExitFailure;
    }
    if (auto ok = outbox->add({o.target, *entry}); !ok) {
        std::fprintf(stderr, "seawatch log post: %s\n", ok.error().c_str());
        return kExitFailure;
    }
    FlushReport report;
    if (conn) {
        report = outbox->flush(*conn, o.target);
    } else {
        report.remaining = 1;
        report.unreachable = conn.error();
    }
    printRefused("post", report);
    auto stillQueued = outbox->pending(o.target);
    bool queued = false;
    if (stillQueued) {
        for (const LogEntry& e : *stillQueued) queued = queued || e.id == entry->id;
    }
    if (queued) {
        std::fprintf(stderr,
                     "seawatch log post: %s; the entry is queued in %s and will be sent by the "
                     "next post or `seawatch log sync`\n",
                     report.unreachable.c_str(), outbox->path().string().c_str());
        std::printf("queued %s\n", entry->id.c_str());
        return kExitQueued;
    }
    for (const std::string& why : report.refused) {
        if (why.starts_with(entry->id)) return kExitFailure;
    }
    std::printf("posted %s\n", entry->id.c_str());
    if (report.sent > 1) {
        std::fprintf(stderr, "seawatch log post: also sent %zu queued entries\n", report.sent - 1);
    }
    return kExitOk;
}

int runSync(const LogOptions& o) {
    auto outbox =
        Outbox::open(o.queue.empty() ? defaultOutboxPath() : std::filesystem::path(o.queue));
    if (!outbox) {
        std::fprintf(stderr, "seawatch log sync: %s\n", outbox.error().c_str());
        return kExitFailure;
    }
    const FlushReport report = outbox->flush(o.target);
    printRefused("sync", report);
    // Then the alerts and acknowledgements a console or `analyze` queued for the same station.
    const FlushReport alerts =
        report.remaining > 0 ? FlushReport{} : sendQueuedAlerts(*outbox, o.target);
    printRefused("sync", alerts);
    std::printf("sent %zu, still queued %zu\n", report.sent, report.remaining);
    if (alerts.sent > 0 || alerts.remaining > 0)
        std::printf("alerts and acknowledgements: sent %zu, still queued %zu\n", alerts.sent,
                    alerts.remaining);
    if (report.remaining > 0 || alerts.remaining > 0) {
        std::fprintf(stderr, "seawatch log sync: %s\n",
                     (report.remaining > 0 ? report.unreachable : alerts.unreachable).c_str());
        return kExitQueued;
    }
    return report.refused.empty() && alerts.refused.empty() ? kExitOk : kExitFailure;
}

void printEntries(const LogOptions& o, const std::vector<LogEntry>& entries) {
    for (const LogEntry& e : entries) {
        if (o.format == "jsonl") {
            writeLogJsonLine(std::cout, e);
        } else {
            writeLogTableRow(std::cout, e);
        }
    }
    // Each batch goes out as it arrives: a pipe reader sees entries within the second.
    std::cout.flush();
}

Result<std::optional<time::UnixMillis>> parseSince(const std::string& text) {
    if (text.empty()) return std::optional<time::UnixMillis>{};
    if (auto t = time::parseIso8601(text)) return std::optional<time::UnixMillis>{*t};
    if (auto ago = parseDuration(text)) return std::optional<time::UnixMillis>{nowMillis() - *ago};
    return makeError(
        "--since wants an ISO 8601 time (2009-11-15T12:00Z) or a duration ago "
        "(90s, 10m, 2h, 1d), got '" +
        text + "'");
}

int runTail(const LogOptions& o) {
    auto since = parseSince(o.since);
    if (!since) {
        std::fprintf(stderr, "seawatch log tail: %s\n", since.error().c_str());
        return kExitUsage;
    }
    if (o.format == "table") writeLogTableHeader(std::cout);
    if (!o.follow) {
        auto conn = openStation(o.target);
        if (!conn) {
            std::fprintf(stderr, "seawatch log tail: %s\n", conn.error().c_str());
            return kExitFailure;
        }
        LogCursor cursor;
        auto rows = cursor.start(*conn, *since, o.lines);
        if (!rows) {
            std::fprintf(stderr, "seawatch log tail: %s\n", rows.error().c_str());
            return kExitFailure;
        }
        printEntries(o, *rows);
        return std::cout ? kExitOk : kExitFailure;
    }
    // The first connection is made here so that a wrong password or host fails at once
    // instead of being retried; later outages are retried with back-off.
    {
        auto first = openStation(o.target);
        if (!first) {
            std::fprintf(stderr, "seawatch log tail: %s\n", first.error().c_str());
            return kExitFailure;
        }
    }
    std::signal(SIGINT, [](int) { gStopFollowing = true; });
    std::signal(SIGTERM, [](int) { gStopFollowing = true; });
    FollowOptions follow;
    follow.target = o.target;
    follow.since = *since;
    follow.lastN = o.lines;
    auto ok = followLog(
        follow, gStopFollowing,
        [&o](const std::vector<LogEntry>& entries) {
            printEntries(o, entries);
            return static_cast<bool>(std::cout);
        },
        [](const std::string& status) {
            std::fprintf(stderr, "seawatch log tail: %s\n", status.c_str());
        });
    if (!ok) {
        std::fprintf(stderr, "seawatch log tail: %s\n", ok.error().c_str());
        return kExitFailure;
    }
    return kExitOk;
}

void addTarget(CLI::App* command, LogOptions& options) {
    command
        ->add_option("--db", options.target,
                     "postgresql://… URI (or libpq words) of the shared store; passwords "
                     "come from ~/.pgpass, PGPASSFILE or a service file")
        ->required();
}

}  // namespace

void registerLogCommand(CLI::App& app, int& exitCode) {
    auto options = std::make_shared<LogOptions>();
    auto* log =
        app.add_subcommand("log", "Coordination log shared between stations (MERCURY-style)");
    log->require_subcommand(1, 1);

    auto* post = log->add_subcommand("post",
                                     "Post an entry; queued locally while the server is "
                                     "unreachable (exit code 4)");
    addTarget(post, *options);
    post->add_option("--text", options->text, "The entry's text")->required();
    post->add_option("--at", options->at, "Position LAT,LON in degrees");
    post->add_option("--releasable-to", options->releasableTo,
                     "'all' (default) or groups, comma separated");
    post->add_option("--ref", options->ref, "incident:REF, mmsi:NNNNNNNNN or alert:ID");
    post->add_option("--queue", options->queue,
                     "Outbox GeoPackage (default: " + defaultOutboxPath().string() + ")");
    post->callback([options, &exitCode] { exitCode = runPost(*options); });

    auto* tail = log->add_subcommand("tail", "Print the entries this station may read");
    addTarget(tail, *options);
    tail->add_flag("--follow,-f", options->follow,
                   "Keep printing new entries as they arrive (reconnects on its own)");
    tail->add_option("--since", options->since, "From this time (ISO 8601) or this long ago (10m)");
    tail->add_option("--lines,-n", options->lines,
                     "Without --since: how many recent entries to start with (0 = all)");
    tail->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"table", "jsonl"}));
    tail->callback([options, &exitCode] { exitCode = runTail(*options); });

    auto* sync = log->add_subcommand("sync", "Send the entries queued while the server was away");
    addTarget(sync, *options);
    sync->add_option("--queue", options->queue, "Outbox GeoPackage");
    sync->callback([options, &exitCode] { exitCode = runSync(*options); });
}

}  // namespace seawatch::app
