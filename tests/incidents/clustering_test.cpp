#include "seawatch/incidents/clustering.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <set>

#include "seawatch/incidents/synthetic.hpp"

using namespace seawatch;
using namespace seawatch::incidents;

namespace {

constexpr time::UnixMillis kDay = time::kMillisPerDay;

IncidentColumns columnsAt(std::initializer_list<std::pair<geo::LonLat, time::UnixMillis>> rows,
                          Category category = Category::Boarded) {
    IncidentColumns c;
    std::int64_t id = 1;
    for (const auto& [p, t] : rows) {
        c.ids.push_back(id++);
        c.lon.push_back(p.lon);
        c.lat.push_back(p.lat);
        c.occurredAt.push_back(t);
        c.category.push_back(category);
    }
    return c;
}

std::uint64_t total(const std::vector<IncidentCluster>& clusters) {
    return std::accumulate(clusters.begin(), clusters.end(), std::uint64_t{0},
                           [](std::uint64_t s, const IncidentCluster& c) { return s + c.count; });
}

}  // namespace

TEST(MarkerSymbology, EveryCategoryHasItsOwnColourAndShapePair) {
    const auto& table = markerSymbology();
    std::set<std::tuple<int, int, int, int, bool>> seen;
    for (std::size_t i = 0; i < table.size(); ++i) {
        EXPECT_EQ(static_cast<std::size_t>(table[i].category), i) << "table is indexed by enum";
        const auto& c = table[i].colour;
        EXPECT_TRUE(
            seen.insert({c.r, c.g, c.b, static_cast<int>(table[i].shape), table[i].filled}).second)
            << categoryLabel(table[i].category) << " repeats another symbol";
    }
    const MarkerSymbol& hijacked = markerSymbol(Category::Hijacked);
    EXPECT_EQ(hijacked.shape, MarkerShape::Diamond);
    EXPECT_TRUE(hijacked.filled);
    EXPECT_GT(hijacked.colour.r, 180);
    EXPECT_LT(hijacked.colour.g, 60);
    EXPECT_LT(severityRank(Category::Hijacked), severityRank(Category::Attempted));
    EXPECT_LT(severityRank(Category::Boarded), severityRank(Category::SuspiciousApproach));
}

TEST(IncidentClustering, CountsAreConservedAndSplitWhenZoomingIn) {
    const auto records = syntheticIncidents(5000, 7);
    const IncidentColumns columns = columnsOf(records);
    const auto positions = mercatorPositions(columns);
    // The whole western Indian Ocean: every synthetic incident is on screen.
    const geo::MapView wide = geo::MapView::fitting({25, -40, 100, 40}, 1280, 800);
    ClusterOptions options;
    options.timeFiltered = false;
    const auto coarse = clusterIncidents(columns, positions, wide, options);
    std::uint64_t onScreen = 0;
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (wide.visibleBox().contains({columns.lon[i], columns.lat[i]})) ++onScreen;
    EXPECT_EQ(onScreen, columns.size());
    EXPECT_EQ(total(coarse), columns.size());
    EXPECT_LT(coarse.size(), columns.size() / 4) << "dense areas collapse into clusters";

    // Zoom in four times around the same centre: the biggest cluster falls apart.
    const auto biggest = std::max_element(coarse.begin(), coarse.end(),
                                          [](auto& a, auto& b) { return a.count < b.count; });
    geo::MapView close = wide;
    close.zoomAround(biggest->centre, 4.0);
    const auto fine = clusterIncidents(columns, positions, close, options);
    std::uint64_t insideBiggest = 0;
    std::uint64_t largestFine = 0;
    for (const auto& c : fine) {
        largestFine = std::max<std::uint64_t>(largestFine, c.count);
        const auto ll = close.toLonLat(c.centre);
        if (biggest->bounds.contains(ll)) insideBiggest += c.count;
    }
    EXPECT_LT(largestFine, biggest->count);
    EXPECT_GE(insideBiggest, biggest->count / 2);
    // Everything in the zoomed view is still counted once.
    std::uint64_t visible = 0;
    const geo::GeoBox closeBox = close.visibleBox();
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (closeBox.contains({columns.lon[i], columns.lat[i]})) ++visible;
    EXPECT_GE(total(fine), visible);
}

TEST(IncidentClustering, IncidentsAppearAtTheirTime) {
    const auto columns = columnsAt(
        {{{48.0, 12.5}, 10 * kDay}, {{48.0, 12.5}, 20 * kDay}, {{52.0, 14.0}, 30 * kDay}});
    const auto positions = mercatorPositions(columns);
    const geo::MapView view = geo::MapView::fitting({42, 10, 54, 16}, 1200, 600);
    ClusterOptions options;
    options.now = 5 * kDay;
    EXPECT_TRUE(clusterIncidents(columns, positions, view, options).empty());
    options.now = 10 * kDay;
    auto shown = clusterIncidents(columns, positions, view, options);
    ASSERT_EQ(shown.size(), 1u);
    EXPECT_EQ(shown[0].count, 1u);
    options.now = 25 * kDay;
    shown = clusterIncidents(columns, positions, view, options);
    ASSERT_EQ(shown.size(), 1u);  // two incidents at one spot share a cell
    EXPECT_EQ(shown[0].count, 2u);
    EXPECT_EQ(shown[0].firstMember, 1u) << "ties go to the latest";
    EXPECT_EQ(shown[0].latestAt, 20 * kDay);
    options.now = 40 * kDay;
    EXPECT_EQ(total(clusterIncidents(columns, positions, view, options)), 3u);
}

TEST(IncidentClustering, MostSevereMemberNamesTheClusterAndPickingFindsIt) {
    IncidentColumns columns =
        columnsAt({{{48.0, 12.5}, kDay}, {{48.0, 12.5}, 2 * kDay}}, Category::SuspiciousApproach);
    columns.category[0] = Category::Hijacked;
    const auto positions = mercatorPositions(columns);
    const geo::MapView view = geo::MapView::fitting({42, 10, 54, 16}, 1200, 600);
    ClusterOptions options;
    options.now = 3 * kDay;
    const auto clusters = clusterIncidents(columns, positions, view, options);
    ASSERT_EQ(clusters.size(), 1u);
    EXPECT_EQ(clusters[0].mostSevere, Category::Hijacked);
    EXPECT_EQ(clusters[0].firstMember, 0u);
    const geo::ScreenPoint at = view.toScreen(geo::LonLat{48.0, 12.5});
    EXPECT_EQ(pickCluster(clusters, {at.x + 3, at.y - 2}, 10.0), 0u);
    EXPECT_FALSE(pickCluster(clusters, {at.x + 60, at.y}, 10.0));
    EXPECT_EQ(findIncidentRow(columns, 2), 1u);
    EXPECT_FALSE(findIncidentRow(columns, 99));
}

TEST(IncidentClustering, ColumnsOfRecordsKeepOrderAndRefs) {
    std::vector<Incident> records(2);
    records[0].id = 5;
    records[0].sourceRef = "2009-101";
    records[0].lon = 45.1;
    records[1].id = 9;
    records[1].sourceRef = "2009-102";
    records[1].category = Category::Hijacked;
    const auto columns = columnsOf(records);
    ASSERT_EQ(columns.size(), 2u);
    EXPECT_EQ(columns.ids[1], 9);
    EXPECT_DOUBLE_EQ(columns.lon[0], 45.1);
    EXPECT_EQ(columns.category[1], Category::Hijacked);
    EXPECT_EQ(sourceRefsOf(records), (std::vector<std::string>{"2009-101", "2009-102"}));
}

TEST(IncidentTable, SortsByKeyWithTimeAsTieBreakAndKeepsChosenIds) {
    auto columns =
        columnsAt({{{50.0, 12.0}, 3 * kDay}, {{45.0, 14.0}, 1 * kDay}, {{48.0, 11.0}, 2 * kDay}});
    columns.category = {Category::Robbery, Category::Hijacked, Category::Robbery};
    EXPECT_EQ(sortedRows(columns, IncidentSortKey::Time, false),
              (std::vector<std::uint32_t>{1, 2, 0}));
    EXPECT_EQ(sortedRows(columns, IncidentSortKey::Time, true),
              (std::vector<std::uint32_t>{0, 2, 1}));
    EXPECT_EQ(sortedRows(columns, IncidentSortKey::Longitude, false),
              (std::vector<std::uint32_t>{1, 2, 0}));
    EXPECT_EQ(sortedRows(columns, IncidentSortKey::Latitude, true),
              (std::vector<std::uint32_t>{1, 0, 2}));
    // "Hijacked" < "Robbery"; the two robberies by time.
    EXPECT_EQ(sortedRows(columns, IncidentSortKey::Category, false),
              (std::vector<std::uint32_t>{1, 2, 0}));
    const std::vector<std::int64_t> keep{1, 3};
    const auto kept = keepIds(columns, keep);
    ASSERT_EQ(kept.size(), 2u);
    EXPECT_EQ(kept.ids, (std::vector<std::int64_t>{1, 3}));
    EXPECT_DOUBLE_EQ(kept.lat[1], 11.0);
}

TEST(IncidentClustering, NeighbouringCellsWithCloseCentresMerge) {
    // Two incidents 10 px apart on either side of a cell edge become one bubble.
    const geo::MapView view = geo::MapView::fitting({42, 10, 54, 16}, 1200, 600);
    ClusterOptions options;
    options.timeFiltered = false;
    const double cellM = options.cellPx * view.metresPerPixel();
    const geo::Mercator edge{std::floor(geo::toMercator(geo::LonLat{48, 12.5}).x / cellM) * cellM,
                             geo::toMercator(geo::LonLat{48, 12.5}).y};
    const double fivePx = 5 * view.metresPerPixel();
    const geo::LonLat west = geo::fromMercator({edge.x - fivePx, edge.y});
    const geo::LonLat east = geo::fromMercator({edge.x + fivePx, edge.y});
    const auto columns = columnsAt({{west, kDay}, {east, kDay}});
    const auto clusters = clusterIncidents(columns, mercatorPositions(columns), view, options);
    ASSERT_EQ(clusters.size(), 1u);
    EXPECT_EQ(clusters[0].count, 2u);
    // Far apart (two cells), they stay two.
    const geo::LonLat far = geo::fromMercator({edge.x + 2.5 * cellM, edge.y});
    const auto apart = columnsAt({{west, kDay}, {far, kDay}});
    EXPECT_EQ(clusterIncidents(apart, mercatorPositions(apart), view, options).size(), 2u);
}

TEST(IncidentHistogram, CountsByYearAndMonthWithEmptyBucketsInside) {
    const auto at = [](int y, int m, int d) { return time::fromCivil({y, m, d, 12, 0, 0, 0}); };
    auto columns = columnsAt({{{48, 12}, at(2009, 1, 31)},
                              {{48, 12}, at(2009, 3, 1)},
                              {{48, 12}, at(2009, 3, 31)},
                              {{48, 12}, at(2011, 12, 31)}});
    const auto years = countsByTime(columns, false);
    ASSERT_EQ(years.size(), 3u);
    EXPECT_EQ(years[0].year, 2009);
    EXPECT_EQ(years[0].month, 0);
    EXPECT_EQ(years[0].count, 3);
    EXPECT_EQ(years[1].count, 0) << "2010 is an empty bar, not a missing one";
    EXPECT_EQ(years[2].count, 1);
    const auto months = countsByTime(columns, true);
    ASSERT_EQ(months.size(), 36u);  // Jan 2009 .. Dec 2011
    EXPECT_EQ(months[0].count, 1);
    EXPECT_EQ(months[1].count, 0);
    EXPECT_EQ(months[2].month, 3);
    EXPECT_EQ(months[2].count, 2);
    EXPECT_EQ(months[35].year, 2011);
    EXPECT_EQ(months[35].count, 1);
    // Out of time order, the same answer.
    std::swap(columns.occurredAt[0], columns.occurredAt[3]);
    const auto unsorted = countsByTime(columns, true);
    ASSERT_EQ(unsorted.size(), months.size());
    for (std::size_t i = 0; i < months.size(); ++i) EXPECT_EQ(unsorted[i].count, months[i].count);
    EXPECT_TRUE(countsByTime(IncidentColumns{}, false).empty());
}
