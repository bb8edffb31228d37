#include "seawatch/incidents/export.hpp"
#include "seawatch/common/text_quoting.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace seawatch::incidents {

namespace {

std::string occurredText(const Incident& r) {
    return r.dateOnly ? time::formatDate(r.occurredAt) : time::formatIso8601(r.occurredAt);
}

nlohmann::json properties(const Incident& r) {
    nlohmann::json p;
    p["id"] = r.id;
    p["source"] = sourceName(r.source);
    p["source_ref"] = r.sourceRef;
    p["occurred_at"] = occurredText(r);
    p["date_only"] = r.dateOnly;
    p["lat"] = r.lat;
    p["lon"] = r.lon;
    p["position_precision"] = positionPrecisionName(r.positionPrecision);
    p["category"] = categoryName(r.category);
    p["vessel_name"] = r.vesselName;
    p["vessel_type"] = r.vesselType;
    p["flag"] = r.flag;
    p["vessel_status"] = vesselStatusName(r.vesselStatus);
    p["aggressor"] = r.aggressor;
    p["narrative"] = r.narrative;
    p["navarea"] = r.navarea;
    p["subregion"] = r.subregion;
    p["source_note"] = r.sourceNote;
    return p;
}

std::string clip(std::string_view text, std::size_t width) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size() && chars < width; ++chars) {
        // Count UTF-8 code points, not bytes, so columns line up.
        std::size_t len = 1;
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        std::string_view cp = text.substr(i, len);
        out += (cp == "\n" || cp == "\r") ? std::string_view(" ") : cp;
        i += len;
    }
    if (chars < width) out.append(width - chars, ' ');
    return out;
}

}  // namespace

void writeTable(std::ostream& out, const std::vector<Incident>& rows) {
    out << clip("ID", 7) << ' ' << clip("DATE (UTC)", 20) << ' ' << clip("CATEGORY", 19) << ' '
        << clip("LAT", 8) << ' ' << clip("LON", 9) << ' ' << clip("VESSEL", 22) << ' '
        << clip("SOURCE", 16) << ' ' << "NARRATIVE\n";
    char lat[16], lon[16];
    for (const Incident& r : rows) {
        std::snprintf(lat, sizeof lat, "%8.4f", r.lat);
        std::snprintf(lon, sizeof lon, "%9.4f", r.lon);
        const std::string vessel = r.vesselName.empty() ? r.vesselType : r.vesselName;
        out << clip(std::to_string(r.id), 7) << ' ' << clip(time::formatDisplay(r.occurredAt), 20)
            << ' ' << clip(categoryName(r.category), 19) << ' ' << lat << ' ' << lon << ' '
            << clip(vessel, 22) << ' '
            << clip(std::string(sourceName(r.source)) + ":" + r.sourceRef, 16) << ' '
            << clip(r.narrative, 60) << '\n';
    }
    out << rows.size() << (rows.size() == 1 ? " incident\n" : " incidents\n");
}

void writeCsv(std::ostream& out, const std::vector<Incident>& rows) {
    out << "id,source,source_ref,occurred_at,date_only,lat,lon,position_precision,category,"
           "vessel_name,vessel_type,flag,vessel_status,aggressor,narrative,navarea,subregion,"
           "source_note\n";
    char number[32];
    for (const Incident& r : rows) {
        out << r.id << ',' << sourceName(r.source) << ',' << csvField(r.sourceRef) << ','
            << occurredText(r) << ',' << (r.dateOnly ? 1 : 0) << ',';
        std::snprintf(number, sizeof number, "%.6f", r.lat);
        out << number << ',';
        std::snprintf(number, sizeof number, "%.6f", r.lon);
        out << number << ',' << positionPrecisionName(r.positionPrecision) << ','
            << categoryName(r.category) << ',' << csvField(r.vesselName) << ','
            << csvField(r.vesselType) << ',' << csvField(r.flag) << ','
            << vesselStatusName(r.vesselStatus) << ',' << csvField(r.aggressor) << ','
            << csvField(r.narrative) << ',' << csvField(r.navarea) << ',' << csvField(r.subregion)
            << ',' << csvField(r.sourceNote) << '\n';
    }
}

void writeGeoJson(std::ostream& out, const std::vector<Incident>& rows) {
    // Streamed feature by feature so a large export never sits whole in memory.
    out << "{\"type\":\"FeatureCollection\",\"features\":[";
    bool first = true;
    for (const Incident& r : rows) {
        nlohmann::json feature;
        feature["type"] = "Feature";
        feature["geometry"] = {{"type", "Point"}, {"coordinates", {r.lon, r.lat}}};
        feature["properties"] = properties(r);
        // Stored text is UTF-8, but a workspace written by an older seawatch may not be:
        // replace what is not, so the document stays valid for every row.
        out << (first ? "\n" : ",\n")
            << feature.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        first = false;
    }
    out << "\n]}\n";
}

void writeJsonLines(std::ostream& out, const std::vector<Incident>& rows) {
    for (const Incident& r : rows)
        out << properties(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n';
}

}  // namespace seawatch::incidents
