// Annotation drafts: what the trainer draws is kept in the workspace until it is saved into
// the scenario file, and comes back when the scenario is opened again.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "seawatch/scenario/annotation_drafts.hpp"
#include "seawatch/scenario/scenario_json.hpp"

using namespace seawatch;
using namespace seawatch::scenario;
namespace fs = std::filesystem;

namespace {

class AnnotationDraftsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("seawatch_drafts_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
};

std::vector<Annotation> twoAnnotations() {
    Annotation ring;
    ring.kind = Annotation::Kind::RangeRing;
    ring.text = "Escort rendezvous";
    ring.points = {{45.25, 12.5}};
    ring.radiiNm = {5, 10};
    ring.colour = "#aa2200";
    Annotation area;
    area.kind = Annotation::Kind::Area;
    area.text = "Skiff sighting box";
    area.points = {{48.0, 12.0}, {48.5, 12.0}, {48.5, 12.4}, {48.0, 12.4}};
    return {ring, area};
}

}  // namespace

TEST_F(AnnotationDraftsTest, KeptDraftComesBackWhole) {
    const auto workspace = dir_ / "ws.gpkg";
    const std::string key = AnnotationDrafts::keyFor(dir_ / "exercise.json");
    {
        auto drafts = AnnotationDrafts::open(workspace);
        ASSERT_TRUE(drafts) << drafts.error();
        ASSERT_TRUE(drafts->keep(key, twoAnnotations(), 1'700'000'000'000));
    }
    auto drafts = AnnotationDrafts::open(workspace);  // a new session
    ASSERT_TRUE(drafts) << drafts.error();
    auto found = drafts->find(key);
    ASSERT_TRUE(found) << found.error();
    ASSERT_TRUE(found->has_value());
    const AnnotationDraft& draft = **found;
    EXPECT_EQ(draft.savedAt, 1'700'000'000'000);
    ASSERT_EQ(draft.annotations.size(), 2u);
    EXPECT_EQ(draft.annotations[0].kind, Annotation::Kind::RangeRing);
    EXPECT_EQ(draft.annotations[0].radiiNm, (std::vector<double>{5, 10}));
    EXPECT_EQ(draft.annotations[0].colour, "#aa2200");
    EXPECT_EQ(draft.annotations[1].text, "Skiff sighting box");
    ASSERT_EQ(draft.annotations[1].points.size(), 4u);
    EXPECT_DOUBLE_EQ(draft.annotations[1].points[2].lat, 12.4);
    // Another scenario has no draft.
    auto other = drafts->find(AnnotationDrafts::keyFor(dir_ / "other.json"));
    ASSERT_TRUE(other);
    EXPECT_FALSE(other->has_value());
}

TEST_F(AnnotationDraftsTest, DeletingEveryAnnotationIsADraftToo) {
    auto drafts = AnnotationDrafts::open(dir_ / "ws.gpkg");
    ASSERT_TRUE(drafts);
    const std::string key = AnnotationDrafts::keyFor(dir_ / "exercise.json");
    ASSERT_TRUE(drafts->keep(key, twoAnnotations(), 1));
    ASSERT_TRUE(drafts->keep(key, {}, 2));
    Scenario s;
    s.annotations = twoAnnotations();
    auto restored = restoreAnnotationDraft(*drafts, dir_ / "exercise.json", s);
    ASSERT_TRUE(restored) << restored.error();
    ASSERT_TRUE(restored->has_value());
    EXPECT_EQ(**restored, 0u);
    EXPECT_TRUE(s.annotations.empty());
}

TEST_F(AnnotationDraftsTest, RestoreOnlyWhatDiffersFromTheFileAndDiscardAfterSave) {
    auto drafts = AnnotationDrafts::open(dir_ / "ws.gpkg");
    ASSERT_TRUE(drafts);
    const fs::path file = dir_ / "exercise.json";
    Scenario s;
    s.annotations = twoAnnotations();
    ASSERT_TRUE(drafts->keep(AnnotationDrafts::keyFor(file), s.annotations, 5));
    // The same as the file: nothing to restore.
    auto same = restoreAnnotationDraft(*drafts, file, s);
    ASSERT_TRUE(same);
    EXPECT_FALSE(same->has_value());
    // The file has fewer (the trainer drew one more, then the console died).
    Scenario older;
    older.annotations = {twoAnnotations()[0]};
    auto restored = restoreAnnotationDraft(*drafts, dir_ / "." / "exercise.json", older);
    ASSERT_TRUE(restored);
    ASSERT_TRUE(restored->has_value());
    EXPECT_EQ(**restored, 2u);
    EXPECT_EQ(older.annotations[1].text, "Skiff sighting box");
    // Saved into the scenario: the draft goes.
    ASSERT_TRUE(drafts->discard(AnnotationDrafts::keyFor(file)));
    auto gone = drafts->find(AnnotationDrafts::keyFor(file));
    ASSERT_TRUE(gone);
    EXPECT_FALSE(gone->has_value());
}

TEST(AnnotationJson, RoundTripsAndNamesTheBadPath) {
    const auto text = annotationsToJson(twoAnnotations());
    auto back = parseAnnotations(text);
    ASSERT_TRUE(back) << back.error();
    EXPECT_EQ(annotationsToJson(*back), text);
    auto bad = parseAnnotations(R"([{"kind":"area","polygon":[[48,12],[48.5,12]]}])");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().find("[0].polygon"), std::string::npos) << bad.error();
    EXPECT_FALSE(parseAnnotations("{\"kind\":\"text\"}"));
    EXPECT_FALSE(parseAnnotations("[{"));
}
