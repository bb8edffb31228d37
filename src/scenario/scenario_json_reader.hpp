#pragma once
// The checked reading of scenario JSON, private to src/scenario/scenario_parse.cpp: a Reader
// reads members and values, checks their type and range, and for each that fails records
// "path: problem" and carries on, so that one run lists every mistake in a file. In a header
// of its own: it knows nothing of the scenario's sections, which scenario_parse.cpp reads
// with it.
#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/geo/geo.hpp"
#include "seawatch/scenario/scenario.hpp"
#include "seawatch/time/plausible.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::scenario::parse_detail {

using nlohmann::json;

inline std::string child(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}
inline std::string indexed(const std::string& path, std::size_t i) {
    return fmt::format("{}[{}]", path, i);
}

inline const char* typeName(const json& v) {
    if (v.is_null()) return "null";
    if (v.is_boolean()) return "a boolean";
    if (v.is_number()) return "a number";
    if (v.is_string()) return "a string";
    if (v.is_array()) return "an array";
    return "an object";
}

class Reader {
  public:
    std::vector<std::string> errors;

    void error(const std::string& path, std::string_view problem) {
        errors.push_back(fmt::format("{}: {}", path.empty() ? "(root)" : path, problem));
    }

    // Flags keys the format does not know, so a typo ("speed_kt") is not silently ignored.
    void checkKeys(const json& object, const std::string& path,
                   std::initializer_list<std::string_view> known) {
        for (const auto& item : object.items()) {
            if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
                error(child(path, item.key()), "unknown key");
            }
        }
    }

    bool expectObject(const json& v, const std::string& path) {
        if (v.is_object()) return true;
        error(path, fmt::format("expected an object, got {}", typeName(v)));
        return false;
    }

    // The member, or nullptr when absent (an error when required).
    const json* member(const json& object, const std::string& path, const char* key,
                       bool required) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) {
            if (required) error(child(path, key), "missing");
            return nullptr;
        }
        return &*it;
    }

    std::optional<std::string> string(const json& object, const std::string& path, const char* key,
                                      bool required) {
        const json* v = member(object, path, key, required);
        if (!v) return std::nullopt;
        if (!v->is_string()) {
            error(child(path, key), fmt::format("expected a string, got {}", typeName(*v)));
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<double> number(const json& object, const std::string& path, const char* key,
                                 bool required) {
        const json* v = member(object, path, key, required);
        if (!v) return std::nullopt;
        if (!v->is_number()) {
            error(child(path, key), fmt::format("expected a number, got {}", typeName(*v)));
            return std::nullopt;
        }
        return v->get<double>();
    }

    std::optional<bool> boolean(const json& object, const std::string& path, const char* key) {
        const json* v = member(object, path, key, false);
        if (!v) return std::nullopt;
        if (!v->is_boolean()) {
            error(child(path, key), fmt::format("expected true or false, got {}", typeName(*v)));
            return std::nullopt;
        }
        return v->get<bool>();
    }

    std::optional<time::UnixMillis> timeValue(const json& v, const std::string& path) {
        if (!v.is_string()) {
            error(path, fmt::format("expected an ISO 8601 UTC time string, got {}", typeName(v)));
            return std::nullopt;
        }
        auto t = time::parseIso8601(v.get<std::string>());
        if (!t) {
            error(path, "not ISO 8601");
        } else if (const time::PlausibleYears years; !years.contains(*t)) {
            // A typo such as 9999 or 2109 would have the tracks synthesised over centuries.
            error(path,
                  fmt::format("year {} is outside {}", time::toCivil(*t).year, years.describe()));
            return std::nullopt;
        }
        return t;
    }

    std::optional<time::UnixMillis> timeMember(const json& object, const std::string& path,
                                               const char* key, bool required) {
        const json* v = member(object, path, key, required);
        if (!v) return std::nullopt;
        return timeValue(*v, child(path, key));
    }

    std::vector<std::string> strings(const json& object, const std::string& path, const char* key) {
        std::vector<std::string> out;
        const json* v = member(object, path, key, false);
        if (!v) return out;
        const std::string here = child(path, key);
        if (!v->is_array()) {
            error(here, fmt::format("expected an array of strings, got {}", typeName(*v)));
            return out;
        }
        for (std::size_t i = 0; i < v->size(); ++i) {
            if ((*v)[i].is_string()) {
                out.push_back((*v)[i].get<std::string>());
            } else {
                error(indexed(here, i), "expected a string");
            }
        }
        return out;
    }

    // [lon, lat] in degrees, GeoJSON order.
    std::optional<geo::LonLat> position(const json& v, const std::string& path) {
        if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number()) {
            error(path, "expected [lon, lat]");
            return std::nullopt;
        }
        geo::LonLat p{v[0].get<double>(), v[1].get<double>()};
        if (!(p.lon >= -180.0 && p.lon <= 180.0 && p.lat >= -90.0 && p.lat <= 90.0)) {
            error(path, fmt::format("position ({}, {}) is off the globe", p.lon, p.lat));
            return std::nullopt;
        }
        return p;
    }

    std::optional<geo::GeoBox> box(const json& v, const std::string& path) {
        if (!v.is_array() || v.size() != 4 ||
            !std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_number(); })) {
            error(path, "expected [W,S,E,N]");
            return std::nullopt;
        }
        geo::GeoBox b{v[0].get<double>(), v[1].get<double>(), v[2].get<double>(),
                      v[3].get<double>()};
        if (!b.valid() || b.west < -180.0 || b.east > 180.0 || b.south < -90.0 || b.north > 90.0) {
            error(path, "box must have W < E and S < N, within -180..180 and -90..90");
            return std::nullopt;
        }
        return b;
    }

    // A view is [W,S,E,N] or {"centre": [lon, lat], "zoom": z}.
    std::optional<View> view(const json& v, const std::string& path) {
        if (v.is_array()) {
            auto b = box(v, path);
            if (!b) return std::nullopt;
            View out;
            out.kind = View::Kind::Box;
            out.box = *b;
            return out;
        }
        if (!v.is_object()) {
            error(path, "expected [W,S,E,N] or {\"centre\": [lon, lat], \"zoom\": z}");
            return std::nullopt;
        }
        checkKeys(v, path, {"centre", "zoom"});
        const json* c = member(v, path, "centre", true);
        auto z = number(v, path, "zoom", true);
        std::optional<geo::LonLat> centre;
        if (c) centre = position(*c, child(path, "centre"));
        if (z && (*z < 0.0 || *z > 22.0)) {
            error(child(path, "zoom"), "must be between 0 and 22");
            z.reset();
        }
        if (!centre || !z) return std::nullopt;
        View out;
        out.kind = View::Kind::CentreZoom;
        out.centre = *centre;
        out.zoom = *z;
        return out;
    }

    std::optional<TimeSpan> span(const json& v, const std::string& path) {
        if (!expectObject(v, path)) return std::nullopt;
        checkKeys(v, path, {"start", "end"});
        auto start = timeMember(v, path, "start", true);
        auto end = timeMember(v, path, "end", true);
        if (!start || !end) return std::nullopt;
        if (*end <= *start) {
            error(child(path, "end"), "must be after start");
            return std::nullopt;
        }
        return TimeSpan{*start, *end};
    }

    // Iterates an optional array member, calling fn(element, path, index).
    template <typename Fn>
    void eachOf(const json& object, const std::string& path, const char* key, Fn&& fn) {
        const json* v = member(object, path, key, false);
        if (!v) return;
        const std::string here = child(path, key);
        if (!v->is_array()) {
            error(here, fmt::format("expected an array, got {}", typeName(*v)));
            return;
        }
        for (std::size_t i = 0; i < v->size(); ++i) fn((*v)[i], indexed(here, i), i);
    }
};

}  // namespace seawatch::scenario::parse_detail
