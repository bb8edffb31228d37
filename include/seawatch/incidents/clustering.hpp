#pragma once
// What the chart shows of the incidents, computed without GL so it is tested as it is:
// the marker symbology (one table shared by the map overlay and the legend), screen-space
// grid clustering of the incidents that have happened by a given time, and picking.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/geo/map_view.hpp"
#include "seawatch/incidents/incident.hpp"
#include "seawatch/incidents/store.hpp"

namespace seawatch::incidents {

enum class MarkerShape : std::uint8_t { Diamond, Square, Triangle, Circle };

// Severity groups, most severe first: the ship taken, the ship boarded or crew harmed,
// shots or an attack beaten off, an approach, the rest.
enum class SeverityGroup : std::uint8_t { Taken, Boarded, Attacked, Approached, Other };

struct MarkerColour {
    std::uint8_t r = 0, g = 0, b = 0;
};

struct MarkerSymbol {
    Category category;
    MarkerShape shape;
    bool filled;  // outlined symbols mark attacks that failed or did not happen
    MarkerColour colour;
    SeverityGroup group;
};

// Indexed by the category's enum value.
const std::array<MarkerSymbol, kCategoryCount>& markerSymbology();
const MarkerSymbol& markerSymbol(Category c);
std::string_view severityGroupLabel(SeverityGroup g);
// Lower is more severe; clusters take the colour of their most severe member.
int severityRank(Category c);

// Incidents that share a grid cell of the screen. A cluster of one is drawn as its marker.
struct IncidentCluster {
    geo::ScreenPoint centre;      // mean screen position of the members
    std::uint32_t count = 0;      // members
    std::size_t firstMember = 0;  // column index of one member (the most severe)
    Category mostSevere = Category::Unclassified;
    geo::GeoBox bounds;             // of the members, for "zoom to cluster"
    time::UnixMillis latestAt = 0;  // the newest member's time (the "just happened" ring)
};

struct ClusterOptions {
    double cellPx = 48.0;      // grid cell side in screen pixels
    time::UnixMillis now = 0;  // incidents after this time are not shown
    bool timeFiltered = true;  // false: show every incident regardless of `now`
    double marginPx = 16.0;    // include incidents just off screen (marker overhang)
};

// Web Mercator positions of the columns' rows, computed once so that clustering a frame
// is arithmetic only.
std::vector<geo::Mercator> mercatorPositions(const IncidentColumns& columns);

// Clusters the shown incidents of `columns` on a grid over `view` (anchored to the map,
// so clusters stay put while panning). Counts add up to the number of shown incidents in
// the view; zooming in splits clusters. Ordered by grid cell, top row first. `positions`
// is mercatorPositions(columns).
std::vector<IncidentCluster> clusterIncidents(const IncidentColumns& columns,
                                              std::span<const geo::Mercator> positions,
                                              const geo::MapView& view,
                                              const ClusterOptions& options);

// Whether incident `i` is shown at `now` (it has happened).
inline bool shownAt(const IncidentColumns& columns, std::size_t i, time::UnixMillis now) {
    return columns.occurredAt[i] <= now;
}

// The cluster whose symbol is under `point` (within `radiusPx` of its centre), nearest first.
std::optional<std::size_t> pickCluster(std::span<const IncidentCluster> clusters,
                                       geo::ScreenPoint point, double radiusPx);

// Cluster bubble radius for `count` members: grows with the log of the count.
double clusterRadiusPx(std::uint32_t count, double pixelScale);

// Columns of full records (a scene's incidents), in the records' order, and their
// source references aligned with them.
IncidentColumns columnsOf(std::span<const Incident> records);
std::vector<std::string> sourceRefsOf(std::span<const Incident> records);

// Table order: row indices of `columns` sorted by a key, ties by time then id.
enum class IncidentSortKey { Time, Category, Latitude, Longitude, Id };
std::vector<std::uint32_t> sortedRows(const IncidentColumns& columns, IncidentSortKey key,
                                      bool descending);
// Keeps the rows whose id is in `ids` (sorted ascending), in their order.
IncidentColumns keepIds(const IncidentColumns& columns, std::span<const std::int64_t> ids);

// Counts of the rows by year (month = 0) or by year and month, ascending, empty buckets
// inside the range included so a histogram's bars are evenly spaced in time. The same
// buckets as IncidentStore::countsByTime, from columns already in memory.
std::vector<TimeBucket> countsByTime(const IncidentColumns& columns, bool byMonth);

// The column row of incident `id`, if present.
std::optional<std::size_t> findIncidentRow(const IncidentColumns& columns, std::int64_t id);

}  // namespace seawatch::incidents
