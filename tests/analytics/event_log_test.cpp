#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <limits>
#include <sstream>

#include "seawatch/analytics/alert_log.hpp"
#include "seawatch/workspace/workspace.hpp"

using namespace seawatch;
using namespace seawatch::analytics;
namespace fs = std::filesystem;

namespace {

Event cpaEvent() {
    Event e;
    e.type = EventType::Cpa;
    e.time = *time::parseIso8601("2009-11-15T06:11:00Z");
    e.mmsi = {3001, 3002};
    e.lat = 10.0025;
    e.lon = 60.084;
    e.numbers = {{"cpa_nm", 0.30004}, {"tcpa_min", 14.0}, {"range_nm", -0.0000001}};
    return e;
}

Event zoneEvent() {
    Event e;
    e.type = EventType::ZoneEnter;
    e.time = *time::parseIso8601("2009-11-15T06:00:00Z");
    e.mmsi = {1001};
    e.zone = "Sector \"4\", east";
    e.unit = "PLA Navy";
    e.lat = -1.5;
    e.lon = 45;
    return e;
}

Event safetyEvent() {
    Event e;
    e.type = EventType::SafetyText;
    e.time = *time::parseIso8601("2009-11-15T06:05:00Z");
    e.mmsi = {366000001};
    e.lat = std::numeric_limits<double>::quiet_NaN();
    e.lon = std::numeric_limits<double>::quiet_NaN();
    e.text = "PIRATES ATTACKING, \"MV ALPHA\"";
    e.numbers = {{"message_type", 14.0}, {"piracy", 1.0}};
    return e;
}

}  // namespace

TEST(EventFormat, JsonLineIsFixedAndStable) {
    EXPECT_EQ(
        toJsonLine(cpaEvent()),
        R"({"type":"cpa","time":"2009-11-15T06:11:00Z","mmsi":[3001,3002],)"
        R"("lat":10.002500,"lon":60.084000,"cpa_nm":0.300,"tcpa_min":14.000,"range_nm":0.000})");
    EXPECT_EQ(toJsonLine(zoneEvent()),
              R"({"type":"zone_enter","time":"2009-11-15T06:00:00Z","mmsi":1001,)"
              R"("zone":"Sector \"4\", east","unit":"PLA Navy","lat":-1.500000,"lon":45.000000})");
}

TEST(EventFormat, CsvQuotesFieldsThatNeedIt) {
    EXPECT_EQ(csvHeader(), "type,time,mmsi,mmsi2,zone,unit,lat,lon,numbers,text");
    EXPECT_EQ(
        toCsvLine(zoneEvent()),
        R"(zone_enter,2009-11-15T06:00:00Z,1001,,"Sector ""4"", east",PLA Navy,-1.500000,45.000000,,)");
    EXPECT_EQ(toCsvLine(cpaEvent()),
              "cpa,2009-11-15T06:11:00Z,3001,3002,,,10.002500,60.084000,"
              "cpa_nm=0.300;tcpa_min=14.000;range_nm=0.000,");
    const Event safety = safetyEvent();
    EXPECT_EQ(toCsvLine(safety),
              R"(safety_text,2009-11-15T06:05:00Z,366000001,,,,null,null,)"
              R"(message_type=14.000;piracy=1.000,"PIRATES ATTACKING, ""MV ALPHA""")");
    std::ostringstream out;
    std::vector<Event> events{zoneEvent(), cpaEvent()};
    writeEvents(out, events, EventFormat::Csv);
    const std::string text = out.str();
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3);
}

TEST(EventFormat, SortOrderIsTimeThenTypeThenMmsi) {
    std::vector<Event> events{cpaEvent(), zoneEvent(), zoneEvent()};
    events[2].mmsi = {999};
    sortEvents(events);
    EXPECT_EQ(events[0].mmsi, std::vector<ais::Mmsi>{999});
    EXPECT_EQ(events[1].mmsi, std::vector<ais::Mmsi>{1001});
    EXPECT_EQ(events[2].type, EventType::Cpa);
    for (const char* name : {"zone_enter", "coverage_gap", "unescorted_transit"})
        EXPECT_STREQ(eventTypeName(*parseEventType(name)), name);
    EXPECT_FALSE(parseEventType("nonsense"));
}

TEST(AlertLog, StoresAcknowledgesAndSharesTheWorkspace) {
    const fs::path path = fs::temp_directory_path() / "seawatch_alerts_test.sqlite";
    fs::remove(path);
    {
        // Another domain's table already in the workspace must survive untouched.
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        ASSERT_EQ(
            sqlite3_exec(db, "CREATE TABLE incidents(id INTEGER); INSERT INTO incidents VALUES(7);",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
        sqlite3_close(db);
    }
    auto log = AlertLog::open(path);
    ASSERT_TRUE(log.ok()) << log.error();
    std::vector<Event> events{zoneEvent(), cpaEvent()};
    auto ids = log->store(events);
    ASSERT_TRUE(ids.ok()) << ids.error();
    ASSERT_EQ(ids->size(), 2u);
    auto again = log->store(events);  // re-running the analysis must not duplicate
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *ids);

    ASSERT_TRUE(
        log->acknowledge((*ids)[1], "OOW Lt Smith", *time::parseIso8601("2009-11-15T06:15:00Z")));
    EXPECT_FALSE(log->acknowledge(9999, "OOW", 0).ok());
    EXPECT_FALSE(log->acknowledge((*ids)[0], "", 0).ok());

    auto all = log->list();
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].event.zone, "Sector \"4\", east");
    EXPECT_EQ((*all)[1].acknowledgedBy, "OOW Lt Smith");
    EXPECT_EQ((*all)[1].acknowledgedAt, *time::parseIso8601("2009-11-15T06:15:00Z"));
    EXPECT_EQ(toJsonLine((*all)[1].event), toJsonLine(cpaEvent()));  // round trip

    AlertFilter open;
    open.unacknowledgedOnly = true;
    EXPECT_EQ(log->list(open)->size(), 1u);
    AlertFilter byType;
    byType.type = EventType::Cpa;
    EXPECT_EQ(log->list(byType)->size(), 1u);
    AlertFilter byMmsi;
    byMmsi.mmsi = 3002;
    ASSERT_EQ(log->list(byMmsi)->size(), 1u);
    byMmsi.mmsi = 300;
    EXPECT_TRUE(log->list(byMmsi)->empty());

    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT id FROM incidents", -1, &s, nullptr);
    ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(s, 0), 7);
    sqlite3_finalize(s);
    sqlite3_close(db);
    fs::remove(path);
}

TEST(AlertLog, UnopenableWorkspaceIsAnError) {
    auto log = AlertLog::open("/nonexistent/dir/workspace.sqlite");
    ASSERT_FALSE(log.ok());
    EXPECT_NE(log.error().find("/nonexistent/dir/workspace.sqlite"), std::string::npos);
}

// A log written when a safety text's message was kept in `zone` (schema version 1): the
// upgrade moves it to `text`, and the same alert analysed again is recognised as the one
// already stored, acknowledgement and all.
TEST(AlertLog, UpgradeMovesSafetyTextsOutOfZone) {
    const fs::path path =
        fs::temp_directory_path() / ("seawatch_alerts_v1_" + std::to_string(::getpid()));
    fs::remove(path);
    const Event e = safetyEvent();
    {
        auto ws = workspace::Workspace::open(path, workspace::Access::ReadWrite);
        ASSERT_TRUE(ws) << ws.error();
        ASSERT_TRUE(ws->migrate("alerts", {alertLogMigrations().front()}));
        // The line version 1 wrote: the text as "zone", where "text" is now.
        std::string oldLine = toJsonLine(e);
        oldLine.replace(oldLine.find(",\"text\":"), 8, ",\"zone\":");
        std::string quoted;
        for (const char c : oldLine) quoted += c == '\'' ? std::string("''") : std::string(1, c);
        ASSERT_TRUE(
            ws->exec("INSERT INTO alerts(type,time,time_ms,mmsi,zone,unit,lat,lon,numbers,event,"
                     "acknowledged_by,acknowledged_at) VALUES('safety_text','2009-11-15T06:05:00Z',"
                     "1258265100000,'366000001','PIRATES ATTACKING, \"MV ALPHA\"','',NULL,NULL,"
                     "'{\"message_type\":14.0,\"piracy\":1.0}','" +
                     quoted + "','OOW','2009-11-15T06:06:00Z')"));
    }
    auto log = AlertLog::open(path);
    ASSERT_TRUE(log.ok()) << log.error();
    auto all = log->list();
    ASSERT_TRUE(all.ok()) << all.error();
    ASSERT_EQ(all->size(), 1U);
    EXPECT_EQ((*all)[0].event.text, e.text);
    EXPECT_TRUE((*all)[0].event.zone.empty());
    EXPECT_EQ(severityOf((*all)[0].event), Severity::Alarm);
    const std::vector<Event> again{e};
    auto ids = log->store(again);
    ASSERT_TRUE(ids.ok()) << ids.error();
    EXPECT_EQ((*ids)[0], (*all)[0].id);
    all = log->list();
    ASSERT_EQ(all->size(), 1U);
    EXPECT_EQ((*all)[0].acknowledgedBy, "OOW");
    fs::remove(path);
}
