// The console's live copy of a station's incidents (station::IncidentMirror): what another
// station imports or changes arrives without a restart; a first copy larger than a page comes
// whole; a restart fetches only what is new; an outage delays but loses nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include "pg_test_cluster.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/station/incident_mirror.hpp"
#include "seawatch/station/pg_incidents.hpp"
#include "seawatch/station/schema.hpp"

namespace {

using namespace seawatch::station;
using seawatch::testing::PgTest;
namespace fs = std::filesystem;
namespace inc = seawatch::incidents;

class StationMirror : public PgTest {
  protected:
    void SetUp() override {
        PgTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        copy_ = fs::temp_directory_path() /
                ("seawatch_mirror_" + std::to_string(::getpid()) + "_" + db_ + ".gpkg");
        removeCopy();
    }
    void TearDown() override {
        if (!copy_.empty()) removeCopy();
    }
    void removeCopy() {
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(copy_.string() + suffix);
    }

    // Another station's import: records merged as `incidents import --db` merges them.
    void importAs(const std::string& station, const std::vector<inc::Incident>& records) {
        auto conn = openStation(stationUri(station));
        ASSERT_TRUE(conn) << conn.error();
        inc::ImportSummary summary;
        ASSERT_TRUE(mergeIncidents(*conn, records, summary));
    }

    // What a reader of the copy sees, by reference.
    std::map<std::string, inc::Incident> readCopy() const {
        std::map<std::string, inc::Incident> out;
        auto ws =
            seawatch::workspace::Workspace::open(copy_, seawatch::workspace::Access::ReadOnly);
        if (!ws) return out;
        auto store = inc::IncidentStore::open(*ws);
        if (!store) return out;
        auto rows = store->queryRecords({});
        if (!rows) return out;
        for (auto& r : *rows) out[r.sourceRef] = r;
        return out;
    }

    fs::path copy_;
};

inc::Incident incident(const std::string& ref, double lat, double lon, const std::string& name) {
    inc::Incident r;
    r.source = inc::Source::Asam;
    r.sourceRef = ref;
    r.occurredAt = 1239148800000;  // 2009-04-08
    r.lat = lat;
    r.lon = lon;
    r.category = inc::Category::Hijacked;
    r.vesselName = name;
    r.narrative = "Pirates boarded " + name;
    r.importedAt = 1239148800000;
    return r;
}

// Polls `mirror` until `done` holds; what drainChanges() reported is added to `changes`.
bool waitFor(IncidentMirror& mirror, std::int64_t& changes, const std::function<bool()>& done,
             std::chrono::seconds limit = std::chrono::seconds(30)) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        changes += mirror.drainChanges();
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

TEST_F(StationMirror, AnotherStationsImportAndChangeArriveWithoutARestart) {
    const std::string console = makeStation("console", {});
    const std::string djibouti = makeStation("djibouti", {});
    auto mirror = IncidentMirror::open(stationUri(console), copy_);
    ASSERT_TRUE(mirror) << mirror.error();
    std::int64_t changes = 0;
    ASSERT_TRUE(waitFor(**mirror, changes, [&] { return (*mirror)->state().live; }))
        << (*mirror)->state().status << (*mirror)->state().failed;
    EXPECT_EQ(changes, 0);
    EXPECT_TRUE(readCopy().empty());

    importAs(djibouti, {incident("2009-101", 2.0, 51.5, "MAERSK ALABAMA"),
                        incident("2009-102", 12.5, 47.0, "SIRIUS STAR")});
    ASSERT_TRUE(waitFor(**mirror, changes, [&] { return changes >= 2; }))
        << (*mirror)->state().status;
    auto copy = readCopy();
    ASSERT_EQ(copy.size(), 2u);
    EXPECT_EQ(copy["2009-101"].vesselName, "MAERSK ALABAMA");
    EXPECT_DOUBLE_EQ(copy["2009-102"].lat, 12.5);
    EXPECT_EQ(copy["2009-102"].category, inc::Category::Hijacked);

    // A correction on the station (a re-import with a changed position) arrives as a change.
    importAs(djibouti, {incident("2009-102", 12.75, 47.25, "SIRIUS STAR")});
    ASSERT_TRUE(waitFor(**mirror, changes, [&] { return changes >= 3; }))
        << (*mirror)->state().status;
    copy = readCopy();
    ASSERT_EQ(copy.size(), 2u);
    EXPECT_DOUBLE_EQ(copy["2009-102"].lat, 12.75);
    EXPECT_EQ((*mirror)->state().copied, 3);
    EXPECT_TRUE((*mirror)->state().failed.empty());
}

TEST_F(StationMirror, AFirstCopyComesInPagesAndARestartFetchesOnlyWhatIsNew) {
    const std::string console = makeStation("console", {});
    const std::string hub = makeStation("hub", {});
    std::vector<inc::Incident> many;
    constexpr int kMany = 12'345;  // more than two pages
    many.reserve(kMany);
    for (int i = 0; i < kMany; ++i)
        many.push_back(incident("R-" + std::to_string(i), -10.0 + (i % 300) * 0.1,
                                40.0 + static_cast<double>(i / 300) * 0.1,
                                "VESSEL " + std::to_string(i)));
    importAs(hub, many);
    {
        auto mirror = IncidentMirror::open(stationUri(console), copy_);
        ASSERT_TRUE(mirror) << mirror.error();
        std::int64_t changes = 0;
        ASSERT_TRUE(waitFor(
            **mirror, changes, [&] { return (*mirror)->state().live; }, std::chrono::seconds(120)))
            << (*mirror)->state().status << (*mirror)->state().failed;
        changes += (*mirror)->drainChanges();
        EXPECT_EQ(changes, kMany);
    }
    EXPECT_EQ(readCopy().size(), static_cast<std::size_t>(kMany));

    importAs(hub, {incident("NEW-1", 11.9, 45.1, "ASTRAEA")});
    auto again = IncidentMirror::open(stationUri(console), copy_);
    ASSERT_TRUE(again) << again.error();
    std::int64_t changes = 0;
    ASSERT_TRUE(waitFor(**again, changes, [&] { return (*again)->state().live; }))
        << (*again)->state().status;
    changes += (*again)->drainChanges();
    EXPECT_EQ(changes, 1);
    EXPECT_EQ((*again)->state().copied, 1);
    EXPECT_EQ(readCopy().count("NEW-1"), 1u);
}

TEST_F(StationMirror, AnOutageDelaysButLosesNothing) {
    const std::string console = makeStation("console", {});
    const std::string ship = makeStation("ship", {});
    auto mirror = IncidentMirror::open(stationUri(console), copy_);
    ASSERT_TRUE(mirror) << mirror.error();
    std::int64_t changes = 0;
    ASSERT_TRUE(waitFor(**mirror, changes, [&] { return (*mirror)->state().live; }));
    ASSERT_TRUE(pg_->kill());
    ASSERT_TRUE(waitFor(**mirror, changes, [&] { return !(*mirror)->state().live; }));
    // The copy stays readable while the server is away.
    EXPECT_TRUE(readCopy().empty());
    ASSERT_TRUE(pg_->restart());
    importAs(ship, {incident("2010-7", 13.1, 49.2, "MOSCOW UNIVERSITY")});
    ASSERT_TRUE(waitFor(**mirror, changes, [&] { return changes >= 1; }))
        << (*mirror)->state().status;
    EXPECT_TRUE((*mirror)->state().live);
    EXPECT_EQ(readCopy().count("2010-7"), 1u);
    EXPECT_TRUE((*mirror)->state().failed.empty());
}

TEST_F(StationMirror, ACopyOfAnotherStationIsRefusedAndAPasswordInTheTargetToo) {
    const std::string console = makeStation("console", {});
    {
        auto mirror = IncidentMirror::open(stationUri(console), copy_);
        ASSERT_TRUE(mirror) << mirror.error();
        std::int64_t changes = 0;
        ASSERT_TRUE(waitFor(**mirror, changes, [&] { return (*mirror)->state().live; }));
    }
    auto other = IncidentMirror::open(stationUri(console) + "&application_name=other", copy_);
    ASSERT_TRUE(other) << other.error();
    std::int64_t changes = 0;
    ASSERT_TRUE(waitFor(**other, changes, [&] { return !(*other)->state().failed.empty(); }));
    EXPECT_NE((*other)->state().failed.find("another station"), std::string::npos)
        << (*other)->state().failed;

    auto withPassword = IncidentMirror::open("postgresql://console:secret@localhost/db", copy_);
    ASSERT_FALSE(withPassword);
    EXPECT_NE(withPassword.error().find("password"), std::string::npos) << withPassword.error();
}

}  // namespace
