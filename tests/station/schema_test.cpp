// The station schema on a real PostgreSQL + PostGIS: versioned, idempotent init; stations and
// groups as roles; a clear sentence for every way a database can be wrong.
#include <gtest/gtest.h>

#include "pg_test_cluster.hpp"
#include "seawatch/station/coordination_log.hpp"
#include "seawatch/station/roles.hpp"
#include "seawatch/station/schema.hpp"

namespace {

using namespace seawatch::station;
using seawatch::testing::PgTest;

class StationSchema : public PgTest {
  protected:
    void SetUp() override { setUpDatabase(false); }
};

TEST_F(StationSchema, InitCreatesTheSchemaOnceAndAgainIsANoOp) {
    auto admin = PgConnection::open(adminUri());
    ASSERT_TRUE(admin) << admin.error();
    EXPECT_FALSE(checkSchema(*admin).ok());
    EXPECT_NE(checkSchema(*admin).error().find("station init"), std::string::npos);

    auto first = initSchema(*admin);
    ASSERT_TRUE(first) << first.error();
    EXPECT_EQ(first->fromVersion, 0);
    EXPECT_EQ(first->toVersion, kStationSchemaVersion);
    EXPECT_TRUE(checkSchema(*admin).ok());

    auto again = initSchema(*admin);
    ASSERT_TRUE(again) << again.error();
    EXPECT_EQ(again->fromVersion, kStationSchemaVersion);
    auto tables = admin->exec(
        "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN "
        "('coordination_log', 'station_groups', 'incidents', 'seawatch_schema')");
    ASSERT_TRUE(tables);
    EXPECT_EQ(tables->integer(0, 0), 4);
    auto layer =
        admin->exec("SELECT type, srid FROM geometry_columns WHERE f_table_name = 'incidents'");
    ASSERT_TRUE(layer);
    ASSERT_EQ(layer->rows(), 1);
    EXPECT_EQ(layer->text(0, 0), "POINT");
    EXPECT_EQ(layer->integer(0, 1), 4326);
    // Version 5: the category-time index carries the position, and replaces its prefix.
    auto indexes = admin->exec(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'incidents' AND indexname LIKE "
        "'incidents_category%' ORDER BY indexname");
    ASSERT_TRUE(indexes);
    ASSERT_EQ(indexes->rows(), 1);
    EXPECT_EQ(indexes->text(0, 0), "incidents_category_time_position");
}

TEST_F(StationSchema, OlderSchemaIsMigratedAndNewerIsRefused) {
    auto admin = PgConnection::open(adminUri());
    ASSERT_TRUE(admin) << admin.error();
    // Build version 1 by hand, as an older seawatch would have left it.
    ASSERT_TRUE(admin->execScript(
        "CREATE TABLE seawatch_schema (component text PRIMARY KEY, version integer NOT NULL, "
        "migrated_at timestamptz NOT NULL DEFAULT now())"));
    ASSERT_TRUE(admin->execScript(stationMigrations().at(0).sql));
    ASSERT_TRUE(admin->execScript("INSERT INTO seawatch_schema VALUES ('station', 1)"));
    const auto older = checkSchema(*admin);
    ASSERT_FALSE(older.ok());
    EXPECT_NE(older.error().find("older than this program"), std::string::npos) << older.error();

    auto migrated = initSchema(*admin);
    ASSERT_TRUE(migrated) << migrated.error();
    EXPECT_EQ(migrated->fromVersion, 1);
    EXPECT_TRUE(checkSchema(*admin).ok());

    ASSERT_TRUE(admin->execScript("UPDATE seawatch_schema SET version = 99"));
    const auto newer = checkSchema(*admin);
    ASSERT_FALSE(newer.ok());
    EXPECT_NE(newer.error().find("newer than this program"), std::string::npos) << newer.error();
    auto refused = initSchema(*admin);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("upgrade seawatch"), std::string::npos);
    // The refused init changed nothing.
    auto version = admin->exec("SELECT version FROM seawatch_schema");
    ASSERT_TRUE(version);
    EXPECT_EQ(version->integer(0, 0), 99);
}

TEST_F(StationSchema, InitByARoleWithoutRightsSaysSoAndLeavesNothing) {
    auto admin = PgConnection::open(adminUri());
    ASSERT_TRUE(admin) << admin.error();
    const std::string weak = role("weak");
    ASSERT_TRUE(admin->execScript("CREATE ROLE " + weak + " LOGIN PASSWORD 'pw-weak'"));
    ASSERT_TRUE(admin->execScript("DROP EXTENSION postgis"));
    pg_->addPassword(weak, "pw-weak");
    auto conn = PgConnection::open(stationUri(weak));
    ASSERT_TRUE(conn) << conn.error();
    auto report = initSchema(*conn);
    ASSERT_FALSE(report);
    EXPECT_NE(report.error().find("may not create the PostGIS extension"), std::string::npos)
        << report.error();
    auto tables = admin->exec("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
    ASSERT_TRUE(tables);
    EXPECT_EQ(tables->integer(0, 0), 0);
}

TEST_F(StationSchema, StationAddMakesLoginRolesInGroupsAndIsRepeatable) {
    auto admin = PgConnection::open(adminUri());
    ASSERT_TRUE(admin) << admin.error();
    ASSERT_TRUE(initSchema(*admin));
    const std::string nato = role("nato");
    const std::string eu = role("eu");
    const std::string name = role("frigate");
    auto first = addStation(*admin, {name, {nato}, std::string("secret")});
    ASSERT_TRUE(first) << first.error();
    EXPECT_TRUE(first->createdStation);
    EXPECT_EQ(first->createdGroups, std::vector<std::string>{nato});
    auto second = addStation(*admin, {name, {nato, eu}, std::nullopt});
    ASSERT_TRUE(second) << second.error();
    EXPECT_FALSE(second->createdStation);
    EXPECT_EQ(second->createdGroups, std::vector<std::string>{eu});
    std::vector<std::string> expected{eu, nato};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(second->groups, expected);

    // The password was stored hashed, and it works.
    auto hash = admin->exec("SELECT rolpassword FROM pg_authid WHERE rolname = $1", {name});
    ASSERT_TRUE(hash);
    EXPECT_TRUE(hash->text(0, 0).starts_with("SCRAM-SHA-256$"));
    pg_->addPassword(name, "secret");
    auto asStation = openStation(stationUri(name));
    EXPECT_TRUE(asStation) << asStation.error();

    // A group cannot become a station, and names are checked before anything is sent.
    auto clash = addStation(*admin, {nato, {}, std::nullopt});
    ASSERT_FALSE(clash);
    EXPECT_NE(clash.error().find("is a group"), std::string::npos);
    EXPECT_FALSE(addStation(*admin, {"Bad-Name", {}, std::nullopt}));
    EXPECT_FALSE(addStation(*admin, {role("ok"), {"all"}, std::nullopt}));
}

TEST_F(StationSchema, ConnectionFailuresAreOneSentenceEach) {
    auto admin = PgConnection::open(adminUri());
    ASSERT_TRUE(admin) << admin.error();
    ASSERT_TRUE(initSchema(*admin));
    const std::string name = role("sloop");
    ASSERT_TRUE(addStation(*admin, {name, {}, std::string("right")}));
    pg_->addPassword(name, "wrong");

    PgFailure failure;
    auto wrong = PgConnection::open(stationUri(name), "seawatch", &failure);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(failure.kind, FailureKind::Refused);
    EXPECT_NE(wrong.error().find("refused the password"), std::string::npos) << wrong.error();
    EXPECT_EQ(wrong.error().find('\n'), std::string::npos);

    auto unreachable =
        PgConnection::open("postgresql:///x?host=/nonexistent&port=1", "seawatch", &failure);
    ASSERT_FALSE(unreachable);
    EXPECT_EQ(failure.kind, FailureKind::Unreachable);
    EXPECT_NE(unreachable.error().find("cannot reach"), std::string::npos) << unreachable.error();
    EXPECT_EQ(unreachable.error().find('\n'), std::string::npos);

    auto withPassword = PgConnection::open("postgresql://u:hunter2@localhost/db");
    ASSERT_FALSE(withPassword);
    EXPECT_NE(withPassword.error().find("pgpass"), std::string::npos);

    auto noSchema = openStation(pg_->uri("postgres"), &failure);
    ASSERT_FALSE(noSchema);
    EXPECT_NE(noSchema.error().find("no seawatch schema"), std::string::npos);
}

TEST(StationTarget, UrisAndLibpqWordsSelectTheServerForDb) {
    EXPECT_TRUE(isPostgresTarget("postgresql://ops@hub/seawatch"));
    EXPECT_TRUE(isPostgresTarget("postgres:///seawatch?service=hub"));
    EXPECT_TRUE(isPostgresTarget("service=hub"));  // the workspace layer's rule too
    EXPECT_TRUE(isPostgresTarget("host=hub dbname=shade"));
    EXPECT_FALSE(isPostgresTarget("workspace.gpkg"));
    EXPECT_FALSE(isPostgresTarget("run=3.gpkg"));
    EXPECT_FALSE(isPostgresTarget("/data/postgresql/w.gpkg"));
    EXPECT_TRUE(rejectPasswordInTarget("service=hub").ok());
    EXPECT_FALSE(rejectPasswordInTarget("host=hub password=secret").ok());
    EXPECT_FALSE(rejectPasswordInTarget("postgresql://ops:secret@hub/seawatch").ok());
}

}  // namespace
