#include "seawatch/incidents/import.hpp"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "seawatch/common/gdal_init.hpp"
#include "seawatch/common/json_limits.hpp"
#include "seawatch/common/text_encoding.hpp"
#include "seawatch/incidents/csv_reader.hpp"
#include "seawatch/incidents/text_rules.hpp"

namespace seawatch::incidents {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFormatNames[] = {"asam-csv", "asam-json", "imb-csv", "geojson"};

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

std::string trim(std::string_view text) {
    std::size_t b = 0, e = text.size();
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    return std::string(text.substr(b, e - b));
}

Result<std::string> readWholeFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("cannot read " + path.string());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return makeError("error reading " + path.string());
    return buffer.str();
}

// Where a row came from, turned into text only when a row is rejected (the common path
// of an import builds no strings for it).
struct Where {
    std::string_view prefix;  // "file.csv:" or "file.json record "
    std::size_t number = 0;
    std::string text() const { return std::string(prefix) + std::to_string(number); }
};

// A row turned into an incident, or the reason it was rejected.
struct RowResult {
    std::optional<Incident> incident;
    std::string reason;
    std::string detail;
    bool reencoded = false;  // some text was Windows-1252
};

RowResult reject(std::string reason, std::string detail) {
    return RowResult{std::nullopt, std::move(reason), std::move(detail)};
}

// Shared bookkeeping of one import: counting, reporting, strict mode, progress.
class ImportRun {
  public:
    ImportRun(const IncidentSink& sink, std::string name, const ImportOptions& options,
              std::uint64_t totalBytes)
        : sink_(sink), name_(std::move(name)), options_(options), total_(totalBytes) {
        importedAt_ = static_cast<time::UnixMillis>(std::time(nullptr)) * time::kMillisPerSecond;
    }

    // Returns an error only when the import must stop (strict mode, database failure).
    Status handle(const Where& where, RowResult row) {
        ++summary_.read;
        if (row.reencoded) ++summary_.reencoded;
        if (!row.incident) return rejected(where.text(), row.reason, row.detail);
        row.incident->importedAt = importedAt_;
        const SinkResult outcome = sink_(*row.incident);
        if (!outcome.outcome) {
            // CHECK constraints and the like reject a row; a broken database stops all.
            if (outcome.rowRejected) return rejected(where.text(), "constraint violation", outcome.error);
            return makeError(where.text() + ": " + outcome.error);
        }
        switch (*outcome.outcome) {
            case UpsertOutcome::Inserted:
                ++summary_.inserted;
                break;
            case UpsertOutcome::Updated:
                ++summary_.updated;
                break;
            case UpsertOutcome::Duplicate:
                ++summary_.duplicate;
                break;
        }
        return {};
    }

    void progress(std::uint64_t done) {
        if (options_.progress && (summary_.read % 2048 == 0 || done >= total_)) {
            options_.progress(done, total_);
        }
    }

    // Text fields not valid UTF-8 are taken as Windows-1252; the row is counted once.
    void makeTextUtf8(std::vector<std::string>& fields) {
        bool any = false;
        for (std::string& f : fields) any = makeUtf8(f) || any;
        if (any) ++summary_.reencoded;
    }
    void countReencoded(std::int64_t n) { summary_.reencoded += n; }

    const std::string& name() const { return name_; }
    ImportSummary& summary() { return summary_; }

  private:
    Status rejected(const std::string& where, const std::string& reason,
                    const std::string& detail) {
        ++summary_.rejected;
        ++summary_.rejectedByReason[reason];
        RejectedRow row{where, reason, detail};
        if (options_.onRejected) options_.onRejected(row);
        if (summary_.rejections.size() < options_.maxReportedRejections) {
            summary_.rejections.push_back(row);
        }
        if (options_.strict) {
            return makeError(where + ": " + reason + (detail.empty() ? "" : " (" + detail + ")") +
                             "; strict mode: nothing imported");
        }
        return {};
    }

    const IncidentSink& sink_;
    std::string name_;
    const ImportOptions& options_;
    std::uint64_t total_;
    time::UnixMillis importedAt_ = 0;
    ImportSummary summary_;
};

struct ParsedTime {
    time::UnixMillis t = 0;
    bool dateOnly = false;
};

std::optional<ParsedTime> parseReportTime(std::string_view text) {
    const std::string t = trim(text);
    auto parsed = time::parseIso8601(t);
    if (!parsed) return std::nullopt;
    return ParsedTime{*parsed, time::isDateOnly(t)};
}

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

// A header field names the column `name` when they are equal trimmed and without regard to
// ASCII case. Compared in place: building a map of every column's lowered name cost 29 % of
// the ASAM CSV fuzz target's time (a fuzzed header may have thousands of columns).
bool namesColumn(std::string_view field, std::string_view name) {
    std::size_t b = 0, e = field.size();
    while (b < e && std::isspace(static_cast<unsigned char>(field[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(field[e - 1]))) --e;
    if (e - b != name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(field[b + i])) !=
            std::tolower(static_cast<unsigned char>(name[i])))
            return false;
    }
    return true;
}

// The position of each of `names` in `header` (the first column of that name), found once
// for the whole file; the first `required` names must be there.
Result<std::vector<std::optional<std::size_t>>> findColumns(
    const std::vector<std::string>& header, std::initializer_list<std::string_view> names,
    std::size_t required, const std::string& file) {
    std::vector<std::optional<std::size_t>> columns;
    columns.reserve(names.size());
    for (std::string_view name : names) {
        std::optional<std::size_t> at;
        for (std::size_t k = 0; k < header.size() && !at; ++k) {
            if (namesColumn(header[k], name)) at = k;
        }
        if (!at && columns.size() < required) {
            return makeError(file + ":1: header has no '" + std::string(name) + "' column");
        }
        columns.push_back(at);
    }
    return columns;
}

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
    if (!reader.error().empty()) {
        // The rest of the file cannot be framed into records: count it as one bad record.
        if (auto s = run.handle(Where{prefix, reader.recordLine()},
                                reject("malformed CSV", reader.error()));
            !s)
            return s;
    }
    return {};
}

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

// ---- IMB-derived CSV -------------------------------------------------------------------

std::string imbValue(const std::string& text) {
    std::string t = trim(text);
    return (t == "NA" || t == "N/A") ? std::string() : t;
}

enum class ImbColumn {
    Date,
    Time,
    Longitude,
    Latitude,
    AttackType,
    AttackDescription,
    LocationDescription,
    VesselName,
    VesselType,
    VesselStatus,
    DataSource
};

Status importImbCsv(ImportRun& run, CsvReader& reader) {
    std::vector<std::string> fields;
    if (!reader.next(fields)) return makeError(run.name() + ": empty file");
    // The first five are required; the order is ImbColumn's.
    auto found = findColumns(
        fields,
        {"date", "time", "longitude", "latitude", "attack_type", "attack_description",
         "location_description", "vessel_name", "vessel_type", "vessel_status", "data_source"},
        5, run.name());
    if (!found) return makeError(found.error());
    const auto get = [&](ImbColumn column) -> std::string {
        const std::optional<std::size_t>& at = (*found)[static_cast<std::size_t>(column)];
        return (at && *at < fields.size()) ? imbValue(fields[*at]) : std::string();
    };
    const std::size_t columns = fields.size();
    const std::string prefix = run.name() + ":";
    while (reader.next(fields)) {
        const Where where{prefix, reader.recordLine()};
        auto row = [&]() -> RowResult {
            if (fields.size() != columns) {
                return reject("wrong field count", std::to_string(fields.size()) + " fields, " +
                                                       std::to_string(columns) + " expected");
            }
            run.makeTextUtf8(fields);
            const std::string date = get(ImbColumn::Date), clock = get(ImbColumn::Time);
            if (date.empty()) return reject("missing date", "");
            const std::string stamp = clock.empty() ? date : date + "T" + clock;
            auto when = parseReportTime(stamp);
            if (!when) return reject("bad date", stamp);
            const std::string lonText = get(ImbColumn::Longitude),
                              latText = get(ImbColumn::Latitude);
            if (lonText.empty() || latText.empty()) return reject("missing position", "");
            char* end = nullptr;
            const double lon = std::strtod(lonText.c_str(), &end);
            const bool lonOk = end && *end == '\0';
            const double lat = std::strtod(latText.c_str(), &end);
            const bool latOk = end && *end == '\0';
            if (!lonOk || !latOk || !std::isfinite(lat) || !std::isfinite(lon) ||
                std::abs(lat) > 90 || std::abs(lon) > 180) {
                return reject("bad position", lonText + "," + latText);
            }
            Incident r;
            r.source = Source::Imb;
            // IMB-derived rows carry no reference: time and position identify them.
            char ref[96];
            std::snprintf(ref, sizeof ref, "%s %.4f,%.4f", stamp.c_str(), lat, lon);
            r.sourceRef = ref;
            r.occurredAt = when->t;
            r.dateOnly = when->dateOnly;
            r.lat = lat;
            r.lon = lon;
            r.positionPrecision = PositionPrecision::Exact;
            r.narrative = get(ImbColumn::AttackDescription);
            const std::string location = get(ImbColumn::LocationDescription);
            if (!location.empty()) {
                r.narrative +=
                    (r.narrative.empty() ? "" : " ") + std::string("(Location: ") + location + ")";
            }
            r.category = categoryFromImbAttackType(get(ImbColumn::AttackType), r.narrative);
            r.vesselName = get(ImbColumn::VesselName);
            r.vesselType = lower(get(ImbColumn::VesselType));
            const std::string status = get(ImbColumn::VesselStatus);
            r.vesselStatus = parseVesselStatus(status).value_or(vesselStatusFromText(status));
            const std::string dataSource = get(ImbColumn::DataSource);
            r.sourceNote = dataSource.empty() ? "IMB-derived CSV" : "IMB-derived: " + dataSource;
            return RowResult{std::move(r), {}, {}};
        }();
        if (auto s = run.handle(where, std::move(row)); !s) return s;
        run.progress(reader.offset());
    }
    if (!reader.error().empty()) {
        if (auto s = run.handle(Where{prefix, reader.recordLine()},
                                reject("malformed CSV", reader.error()));
            !s)
            return s;
    }
    return {};
}

// ---- GeoJSON through OGR ---------------------------------------------------------------

struct GdalDatasetCloser {
    void operator()(void* ds) const { GDALClose(ds); }
};
struct FeatureDestroyer {
    void operator()(void* f) const { OGR_F_Destroy(static_cast<OGRFeatureH>(f)); }
};

// Text as stored: UTF-8 always (a Latin-1 GeoJSON's bytes come through OGR unchanged).
std::string fieldText(OGRFeatureH feature, const char* name, bool* reencoded = nullptr) {
    const int index = OGR_F_GetFieldIndex(feature, name);
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(feature, index)) return {};
    std::string text = OGR_F_GetFieldAsString(feature, index);
    if (makeUtf8(text) && reencoded) *reencoded = true;
    return text;
}

RowResult geoJsonIncident(OGRFeatureH feature) {
    OGRGeometryH geometry = OGR_F_GetGeometryRef(feature);
    if (!geometry || wkbFlatten(OGR_G_GetGeometryType(geometry)) != wkbPoint ||
        OGR_G_IsEmpty(geometry)) {
        return reject("not a point", "");
    }
    Incident r;
    r.lon = OGR_G_GetX(geometry, 0);
    r.lat = OGR_G_GetY(geometry, 0);
    if (std::abs(r.lat) > 90 || std::abs(r.lon) > 180) {
        return reject("bad position", std::to_string(r.lon) + "," + std::to_string(r.lat));
    }
    const std::string source = fieldText(feature, "source");
    if (!source.empty()) {
        auto parsed = parseSource(source);
        if (!parsed) return reject("unknown source", source);
        r.source = *parsed;
    }
    r.sourceRef = trim(fieldText(feature, "source_ref"));
    if (r.sourceRef.empty()) return reject("missing source_ref", "");
    auto when = parseReportTime(fieldText(feature, "occurred_at"));
    if (!when) return reject("bad date", fieldText(feature, "occurred_at"));
    r.occurredAt = when->t;
    r.dateOnly = when->dateOnly;
    if (const std::string p = fieldText(feature, "position_precision"); !p.empty()) {
        auto parsed = parsePositionPrecision(p);
        if (!parsed) return reject("unknown position_precision", p);
        r.positionPrecision = *parsed;
    }
    if (const std::string c = fieldText(feature, "category"); !c.empty()) {
        auto parsed = parseCategory(c);
        if (!parsed) return reject("unknown category", c);
        r.category = *parsed;
    }
    if (const std::string s = fieldText(feature, "vessel_status"); !s.empty()) {
        auto parsed = parseVesselStatus(s);
        if (!parsed) return reject("unknown vessel_status", s);
        r.vesselStatus = *parsed;
    }
    bool reencoded = false;
    r.vesselName = fieldText(feature, "vessel_name", &reencoded);
    r.vesselType = fieldText(feature, "vessel_type", &reencoded);
    r.flag = fieldText(feature, "flag", &reencoded);
    r.aggressor = fieldText(feature, "aggressor", &reencoded);
    r.narrative = fieldText(feature, "narrative", &reencoded);
    r.navarea = fieldText(feature, "navarea", &reencoded);
    r.subregion = fieldText(feature, "subregion", &reencoded);
    r.sourceNote = fieldText(feature, "source_note", &reencoded);
    RowResult out{std::move(r), {}, {}};
    out.reencoded = reencoded;
    return out;
}

Status importGeoJson(ImportRun& run, std::string_view text) {
    initGdal();
    // OGR's GeoJSON reader builds a document too: bound its nesting first.
    if (Status bounded = checkJsonLimits(text); !bounded)
        return makeError(run.name() + ": " + bounded.error());
    // OGR reads the text where it is: no copy, and no second read of the file.
    const GdalMemoryFile memory(text, run.name());
    if (!memory.ok()) return makeError(run.name() + ": cannot hand the text to OGR");
    const char* drivers[] = {"GeoJSON", nullptr};
    // Dates stay text so date-only values keep their precision flag.
    const char* openOptions[] = {"DATE_AS_STRING=YES", nullptr};
    CPLPushErrorHandler(CPLQuietErrorHandler);
    std::unique_ptr<void, GdalDatasetCloser> ds(GDALOpenEx(
        memory.path().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, openOptions, nullptr));
    const std::string openError = CPLGetLastErrorMsg();
    CPLPopErrorHandler();
    if (!ds) return makeError(run.name() + ": not readable as GeoJSON: " + openError);
    if (GDALDatasetGetLayerCount(ds.get()) < 1) return makeError(run.name() + ": no layer");
    OGRLayerH layer = GDALDatasetGetLayer(ds.get(), 0);
    const GIntBig total = OGR_L_GetFeatureCount(layer, TRUE);
    OGR_L_ResetReading(layer);
    std::int64_t number = 0;
    const std::string prefix = run.name() + " feature ";
    while (true) {
        std::unique_ptr<void, FeatureDestroyer> feature(OGR_L_GetNextFeature(layer));
        if (!feature) break;
        ++number;
        const Where where{prefix, static_cast<std::size_t>(number)};
        if (auto s = run.handle(where, geoJsonIncident(feature.get())); !s) return s;
        if (total > 0) {
            run.progress(static_cast<std::uint64_t>(number) * text.size() /
                         static_cast<std::uint64_t>(total));
        }
    }
    return {};
}

}  // namespace

std::string_view importFormatName(ImportFormat f) {
    return kFormatNames[static_cast<std::size_t>(f)];
}

std::optional<ImportFormat> parseImportFormat(std::string_view text) {
    const std::string key = lower(text);
    for (std::size_t k = 0; k < std::size(kFormatNames); ++k) {
        if (key == kFormatNames[k]) return static_cast<ImportFormat>(k);
    }
    return std::nullopt;
}

namespace {

// The format from the first bytes of a file (and its name, for the message).
Result<ImportFormat> detectFormatOfHead(std::string_view h, const std::string& name) {
    if (h.substr(0, 3) == "\xEF\xBB\xBF") h.remove_prefix(3);
    while (!h.empty() && std::isspace(static_cast<unsigned char>(h.front()))) h.remove_prefix(1);
    if (!h.empty() && (h.front() == '{' || h.front() == '[')) {
        if (h.find("\"FeatureCollection\"") != std::string_view::npos ||
            h.find("\"Feature\"") != std::string_view::npos) {
            return ImportFormat::GeoJson;
        }
        if (h.find("\"asam\"") != std::string_view::npos ||
            h.find("\"reference\"") != std::string_view::npos) {
            return ImportFormat::AsamJson;
        }
        return makeError(name + ": JSON, but neither GeoJSON nor NGA MSI ASAM");
    }
    const std::string firstLine = lower(h.substr(0, h.find_first_of("\r\n")));
    if (firstLine.rfind("reference,date,position", 0) == 0) return ImportFormat::AsamCsv;
    if (firstLine.rfind("date,time,longitude,latitude", 0) == 0) return ImportFormat::ImbCsv;
    return makeError(name +
                     ": format not recognised (expected an ASAM CSV or JSON, IMB CSV or "
                     "GeoJSON); give --format");
}

constexpr std::size_t kDetectBytes = 8192;

}  // namespace

Result<ImportFormat> detectImportFormat(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("cannot read " + path.string());
    std::string head(kDetectBytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return detectFormatOfHead(head, path.string());
}

std::string stripTrailingCommas(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    bool inString = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char ch = json[i];
        if (inString) {
            out += ch;
            if (ch == '\\' && i + 1 < json.size()) {
                out += json[++i];
            } else if (ch == '"') {
                inString = false;
            }
            continue;
        }
        if (ch == '"') inString = true;
        if (ch == ',') {
            std::size_t j = i + 1;
            while (j < json.size() && std::isspace(static_cast<unsigned char>(json[j]))) ++j;
            if (j < json.size() && (json[j] == ']' || json[j] == '}')) continue;
        }
        out += ch;
    }
    return out;
}

namespace {

// What one import reads: CSV streams from `file`; JSON and GeoJSON need the whole `text`.
struct Input {
    ImportFormat format = ImportFormat::AsamCsv;
    std::string name;                   // the file's name, in row locations and messages
    std::FILE* file = nullptr;          // CSV
    std::string_view text;              // JSON, GeoJSON
    std::optional<std::uint64_t> size;  // bytes, when known (progress, CSV block size)
};

// Converts every row of `input` into `sink` (no transaction: the caller's). Files and text
// in memory both come here, so the fuzz targets run the importers' own code.
Result<ImportSummary> readInput(const IncidentSink& sink, const Input& input,
                                const ImportOptions& options) {
    const std::uint64_t size = input.size.value_or(0);
    ImportRun run(sink, input.name, options, size);
    // A block of at most 1 MiB, no larger than the file (plus the byte that shows its end):
    // a small file, such as each input a fuzzer tries, allocates and clears kilobytes.
    const std::size_t block = !input.size
                                  ? std::size_t{1} << 20
                                  : std::clamp<std::size_t>(static_cast<std::size_t>(size) + 1,
                                                            4096, std::size_t{1} << 20);
    Status status;
    switch (input.format) {
        case ImportFormat::AsamCsv: {
            CsvReader reader(input.file, block);
            status = importAsamCsv(run, reader);
            break;
        }
        case ImportFormat::AsamJson:
            status = importAsamJson(run, std::string(input.text));
            break;
        case ImportFormat::ImbCsv: {
            CsvReader reader(input.file, block);
            status = importImbCsv(run, reader);
            break;
        }
        case ImportFormat::GeoJson:
            status = importGeoJson(run, input.text);
            break;
    }
    if (!status) return makeError(status.error());
    if (options.progress) options.progress(size, size);
    return run.summary();
}

bool isCsv(ImportFormat format) {
    return format == ImportFormat::AsamCsv || format == ImportFormat::ImbCsv;
}

Result<ImportSummary> readRows(const IncidentSink& sink, const fs::path& path,
                               const ImportOptions& options) {
    Input input;
    if (options.format) {
        input.format = *options.format;
    } else {
        auto detected = detectImportFormat(path);
        if (!detected) return makeError(detected.error());
        input.format = *detected;
    }
    input.name = path.filename().string();
    // CSV streams (peak memory: a block and a record); JSON needs its document.
    std::string text;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
    std::error_code ec;
    if (!isCsv(input.format)) {
        if (fs::is_directory(path, ec)) return makeError("cannot read " + path.string());
        auto content = readWholeFile(path);
        if (!content) return makeError(content.error());
        text = std::move(content).value();
        input.text = text;
    } else if (!fs::is_regular_file(path, ec)) {
        return makeError("cannot read " + path.string());
    } else {
        file.reset(std::fopen(path.c_str(), "rb"));
        if (!file) return makeError("cannot read " + path.string() + ": " + std::strerror(errno));
        // The reader reads blocks of its own: stdio's buffer would only copy them twice.
        std::setvbuf(file.get(), nullptr, _IONBF, 0);
        input.file = file.get();
    }
    const auto size = fs::file_size(path, ec);
    if (!ec) input.size = size;
    return readInput(sink, input, options);
}

}  // namespace

Result<ImportSummary> readIncidentFile(const fs::path& path, const ImportOptions& options,
                                       const IncidentSink& sink) {
    return readRows(sink, path, options);
}

Result<ImportSummary> readIncidentText(std::string_view text, const std::string& name,
                                       const ImportOptions& options, const IncidentSink& sink) {
    Input input;
    input.name = name;
    input.size = text.size();
    if (options.format) {
        input.format = *options.format;
    } else {
        auto detected = detectFormatOfHead(text.substr(0, kDetectBytes), name);
        if (!detected) return makeError(detected.error());
        input.format = *detected;
    }
    if (!isCsv(input.format)) {
        input.text = text;
        return readInput(sink, input, options);
    }
    // CSV goes through the same streaming reader as a file, over a FILE* on the text.
    // fmemopen refuses an empty buffer: one byte of a NUL-terminated literal, 0 readable.
    static const char kEmpty[1] = {};
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
        ::fmemopen(const_cast<char*>(text.empty() ? kEmpty : text.data()),
                   text.empty() ? 1 : text.size(), "r"),
        &std::fclose);
    if (!file) return makeError("cannot read " + name + ": " + std::strerror(errno));
    // Buffered, unlike a file: unbuffered, glibc reads an fmemopen stream a byte at a time.
    if (text.empty()) std::fgetc(file.get());  // past the one byte: an empty stream
    input.file = file.get();
    return readInput(sink, input, options);
}

Result<ImportSummary> importFile(IncidentStore& store, const fs::path& path,
                                 const ImportOptions& options) {
    workspace::Transaction tx(store.workspace());
    if (!tx.active()) return makeError(tx.beginError());
    // The estimate only decides whether the load rebuilds the secondary indexes: a real
    // ASAM row is about 460 bytes, a synthetic one 215.
    std::error_code sizeError;
    const auto bytes = fs::file_size(path, sizeError);
    const auto expectedRows = sizeError ? 0 : static_cast<std::int64_t>(bytes / 256 + 1);
    if (auto s = store.beginBulkLoad(expectedRows); !s) return makeError(s.error());
    // Rolling back the transaction restores the triggers; the store must forget the load.
    struct BulkGuard {
        IncidentStore& store;
        ~BulkGuard() { store.cancelBulkLoad(); }
    } guard{store};
    const IncidentSink toStore = [&store](const Incident& incident) {
        SinkResult r;
        auto outcome = store.upsert(incident);
        if (outcome) {
            r.outcome = *outcome;
        } else {
            r.error = outcome.error();
            r.rowRejected = sqlite3_errcode(store.workspace().handle()) == SQLITE_CONSTRAINT;
        }
        return r;
    };
    auto summary = readRows(toStore, path, options);
    if (!summary) return summary;  // the transaction rolls back
    if (auto s = store.endBulkLoad(); !s) return makeError("indexing failed: " + s.error());
    if (auto s = tx.commit(); !s) return makeError("commit failed: " + s.error());
    return summary;
}

}  // namespace seawatch::incidents
