#pragma once
// The incident model and its taxonomy. Categories follow IMB PRC's report types
// (attempted, boarded, hijacked, fired upon), the BMP/NATO MSCHOA reporting terms
// (suspicious approach, approach, attack, disruption) and the generic crimes ASAM reports
// (robbery, kidnapping, detention). The mapping rules are in docs/INCIDENTS.md.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "seawatch/time/utc.hpp"

namespace seawatch::incidents {

// Stable order: the enum value is the display colour index and is never reused.
enum class Category : std::uint8_t {
    Unclassified = 0,
    Attempted,
    Boarded,
    Hijacked,
    FiredUpon,
    SuspiciousApproach,
    Approach,
    Attack,
    Disruption,
    Robbery,
    Kidnapping,
    Detention,
};
inline constexpr int kCategoryCount = 12;

struct CategoryInfo {
    Category category;
    std::string_view name;         // stored in the database and used on the command line
    std::string_view label;        // for legends and tables
    std::string_view description;  // one line for tooltips
};

const std::array<CategoryInfo, kCategoryCount>& categoryTaxonomy();
std::string_view categoryName(Category c);
std::string_view categoryLabel(Category c);
// Accepts the name ("fired_upon") or the label, case-insensitively, with '-' or ' ' for '_'.
std::optional<Category> parseCategory(std::string_view text);
inline int categoryColourIndex(Category c) {
    return static_cast<int>(c);
}

enum class Source : std::uint8_t { Asam, Imb, Manual, Scenario };
std::string_view sourceName(Source s);
std::optional<Source> parseSource(std::string_view text);

enum class PositionPrecision : std::uint8_t { Exact, Estimated, RegionOnly };
std::string_view positionPrecisionName(PositionPrecision p);
std::optional<PositionPrecision> parsePositionPrecision(std::string_view text);

enum class VesselStatus : std::uint8_t { Unknown, Berthed, Anchored, Steaming };
std::string_view vesselStatusName(VesselStatus s);
std::optional<VesselStatus> parseVesselStatus(std::string_view text);

struct Incident {
    std::int64_t id = 0;  // the GeoPackage feature id; 0 before it is stored
    Source source = Source::Manual;
    std::string sourceRef;  // unique per source
    time::UnixMillis occurredAt = 0;
    bool dateOnly = false;  // occurredAt is midnight UTC of a date with no time of day
    double lat = 0.0;
    double lon = 0.0;
    PositionPrecision positionPrecision = PositionPrecision::Exact;
    Category category = Category::Unclassified;
    std::string vesselName;
    std::string vesselType;
    std::string flag;
    VesselStatus vesselStatus = VesselStatus::Unknown;
    std::string aggressor;
    std::string narrative;
    std::string navarea;
    std::string subregion;
    std::string sourceNote;  // where the record came from, in words
    time::UnixMillis importedAt = 0;
};

}  // namespace seawatch::incidents
