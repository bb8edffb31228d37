#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "cli_support.hpp"

using namespace seawatch::testing;
namespace fs = std::filesystem;

namespace {
const std::string kScenario =
    std::string(SEAWATCH_SOURCE_DIR) + "/data/scenarios/gulf_of_aden_2009.json";
}

TEST(BriefCommand, OneImagePerStepAndADeckThatReferencesEveryImage) {
    const fs::path dir = scratchDir("brief");
    const auto r =
        runSeawatch("brief " + kScenario + " --size 640x360 -o " + dir.string(), "env -u DISPLAY");
    if (r.exitCode == 3) GTEST_SKIP() << "no EGL context here: " << r.err;
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::set<std::string> images;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".png") images.insert(e.path().filename().string());
    EXPECT_EQ(images.size(), 10u);  // the bundled exercise has 10 steps
    const std::string html = readFile(dir / "index.html");
    ASSERT_FALSE(html.empty());
    for (const auto& image : images) {
        EXPECT_NE(html.find("src=\"" + image + "\""), std::string::npos) << image;
        const std::string bytes = readFile(dir / image);
        EXPECT_EQ(bytes.substr(1, 3), "PNG") << image;
    }
    // Captions and times are in the deck, and it closes with a summary table.
    EXPECT_NE(html.find("Suspicious approach"), std::string::npos);
    EXPECT_NE(html.find("2009-11-15"), std::string::npos);
    EXPECT_NE(html.find("<table"), std::string::npos);
    fs::remove_all(dir);
}

TEST(BriefCommand, GeoTiffsOnRequestAndClearErrors) {
    const fs::path dir = scratchDir("brief_tif");
    auto r = runSeawatch("brief " + kScenario + " --size 320x180 --geotiff -o " + dir.string(),
                         "env -u DISPLAY");
    if (r.exitCode == 3) GTEST_SKIP() << "no EGL context here: " << r.err;
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir / "step_01.tif"));
    EXPECT_TRUE(fs::exists(dir / "step_10.tif"));
    // A broken scenario names the problem and exits 1.
    const fs::path bad = dir / "bad.json";
    std::ofstream(bad) << R"({"seawatch_scenario": 1, "title": "x", "window": {"start": "nope"}})";
    r = runSeawatch("brief " + bad.string() + " -o " + (dir / "out").string(), "env -u DISPLAY");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("window"), std::string::npos) << r.err;
    fs::remove_all(dir);
}

TEST(RenderCommand, ScenarioAtATimeAndFrames) {
    const fs::path dir = scratchDir("render_at");
    auto r = runSeawatch("render " + kScenario + " --at 2009-11-15T12:50:00Z --size 320x180 -o " +
                             (dir / "at.png").string(),
                         "env -u DISPLAY");
    if (r.exitCode == 3) GTEST_SKIP() << "no EGL context here: " << r.err;
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir / "at.png"));
    r = runSeawatch("render " + kScenario +
                        " --frames 2h --from 2009-11-15T10:00:00Z --to 2009-11-15T16:00:00Z "
                        "--size 160x90 -o " +
                        (dir / "frames").string(),
                    "env -u DISPLAY");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    int frames = 0;
    for (const auto& e : fs::directory_iterator(dir / "frames"))
        frames += e.path().extension() == ".png";
    EXPECT_EQ(frames, 4);  // 10:00, 12:00, 14:00, 16:00
    r = runSeawatch("render --at 2009-11-15T12:50:00Z -o " + (dir / "x.png").string());
    EXPECT_EQ(r.exitCode, 2);
    r = runSeawatch("render " + kScenario + " --at yesterday -o " + (dir / "x.png").string());
    EXPECT_EQ(r.exitCode, 2);
    fs::remove_all(dir);
}

// Each step image shows what its step says: every highlighted vessel that is under way at
// the step's time carries the highlight ring at the pixel of its position.
#include <gdal_priv.h>

#include "seawatch/geo/map_view.hpp"
#include "seawatch/scenario/briefing.hpp"
#include "seawatch/scenario/scene.hpp"

TEST(BriefCommand, HighlightedVesselsAreWhereTheirStepSaysAtTheRightPixel) {
    using namespace seawatch;
    const fs::path dir = scratchDir("brief_pixels");
    const int w = 1280, h = 720;
    const auto r =
        runSeawatch("brief " + kScenario + " --size 1280x720 -o " + dir.string(), "env -u DISPLAY");
    if (r.exitCode == 3) GTEST_SKIP() << "no EGL context here: " << r.err;
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto scene = scenario::loadScene(kScenario);
    ASSERT_TRUE(scene.ok()) << scene.error();
    GDALAllRegister();
    int checked = 0;
    for (const auto& step : scenario::stepsOf(scene->scenario)) {
        if (step.highlight.mmsi.empty()) continue;
        const fs::path image = dir / scenario::stepImageName(step.number);
        GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(image.string().c_str(), GA_ReadOnly));
        ASSERT_NE(ds, nullptr) << image;
        std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * h * 3);
        int bands[] = {1, 2, 3};
        ASSERT_EQ(
            ds->RasterIO(GF_Read, 0, 0, w, h, rgb.data(), w, h, GDT_Byte, 3, bands, 3, w * 3, 1),
            CE_None);
        GDALClose(ds);
        const auto ringHits = [&](geo::ScreenPoint c, double radius) {
            int hits = 0;
            for (int k = 0; k < 72; ++k) {
                const double a = k * 2 * geo::kPi / 72;
                for (double dr : {-1.0, 0.0, 1.0}) {
                    const int x = static_cast<int>(std::lround(c.x + (radius + dr) * std::cos(a)));
                    const int y = static_cast<int>(std::lround(c.y + (radius + dr) * std::sin(a)));
                    if (x < 0 || y < 0 || x >= w || y >= h) continue;
                    const unsigned char* p = &rgb[(static_cast<std::size_t>(y) * w + x) * 3];
                    // The highlight amber (230, 159, 0).
                    if (p[0] > 190 && p[1] > 120 && p[1] < 200 && p[2] < 70) {
                        ++hits;
                        break;
                    }
                }
            }
            return hits;
        };
        const geo::MapView view = geo::MapView::fitting(scenario::viewBox(step.view, w, h), w, h);
        for (ais::Mmsi mmsi : step.highlight.mmsi) {
            const auto state = scene->tracks.stateAtMmsi(mmsi, step.time);
            if (!state || step.time - state->lastFixTime > 10 * time::kMillisPerMinute) continue;
            const geo::ScreenPoint p = view.toScreen(geo::LonLat{state->lon, state->lat});
            if (p.x < 40 || p.y < 40 || p.x > w - 40 || p.y > h - 120) continue;
            // The ring is 18.3 px from the vessel's position at the default symbol size.
            EXPECT_GE(ringHits(p, 18.3), 20)
                << "step " << step.number << ": no highlight ring around MMSI " << mmsi
                << " at pixel " << p.x << "," << p.y;
            // And not 60 px away, so the check is about this vessel, not a wash of colour.
            EXPECT_LT(ringHits({p.x + 60, p.y}, 18.3), 20) << "step " << step.number;
            ++checked;
        }
    }
    EXPECT_GE(checked, 3) << "the bundled story highlights vessels in several steps";
    fs::remove_all(dir);
}

// Briefing a plan: a fortnight by hand against the bundled corridor. One clash at Point A
// on 10 Jan (India 06:00, Japan 07:00): in week 2 (9-15 Jan) only, on its map at Point A.
#include "seawatch/analytics/plan_check.hpp"
#include "seawatch/scenario/briefing_plan.hpp"
#include "seawatch/zones/zone_loader.hpp"

namespace {
const char* kFortnight = R"({"version": 1, "name": "Test fortnight",
  "window": {"from": "2012-01-02T00:00:00Z", "to": "2012-01-16T00:00:00Z"},
  "reference_nations": [{"nation": "India", "from": "2012-01-02T00:00:00Z", "to": "2012-01-16T00:00:00Z"}],
  "convoys": [
    {"id": "CN-1", "nation": "China", "escort_units": ["PLAN frigate 1"], "depart": "A",
     "departure": "2012-01-03T06:00:00Z", "speed_kn": 12},
    {"id": "IN-1", "nation": "India", "escort_units": ["INS Tabar"], "depart": "A",
     "departure": "2012-01-10T06:00:00Z", "speed_kn": 12},
    {"id": "JP-1", "nation": "Japan", "escort_units": ["JS Ikazuchi"], "depart": "A",
     "departure": "2012-01-10T07:00:00Z", "speed_kn": 12}],
  "sector_assignments": [{"unit": "ATALANTA frigate 1", "nation": "EU NAVFOR Atalanta",
     "sector": "IRTC Sector 1", "from": "2012-01-02T00:00:00Z", "to": "2012-01-16T00:00:00Z"}]})";

std::vector<unsigned char> readRgb(const fs::path& image, int w, int h) {
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(image.string().c_str(), GA_ReadOnly));
    if (!ds) return {};
    std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * h * 3);
    int bands[] = {1, 2, 3};
    const bool ok = ds->GetRasterXSize() == w && ds->GetRasterYSize() == h &&
                    ds->RasterIO(GF_Read, 0, 0, w, h, rgb.data(), w, h, GDT_Byte, 3, bands, 3,
                                 w * 3, 1) == CE_None;
    GDALClose(ds);
    return ok ? rgb : std::vector<unsigned char>{};
}
}  // namespace

TEST(BriefCommand, APlanIsBriefedAsAGanttAndOneMapPerWeekWithItsFaults) {
    using namespace seawatch;
    const fs::path dir = scratchDir("brief_plan");
    const fs::path plan = dir / "fortnight.json";
    std::ofstream(plan) << kFortnight;
    // Large enough that the caption band and time badge (fixed sizes) leave Point A clear.
    const int w = 960, h = 540;
    const fs::path deck = dir / "deck";
    const auto r = runSeawatch(
        "brief --plan " + plan.string() + " --size 960x540 -o " + deck.string(), "env -u DISPLAY");
    if (r.exitCode == 3) GTEST_SKIP() << "no EGL context here: " << r.err;
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::set<std::string> images;
    for (const auto& e : fs::directory_iterator(deck))
        if (e.path().extension() == ".png") images.insert(e.path().filename().string());
    EXPECT_EQ(images,
              (std::set<std::string>{"plan_gantt.png", "plan_week_01.png", "plan_week_02.png"}));
    const std::string html = readFile(deck / "index.html");
    const auto week1 = html.find("id=\"plan-week-1\"");
    const auto week2 = html.find("id=\"plan-week-2\"");
    ASSERT_NE(week1, std::string::npos);
    ASSERT_NE(week2, std::string::npos);
    const std::string clash = "IN-1 (India) and JP-1 (Japan) leave Point A 1 h apart";
    EXPECT_EQ(html.substr(week1, week2 - week1).find(clash), std::string::npos);
    EXPECT_NE(html.substr(week2).find(clash), std::string::npos) << html;
    EXPECT_NE(html.find("Departure clash"), std::string::npos);
    EXPECT_NE(html.find("Test fortnight"), std::string::npos);
    EXPECT_EQ(html.find("departure_clash"), std::string::npos);

    // The clash's red disc is at Point A on week 2's map, and not on week 1's.
    auto zones =
        zones::loadZoneFiles({fs::path(SEAWATCH_SOURCE_DIR) / "data/zones/irtc.geojson",
                              fs::path(SEAWATCH_SOURCE_DIR) / "data/zones/patrol_sectors.geojson",
                              fs::path(SEAWATCH_SOURCE_DIR) / "data/zones/hra.geojson"});
    ASSERT_TRUE(zones.ok()) << zones.error();
    auto context = analytics::PlanContext::build(std::move(zones->zones));
    ASSERT_TRUE(context.ok()) << context.error();
    scenario::View frame;
    frame.box = scenario::planMapBox(*context);
    const geo::MapView view = geo::MapView::fitting(scenario::viewBox(frame, w, h), w, h);
    const geo::ScreenPoint a = view.toScreen(context->corridor().pointA);
    GDALAllRegister();
    const auto red = [&](const fs::path& image) {
        const auto rgb = readRgb(image, w, h);
        if (rgb.empty()) return -1;
        int hits = 0;
        for (int dy = -2; dy <= 2; ++dy) {
            for (int dx = -2; dx <= 2; ++dx) {
                const int x = static_cast<int>(std::lround(a.x)) + dx;
                const int y = static_cast<int>(std::lround(a.y)) + dy;
                const unsigned char* p = &rgb[(static_cast<std::size_t>(y) * w + x) * 3];
                hits += p[0] > 170 && p[1] < 90 && p[2] < 90;
            }
        }
        return hits;
    };
    EXPECT_GE(red(deck / "plan_week_02.png"), 20);  // 5x5 pixels at its centre
    EXPECT_EQ(red(deck / "plan_week_01.png"), 0);
    fs::remove_all(dir);
}

TEST(BriefCommand, NothingToBriefIsABadCommandLine) {
    const fs::path dir = scratchDir("brief_nothing");
    auto r = runSeawatch("brief -o " + (dir / "deck").string(), "env -u DISPLAY");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--plan"), std::string::npos) << r.err;
    r = runSeawatch(
        "brief --plan " + (dir / "missing.json").string() + " -o " + (dir / "deck").string(),
        "env -u DISPLAY");
    if (r.exitCode == 3) GTEST_SKIP() << "no EGL context here: " << r.err;
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("missing.json"), std::string::npos) << r.err;
    fs::remove_all(dir);
}
