// Scenario -> JSON, the inverse of scenario_parse.cpp: the console saves annotation edits
// through here, so every field the parser reads is written back.
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "seawatch/scenario/scenario_json.hpp"

namespace seawatch::scenario {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json position(geo::LonLat p) {
    return ordered_json::array({p.lon, p.lat});
}

ordered_json view(const View& v) {
    if (v.kind == View::Kind::Box) {
        return ordered_json::array({v.box.west, v.box.south, v.box.east, v.box.north});
    }
    ordered_json out;
    out["centre"] = position(v.centre);
    out["zoom"] = v.zoom;
    return out;
}

ordered_json span(const TimeSpan& s) {
    ordered_json out;
    out["start"] = time::formatIso8601(s.start);
    out["end"] = time::formatIso8601(s.end);
    return out;
}

void putStrings(ordered_json& out, const char* key, const std::vector<std::string>& values) {
    if (!values.empty()) out[key] = values;
}

ordered_json track(const ScriptedTrack& t) {
    const auto& v = t.vessel;
    ordered_json out;
    out["mmsi"] = v.mmsi;
    out["name"] = v.name;
    if (!v.callsign.empty()) out["callsign"] = v.callsign;
    if (v.imo != 0) out["imo"] = v.imo;
    out["ship_type"] = v.shipType;
    if (v.lengthM() > 0) out["length_m"] = v.lengthM();
    if (v.beamM() > 0) out["beam_m"] = v.beamM();
    if (ais::isKnown(v.draughtM)) out["draught_m"] = v.draughtM;
    if (!v.destination.empty()) out["destination"] = v.destination;
    out["class"] = v.classB ? "B" : "A";
    if (!t.flag.empty()) out["flag"] = t.flag;
    out["role"] = roleName(t.role);
    if (!t.transmitsAis) out["ais"] = false;
    if (t.reportIntervalS) out["report_interval_s"] = *t.reportIntervalS;
    ordered_json waypoints = ordered_json::array();
    for (const auto& w : t.waypoints) {
        ordered_json wp;
        wp["position"] = position(w.position);
        if (w.time) wp["time"] = time::formatIso8601(*w.time);
        if (w.speedKn) wp["speed_kn"] = *w.speedKn;
        waypoints.push_back(std::move(wp));
    }
    out["waypoints"] = std::move(waypoints);
    if (!t.aisOff.empty()) {
        ordered_json off = ordered_json::array();
        for (const auto& s : t.aisOff) off.push_back(span(s));
        out["ais_off"] = std::move(off);
    }
    return out;
}

ordered_json step(const Step& s) {
    ordered_json out;
    out["time"] = time::formatIso8601(s.time);
    if (s.view) out["view"] = view(*s.view);
    putStrings(out, "layers", s.layers);
    if (!s.highlight.empty()) {
        ordered_json h;
        if (!s.highlight.mmsi.empty()) h["mmsi"] = s.highlight.mmsi;
        putStrings(h, "incidents", s.highlight.incidents);
        putStrings(h, "zones", s.highlight.zones);
        out["highlight"] = std::move(h);
    }
    out["caption"] = s.caption;
    if (!s.notes.empty()) out["notes"] = s.notes;
    return out;
}

ordered_json annotation(const Annotation& a) {
    ordered_json out;
    out["kind"] = annotationKindName(a.kind);
    if (!a.id.empty()) out["id"] = a.id;
    if (!a.text.empty()) out["text"] = a.text;
    switch (a.kind) {
        case Annotation::Kind::Text:
            if (!a.points.empty()) out["position"] = position(a.points[0]);
            break;
        case Annotation::Kind::Arrow:
            if (a.points.size() >= 2) {
                out["from"] = position(a.points[0]);
                out["to"] = position(a.points[1]);
            }
            break;
        case Annotation::Kind::RangeRing:
            if (!a.points.empty()) out["position"] = position(a.points[0]);
            out["radii_nm"] = a.radiiNm;
            break;
        case Annotation::Kind::Area: {
            ordered_json polygon = ordered_json::array();
            for (const auto& p : a.points) polygon.push_back(position(p));
            out["polygon"] = std::move(polygon);
            break;
        }
    }
    if (!a.colour.empty()) out["colour"] = a.colour;
    if (a.visible) out["visible"] = span(*a.visible);
    return out;
}

}  // namespace

std::string toJson(const Scenario& s) {
    ordered_json doc;
    doc["seawatch_scenario"] = kScenarioFormatVersion;
    doc["title"] = s.title;
    if (!s.description.empty()) doc["description"] = s.description;
    doc["window"] = span(s.window);
    doc["view"] = view(s.initialView);
    putStrings(doc, "charts", s.charts);
    putStrings(doc, "ais_sources", s.aisSources);
    putStrings(doc, "zones", s.zoneFiles);
    if (!s.schedule.empty()) doc["schedule"] = s.schedule;
    putStrings(doc, "incidents", s.incidentFiles);
    const auto& f = s.incidentFilter;
    if (f.box || f.window || !f.categories.empty()) {
        ordered_json filter;
        if (f.box) {
            filter["bbox"] =
                ordered_json::array({f.box->west, f.box->south, f.box->east, f.box->north});
        }
        if (f.window) {
            filter["start"] = time::formatIso8601(f.window->start);
            filter["end"] = time::formatIso8601(f.window->end);
        }
        putStrings(filter, "categories", f.categories);
        doc["incident_filter"] = std::move(filter);
    }
    auto list = [&](const char* key, const auto& items, auto&& convert) {
        ordered_json arr = ordered_json::array();
        for (const auto& item : items) arr.push_back(convert(item));
        doc[key] = std::move(arr);
    };
    list("tracks", s.tracks, track);
    list("injects", s.injects, [](const Inject& i) {
        ordered_json out;
        out["time"] = time::formatIso8601(i.time);
        out["title"] = i.title;
        if (!i.text.empty()) out["text"] = i.text;
        if (i.position) out["position"] = position(*i.position);
        return out;
    });
    list("steps", s.steps, step);
    list("annotations", s.annotations, annotation);
    return doc.dump(2) + "\n";
}

std::string annotationsToJson(std::span<const Annotation> annotations) {
    ordered_json arr = ordered_json::array();
    for (const Annotation& a : annotations) arr.push_back(annotation(a));
    return arr.dump();
}

Status saveScenario(const Scenario& scenario, const std::filesystem::path& file) {
    // Write beside the target and rename, so a crash mid-save never truncates the exercise.
    const auto temporary = std::filesystem::path(file.string() + ".tmp");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) return makeError(fmt::format("{}: cannot write", temporary.string()));
        out << toJson(scenario);
        if (!out.flush()) return makeError(fmt::format("{}: write failed", temporary.string()));
    }
    std::error_code ec;
    std::filesystem::rename(temporary, file, ec);
    if (ec) {
        return makeError(fmt::format("{}: cannot replace ({})", file.string(), ec.message()));
    }
    return {};
}

}  // namespace seawatch::scenario
