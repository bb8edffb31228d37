// The IMB-derived CSV: one column per field of an IMB Piracy Reporting Centre report.
#include "import_run.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "seawatch/incidents/text_rules.hpp"

namespace seawatch::incidents::import_detail {

namespace {

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

}  // namespace

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
    return run.handleUnframedRest(reader, prefix);
}

}  // namespace seawatch::incidents::import_detail
