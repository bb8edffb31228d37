#include "seawatch/scenario/scenario.hpp"

#include <array>
#include <utility>

namespace seawatch::scenario {

namespace {
constexpr std::array<std::pair<VesselRole, const char*>, 7> kRoleNames{{
    {VesselRole::Merchant, "merchant"},
    {VesselRole::Escort, "escort"},
    {VesselRole::Skiff, "skiff"},
    {VesselRole::Mothership, "mothership"},
    {VesselRole::Dhow, "dhow"},
    {VesselRole::Patrol, "patrol"},
    {VesselRole::Other, "other"},
}};
}  // namespace

const char* roleName(VesselRole role) {
    for (const auto& [value, name] : kRoleNames) {
        if (value == role) return name;
    }
    return "other";
}

std::optional<VesselRole> parseRole(std::string_view name) {
    for (const auto& [value, roleText] : kRoleNames) {
        if (name == roleText) return value;
    }
    return std::nullopt;
}

const char* annotationKindName(Annotation::Kind kind) {
    switch (kind) {
        case Annotation::Kind::Text:
            return "text";
        case Annotation::Kind::Arrow:
            return "arrow";
        case Annotation::Kind::RangeRing:
            return "range_ring";
        case Annotation::Kind::Area:
            return "area";
    }
    return "text";
}

std::filesystem::path Scenario::resolve(const std::string& reference) const {
    std::filesystem::path ref(reference);
    if (ref.is_absolute() || baseDir.empty()) return ref;
    return (baseDir / ref).lexically_normal();
}

const ScriptedTrack* Scenario::findTrack(ais::Mmsi mmsi) const {
    for (const auto& track : tracks) {
        if (track.vessel.mmsi == mmsi) return &track;
    }
    return nullptr;
}

}  // namespace seawatch::scenario
