// seawatch incidents import|query|stats: a thin shell over the incidents core.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli_parsing.hpp"
#include "commands.hpp"
#include "incidents_station.hpp"
#include "seawatch/common/output_file.hpp"
#include "seawatch/station/pg.hpp"
#include "seawatch/incidents/export.hpp"
#include "seawatch/incidents/import.hpp"
#include "seawatch/incidents/store.hpp"

namespace seawatch::app {

namespace {

namespace fs = std::filesystem;
using namespace seawatch::incidents;

struct IncidentsOptions {
    std::string db;
    // import
    std::vector<std::string> files;
    std::string format;
    bool strict = false;
    // query
    std::string bbox;
    std::string from;
    std::string to;
    std::vector<std::string> categories;
    std::string text;
    std::string output = "table";
    std::size_t limit = 0;
    // stats
    std::string by = "category";
};

// Opens the workspace and its incidents layer. Query and stats open it read-only: they never
// create, migrate or lock a file, and they read on while an import writes.
struct OpenStore {
    std::unique_ptr<workspace::Workspace> ws;
    std::unique_ptr<IncidentStore> store;
};

Result<OpenStore> openStore(const std::string& db, bool create) {
    std::error_code ec;
    if (!create && !fs::exists(db, ec)) return makeError("no workspace at " + db);
    auto ws = workspace::Workspace::open(
        db, create ? workspace::Access::ReadWrite : workspace::Access::ReadOnly);
    if (!ws) return makeError(ws.error());
    OpenStore out;
    out.ws = std::make_unique<workspace::Workspace>(std::move(ws).value());
    auto store = IncidentStore::open(*out.ws);
    if (!store) return makeError(store.error());
    out.store = std::make_unique<IncidentStore>(std::move(store).value());
    return out;
}

Result<std::vector<Incident>> queryWorkspace(const std::string& db, const IncidentQuery& q) {
    auto opened = openStore(db, false);
    if (!opened) return makeError(opened.error());
    return opened->store->queryRecords(q);
}

void drawProgress(const std::string& name, std::uint64_t done, std::uint64_t total) {
    if (total == 0) return;
    constexpr int kWidth = 30;
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    const int filled = static_cast<int>(fraction * kWidth);
    std::fprintf(stderr, "\r%s [%s%s] %3d%%", name.c_str(), std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), static_cast<int>(fraction * 100));
    if (done >= total) std::fputc('\n', stderr);
    std::fflush(stderr);
}

int runImport(const IncidentsOptions& o) {
    if (station::isPostgresTarget(o.db)) {
        ImportOptions options;
        options.strict = o.strict;
        if (!o.format.empty()) options.format = parseImportFormat(o.format);
        options.onRejected = [](const RejectedRow& row) {
            std::fprintf(stderr, "%s: rejected: %s%s%s\n", row.where.c_str(), row.reason.c_str(),
                         row.detail.empty() ? "" : ": ", row.detail.c_str());
        };
        return importIncidentsIntoStation(o.db, o.files, options);
    }
    auto opened = openStore(o.db, true);
    if (!opened) {
        std::fprintf(stderr, "seawatch incidents import: %s\n", opened.error().c_str());
        return kExitFailure;
    }
    int exitCode = kExitOk;
    for (const std::string& file : o.files) {
        ImportOptions options;
        options.strict = o.strict;
        if (!o.format.empty()) options.format = parseImportFormat(o.format);
        options.onRejected = [](const RejectedRow& row) {
            std::fprintf(stderr, "%s: rejected: %s%s%s\n", row.where.c_str(), row.reason.c_str(),
                         row.detail.empty() ? "" : ": ", row.detail.c_str());
        };
        std::error_code ec;
        const auto size = fs::file_size(file, ec);
        // A bar only helps on a terminal and for files that take a moment.
        if (isatty(STDERR_FILENO) && !ec && size > 1'000'000) {
            const std::string name = fs::path(file).filename().string();
            options.progress = [name](std::uint64_t done, std::uint64_t total) {
                drawProgress(name, done, total);
            };
        }
        auto summary = importFile(*opened->store, file, options);
        if (!summary) {
            std::fprintf(stderr, "seawatch incidents import: %s\n", summary.error().c_str());
            exitCode = kExitFailure;
            continue;
        }
        printImportSummary(file, *summary);
    }
    return exitCode;
}

Result<IncidentQuery> buildQuery(const IncidentsOptions& o) {
    IncidentQuery q;
    if (!o.bbox.empty()) {
        auto box = parseBbox(o.bbox, BboxUse::Query);
        if (!box) return makeError(box.error());
        q.bbox = *box;
    }
    if (!o.from.empty()) {
        auto t = time::parseIso8601(o.from);
        if (!t) return makeError("--from: not a date: " + o.from);
        q.from = *t;
    }
    if (!o.to.empty()) {
        auto t = time::parseIso8601(o.to);
        if (!t) return makeError("--to: not a date: " + o.to);
        // A date alone means the whole of that day.
        q.to = time::isDateOnly(o.to) ? *t + time::kMillisPerDay : *t;
    }
    for (const std::string& list : o.categories) {
        std::stringstream parts(list);
        std::string name;
        while (std::getline(parts, name, ',')) {
            if (name.empty()) continue;
            auto c = parseCategory(name);
            if (!c) {
                std::string known;
                for (const auto& info : categoryTaxonomy()) {
                    known += (known.empty() ? "" : ", ") + std::string(info.name);
                }
                return makeError("--category: unknown '" + name + "' (one of " + known + ")");
            }
            q.categories.push_back(*c);
        }
    }
    q.text = o.text;
    q.limit = o.limit;
    return q;
}

int runQuery(const IncidentsOptions& o) {
    auto q = buildQuery(o);
    if (!q) {
        std::fprintf(stderr, "seawatch incidents query: %s\n", q.error().c_str());
        return kExitUsage;
    }
    auto rows = station::isPostgresTarget(o.db) ? queryStationIncidents(o.db, *q)
                                                : queryWorkspace(o.db, *q);
    if (!rows) {
        std::fprintf(stderr, "seawatch incidents query: %s\n", rows.error().c_str());
        return kExitFailure;
    }
    if (o.output == "csv") {
        writeCsv(std::cout, *rows);
    } else if (o.output == "geojson") {
        writeGeoJson(std::cout, *rows);
    } else if (o.output == "jsonl") {
        writeJsonLines(std::cout, *rows);
    } else {
        writeTable(std::cout, *rows);
    }
    std::cout.flush();
    if (!std::cout) {
        std::fprintf(stderr, "seawatch incidents query: cannot write standard output: %s\n",
                     std::strerror(errno));
        return kExitFailure;
    }
    return kExitOk;
}

// The count and the groups of the GeoPackage store, or of a station (counted there).
Result<IncidentCounts> incidentCounts(const std::string& db, StatsKey key) {
    if (station::isPostgresTarget(db)) return stationIncidentStats(db, key);
    auto opened = openStore(db, false);
    if (!opened) return makeError(opened.error());
    auto total = opened->store->count();
    if (!total) return makeError(total.error());
    auto groups = opened->store->stats(key);
    if (!groups) return makeError(groups.error());
    return IncidentCounts{*total, std::move(groups).value()};
}

int runStats(const IncidentsOptions& o) {
    const StatsKey key = o.by == "year"        ? StatsKey::Year
                         : o.by == "subregion" ? StatsKey::Subregion
                                               : StatsKey::Category;
    auto counts = incidentCounts(o.db, key);
    if (!counts) {
        std::fprintf(stderr, "seawatch incidents stats: %s\n", counts.error().c_str());
        return kExitFailure;
    }
    const auto total = counts->total;
    const auto& groups = counts->groups;
    std::printf("incidents: %lld\n", static_cast<long long>(total));
    std::printf("by %s:\n", o.by.c_str());
    for (const auto& [label, count] : groups) {
        std::printf("  %-24s %8lld\n", label.c_str(), static_cast<long long>(count));
    }
    if (Status flushed = flushChecked(stdout, "standard output"); !flushed) {
        std::fprintf(stderr, "seawatch incidents stats: %s\n", flushed.error().c_str());
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace

void registerIncidentsCommand(CLI::App& app, int& exitCode) {
    auto options = std::make_shared<IncidentsOptions>();
    auto* incidents =
        app.add_subcommand("incidents", "Import, query and count piracy and security incidents");
    incidents->require_subcommand(1, 1);

    auto* importCommand = incidents->add_subcommand(
        "import", "Import NGA ASAM (CSV or MSI JSON), IMB-derived CSV or GeoJSON incidents");
    importCommand->add_option("files", options->files, "Files to import (one transaction each)")
        ->required()
        ->check(CLI::ExistingFile);
    importCommand
        ->add_option("--db", options->db,
                     "Workspace GeoPackage (created when absent) or postgresql:// station")
        ->required();
    importCommand->add_option("--format", options->format, "Input format; detected when omitted")
        ->check(CLI::IsMember({"asam-csv", "asam-json", "imb-csv", "geojson"}));
    importCommand->add_flag("--strict", options->strict,
                            "Abort and roll back the file on the first bad row");
    importCommand->callback([options, &exitCode] { exitCode = runImport(*options); });

    auto* query = incidents->add_subcommand("query", "List incidents matching filters");
    query->add_option("--db", options->db, "Workspace GeoPackage or postgresql:// station")
        ->required();
    query->add_option("--bbox", options->bbox, "W,S,E,N in degrees");
    query->add_option("--from", options->from, "Start date/time (UTC, inclusive)");
    query->add_option("--to", options->to, "End date/time (UTC; a date includes that day)");
    query->add_option("--category", options->categories, "Categories, comma separated")
        ->delimiter(',');
    query->add_option("--text", options->text,
                      "Words that must all appear (narrative, vessel, aggressor)");
    query->add_option("--format", options->output, "Output format")
        ->check(CLI::IsMember({"table", "csv", "geojson", "jsonl"}));
    query->add_option("--limit", options->limit, "At most this many rows (0 = all)")
        ->check(CLI::NonNegativeNumber);
    query->callback([options, &exitCode] { exitCode = runQuery(*options); });

    auto* stats = incidents->add_subcommand("stats", "Count incidents");
    stats->add_option("--db", options->db, "Workspace GeoPackage or postgresql:// station")
        ->required();
    stats->add_option("--by", options->by, "Group by")
        ->check(CLI::IsMember({"year", "category", "subregion"}));
    stats->callback([options, &exitCode] { exitCode = runStats(*options); });

    registerIncidentsContextCommand(*incidents, exitCode);
}

}  // namespace seawatch::app
