// seawatch ais query: the archive `ais import` wrote, by box, time window and MMSI, as JSON
// Lines, CSV or GeoJSON (a LineString per vessel). A thin shell over ais::queryArchive().
// Bad input (issue 12): a valid query with nothing to show (unknown MMSI, empty window, no
// archive in the workspace) says why on stderr and exits 0; an invalid one (a time without
// its zone, --from after --to, a malformed box) exits 2.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "archive_source.hpp"
#include "cli_parsing.hpp"
#include "commands.hpp"
#include "seawatch/ais/archive_query.hpp"
#include "seawatch/common/output_file.hpp"
#include "seawatch/common/text_quoting.hpp"

namespace seawatch::app {
namespace {

struct QueryOptions {
    std::string workspace;
    std::string bbox;
    std::string from;
    std::string to;
    std::vector<std::uint32_t> mmsi;
    std::string format = "jsonl";
};

// Unknown values print as JSON null / an empty CSV cell.
std::string number(float v, bool json) {
    if (std::isnan(v)) return json ? "null" : "";
    return fmt::format("{:.1f}", v);
}

// A time needs its zone ("Z" or "+HH:MM"): a bare local-looking time is refused rather than
// guessed. A date alone is a UTC day; as --to it runs to the end of that day.
bool parseTime(const std::string& text, bool endOfDay, time::UnixMillis& out, std::string& why) {
    const auto t = time::parseIso8601(text);
    if (!t) {
        why = "not an ISO 8601 time";
        return false;
    }
    if (time::isDateOnly(text)) {
        out = *t + (endOfDay ? time::kMillisPerDay - 1 : 0);
        return true;
    }
    const bool zoned =
        text.back() == 'Z' || text.back() == 'z' ||
        (text.size() > 6 && (text[text.size() - 6] == '+' || text[text.size() - 6] == '-') &&
         text[text.size() - 3] == ':');
    if (!zoned) {
        why = "a time needs its zone, e.g. 2009-11-15T12:00:00Z or +03:00";
        return false;
    }
    out = *t;
    return true;
}

void printJsonl(const ais::ArchiveQueryResult& r) {
    std::string out;
    for (const auto& f : r.fixes) {
        out += fmt::format(
            "{{\"mmsi\":{},\"time\":\"{}\",\"lat\":{:.6f},\"lon\":{:.6f},\"sog\":{},\"cog\":{},"
            "\"heading\":{}",
            f.mmsi, time::formatIso8601(f.time), f.lat, f.lon, number(f.speedKn, true),
            number(f.courseDeg, true), number(f.headingDeg, true));
        if (const std::string* name = r.nameOf(f.mmsi)) out += ",\"name\":" + jsonQuoted(*name);
        out += "}\n";
        if (out.size() > (1 << 16)) {
            std::fwrite(out.data(), 1, out.size(), stdout);
            out.clear();
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
}

void printCsv(const ais::ArchiveQueryResult& r) {
    std::string out = "mmsi,time,lat,lon,sog,cog,heading,name\n";
    for (const auto& f : r.fixes) {
        const std::string* name = r.nameOf(f.mmsi);
        out += fmt::format("{},{},{:.6f},{:.6f},{},{},{},{}\n", f.mmsi, time::formatIso8601(f.time),
                           f.lat, f.lon, number(f.speedKn, false), number(f.courseDeg, false),
                           number(f.headingDeg, false), name ? csvField(*name) : "");
        if (out.size() > (1 << 16)) {
            std::fwrite(out.data(), 1, out.size(), stdout);
            out.clear();
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
}

// One feature per vessel, its fixes in time order: a LineString, or a Point when the
// vessel has a single fix (a LineString needs two positions).
void printGeoJson(const ais::ArchiveQueryResult& r) {
    std::string out = "{\"type\":\"FeatureCollection\",\"features\":[";
    bool firstFeature = true;
    for (std::size_t i = 0; i < r.fixes.size();) {
        std::size_t j = i;
        while (j < r.fixes.size() && r.fixes[j].mmsi == r.fixes[i].mmsi) ++j;
        const auto& first = r.fixes[i];
        out += firstFeature ? "\n" : ",\n";
        firstFeature = false;
        out += fmt::format("{{\"type\":\"Feature\",\"properties\":{{\"mmsi\":{}", first.mmsi);
        if (const std::string* name = r.nameOf(first.mmsi)) out += ",\"name\":" + jsonQuoted(*name);
        out += fmt::format(",\"from\":\"{}\",\"to\":\"{}\",\"fixes\":{}}},\"geometry\":",
                           time::formatIso8601(first.time),
                           time::formatIso8601(r.fixes[j - 1].time), j - i);
        if (j - i == 1) {
            out += fmt::format("{{\"type\":\"Point\",\"coordinates\":[{:.6f},{:.6f}]}}}}",
                               first.lon, first.lat);
        } else {
            out += "{\"type\":\"LineString\",\"coordinates\":[";
            for (std::size_t k = i; k < j; ++k)
                out += fmt::format("{}[{:.6f},{:.6f}]", k == i ? "" : ",", r.fixes[k].lon,
                                   r.fixes[k].lat);
            out += "]}}";
        }
        i = j;
    }
    out += "\n]}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
}

int runQuery(const QueryOptions& opt) {
    ais::ArchiveQuery q;
    if (!opt.bbox.empty()) {
        auto box = parseBbox(opt.bbox, BboxUse::QueryAcrossAntimeridian);
        if (!box) {
            std::fprintf(stderr, "seawatch ais query: %s\n", box.error().c_str());
            return kExitUsage;
        }
        q.box = *box;
    }
    std::string why;
    time::UnixMillis t = 0;
    if (!opt.from.empty()) {
        if (!parseTime(opt.from, false, t, why)) {
            std::fprintf(stderr, "seawatch ais query: --from %s: %s\n", opt.from.c_str(),
                         why.c_str());
            return kExitUsage;
        }
        q.from = t;
    }
    if (!opt.to.empty()) {
        if (!parseTime(opt.to, true, t, why)) {
            std::fprintf(stderr, "seawatch ais query: --to %s: %s\n", opt.to.c_str(), why.c_str());
            return kExitUsage;
        }
        q.to = t;
    }
    if (q.from && q.to && *q.from > *q.to) {
        std::fprintf(stderr, "seawatch ais query: --from is after --to\n");
        return kExitUsage;
    }
    for (const auto m : opt.mmsi) {
        if (m == 0 || m > 999999999U) {
            std::fprintf(stderr, "seawatch ais query: --mmsi %u: not an MMSI (1-999999999)\n", m);
            return kExitUsage;
        }
        q.mmsi.push_back(m);
    }
    auto result = queryWorkspaceArchive(opt.workspace, q);
    if (!result) {
        std::fprintf(stderr, "seawatch ais query: %s\n", result.error().c_str());
        return kExitFailure;
    }
    if (!result->archivePresent) {
        std::fprintf(stderr,
                     "seawatch ais query: %s holds no AIS archive (seawatch ais import LOG --db "
                     "%s); nothing to list\n",
                     opt.workspace.c_str(), opt.workspace.c_str());
    }
    if (result->archivePresent && result->fixes.empty())
        std::fprintf(stderr, "seawatch ais query: no fixes match\n");
    for (const auto m : q.mmsi) {
        const bool found = std::any_of(result->fixes.begin(), result->fixes.end(),
                                       [m](const auto& f) { return f.mmsi == m; });
        if (!found && result->archivePresent)
            std::fprintf(stderr, "seawatch ais query: mmsi %u: no fixes in this box and window\n",
                         m);
    }
    if (opt.format == "csv") {
        printCsv(*result);
    } else if (opt.format == "geojson") {
        printGeoJson(*result);
    } else {
        printJsonl(*result);
    }
    if (Status flushed = flushChecked(stdout, "standard output"); !flushed) {
        std::fprintf(stderr, "seawatch ais query: %s\n", flushed.error().c_str());
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace

void registerAisQueryCommand(CLI::App& ais, int& exitCode) {
    auto opt = std::make_shared<QueryOptions>();
    auto* query = ais.add_subcommand(
        "query", "Fixes from a workspace's AIS archive by box, time window and MMSI");
    query
        ->add_option("--db", opt->workspace,
                     "Workspace file written by `ais import`, or a station's postgresql:// URI")
        ->required();
    query->add_option("--bbox", opt->bbox,
                      "W,S,E,N in degrees, inclusive (W > E crosses the antimeridian)");
    query->add_option("--from", opt->from, "ISO 8601 with zone, inclusive (a date: 00:00Z)");
    query->add_option("--to", opt->to, "ISO 8601 with zone, inclusive (a date: to its end)");
    query->add_option("--mmsi", opt->mmsi, "Only these vessels (repeatable)");
    query->add_option("--format", opt->format, "jsonl (default), csv or geojson")
        ->check(CLI::IsMember({"jsonl", "csv", "geojson"}));
    query->callback([opt, &exitCode] { exitCode = runQuery(*opt); });
}

}  // namespace seawatch::app
