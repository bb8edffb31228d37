#include "seawatch/incidents/incident.hpp"

#include <algorithm>
#include <cctype>

namespace seawatch::incidents {

namespace {

std::string normalise(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (ch == '-' || ch == ' ') {
            out += '_';
        } else {
            out += static_cast<char>(std::tolower(c));
        }
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    while (!out.empty() && out.front() == '_') out.erase(out.begin());
    return out;
}

template <typename Enum, std::size_t N>
std::optional<Enum> parseByName(std::string_view text, const std::string_view (&names)[N]) {
    const std::string key = normalise(text);
    for (std::size_t i = 0; i < N; ++i) {
        if (key == names[i]) return static_cast<Enum>(i);
    }
    return std::nullopt;
}

constexpr std::string_view kSourceNames[] = {"asam", "imb", "manual", "scenario"};
constexpr std::string_view kPrecisionNames[] = {"exact", "estimated", "region_only"};
constexpr std::string_view kVesselStatusNames[] = {"unknown", "berthed", "anchored", "steaming"};

}  // namespace

const std::array<CategoryInfo, kCategoryCount>& categoryTaxonomy() {
    static const std::array<CategoryInfo, kCategoryCount> taxonomy{{
        {Category::Unclassified, "unclassified", "Unclassified",
         "Reported, but the report does not say what happened"},
        {Category::Attempted, "attempted", "Attempted boarding",
         "IMB: attackers tried to board and failed"},
        {Category::Boarded, "boarded", "Boarded",
         "IMB: attackers got on board but did not take control"},
        {Category::Hijacked, "hijacked", "Hijacked", "IMB: attackers took control of the vessel"},
        {Category::FiredUpon, "fired_upon", "Fired upon",
         "IMB: the vessel was shot at (gunfire or RPG)"},
        {Category::SuspiciousApproach, "suspicious_approach", "Suspicious approach",
         "BMP: craft behaved suspiciously or closed without a clear attack"},
        {Category::Approach, "approach", "Approach",
         "BMP: craft with armed people closed on the vessel and broke off"},
        {Category::Attack, "attack", "Attack",
         "BMP: an attack that did not end in boarding or hijack (e.g. repelled by guards)"},
        {Category::Disruption, "disruption", "Disruption",
         "NATO/EU NAVFOR: a pirate action group disrupted by naval forces"},
        {Category::Robbery, "robbery", "Robbery",
         "Theft or armed robbery, usually at anchor or berthed"},
        {Category::Kidnapping, "kidnapping", "Kidnapping", "Crew taken off the vessel"},
        {Category::Detention, "detention", "Detention",
         "Vessel detained or seized by a state or armed group"},
    }};
    return taxonomy;
}

std::string_view categoryName(Category c) {
    return categoryTaxonomy()[static_cast<std::size_t>(c)].name;
}
std::string_view categoryLabel(Category c) {
    return categoryTaxonomy()[static_cast<std::size_t>(c)].label;
}

std::optional<Category> parseCategory(std::string_view text) {
    const std::string key = normalise(text);
    for (const CategoryInfo& info : categoryTaxonomy()) {
        if (key == info.name || key == normalise(info.label)) return info.category;
    }
    return std::nullopt;
}

std::string_view sourceName(Source s) {
    return kSourceNames[static_cast<std::size_t>(s)];
}
std::optional<Source> parseSource(std::string_view text) {
    return parseByName<Source>(text, kSourceNames);
}

std::string_view positionPrecisionName(PositionPrecision p) {
    return kPrecisionNames[static_cast<std::size_t>(p)];
}
std::optional<PositionPrecision> parsePositionPrecision(std::string_view text) {
    return parseByName<PositionPrecision>(text, kPrecisionNames);
}

std::string_view vesselStatusName(VesselStatus s) {
    return kVesselStatusNames[static_cast<std::size_t>(s)];
}
std::optional<VesselStatus> parseVesselStatus(std::string_view text) {
    return parseByName<VesselStatus>(text, kVesselStatusNames);
}

}  // namespace seawatch::incidents
