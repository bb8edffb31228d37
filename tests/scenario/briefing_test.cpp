#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "seawatch/scenario/briefing.hpp"

using namespace seawatch;
using namespace seawatch::scenario;
namespace fs = std::filesystem;

namespace {

constexpr time::UnixMillis kT0 = 1258243200000;  // 2009-11-15T00:00:00Z
constexpr time::UnixMillis kHour = time::kMillisPerHour;

Scenario threeSteps() {
    Scenario s;
    s.title = "Deck <test>";
    s.description = "Approach & deterrence";
    s.window = {kT0, kT0 + 24 * kHour};
    s.initialView.box = {43, 10, 54, 16};
    for (int i = 0; i < 3; ++i) {
        Step step;
        step.time = kT0 + (i + 1) * kHour;
        step.caption = "Caption number " + std::to_string(i + 1);
        step.notes = i == 1 ? "Speaker note" : "";
        s.steps.push_back(step);
    }
    View close;
    close.kind = View::Kind::CentreZoom;
    close.centre = {51.0, 13.8};
    close.zoom = 10;
    s.steps[1].view = close;
    s.steps[2].caption = "Skiffs <1 nm & closing";
    Inject call;
    call.time = kT0 + 2 * kHour + 10 * time::kMillisPerMinute;
    call.title = "UKMTO call";
    call.text = "Two skiffs closing";
    s.injects.push_back(call);
    return s;
}

class TempDir {
  public:
    TempDir() {
        path_ =
            fs::temp_directory_path() /
            ("seawatch_deck_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

std::vector<fs::path> writeImages(const fs::path& dir, std::size_t n) {
    std::vector<fs::path> images;
    for (std::size_t i = 0; i < n; ++i) {
        images.push_back(dir / stepImageName(i + 1));
        std::ofstream(images.back()) << "png";
    }
    return images;
}

std::string readFile(const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST(Briefing, StepsInheritTheirView) {
    auto steps = stepsOf(threeSteps());
    ASSERT_EQ(steps.size(), 3u);
    EXPECT_EQ(steps[0].number, 1u);
    EXPECT_EQ(steps[0].view.kind, View::Kind::Box);  // the initial view
    EXPECT_DOUBLE_EQ(steps[0].view.box.west, 43.0);
    EXPECT_EQ(steps[1].view.kind, View::Kind::CentreZoom);
    EXPECT_EQ(steps[2].view.kind, View::Kind::CentreZoom);  // kept from step 2
    EXPECT_EQ(steps[2].time, kT0 + 3 * kHour);
    EXPECT_EQ(steps[0].until, kT0 + 2 * kHour);
    EXPECT_EQ(steps[2].until, kT0 + 24 * kHour);  // the last step runs to the window end
}

TEST(Briefing, AnnotationsShowInTheirWindow) {
    Annotation always;
    EXPECT_TRUE(always.visibleAt(kT0));
    Annotation ring;
    ring.visible = TimeSpan{kT0 + kHour, kT0 + 2 * kHour};
    EXPECT_FALSE(ring.visibleAt(kT0));
    EXPECT_TRUE(ring.visibleAt(kT0 + kHour));
    EXPECT_FALSE(ring.visibleAt(kT0 + 3 * kHour));
}

TEST(Briefing, ViewBoxFitsTheImageAspect) {
    View v;
    v.box = {44, 11, 52, 15};
    auto box = viewBox(v, 1920, 1080);
    // Nothing asked for is cut off.
    EXPECT_LE(box.west, 44.0);
    EXPECT_GE(box.east, 52.0);
    EXPECT_LE(box.south, 11.0 + 1e-9);
    EXPECT_GE(box.north, 15.0 - 1e-9);
    auto m = geo::toMercatorBox(box);
    EXPECT_NEAR(m.width() / m.height(), 1920.0 / 1080.0, 1e-9);

    View cz;
    cz.kind = View::Kind::CentreZoom;
    cz.centre = {51.0, 13.8};
    cz.zoom = 8;
    auto czBox = viewBox(cz, 512, 256);
    // At zoom 8 a 256-pixel tile spans 360/256 degrees of longitude; 512 px is two tiles.
    EXPECT_NEAR(czBox.east - czBox.west, 2 * 360.0 / 256.0, 1e-9);
    EXPECT_NEAR((czBox.east + czBox.west) / 2, 51.0, 1e-9);
}

TEST(Briefing, FrameTimesCoverTheSpan) {
    auto frames = frameTimes({kT0, kT0 + kHour}, 10 * time::kMillisPerMinute);
    ASSERT_TRUE(frames.ok());
    ASSERT_EQ(frames->size(), 7u);
    EXPECT_EQ(frames->front(), kT0);
    EXPECT_EQ(frames->back(), kT0 + kHour);
    auto uneven = frameTimes({kT0, kT0 + 25 * time::kMillisPerMinute}, 10 * time::kMillisPerMinute);
    ASSERT_TRUE(uneven.ok());
    EXPECT_EQ(uneven->size(), 4u);
    EXPECT_EQ(uneven->back(), kT0 + 25 * time::kMillisPerMinute);
    EXPECT_FALSE(frameTimes({kT0, kT0 + kHour}, 0).ok());
    EXPECT_FALSE(frameTimes({kT0 + kHour, kT0}, 1000).ok());
    auto tooMany = frameTimes({kT0, kT0 + 24 * kHour}, 1000, 1000);
    ASSERT_FALSE(tooMany.ok());
    EXPECT_NE(tooMany.error().find("86401 frames"), std::string::npos) << tooMany.error();
    EXPECT_EQ(frameImageName(42), "frame_000042.png");
    EXPECT_EQ(stepImageName(3, "tif"), "step_03.tif");
}

TEST(Briefing, DeckReferencesEveryImageWithCaptionTimeIncidentsAndAlerts) {
    TempDir dir;
    const Scenario s = threeSteps();
    auto images = writeImages(dir.path(), 3);
    std::vector<std::vector<DeckIncident>> incidents(3);
    incidents[2].push_back({"2009-412",
                            kT0 + 2 * kHour,
                            {51.2, 13.9},
                            "attempted boarding",
                            "Two skiffs fired on the bridge"});
    std::vector<std::vector<DeckAlert>> alerts(3);
    alerts[1].push_back({kT0 + 2 * kHour, "alarm", "approach", "ASTRAEA TRADER (538004417)",
                         "Contact 900000011 closing, CPA 0.4 nm"});
    DeckSummary summary;
    summary.figures.push_back({"Vessels", "27"});
    ASSERT_TRUE(writeBriefingDeck(dir.path(), s, images, incidents, alerts, summary).ok());

    const std::string html = readFile(dir.path() / "index.html");
    for (int i = 1; i <= 3; ++i) {
        EXPECT_NE(html.find("src=\"" + stepImageName(i) + "\""), std::string::npos) << i;
        EXPECT_NE(html.find("id=\"step-" + std::to_string(i) + "\""), std::string::npos);
    }
    EXPECT_NE(html.find("Caption number 1"), std::string::npos);
    EXPECT_NE(html.find("Skiffs &lt;1 nm &amp; closing"), std::string::npos);
    EXPECT_EQ(html.find("Skiffs <1 nm"), std::string::npos);  // escaped, never raw
    EXPECT_NE(html.find("Deck &lt;test&gt;"), std::string::npos);
    EXPECT_NE(html.find("2009-11-15 01:00:00Z"), std::string::npos);  // step 1 UTC time
    EXPECT_NE(html.find("2009-412"), std::string::npos);
    EXPECT_NE(html.find("attempted boarding"), std::string::npos);
    EXPECT_NE(html.find("CPA 0.4 nm"), std::string::npos);
    EXPECT_NE(html.find("Speaker note"), std::string::npos);
    // The inject at 02:10 belongs to step 2 (02:00-03:00), listed after its alerts.
    const auto injectAt = html.find("<b>UKMTO call</b> &ndash; Two skiffs closing");
    ASSERT_NE(injectAt, std::string::npos);
    EXPECT_GT(injectAt, html.find("id=\"step-2\""));
    EXPECT_LT(injectAt, html.find("id=\"step-3\""));
    EXPECT_NE(html.find("<h2>Summary</h2>"), std::string::npos);
    EXPECT_NE(html.find("<td>Vessels</td><td>27</td>"), std::string::npos);
    // Self-contained: inline style, no external stylesheets, scripts or web links.
    EXPECT_NE(html.find("<style>"), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("http"), std::string::npos);
}

TEST(Briefing, RelativeImagePathsAndOddNames) {
    TempDir dir;
    Scenario s = threeSteps();
    s.steps.resize(1);
    fs::create_directories(dir.path() / "img");
    std::ofstream(dir.path() / "img" / "step one.png") << "png";
    const std::vector<fs::path> images{"img/step one.png"};
    ASSERT_TRUE(writeBriefingDeck(dir.path(), s, images, {{}}, {{}}, {}).ok());
    const std::string html = readFile(dir.path() / "index.html");
    EXPECT_NE(html.find("src=\"img/step%20one.png\""), std::string::npos);
    EXPECT_NE(html.find("No incidents in this step."), std::string::npos);
}

TEST(Briefing, DeckRefusesMissingImagesAndShortLists) {
    TempDir dir;
    const Scenario s = threeSteps();
    auto images = writeImages(dir.path(), 3);
    std::vector<std::vector<DeckIncident>> incidents(3);
    std::vector<std::vector<DeckAlert>> alerts(3);
    auto shortLists = writeBriefingDeck(dir.path(), s, {images[0]}, incidents, alerts, {});
    ASSERT_FALSE(shortLists.ok());
    EXPECT_NE(shortLists.error().find("3 steps but 1 images"), std::string::npos);
    fs::remove(images[1]);
    auto missing = writeBriefingDeck(dir.path(), s, images, incidents, alerts, {});
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().find("step 2 image"), std::string::npos) << missing.error();
    EXPECT_FALSE(fs::exists(dir.path() / "index.html"));
}
