// seawatch incidents context REF: the archived vessels that came near an incident around its
// time, closest first. A thin shell over analytics::incidentContext() on one workspace that
// holds both the incidents and the AIS archive.
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli_parsing.hpp"
#include "commands.hpp"
#include "seawatch/analytics/archive_replay.hpp"
#include "seawatch/analytics/incident_context.hpp"
#include "seawatch/common/output_file.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/workspace/workspace.hpp"

namespace seawatch::app {
namespace {

struct ContextOptions {
    std::string ref;
    std::string db;
    double hours = 6.0;
    double radiusNm = 50.0;
    std::string format = "jsonl";
};

std::string jsonString(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string csvField(std::string_view s) {
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

void printVessels(const analytics::IncidentContext& context, bool csv) {
    if (csv) std::fputs("mmsi,name,closest_nm,time,lat,lon\n", stdout);
    for (const analytics::NearbyVessel& v : context.vessels) {
        const std::string when = time::formatIso8601(v.time);
        const std::string line =
            csv ? fmt::format("{},{},{:.2f},{},{:.6f},{:.6f}\n", v.mmsi, csvField(v.name),
                              v.closestNm, when, v.position.lat, v.position.lon)
                : fmt::format(
                      "{{\"mmsi\":{},\"name\":{},\"closest_nm\":{:.2f},\"time\":\"{}\","
                      "\"lat\":{:.6f},\"lon\":{:.6f}}}\n",
                      v.mmsi, v.name.empty() ? "null" : jsonString(v.name), v.closestNm, when,
                      v.position.lat, v.position.lon);
        std::fputs(line.c_str(), stdout);
    }
}

// The incident REF names, as a context query. Several incidents with one reference (two
// sources) are an ambiguous command line.
Result<analytics::ContextQuery> contextQueryFor(const incidents::IncidentStore& store,
                                                const ContextOptions& o, bool& ambiguous) {
    auto found = store.findByReference(o.ref);
    if (!found) return makeError(found.error());
    if (found->empty()) return makeError("no incident " + o.ref + " in " + o.db);
    if (found->size() > 1) {
        ambiguous = true;
        std::string ids;
        for (const incidents::Incident& i : *found) ids += " " + std::to_string(i.id);
        return makeError(
            fmt::format("{} names {} incidents (ids{}); give the id", o.ref, found->size(), ids));
    }
    const incidents::Incident& incident = found->front();
    // The console's "Replay around" builds its query with the same call.
    return analytics::contextQueryAt(
        {incident.lon, incident.lat}, incident.occurredAt, incident.dateOnly,
        static_cast<time::UnixMillis>(o.hours * time::kMillisPerHour), o.radiusNm);
}

int runContext(const ContextOptions& o) {
    constexpr const char* kName = "seawatch incidents context";
    auto ws = workspace::Workspace::open(o.db, workspace::Access::ReadOnly);
    if (!ws) {
        std::fprintf(stderr, "%s: %s\n", kName, ws.error().c_str());
        return kExitFailure;
    }
    auto store = incidents::IncidentStore::open(*ws);
    if (!store) {
        std::fprintf(stderr, "%s: %s\n", kName, store.error().c_str());
        return kExitFailure;
    }
    bool ambiguous = false;
    auto q = contextQueryFor(*store, o, ambiguous);
    if (!q) {
        std::fprintf(stderr, "%s: %s\n", kName, q.error().c_str());
        // An unknown reference is a valid question with an empty answer.
        return ambiguous ? kExitUsage : kExitOk;
    }
    auto context = analytics::incidentContext(*ws, *q);
    if (!context) {
        std::fprintf(stderr, "%s: %s\n", kName, context.error().c_str());
        return kExitFailure;
    }
    if (!context->archivePresent) {
        std::fprintf(stderr, "%s: %s holds no AIS archive (seawatch ais import LOG --db %s)\n",
                     kName, o.db.c_str(), o.db.c_str());
    } else if (context->vessels.empty()) {
        std::fprintf(stderr, "%s: no archived vessel within %.1f nm of %s within %.1f h\n", kName,
                     o.radiusNm, o.ref.c_str(), o.hours);
    }
    printVessels(*context, o.format == "csv");
    if (Status flushed = flushChecked(stdout, "standard output"); !flushed) {
        std::fprintf(stderr, "%s: %s\n", kName, flushed.error().c_str());
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace

void registerIncidentsContextCommand(CLI::App& incidents, int& exitCode) {
    auto opt = std::make_shared<ContextOptions>();
    auto* context = incidents.add_subcommand(
        "context", "Archived vessels near an incident around its time, closest first");
    context->add_option("ref", opt->ref, "The incident's source reference or id")->required();
    context->add_option("--db", opt->db, "Workspace with the incidents and the AIS archive")
        ->required();
    context->add_option("--hours", opt->hours, "Window either side of the incident's time")
        ->check(finiteRange(0.0, 24.0 * 30));
    context->add_option("--radius-nm", opt->radiusNm, "Search radius in nautical miles")
        ->check(finiteRange(0.0, 1000.0));
    context->add_option("--format", opt->format, "jsonl (default) or csv")
        ->check(CLI::IsMember({"jsonl", "csv"}));
    context->callback([opt, &exitCode] { exitCode = runContext(*opt); });
}

}  // namespace seawatch::app
