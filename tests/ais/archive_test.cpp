#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "seawatch/ais/archive.hpp"
#include "seawatch/ais/encoder.hpp"

using namespace seawatch::ais;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("seawatch_archive_" + std::to_string(::getpid()) + "_" +
                                            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

// 3 vessels x `perVessel` fixes, one minute apart, with tag-block times, plus static data,
// a bad checksum line and a comment.
fs::path writeLog(const fs::path& dir, int perVessel) {
    const fs::path p = dir / "log.nmea";
    std::FILE* f = std::fopen(p.c_str(), "w");
    const std::int64_t t0 = 1700000000000;
    std::fprintf(f, "# recorded off Socotra\n");
    for (int i = 0; i < perVessel; ++i) {
        for (Mmsi m = 1; m <= 3; ++m) {
            PositionFix fx;
            fx.mmsi = 470000000 + m;
            fx.time = t0 + i * 60000LL;
            fx.lat = 12.0 + m * 0.1 + i * 0.001;
            fx.lon = 54.0 + i * 0.001;
            fx.speedKn = 9.5F;
            fx.courseDeg = 45.0F;
            std::fprintf(f, "%s\n", withTagBlock(encodePositionReport(fx)[0], fx.time).c_str());
        }
    }
    VesselStatic v;
    v.mmsi = 470000001;
    v.name = "SOCOTRA TRADER";
    v.shipType = 70;
    v.draughtM = 6.2F;
    for (const auto& s : encodeStaticData(v)) std::fprintf(f, "%s\n", withTagBlock(s, t0).c_str());
    std::fprintf(f, "!AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*00\n");
    std::fclose(f);
    return p;
}

}  // namespace

TEST(Archive, ImportIsIdempotentAndLoadsAWindow) {
    TempDir dir;
    const auto log = writeLog(dir.path, 100);
    auto archive = AisArchive::open((dir.path / "workspace.gpkg").string());
    ASSERT_TRUE(archive) << archive.error();
    auto r = archive->importFile(log.string());
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->fixesStored, 300U);
    EXPECT_EQ(r->staticStored, 1U);
    EXPECT_EQ(r->decode.badChecksum, 1U);
    EXPECT_EQ(*archive->positionCount(), 300U);

    auto again = archive->importFile(log.string());
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->alreadyComplete);
    EXPECT_EQ(*archive->positionCount(), 300U);

    TrackStore store;
    const std::int64_t t0 = 1700000000000;
    auto n = archive->loadWindow(t0 + 10 * 60000, t0 + 19 * 60000, store);
    ASSERT_TRUE(n) << n.error();
    EXPECT_EQ(*n, 30U);
    EXPECT_EQ(store.vesselCount(), 3U);
    const auto i = store.indexOf(470000001);
    ASSERT_TRUE(i);
    EXPECT_EQ(store.staticData(*i).name, "SOCOTRA TRADER");
    EXPECT_FLOAT_EQ(store.staticData(*i).draughtM, 6.2F);
    EXPECT_FLOAT_EQ(store.fixAt(*i, 0).speedKn, 9.5F);

    TrackStore boxed;
    auto nb = archive->loadWindow(t0, t0 + 1000 * 60000, boxed,
                                  seawatch::geo::GeoBox{50, 12.205, 60, 12.295});
    ASSERT_TRUE(nb);
    EXPECT_EQ(boxed.vesselCount(), 1U);  // only the vessel near 12.2N
}

TEST(Archive, InterruptedImportResumesWithoutDuplicates) {
    TempDir dir;
    const auto log = writeLog(dir.path, 200);
    const auto ws = (dir.path / "ws.sqlite").string();
    {
        auto archive = AisArchive::open(ws);
        ASSERT_TRUE(archive);
        ImportOptions opt;
        opt.batchLines = 50;
        opt.stopAfterLines = 275;  // "interrupted" mid-file
        auto r = archive->importFile(log.string(), opt);
        ASSERT_TRUE(r) << r.error();
        EXPECT_FALSE(r->alreadyComplete);
        EXPECT_LT(*archive->positionCount(), 600U);
    }
    auto archive = AisArchive::open(ws);
    ASSERT_TRUE(archive);
    auto r = archive->importFile(log.string());
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->linesSkipped, 275U);
    EXPECT_EQ(*archive->positionCount(), 600U);
    EXPECT_EQ(*archive->staticCount(), 1U);
}

TEST(Archive, UnreadableInputsAreErrors) {
    TempDir dir;
    auto archive = AisArchive::open((dir.path / "ws.sqlite").string());
    ASSERT_TRUE(archive);
    auto r = archive->importFile((dir.path / "missing.nmea").string());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("missing.nmea"), std::string::npos);
    EXPECT_FALSE(AisArchive::open((dir.path / "no" / "such" / "dir" / "ws.sqlite").string()));
}
