// The scene cache: an exercise opened a second time reads its scripted AIS from the cache and
// is the same scene; a damaged, truncated or foreign cache file is recomputed, never trusted;
// "off" writes nothing; the folder keeps only the newest files.
#include <gtest/gtest.h>
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "seawatch/common/build_id.hpp"
#include "seawatch/scenario/scene.hpp"
#include "seawatch/scenario/scene_cache.hpp"

namespace {

namespace fs = std::filesystem;
using namespace seawatch;

const std::string kExercise =
    std::string(SEAWATCH_SOURCE_DIR) + "/data/scenarios/gulf_of_aden_2009.json";

class SceneCache : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("seawatch_scene_cache_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        setenv("SEAWATCH_SCENE_CACHE", dir_.c_str(), 1);
    }
    void TearDown() override {
        unsetenv("SEAWATCH_SCENE_CACHE");
        fs::remove_all(dir_);
    }
    std::vector<fs::path> cacheFiles() const {
        std::vector<fs::path> out;
        for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path());
        return out;
    }
    fs::path dir_;
};

void expectSameScene(const scenario::Scene& a, const scenario::Scene& b) {
    ASSERT_EQ(a.tracks.vesselCount(), b.tracks.vesselCount());
    EXPECT_EQ(a.tracks.totalFixes(), b.tracks.totalFixes());
    for (std::size_t i = 0; i < a.tracks.vesselCount(); ++i) {
        const auto j = b.tracks.indexOf(a.tracks.mmsiAt(i));
        ASSERT_TRUE(j) << a.tracks.mmsiAt(i);
        ASSERT_EQ(a.tracks.fixCount(i), b.tracks.fixCount(*j));
        EXPECT_EQ(a.tracks.staticData(i).name, b.tracks.staticData(*j).name);
        EXPECT_EQ(a.tracks.staticData(i).destination, b.tracks.staticData(*j).destination);
        for (std::size_t k = 0; k < a.tracks.fixCount(i); k += 97) {
            const ais::PositionFix fa = a.tracks.fixAt(i, k);
            const ais::PositionFix fb = b.tracks.fixAt(*j, k);
            EXPECT_EQ(fa.time, fb.time);
            EXPECT_EQ(fa.lat, fb.lat);
            EXPECT_EQ(fa.lon, fb.lon);
            EXPECT_EQ(fa.speedKn, fb.speedKn);
        }
    }
    ASSERT_EQ(a.events.size(), b.events.size());
    for (std::size_t i = 0; i < a.events.size(); ++i) {
        EXPECT_EQ(a.events[i].type, b.events[i].type) << i;
        EXPECT_EQ(a.events[i].time, b.events[i].time) << i;
        EXPECT_EQ(a.events[i].mmsi, b.events[i].mmsi) << i;
    }
}

TEST_F(SceneCache, TheSecondOpeningReadsTheCacheAndIsTheSameScene) {
    ASSERT_FALSE(common::programBuildId().empty()) << "the test binary has no GNU build ID";
    auto first = scenario::loadScene(kExercise);
    ASSERT_TRUE(first) << first.error();
    EXPECT_FALSE(first->scriptedAisFromCache);
    ASSERT_EQ(cacheFiles().size(), 1U);
    auto second = scenario::loadScene(kExercise);
    ASSERT_TRUE(second) << second.error();
    EXPECT_TRUE(second->scriptedAisFromCache);
    expectSameScene(*first, *second);
    EXPECT_GT(second->tracks.totalFixes(), 100000U);
}

TEST_F(SceneCache, ADamagedOrForeignFileIsRecomputed) {
    auto reference = scenario::loadScene(kExercise);
    ASSERT_TRUE(reference) << reference.error();
    ASSERT_EQ(cacheFiles().size(), 1U);
    const fs::path file = cacheFiles().front();
    const auto size = fs::file_size(file);
    // A flipped byte in the middle, then a cut file, then an empty one.
    {
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(size / 2));
        char c = 0;
        f.seekg(static_cast<std::streamoff>(size / 2));
        f.get(c);
        f.seekp(static_cast<std::streamoff>(size / 2));
        f.put(static_cast<char>(c ^ 0x40));
    }
    auto flipped = scenario::loadScene(kExercise);
    ASSERT_TRUE(flipped) << flipped.error();
    EXPECT_FALSE(flipped->scriptedAisFromCache);
    expectSameScene(*reference, *flipped);
    // Rewritten whole by that load.
    EXPECT_EQ(fs::file_size(file), size);
    fs::resize_file(file, size - 100);
    auto cut = scenario::loadScene(kExercise);
    ASSERT_TRUE(cut) << cut.error();
    EXPECT_FALSE(cut->scriptedAisFromCache);
    expectSameScene(*reference, *cut);
    std::ofstream(file, std::ios::trunc).close();
    auto empty = scenario::loadScene(kExercise);
    ASSERT_TRUE(empty) << empty.error();
    EXPECT_FALSE(empty->scriptedAisFromCache);
    // A file of another key (another scenario text or another build) is never read.
    const auto key = scenario::scriptedAisKey("{}");
    ASSERT_TRUE(key);
    EXPECT_FALSE(scenario::readScriptedAis(file, *key));
    EXPECT_NE(*key, *scenario::scriptedAisKey("{ }"));
}

TEST_F(SceneCache, OffWritesNothingAndTheFolderKeepsTheNewestFiles) {
    setenv("SEAWATCH_SCENE_CACHE", "off", 1);
    EXPECT_TRUE(scenario::sceneCacheDir().empty());
    auto scene = scenario::loadScene(kExercise);
    ASSERT_TRUE(scene) << scene.error();
    EXPECT_FALSE(scene->scriptedAisFromCache);
    EXPECT_TRUE(cacheFiles().empty());

    setenv("SEAWATCH_SCENE_CACHE", dir_.c_str(), 1);
    scenario::ScriptedAis small;
    small.fixes.resize(3);
    small.statics.resize(1);
    small.statics[0].name = "NORTH STAR";
    for (std::uint64_t k = 1; k <= scenario::kSceneCacheMaxFiles + 3; ++k) {
        const fs::path file = scenario::scriptedAisFile(dir_, k);
        ASSERT_TRUE(scenario::writeScriptedAis(file, k, small));
        // Distinct modification times, oldest first.
        fs::last_write_time(file, fs::file_time_type::clock::now() -
                                      std::chrono::seconds(100 - static_cast<int>(k)));
    }
    EXPECT_EQ(cacheFiles().size(), scenario::kSceneCacheMaxFiles);
    const auto kept = scenario::readScriptedAis(
        scenario::scriptedAisFile(dir_, scenario::kSceneCacheMaxFiles + 3),
        scenario::kSceneCacheMaxFiles + 3);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->fixes.size(), 3U);
    ASSERT_EQ(kept->statics.size(), 1U);
    EXPECT_EQ(kept->statics[0].name, "NORTH STAR");
    EXPECT_FALSE(fs::exists(scenario::scriptedAisFile(dir_, 1)));
}

}  // namespace
