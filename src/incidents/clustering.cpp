#include "seawatch/incidents/clustering.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace seawatch::incidents {

namespace {

// One row per category, in enum order. Colours are distinct in hue and lightness so that
// they survive colour-blind viewing together with the shape; red is kept for the worst.
constexpr std::array<MarkerSymbol, kCategoryCount> kSymbology{{
    {Category::Unclassified, MarkerShape::Circle, true, {128, 128, 128}, SeverityGroup::Other},
    {Category::Attempted, MarkerShape::Triangle, false, {245, 140, 0}, SeverityGroup::Attacked},
    {Category::Boarded, MarkerShape::Square, true, {240, 100, 20}, SeverityGroup::Boarded},
    {Category::Hijacked, MarkerShape::Diamond, true, {215, 25, 28}, SeverityGroup::Taken},
    {Category::FiredUpon, MarkerShape::Triangle, true, {200, 30, 100}, SeverityGroup::Attacked},
    {Category::SuspiciousApproach,
     MarkerShape::Circle,
     false,
     {225, 180, 0},
     SeverityGroup::Approached},
    {Category::Approach, MarkerShape::Circle, false, {140, 150, 40}, SeverityGroup::Approached},
    {Category::Attack, MarkerShape::Triangle, true, {150, 40, 150}, SeverityGroup::Attacked},
    {Category::Disruption, MarkerShape::Circle, true, {40, 110, 200}, SeverityGroup::Other},
    {Category::Robbery, MarkerShape::Square, true, {150, 90, 40}, SeverityGroup::Boarded},
    {Category::Kidnapping, MarkerShape::Diamond, true, {120, 20, 60}, SeverityGroup::Taken},
    {Category::Detention, MarkerShape::Square, false, {90, 80, 170}, SeverityGroup::Boarded},
}};

// Inside a group: the order of the symbology table's most harmful first.
constexpr std::array<int, kCategoryCount> kSeverityRank{
    11,  // Unclassified
    7,   // Attempted
    2,   // Boarded
    0,   // Hijacked
    5,   // FiredUpon
    8,   // SuspiciousApproach
    9,   // Approach
    6,   // Attack
    10,  // Disruption
    3,   // Robbery
    1,   // Kidnapping
    4,   // Detention
};

}  // namespace

const std::array<MarkerSymbol, kCategoryCount>& markerSymbology() {
    return kSymbology;
}

const MarkerSymbol& markerSymbol(Category c) {
    const auto i = static_cast<std::size_t>(c);
    return kSymbology[i < kSymbology.size() ? i : 0];
}

std::string_view severityGroupLabel(SeverityGroup g) {
    switch (g) {
        case SeverityGroup::Taken:
            return "Ship or crew taken";
        case SeverityGroup::Boarded:
            return "Boarded";
        case SeverityGroup::Attacked:
            return "Attacked, not boarded";
        case SeverityGroup::Approached:
            return "Approached";
        case SeverityGroup::Other:
            return "Other";
    }
    return "Other";
}

int severityRank(Category c) {
    const auto i = static_cast<std::size_t>(c);
    return i < kSeverityRank.size() ? kSeverityRank[i] : kCategoryCount;
}

std::vector<geo::Mercator> mercatorPositions(const IncidentColumns& columns) {
    std::vector<geo::Mercator> out(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i)
        out[i] = geo::toMercator({columns.lon[i], columns.lat[i]});
    return out;
}

std::vector<IncidentCluster> clusterIncidents(const IncidentColumns& columns,
                                              std::span<const geo::Mercator> positions,
                                              const geo::MapView& view,
                                              const ClusterOptions& options) {
    if (positions.size() != columns.size() || view.widthPx() <= 0) return {};
    const double mpp = view.metresPerPixel();
    const double cellM = std::max(1.0, options.cellPx) * mpp;
    const double marginM = options.marginPx * mpp;
    geo::MercatorBox box = view.visibleMercator();
    box.minX -= marginM;
    box.maxX += marginM;
    box.minY -= marginM;
    box.maxY += marginM;
    // Cells are anchored to the map's origin, not the screen, so panning keeps clusters.
    const auto firstCol = static_cast<std::int64_t>(std::floor(box.minX / cellM));
    const auto firstRow = static_cast<std::int64_t>(std::floor(box.minY / cellM));
    const auto cols = static_cast<std::int64_t>(std::floor(box.maxX / cellM)) - firstCol + 1;
    const auto rows = static_cast<std::int64_t>(std::floor(box.maxY / cellM)) - firstRow + 1;
    if (cols <= 0 || rows <= 0 || cols * rows > 4'000'000) return {};

    struct Accumulator {
        double sumX = 0, sumY = 0;
        std::uint32_t count = 0;
        std::size_t best = 0;
        int bestRank = std::numeric_limits<int>::max();
        geo::GeoBox bounds{180, 90, -180, -90};
        time::UnixMillis latestAt = std::numeric_limits<time::UnixMillis>::min();
    };
    std::vector<Accumulator> cells(static_cast<std::size_t>(cols * rows));
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (options.timeFiltered && !shownAt(columns, i, options.now)) continue;
        const geo::Mercator m = positions[i];
        if (m.x < box.minX || m.x > box.maxX || m.y < box.minY || m.y > box.maxY) continue;
        const auto cx = static_cast<std::int64_t>(std::floor(m.x / cellM)) - firstCol;
        const auto cy = static_cast<std::int64_t>(std::floor(m.y / cellM)) - firstRow;
        if (cx < 0 || cy < 0 || cx >= cols || cy >= rows) continue;
        Accumulator& a = cells[static_cast<std::size_t>(cy * cols + cx)];
        const geo::ScreenPoint s = view.toScreen(m);
        a.sumX += s.x;
        a.sumY += s.y;
        ++a.count;
        const int rank = severityRank(columns.category[i]);
        // Ties go to the latest incident: columns are in time order.
        if (rank <= a.bestRank) {
            a.bestRank = rank;
            a.best = i;
        }
        a.latestAt = std::max(a.latestAt, columns.occurredAt[i]);
        a.bounds.west = std::min(a.bounds.west, columns.lon[i]);
        a.bounds.east = std::max(a.bounds.east, columns.lon[i]);
        a.bounds.south = std::min(a.bounds.south, columns.lat[i]);
        a.bounds.north = std::max(a.bounds.north, columns.lat[i]);
    }
    // Members near a cell edge make neighbouring bubbles overlap; fold a neighbour into
    // its cell when their centres are closer than a cell, so bubbles never pile up.
    const double mergePx = std::max(1.0, options.cellPx);
    for (std::int64_t row = 0; row < rows; ++row) {
        for (std::int64_t col = 0; col < cols; ++col) {
            Accumulator& a = cells[static_cast<std::size_t>(row * cols + col)];
            if (a.count == 0) continue;
            for (const auto& [dx, dy] :
                 {std::pair{1, 0}, std::pair{-1, 1}, std::pair{0, 1}, std::pair{1, 1}}) {
                const std::int64_t c2 = col + dx, r2 = row + dy;
                if (c2 < 0 || c2 >= cols || r2 >= rows) continue;
                Accumulator& b = cells[static_cast<std::size_t>(r2 * cols + c2)];
                if (b.count == 0) continue;
                const double ax = a.sumX / a.count, ay = a.sumY / a.count;
                const double bx = b.sumX / b.count, by = b.sumY / b.count;
                if (std::hypot(ax - bx, ay - by) >= mergePx) continue;
                a.sumX += b.sumX;
                a.sumY += b.sumY;
                a.count += b.count;
                if (b.bestRank < a.bestRank ||
                    (b.bestRank == a.bestRank &&
                     columns.occurredAt[b.best] > columns.occurredAt[a.best])) {
                    a.bestRank = b.bestRank;
                    a.best = b.best;
                }
                a.latestAt = std::max(a.latestAt, b.latestAt);
                a.bounds.west = std::min(a.bounds.west, b.bounds.west);
                a.bounds.east = std::max(a.bounds.east, b.bounds.east);
                a.bounds.south = std::min(a.bounds.south, b.bounds.south);
                a.bounds.north = std::max(a.bounds.north, b.bounds.north);
                b = Accumulator{};
            }
        }
    }
    std::vector<IncidentCluster> out;
    // Mercator y grows northwards: the top screen row is the last grid row.
    for (std::int64_t row = rows - 1; row >= 0; --row) {
        for (std::int64_t col = 0; col < cols; ++col) {
            const Accumulator& a = cells[static_cast<std::size_t>(row * cols + col)];
            if (a.count == 0) continue;
            IncidentCluster c;
            c.count = a.count;
            c.centre = {a.sumX / a.count, a.sumY / a.count};
            c.firstMember = a.best;
            c.mostSevere = columns.category[a.best];
            c.bounds = a.bounds;
            c.latestAt = a.latestAt;
            out.push_back(c);
        }
    }
    return out;
}

std::optional<std::size_t> pickCluster(std::span<const IncidentCluster> clusters,
                                       geo::ScreenPoint point, double radiusPx) {
    std::optional<std::size_t> best;
    double bestD2 = radiusPx * radiusPx;
    for (std::size_t i = 0; i < clusters.size(); ++i) {
        const double dx = clusters[i].centre.x - point.x;
        const double dy = clusters[i].centre.y - point.y;
        const double d2 = dx * dx + dy * dy;
        if (d2 <= bestD2) {
            bestD2 = d2;
            best = i;
        }
    }
    return best;
}

double clusterRadiusPx(std::uint32_t count, double pixelScale) {
    return (9.0 + 3.0 * std::log10(std::max<std::uint32_t>(count, 1)) * 2.0) * pixelScale;
}

IncidentColumns columnsOf(std::span<const Incident> records) {
    IncidentColumns out;
    out.ids.reserve(records.size());
    out.lon.reserve(records.size());
    out.lat.reserve(records.size());
    out.occurredAt.reserve(records.size());
    out.category.reserve(records.size());
    for (const Incident& r : records) {
        out.ids.push_back(r.id);
        out.lon.push_back(r.lon);
        out.lat.push_back(r.lat);
        out.occurredAt.push_back(r.occurredAt);
        out.category.push_back(r.category);
    }
    return out;
}

std::vector<std::string> sourceRefsOf(std::span<const Incident> records) {
    std::vector<std::string> out;
    out.reserve(records.size());
    for (const Incident& r : records) out.push_back(r.sourceRef);
    return out;
}

std::vector<std::uint32_t> sortedRows(const IncidentColumns& columns, IncidentSortKey key,
                                      bool descending) {
    std::vector<std::uint32_t> rows(columns.size());
    std::iota(rows.begin(), rows.end(), std::uint32_t{0});
    auto tie = [&](std::uint32_t a, std::uint32_t b) {
        if (columns.occurredAt[a] != columns.occurredAt[b])
            return columns.occurredAt[a] < columns.occurredAt[b];
        return columns.ids[a] < columns.ids[b];
    };
    // Alphabetical rank of each category's label, so a million rows sort on integers.
    std::array<int, kCategoryCount> labelRank{};
    for (int c = 0; c < kCategoryCount; ++c)
        for (int d = 0; d < kCategoryCount; ++d)
            if (categoryLabel(static_cast<Category>(d)) < categoryLabel(static_cast<Category>(c)))
                ++labelRank[static_cast<std::size_t>(c)];
    auto rankOf = [&](Category c) { return labelRank[static_cast<std::size_t>(c)]; };
    auto less = [&](std::uint32_t a, std::uint32_t b) {
        switch (key) {
            case IncidentSortKey::Time:
                break;
            case IncidentSortKey::Category:
                if (columns.category[a] != columns.category[b])
                    return rankOf(columns.category[a]) < rankOf(columns.category[b]);
                break;
            case IncidentSortKey::Latitude:
                if (columns.lat[a] != columns.lat[b]) return columns.lat[a] < columns.lat[b];
                break;
            case IncidentSortKey::Longitude:
                if (columns.lon[a] != columns.lon[b]) return columns.lon[a] < columns.lon[b];
                break;
            case IncidentSortKey::Id:
                return columns.ids[a] < columns.ids[b];
        }
        return tie(a, b);
    };
    if (descending) {
        std::sort(rows.begin(), rows.end(), [&](auto a, auto b) { return less(b, a); });
    } else {
        std::sort(rows.begin(), rows.end(), less);
    }
    return rows;
}

IncidentColumns keepIds(const IncidentColumns& columns, std::span<const std::int64_t> ids) {
    IncidentColumns out;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (!std::binary_search(ids.begin(), ids.end(), columns.ids[i])) continue;
        out.ids.push_back(columns.ids[i]);
        out.lon.push_back(columns.lon[i]);
        out.lat.push_back(columns.lat[i]);
        out.occurredAt.push_back(columns.occurredAt[i]);
        out.category.push_back(columns.category[i]);
    }
    return out;
}

std::vector<TimeBucket> countsByTime(const IncidentColumns& columns, bool byMonth) {
    if (columns.size() == 0) return {};
    // Bucket index: months since year 0, or years.
    auto bucketOf = [byMonth](time::UnixMillis t) {
        const time::CivilTime c = time::toCivil(t);
        return byMonth ? c.year * 12 + (c.month - 1) : c.year;
    };
    const auto [lo, hi] = std::minmax_element(columns.occurredAt.begin(), columns.occurredAt.end());
    const int first = bucketOf(*lo), last = bucketOf(*hi);
    std::vector<std::int64_t> counts(static_cast<std::size_t>(last - first + 1), 0);
    if (std::is_sorted(columns.occurredAt.begin(), columns.occurredAt.end())) {
        // In time order (as the store returns them): one binary search per bucket.
        for (int b = first; b <= last; ++b) {
            const int next = b + 1;
            const time::UnixMillis end =
                byMonth ? time::fromCivil({next / 12, next % 12 + 1, 1, 0, 0, 0, 0})
                        : time::fromCivil({next, 1, 1, 0, 0, 0, 0});
            const time::UnixMillis start =
                byMonth ? time::fromCivil({b / 12, b % 12 + 1, 1, 0, 0, 0, 0})
                        : time::fromCivil({b, 1, 1, 0, 0, 0, 0});
            counts[static_cast<std::size_t>(b - first)] =
                std::lower_bound(columns.occurredAt.begin(), columns.occurredAt.end(), end) -
                std::lower_bound(columns.occurredAt.begin(), columns.occurredAt.end(), start);
        }
    } else {
        for (auto t : columns.occurredAt) ++counts[static_cast<std::size_t>(bucketOf(t) - first)];
    }
    std::vector<TimeBucket> out;
    out.reserve(counts.size());
    for (int b = first; b <= last; ++b) {
        const std::int64_t n = counts[static_cast<std::size_t>(b - first)];
        out.push_back(byMonth ? TimeBucket{b / 12, b % 12 + 1, n} : TimeBucket{b, 0, n});
    }
    return out;
}

std::optional<std::size_t> findIncidentRow(const IncidentColumns& columns, std::int64_t id) {
    const auto it = std::find(columns.ids.begin(), columns.ids.end(), id);
    if (it == columns.ids.end()) return std::nullopt;
    return static_cast<std::size_t>(it - columns.ids.begin());
}

}  // namespace seawatch::incidents
