// Scenario JSON -> Scenario. Every check records "path: problem" and carries on, so one
// run lists every mistake in a file. The checked reading of JSON values (the Reader) is in
// scenario_json_reader.hpp.
#include "scenario_json_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "seawatch/common/json_limits.hpp"
#include "seawatch/scenario/scenario_json.hpp"
#include "seawatch/scenario/track_synthesis.hpp"
#include "seawatch/time/plausible.hpp"

namespace seawatch::scenario {

namespace {

using nlohmann::json;
using parse_detail::child;
using parse_detail::indexed;
using parse_detail::Reader;

void readVessel(Reader& r, const json& v, const std::string& path, ScriptedTrack& track) {
    auto& vessel = track.vessel;
    if (auto mmsi = r.number(v, path, "mmsi", true)) {
        if (*mmsi < 1 || *mmsi > 999999999 || std::floor(*mmsi) != *mmsi) {
            r.error(child(path, "mmsi"), "must be an integer from 1 to 999999999");
        } else {
            vessel.mmsi = static_cast<ais::Mmsi>(*mmsi);
        }
    }
    vessel.name = r.string(v, path, "name", true).value_or("");
    if (vessel.name.size() > 20) r.error(child(path, "name"), "longer than AIS's 20 characters");
    vessel.callsign = r.string(v, path, "callsign", false).value_or("");
    if (vessel.callsign.size() > 7) {
        r.error(child(path, "callsign"), "longer than AIS's 7 characters");
    }
    if (auto imo = r.number(v, path, "imo", false)) {
        if (*imo < 0 || *imo > 999999999 || std::floor(*imo) != *imo) {
            r.error(child(path, "imo"), "must be an integer from 0 to 999999999");
        } else {
            vessel.imo = static_cast<std::uint32_t>(*imo);
        }
    }
    if (auto type = r.number(v, path, "ship_type", true)) {
        if (*type < 0 || *type > 99 || std::floor(*type) != *type) {
            r.error(child(path, "ship_type"), "must be an AIS ship type code 0..99");
        } else {
            vessel.shipType = static_cast<int>(*type);
        }
    }
    // AIS carries dimensions as offsets from the antenna; place it 3/4 aft and centred.
    if (auto length = r.number(v, path, "length_m", false)) {
        if (*length < 1 || *length > 511) {
            r.error(child(path, "length_m"), "must be 1..511 m");
        } else {
            const int l = static_cast<int>(std::lround(*length));
            vessel.toBow = (l * 3) / 4;
            vessel.toStern = l - vessel.toBow;
        }
    }
    if (auto beam = r.number(v, path, "beam_m", false)) {
        if (*beam < 1 || *beam > 126) {
            r.error(child(path, "beam_m"), "must be 1..126 m");
        } else {
            const int b = static_cast<int>(std::lround(*beam));
            vessel.toPort = b / 2;
            vessel.toStarboard = b - vessel.toPort;
        }
    }
    if (auto draught = r.number(v, path, "draught_m", false)) {
        if (*draught <= 0 || *draught > 25.5) {
            r.error(child(path, "draught_m"), "must be > 0 and <= 25.5 m");
        } else {
            vessel.draughtM = static_cast<float>(*draught);
        }
    }
    vessel.destination = r.string(v, path, "destination", false).value_or("");
    if (auto cls = r.string(v, path, "class", false)) {
        if (*cls == "A" || *cls == "B") {
            vessel.classB = *cls == "B";
        } else {
            r.error(child(path, "class"), "must be \"A\" or \"B\"");
        }
    }
}

void readTrack(Reader& r, const json& v, const std::string& path, Scenario& s) {
    if (!r.expectObject(v, path)) return;
    r.checkKeys(v, path,
                {"mmsi", "name", "callsign", "imo", "ship_type", "length_m", "beam_m", "draught_m",
                 "destination", "class", "flag", "role", "ais", "report_interval_s", "waypoints",
                 "ais_off"});
    ScriptedTrack track;
    readVessel(r, v, path, track);
    track.flag = r.string(v, path, "flag", false).value_or("");
    if (auto role = r.string(v, path, "role", true)) {
        if (auto parsed = parseRole(*role)) {
            track.role = *parsed;
        } else {
            r.error(child(path, "role"),
                    fmt::format("unknown role \"{}\" (merchant, escort, skiff, mothership, "
                                "dhow, patrol, other)",
                                *role));
        }
    }
    track.transmitsAis = r.boolean(v, path, "ais").value_or(true);
    if (!track.transmitsAis) {
        if (track.vessel.mmsi != 0 && (track.vessel.mmsi < kContactMmsiFirst)) {
            r.error(child(path, "mmsi"),
                    "a non-AIS contact needs an MMSI in the contact range 900000000..999999999");
        }
        if (track.vessel.shipType != 0) {
            r.error(child(path, "ship_type"), "a non-AIS contact has ship type 0 (unknown)");
        }
    }
    if (auto interval = r.number(v, path, "report_interval_s", false)) {
        if (*interval < 1 || *interval > 3600) {
            r.error(child(path, "report_interval_s"), "must be 1..3600 s");
        } else {
            track.reportIntervalS = *interval;
        }
    }
    const std::size_t errorsBefore = r.errors.size();
    r.eachOf(v, path, "waypoints", [&](const json& w, const std::string& wpath, std::size_t) {
        if (!r.expectObject(w, wpath)) return;
        r.checkKeys(w, wpath, {"position", "time", "speed_kn"});
        Waypoint wp;
        if (const json* p = r.member(w, wpath, "position", true)) {
            if (auto pos = r.position(*p, child(wpath, "position"))) wp.position = *pos;
        }
        wp.time = r.timeMember(w, wpath, "time", false);
        wp.speedKn = r.number(w, wpath, "speed_kn", false);
        track.waypoints.push_back(wp);
    });
    if (!v.contains("waypoints")) r.error(child(path, "waypoints"), "missing");
    // Timing is only worth checking once every waypoint read cleanly.
    if (r.errors.size() == errorsBefore) {
        auto times = resolveWaypointTimes(track);
        // resolveWaypointTimes names paths relative to the track ("waypoints[2].time: ...").
        if (!times) r.errors.push_back(fmt::format("{}.{}", path, times.error()));
    }
    r.eachOf(v, path, "ais_off", [&](const json& p, const std::string& ppath, std::size_t) {
        if (auto sp = r.span(p, ppath)) track.aisOff.push_back(*sp);
    });
    s.tracks.push_back(std::move(track));
}

void readHighlight(Reader& r, const json& v, const std::string& path, Highlight& h) {
    if (!r.expectObject(v, path)) return;
    r.checkKeys(v, path, {"mmsi", "incidents", "zones"});
    r.eachOf(v, path, "mmsi", [&](const json& m, const std::string& mpath, std::size_t) {
        if (!m.is_number_unsigned() || m.get<std::uint64_t>() > 999999999) {
            r.error(mpath, "expected an MMSI (integer)");
            return;
        }
        h.mmsi.push_back(m.get<ais::Mmsi>());
    });
    h.incidents = r.strings(v, path, "incidents");
    h.zones = r.strings(v, path, "zones");
}

void readStep(Reader& r, const json& v, const std::string& path, Scenario& s) {
    if (!r.expectObject(v, path)) return;
    r.checkKeys(v, path, {"time", "view", "layers", "highlight", "caption", "notes"});
    Step step;
    step.time = r.timeMember(v, path, "time", true).value_or(0);
    if (const json* view = r.member(v, path, "view", false)) {
        step.view = r.view(*view, child(path, "view"));
    }
    step.layers = r.strings(v, path, "layers");
    if (const json* h = r.member(v, path, "highlight", false)) {
        readHighlight(r, *h, child(path, "highlight"), step.highlight);
    }
    step.caption = r.string(v, path, "caption", true).value_or("");
    step.notes = r.string(v, path, "notes", false).value_or("");
    s.steps.push_back(std::move(step));
}

void readInject(Reader& r, const json& v, const std::string& path, Scenario& s) {
    if (!r.expectObject(v, path)) return;
    r.checkKeys(v, path, {"time", "title", "text", "position"});
    Inject inject;
    inject.time = r.timeMember(v, path, "time", true).value_or(0);
    inject.title = r.string(v, path, "title", true).value_or("");
    inject.text = r.string(v, path, "text", false).value_or("");
    if (const json* p = r.member(v, path, "position", false)) {
        inject.position = r.position(*p, child(path, "position"));
    }
    s.injects.push_back(std::move(inject));
}

void readAnnotation(Reader& r, const json& v, const std::string& path, Scenario& s) {
    if (!r.expectObject(v, path)) return;
    r.checkKeys(v, path,
                {"kind", "id", "text", "position", "from", "to", "radii_nm", "polygon", "colour",
                 "visible"});
    Annotation a;
    a.id = r.string(v, path, "id", false).value_or("");
    a.text = r.string(v, path, "text", false).value_or("");
    a.colour = r.string(v, path, "colour", false).value_or("");
    if (!a.colour.empty() &&
        (a.colour.size() != 7 || a.colour[0] != '#' ||
         a.colour.find_first_not_of("0123456789abcdefABCDEF", 1) != std::string::npos)) {
        r.error(child(path, "colour"), "expected \"#rrggbb\"");
    }
    if (const json* vis = r.member(v, path, "visible", false)) {
        a.visible = r.span(*vis, child(path, "visible"));
    }
    auto point = [&](const char* key) {
        if (const json* p = r.member(v, path, key, true)) {
            if (auto pos = r.position(*p, child(path, key))) a.points.push_back(*pos);
        }
    };
    const auto kind = r.string(v, path, "kind", true);
    if (!kind) return;
    if (*kind == "text") {
        a.kind = Annotation::Kind::Text;
        point("position");
        if (a.text.empty()) r.error(child(path, "text"), "a text label needs text");
    } else if (*kind == "arrow") {
        a.kind = Annotation::Kind::Arrow;
        point("from");
        point("to");
    } else if (*kind == "range_ring") {
        a.kind = Annotation::Kind::RangeRing;
        point("position");
        r.eachOf(v, path, "radii_nm", [&](const json& x, const std::string& xpath, std::size_t) {
            if (!x.is_number() || x.get<double>() <= 0) {
                r.error(xpath, "expected a radius in nm > 0");
                return;
            }
            a.radiiNm.push_back(x.get<double>());
        });
        if (a.radiiNm.empty()) r.error(child(path, "radii_nm"), "a range ring needs radii");
    } else if (*kind == "area") {
        a.kind = Annotation::Kind::Area;
        r.eachOf(v, path, "polygon", [&](const json& p, const std::string& ppath, std::size_t) {
            if (auto pos = r.position(p, ppath)) a.points.push_back(*pos);
        });
        if (a.points.size() < 3) r.error(child(path, "polygon"), "an area needs 3 or more points");
    } else {
        r.error(
            child(path, "kind"),
            fmt::format("unknown annotation kind \"{}\" (text, arrow, range_ring, area)", *kind));
        return;
    }
    s.annotations.push_back(std::move(a));
}

void readIncidentFilter(Reader& r, const json& v, const std::string& path, IncidentFilter& f) {
    if (!r.expectObject(v, path)) return;
    r.checkKeys(v, path, {"bbox", "start", "end", "categories"});
    if (const json* b = r.member(v, path, "bbox", false)) f.box = r.box(*b, child(path, "bbox"));
    auto start = r.timeMember(v, path, "start", false);
    auto end = r.timeMember(v, path, "end", false);
    if (start.has_value() != end.has_value()) {
        r.error(path, "give both start and end, or neither");
    } else if (start && end) {
        if (*end <= *start) {
            r.error(child(path, "end"), "must be after start");
        } else {
            f.window = TimeSpan{*start, *end};
        }
    }
    f.categories = r.strings(v, path, "categories");
}

// Cross-field checks that need the whole document read first.
void checkConsistency(Reader& r, const Scenario& s) {
    std::set<ais::Mmsi> seen;
    for (std::size_t i = 0; i < s.tracks.size(); ++i) {
        const auto mmsi = s.tracks[i].vessel.mmsi;
        if (mmsi != 0 && !seen.insert(mmsi).second) {
            r.error(fmt::format("tracks[{}].mmsi", i), fmt::format("duplicate MMSI {}", mmsi));
        }
    }
    const bool haveWindow = s.window.end > s.window.start;
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
        const auto path = fmt::format("steps[{}].time", i);
        if (haveWindow && !s.window.contains(s.steps[i].time)) {
            r.error(path, "outside the scenario window");
        }
        if (i > 0 && s.steps[i].time < s.steps[i - 1].time) {
            r.error(path, fmt::format("before steps[{}]; steps are in time order", i - 1));
        }
    }
    for (std::size_t i = 0; i < s.injects.size(); ++i) {
        if (haveWindow && !s.window.contains(s.injects[i].time)) {
            r.error(fmt::format("injects[{}].time", i), "outside the scenario window");
        }
    }
}

}  // namespace

ScenarioLoad parseScenario(std::string_view jsonText, const std::filesystem::path& baseDir) {
    ScenarioLoad out;
    Scenario& s = out.scenario;
    s.baseDir = baseDir;
    Reader r;
    json doc;
    // Hand-written files: a key given twice is a mistake (the parser would keep the last).
    JsonLimits limits;
    limits.rejectDuplicateKeys = true;
    if (Status bounded = checkJsonLimits(jsonText, limits); !bounded) {
        out.errors.push_back(bounded.error());
        return out;
    }
    try {
        doc = json::parse(jsonText.begin(), jsonText.end());
    } catch (const json::exception& e) {
        // A syntax error (parse_error), or a number too large for a double (out_of_range 406:
        // "3333333333333333E333", found by the fuzzer), which parse_error alone let through to
        // std::terminate. nlohmann's message already gives line and column; drop its
        // exception-id prefix.
        std::string_view message = e.what();
        if (auto close = message.find("] ");
            message.starts_with("[json.exception") && close != std::string_view::npos) {
            message.remove_prefix(close + 2);
        }
        out.errors.push_back(fmt::format("JSON syntax error: {}", message));
        return out;
    }
    if (!r.expectObject(doc, "")) {
        out.errors = std::move(r.errors);
        return out;
    }
    r.checkKeys(doc, "",
                {"seawatch_scenario", "title", "description", "window", "view", "charts",
                 "ais_sources", "zones", "schedule", "incidents", "incident_filter", "tracks",
                 "injects", "steps", "annotations"});
    if (auto version = r.number(doc, "", "seawatch_scenario", true)) {
        if (*version != kScenarioFormatVersion) {
            r.error("seawatch_scenario", fmt::format("version {} is not one this seawatch reads "
                                                     "({})",
                                                     *version, kScenarioFormatVersion));
        }
    }
    s.title = r.string(doc, "", "title", true).value_or("");
    s.description = r.string(doc, "", "description", false).value_or("");
    if (const json* w = r.member(doc, "", "window", true)) {
        if (auto span = r.span(*w, "window")) {
            if (span->duration() > kMaxScenarioWindow) {
                r.error("window.end", fmt::format("the window is longer than {} days",
                                                  kMaxScenarioWindow / time::kMillisPerDay));
            } else {
                s.window = *span;
            }
        }
    }
    if (const json* v = r.member(doc, "", "view", true)) {
        if (auto view = r.view(*v, "view")) s.initialView = *view;
    }
    s.charts = r.strings(doc, "", "charts");
    s.aisSources = r.strings(doc, "", "ais_sources");
    s.zoneFiles = r.strings(doc, "", "zones");
    s.schedule = r.string(doc, "", "schedule", false).value_or("");
    s.incidentFiles = r.strings(doc, "", "incidents");
    if (const json* f = r.member(doc, "", "incident_filter", false)) {
        readIncidentFilter(r, *f, "incident_filter", s.incidentFilter);
    }
    r.eachOf(doc, "", "tracks", [&](const json& v, const std::string& path, std::size_t) {
        readTrack(r, v, path, s);
    });
    r.eachOf(doc, "", "injects", [&](const json& v, const std::string& path, std::size_t) {
        readInject(r, v, path, s);
    });
    r.eachOf(doc, "", "steps",
             [&](const json& v, const std::string& path, std::size_t) { readStep(r, v, path, s); });
    r.eachOf(doc, "", "annotations", [&](const json& v, const std::string& path, std::size_t) {
        readAnnotation(r, v, path, s);
    });
    checkConsistency(r, s);
    out.errors = std::move(r.errors);
    return out;
}

Result<std::vector<Annotation>> parseAnnotations(std::string_view jsonText) {
    if (Status bounded = checkJsonLimits(jsonText, JsonLimits{}); !bounded)
        return makeError(bounded.error());
    json doc = json::parse(jsonText.begin(), jsonText.end(), nullptr, false);
    if (doc.is_discarded()) return makeError("annotations: not valid JSON");
    if (!doc.is_array()) return makeError("annotations: expected an array");
    Reader r;
    Scenario holder;
    for (std::size_t i = 0; i < doc.size(); ++i) readAnnotation(r, doc[i], indexed("", i), holder);
    if (!r.errors.empty()) return makeError("annotations: " + r.errors.front());
    return std::move(holder.annotations);
}

ScenarioLoad loadScenario(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        ScenarioLoad out;
        out.errors.push_back(fmt::format("{}: cannot open the file", file.string()));
        return out;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parseScenario(text.str(), file.parent_path());
}

}  // namespace seawatch::scenario
