#include "seawatch/geo/label_placement.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace seawatch::geo;

namespace {

LabelPlacementSettings screen(double w = 800, double h = 600) {
    LabelPlacementSettings s;
    s.bounds = {0, 0, w, h};
    return s;
}

LabelRequest pointLabel(double x, double y, LabelPriority priority, double w = 60, double h = 14,
                        double symbol = 6) {
    LabelRequest r;
    r.priority = priority;
    r.anchor = {x, y};
    r.width = w;
    r.height = h;
    r.symbolRadiusPx = symbol;
    return r;
}

void expectNoOverlaps(const std::vector<PlacedLabel>& placed) {
    for (std::size_t i = 0; i < placed.size(); ++i)
        for (std::size_t j = i + 1; j < placed.size(); ++j)
            EXPECT_FALSE(placed[i].box.overlaps(placed[j].box))
                << "labels " << placed[i].request << " and " << placed[j].request << " overlap";
}

bool isPlaced(const std::vector<PlacedLabel>& placed, std::size_t request) {
    for (const PlacedLabel& p : placed)
        if (p.request == request) return true;
    return false;
}

}  // namespace

TEST(LabelPlacement, TwoLabelsOnOneSpotBothFitWithoutOverlapping) {
    const std::vector<LabelRequest> requests{pointLabel(400, 300, LabelPriority::Incident),
                                             pointLabel(400, 300, LabelPriority::Incident)};
    const auto placed = placeLabels(requests, screen());
    ASSERT_EQ(placed.size(), 2u);
    expectNoOverlaps(placed);
    // The first asked goes to the right of its symbol, clear of it.
    EXPECT_EQ(placed[0].request, 0u);
    EXPECT_GE(placed[0].box.x0, 406.0);
    EXPECT_NEAR((placed[0].box.y0 + placed[0].box.y1) / 2, 300.0, 1e-9);
}

TEST(LabelPlacement, NoLabelCoversAnotherLabelsSymbol) {
    // A vessel just right of another: the first's label may not sit on the second symbol.
    const std::vector<LabelRequest> requests{pointLabel(400, 300, LabelPriority::Incident),
                                             pointLabel(440, 300, LabelPriority::Incident)};
    const auto placed = placeLabels(requests, screen());
    ASSERT_EQ(placed.size(), 2u);
    const LabelRect second{434, 294, 446, 306};
    for (const PlacedLabel& p : placed) {
        if (p.request == 0) {
            EXPECT_FALSE(p.box.overlaps(second));
        }
    }
}

TEST(LabelPlacement, TheMoreImportantLabelWinsWhereOnlyOneFits) {
    // A screen just big enough for one label beside the anchor.
    LabelPlacementSettings settings = screen(100, 30);
    std::vector<LabelRequest> requests{pointLabel(20, 15, LabelPriority::Zone, 60, 14, 4),
                                       pointLabel(20, 15, LabelPriority::Focus, 60, 14, 4)};
    requests[0].allowLeader = requests[1].allowLeader = false;
    const auto placed = placeLabels(requests, settings);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_EQ(placed[0].request, 1u);
}

TEST(LabelPlacement, AHiddenLabelComesBackWhenThereIsRoom) {
    LabelPlacementSettings settings = screen(100, 30);
    LabelRequest zone = pointLabel(20, 15, LabelPriority::Zone, 60, 14, 4);
    LabelRequest alert = pointLabel(20, 15, LabelPriority::Alert, 60, 14, 4);
    zone.allowLeader = alert.allowLeader = false;
    const std::vector<LabelRequest> crowded{zone, alert};
    EXPECT_FALSE(isPlaced(placeLabels(crowded, settings), 0));
    // The alert has aged out of the picture: the zone label is drawn again.
    const std::vector<LabelRequest> alone{zone};
    EXPECT_TRUE(isPlaced(placeLabels(alone, settings), 0));
}

TEST(LabelPlacement, ALabelPushedFarFromItsSymbolGetsALeader) {
    // Eight labels around one point fill the near ring; the ninth goes further out.
    std::vector<LabelRequest> requests;
    for (int i = 0; i < 9; ++i)
        requests.push_back(pointLabel(400, 300, LabelPriority::Incident, 50, 14, 5));
    const auto placed = placeLabels(requests, screen());
    ASSERT_EQ(placed.size(), 9u);
    expectNoOverlaps(placed);
    int leaders = 0;
    for (const PlacedLabel& p : placed) {
        const double cx = std::clamp(400.0, p.box.x0, p.box.x1);
        const double cy = std::clamp(300.0, p.box.y0, p.box.y1);
        const double distance = std::hypot(cx - 400.0, cy - 300.0);
        EXPECT_EQ(p.leader, distance > 18.0) << "label " << p.request;
        leaders += p.leader;
    }
    EXPECT_GE(leaders, 1);
}

TEST(LabelPlacement, LabelsStayInsideTheMapAndOffTheHud) {
    LabelPlacementSettings settings = screen();
    settings.keepOut.push_back({0, 0, 200, 60});  // the time badge
    // A label at the very corner, under the badge: it must be drawn outside it or not at all.
    std::vector<LabelRequest> requests{pointLabel(5, 5, LabelPriority::Focus),
                                       pointLabel(795, 595, LabelPriority::Focus)};
    const auto placed = placeLabels(requests, settings);
    for (const PlacedLabel& p : placed) {
        EXPECT_TRUE(settings.bounds.contains(p.box));
        EXPECT_FALSE(p.box.overlaps(settings.keepOut[0]));
    }
    EXPECT_TRUE(isPlaced(placed, 1));  // the bottom-right one fits up and to the left
}

TEST(LabelPlacement, AnAreaLabelStaysOnItsOwnCandidates) {
    LabelRequest area;
    area.priority = LabelPriority::Zone;
    area.anchor = {400, 300};
    area.width = 80;
    area.height = 14;
    area.allowLeader = false;
    area.centres = {{400, 300}, {300, 300}};
    // A more important label takes the first spot.
    LabelRequest blocker = pointLabel(380, 300, LabelPriority::Alert, 60, 14, 0);
    blocker.centres = {{400, 300}};
    blocker.allowLeader = false;
    const std::vector<LabelRequest> requests{area, blocker};
    const auto placed = placeLabels(requests, screen());
    ASSERT_EQ(placed.size(), 2u);
    for (const PlacedLabel& p : placed) {
        if (p.request != 0) continue;
        EXPECT_NEAR((p.box.x0 + p.box.x1) / 2, 300.0, 1e-9);
        EXPECT_FALSE(p.leader);
    }
}

TEST(LabelPlacement, AxisPointsRunAlongALongThinAreaAndStayInside) {
    // A band from (100, 100) to (500, 300), 20 px thick, at about 27 degrees.
    const double angle = std::atan2(200.0, 400.0);
    const double nx = -std::sin(angle) * 10, ny = std::cos(angle) * 10;
    const std::vector<ScreenPoint> ring{
        {100 + nx, 100 + ny}, {500 + nx, 300 + ny}, {500 - nx, 300 - ny}, {100 - nx, 100 - ny}};
    const auto inside = [&](ScreenPoint p) {
        // Distance from the band's axis under 10 px, and between its ends.
        const double t = ((p.x - 100) * 400 + (p.y - 100) * 200) / (400.0 * 400 + 200.0 * 200);
        const double d = std::abs((p.x - 100) * 200 - (p.y - 100) * 400) / std::hypot(400, 200);
        return t >= 0 && t <= 1 && d < 10;
    };
    const auto points = axisPoints(std::span<const ScreenPoint>(ring), 7, inside);
    ASSERT_GE(points.size(), 5u);
    EXPECT_NEAR(points[0].x, 300.0, 1e-6);  // the middle first
    EXPECT_NEAR(points[0].y, 200.0, 1e-6);
    for (const ScreenPoint& p : points) EXPECT_TRUE(inside(p));
}

TEST(LabelPlacement, ACrowdedScreenHasNoOverlapsAndEveryFocusLabel) {
    std::mt19937 random(42);
    std::uniform_real_distribution<double> x(0, 1280), y(0, 720), w(30, 140);
    std::vector<LabelRequest> requests;
    for (int i = 0; i < 600; ++i) {
        const auto priority = static_cast<LabelPriority>(i % 5);  // everything but Focus
        requests.push_back(pointLabel(x(random), y(random), priority, w(random), 14, 6));
    }
    // Five vessels in focus, spread out as a briefing step's highlights are.
    for (int i = 0; i < 5; ++i)
        requests.push_back(
            pointLabel(200 + 200 * i, 150 + 100 * i, LabelPriority::Focus, 110, 15, 8));
    const auto placed = placeLabels(requests, screen(1280, 720));
    expectNoOverlaps(placed);
    for (std::size_t i = 600; i < requests.size(); ++i)
        EXPECT_TRUE(isPlaced(placed, i)) << "focus label " << i;
    EXPECT_GT(placed.size(), 100u);
}
