// The NGA ASAM formats: the CSV export (streamed) and the JSON of the MSI API.
#include "import_run.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "seawatch/common/json_limits.hpp"
#include "seawatch/incidents/text_rules.hpp"

namespace seawatch::incidents::import_detail {

namespace {

// ---- NGA ASAM ------------------------------------------------------------------------

struct AsamFields {
    std::string reference, date, position, navArea, subreg, hostility, victim, description;
    std::optional<double> lat, lon;  // the MSI API gives decimal degrees as well
};

RowResult asamIncident(const AsamFields& f) {
    const std::string reference = trim(f.reference);
    if (reference.empty()) return reject("missing reference", "");
    auto when = parseReportTime(f.date);
    if (!when) return reject("bad date", f.date);
    Incident r;
    r.source = Source::Asam;
    r.sourceRef = reference;
    r.occurredAt = when->t;
    r.dateOnly = when->dateOnly;
    if (f.lat && f.lon) {
        r.lat = *f.lat;
        r.lon = *f.lon;
    } else {
        auto pos = parseDmsPosition(f.position);
        if (!pos) return reject("bad position", pos.error() + ": " + f.position);
        r.lat = pos->lat;
        r.lon = pos->lon;
    }
    if (!std::isfinite(r.lat) || !std::isfinite(r.lon) || std::abs(r.lat) > 90 ||
        std::abs(r.lon) > 180) {
        return reject("bad position", f.position);
    }
    r.positionPrecision = PositionPrecision::Exact;
    r.category = categoryFromReport(f.hostility, f.description);
    r.aggressor = trim(f.hostility);
    const std::string victim = trim(f.victim);
    r.vesselType = vesselTypeFromVictim(victim);
    r.vesselName = vesselNameFromVictim(victim);
    r.flag = flagFromText(victim);
    if (r.flag.empty()) r.flag = flagFromText(f.description);
    r.vesselStatus = vesselStatusFromText(f.description);
    r.narrative = trim(f.description);
    r.navarea = trim(f.navArea);
    r.subregion = trim(f.subreg);
    r.sourceNote = "NGA ASAM " + reference;
    return RowResult{std::move(r), {}, {}};
}

}  // namespace

Status importAsamCsv(ImportRun& run, CsvReader& reader) {
    std::vector<std::string> fields;
    if (!reader.next(fields)) return makeError(run.name() + ": empty file");
    auto found = findColumns(fields,
                             {"reference", "date", "position", "navArea", "subreg", "hostility",
                              "victim", "description"},
                             8, run.name());
    if (!found) return makeError(found.error());
    const auto& c = *found;  // all eight are there
    const std::size_t cRef = *c[0], cDate = *c[1], cPos = *c[2], cNav = *c[3], cSub = *c[4],
                      cHost = *c[5], cVictim = *c[6], cDesc = *c[7];
    // Every row has the header's columns: one more or fewer means a comma or quote slipped
    // and the values no longer line up with their names.
    const std::size_t columns = fields.size();
    const std::string prefix = run.name() + ":";
    while (reader.next(fields)) {
        const Where where{prefix, reader.recordLine()};
        RowResult row;
        if (fields.size() != columns) {
            row = reject("wrong field count", std::to_string(fields.size()) + " fields, " +
                                                  std::to_string(columns) + " expected");
        } else {
            run.makeTextUtf8(fields);
            AsamFields f{fields[cRef],  fields[cDate],   fields[cPos],  fields[cNav], fields[cSub],
                         fields[cHost], fields[cVictim], fields[cDesc], {},           {}};
            row = asamIncident(f);
        }
        if (auto s = run.handle(where, std::move(row)); !s) return s;
        run.progress(reader.offset());
    }
    return run.handleUnframedRest(reader, prefix);
}

namespace {

std::string jsonText(const nlohmann::json& record, const char* key) {
    auto it = record.find(key);
    if (it == record.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    return it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<double> jsonNumber(const nlohmann::json& record, const char* key) {
    auto it = record.find(key);
    if (it == record.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

}  // namespace

Status importAsamJson(ImportRun& run, std::string text) {
    text = stripTrailingCommas(text);
    // Nesting is bounded before a document is built: dump() and friends recurse.
    if (Status bounded = checkJsonLimits(text); !bounded)
        return makeError(run.name() + ": " + bounded.error());
    nlohmann::json root = nlohmann::json::parse(text, nullptr, false);
    if (root.is_discarded() && !isValidUtf8(text)) {
        // JSON must be UTF-8; a file saved as Windows-1252 is read as that, and counted.
        text = windows1252ToUtf8(text);
        root = nlohmann::json::parse(text, nullptr, false);
        if (!root.is_discarded()) run.countReencoded(1);
    }
    if (root.is_discarded()) return makeError(run.name() + ": not valid JSON");
    const nlohmann::json* records = nullptr;
    if (root.is_object() && root.contains("asam") && root["asam"].is_array()) {
        records = &root["asam"];
    } else if (root.is_array()) {
        records = &root;
    } else {
        return makeError(run.name() + ": no \"asam\" array");
    }
    std::size_t number = 0;
    const std::string prefix = run.name() + " record ";
    for (const nlohmann::json& record : *records) {
        ++number;
        const Where where{prefix, number};
        RowResult row;
        if (!record.is_object()) {
            row = reject("not an object",
                         record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                             .substr(0, 80));
        } else {
            AsamFields f{jsonText(record, "reference"),  jsonText(record, "date"),
                         jsonText(record, "position"),   jsonText(record, "navArea"),
                         jsonText(record, "subreg"),     jsonText(record, "hostility"),
                         jsonText(record, "victim"),     jsonText(record, "description"),
                         jsonNumber(record, "latitude"), jsonNumber(record, "longitude")};
            row = asamIncident(f);
        }
        if (auto s = run.handle(where, std::move(row)); !s) return s;
        run.progress(text.size() * number / std::max<std::size_t>(records->size(), 1));
    }
    return {};
}

}  // namespace seawatch::incidents::import_detail
