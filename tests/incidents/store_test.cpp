#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "seawatch/incidents/default_workspace.hpp"
#include "seawatch/incidents/export.hpp"
#include "seawatch/incidents/import.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/incidents/synthetic.hpp"

using namespace seawatch;
using namespace seawatch::incidents;
namespace fs = std::filesystem;

namespace {

class TempDir {
  public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() / ("seawatch_incidents_" + std::to_string(getpid()) +
                                             "_" + std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    fs::path operator/(const std::string& name) const { return path_ / name; }

  private:
    fs::path path_;
};

void writeFile(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

const std::string kAsamHeader =
    "reference,date,position,navArea,subreg,hostility,victim,description,\r\n";

std::string asamRow(const std::string& ref, const std::string& date, const std::string& pos,
                    const std::string& hostility, const std::string& narrative) {
    return ref + "," + date + ",\"" + pos + "\",IX,62," + hostility + ",Bulk carrier,\"" +
           narrative + "\",\r\n";
}

const std::string kPosAden =
    "12\xC2\xB0"
    "30'00\"\"N\n45\xC2\xB0"
    "00'00\"\"E";
const std::string kPosSomali =
    "2\xC2\xB0"
    "00'00\"\"S\n50\xC2\xB0"
    "30'00\"\"E";

}  // namespace

class IncidentsStore : public ::testing::Test {
  protected:
    void SetUp() override {
        auto w = workspace::Workspace::open(dir / "w.gpkg");
        ASSERT_TRUE(w) << w.error();
        ws = std::make_unique<workspace::Workspace>(std::move(w).value());
        auto s = IncidentStore::open(*ws);
        ASSERT_TRUE(s) << s.error();
        store = std::make_unique<IncidentStore>(std::move(s).value());
    }
    std::int64_t count() { return store->count().value(); }

    TempDir dir;
    std::unique_ptr<workspace::Workspace> ws;
    std::unique_ptr<IncidentStore> store;
};

TEST_F(IncidentsStore, SchemaIsVersionedWalAndForeignKeysOn) {
    EXPECT_EQ(ws->schemaVersion("incidents"), static_cast<int>(incidentMigrations().size()));
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(ws->handle(), "PRAGMA journal_mode", -1, &stmt, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
    sqlite3_finalize(stmt);
    ASSERT_EQ(sqlite3_prepare_v2(ws->handle(), "PRAGMA foreign_keys", -1, &stmt, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(stmt, 0), 1);
    sqlite3_finalize(stmt);
    // Re-opening runs no migration twice.
    auto again = IncidentStore::open(*ws);
    ASSERT_TRUE(again) << again.error();
    EXPECT_EQ(ws->schemaVersion("incidents"), 1);
}

TEST_F(IncidentsStore, ReimportIsIdempotentAndChangesAreUpdates) {
    const fs::path file = dir / "a.csv";
    writeFile(file, kAsamHeader +
                        asamRow("2009-1", "2009-04-08", kPosAden, "PIRATES",
                                "Pirates hijacked the ship") +
                        asamRow("2009-2", "2009-04-09", kPosSomali, "Robbers",
                                "Robbers boarded at anchor and stole stores"));
    auto first = importFile(*store, file);
    ASSERT_TRUE(first) << first.error();
    EXPECT_EQ(first->read, 2);
    EXPECT_EQ(first->inserted, 2);
    auto second = importFile(*store, file);
    ASSERT_TRUE(second) << second.error();
    EXPECT_EQ(second->inserted, 0);
    EXPECT_EQ(second->duplicate, 2);
    EXPECT_EQ(count(), 2);

    writeFile(file, kAsamHeader + asamRow("2009-1", "2009-04-08", kPosAden, "PIRATES",
                                          "Pirates hijacked the ship; crew released later"));
    auto third = importFile(*store, file);
    ASSERT_TRUE(third) << third.error();
    EXPECT_EQ(third->updated, 1);
    EXPECT_EQ(count(), 2);
    IncidentQuery q;
    q.text = "released";
    EXPECT_EQ(store->query(q)->size(), 1u);  // FTS follows the update
    q.text = "hijacked";
    EXPECT_EQ(store->query(q)->size(), 1u);
    q.text = "RELEAS hijack";  // word prefixes, any case, all required
    EXPECT_EQ(store->query(q)->size(), 1u);
    q.text = "eleased";  // inside a word is not a prefix
    EXPECT_EQ(store->query(q)->size(), 0u);
    q.text = "stole anch";
    EXPECT_EQ(store->query(q)->size(), 1u);
    q.text = "stolen";  // a longer word than the text's is no match
    EXPECT_EQ(store->query(q)->size(), 0u);
    EXPECT_TRUE(ws->exec("INSERT INTO incidents_fts(incidents_fts) VALUES('integrity-check')"));
    IncidentQuery box;
    box.bbox = geo::GeoBox{44, 12, 46, 13};
    EXPECT_EQ(store->query(box)->size(), 1u);
}

TEST_F(IncidentsStore, RejectedRowIsReportedWithLineAndDoesNotAbort) {
    const fs::path file = dir / "bad.csv";
    writeFile(file, kAsamHeader + asamRow("2010-1", "2010-01-02", kPosAden, "PIRATES", "boarded") +
                        asamRow("2010-2", "2010-13-45", kPosAden, "PIRATES", "x") +
                        asamRow("2010-3", "2010-01-03", "nowhere", "PIRATES", "y") +
                        asamRow("2010-4", "2010-01-04", kPosSomali, "PIRATES", "hijacked"));
    std::vector<RejectedRow> seen;
    ImportOptions options;
    options.onRejected = [&](const RejectedRow& r) { seen.push_back(r); };
    auto summary = importFile(*store, file, options);
    ASSERT_TRUE(summary) << summary.error();
    EXPECT_EQ(summary->read, 4);
    EXPECT_EQ(summary->inserted, 2);
    EXPECT_EQ(summary->rejected, 2);
    EXPECT_EQ(summary->rejectedByReason["bad date"], 1);
    EXPECT_EQ(summary->rejectedByReason["bad position"], 1);
    ASSERT_EQ(seen.size(), 2u);
    // Row 2009-1 spans lines 2-3, so the bad date sits on line 4 and the bad position on 6.
    EXPECT_EQ(seen[0].where, "bad.csv:4");
    EXPECT_EQ(seen[1].where, "bad.csv:6");
    EXPECT_EQ(count(), 2);
}

TEST_F(IncidentsStore, StrictModeRollsBackTheWholeFileAndKeepsEarlierData) {
    const fs::path good = dir / "good.csv";
    writeFile(good, kAsamHeader + asamRow("2008-1", "2008-09-25", kPosAden, "PIRATES", "x"));
    ASSERT_TRUE(importFile(*store, good));
    const fs::path file = dir / "strict.csv";
    writeFile(file, kAsamHeader + asamRow("2011-1", "2011-01-01", kPosAden, "PIRATES", "ok") +
                        asamRow("2011-2", "not a date", kPosAden, "PIRATES", "bad"));
    ImportOptions options;
    options.strict = true;
    auto summary = importFile(*store, file, options);
    ASSERT_FALSE(summary);
    EXPECT_NE(summary.error().find("strict.csv:4"), std::string::npos) << summary.error();
    EXPECT_EQ(count(), 1);
    // The workspace is usable afterwards.
    options.strict = false;
    auto lenient = importFile(*store, file, options);
    ASSERT_TRUE(lenient) << lenient.error();
    EXPECT_EQ(count(), 2);
}

namespace {

std::set<std::string> incidentIndexes(sqlite3* db) {
    std::set<std::string> names;
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT name FROM sqlite_master WHERE type = 'index' AND "
                       "tbl_name = 'incidents' AND sql IS NOT NULL",
                       -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        names.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    }
    sqlite3_finalize(stmt);
    return names;
}

}  // namespace

// A load into an empty layer drops the grid-cell, category and time indexes and builds them
// again at the end: a failed load gets them back with the rollback, a good one rebuilt, and
// the filters and the text search that read them answer as before.
TEST_F(IncidentsStore, BulkLoadRebuildsTheSecondaryIndexesAndARollbackKeepsThem) {
    const std::set<std::string> indexes{"incidents_category_occurred", "incidents_cell_time",
                                        "incidents_occurred"};
    ASSERT_EQ(incidentIndexes(ws->handle()), indexes);
    const fs::path bad = dir / "bad.csv";
    writeFile(bad, kAsamHeader + asamRow("2011-1", "2011-01-01", kPosAden, "PIRATES", "ok") +
                       asamRow("2011-2", "not a date", kPosAden, "PIRATES", "bad"));
    ImportOptions strict;
    strict.strict = true;
    ASSERT_FALSE(importFile(*store, bad, strict));
    EXPECT_EQ(incidentIndexes(ws->handle()), indexes);
    EXPECT_EQ(count(), 0);

    const fs::path good = dir / "good.csv";
    writeFile(
        good,
        kAsamHeader +
            asamRow("2011-1", "2011-01-01", kPosAden, "PIRATES", "Skiff approached the tanker") +
            asamRow("2011-2", "2011-02-01", kPosSomali, "Hijacking",
                    "Pirates hijacked the bulk carrier") +
            asamRow("2011-3", "2011-03-01", kPosAden, "Hijacking", "Pirates hijacked a dhow"));
    auto summary = importFile(*store, good);
    ASSERT_TRUE(summary) << summary.error();
    EXPECT_EQ(summary->inserted, 3);
    EXPECT_EQ(incidentIndexes(ws->handle()), indexes);
    sqlite3_stmt* check = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(ws->handle(), "PRAGMA integrity_check", -1, &check, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(check), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(check, 0)), "ok");
    sqlite3_finalize(check);

    IncidentQuery inAden;
    inAden.bbox = geo::GeoBox{44, 12, 46, 13};
    inAden.categories = {Category::Hijacked};
    auto aden = store->queryRecords(inAden);
    ASSERT_TRUE(aden) << aden.error();
    ASSERT_EQ(aden->size(), 1u);
    EXPECT_EQ((*aden)[0].sourceRef, "2011-3");
    IncidentQuery words;
    words.text = "tanke";
    auto tanker = store->queryRecords(words);
    ASSERT_TRUE(tanker) << tanker.error();
    ASSERT_EQ(tanker->size(), 1u);
    EXPECT_EQ((*tanker)[0].sourceRef, "2011-1");
}

TEST_F(IncidentsStore, ImbCsvWithNaAndAsamJsonWithTrailingComma) {
    const fs::path imb = dir / "imb.csv";
    writeFile(imb,
              "date,time,longitude,latitude,attack_type,location_description,nearest_country,"
              "eez_country,shore_distance,shore_longitude,shore_latitude,attack_description,"
              "vessel_name,vessel_type,vessel_status,data_source\n"
              "2010-03-05,07:30,48.5,13.2,Fired Upon,Gulf of Aden,YEM,NA,60.1,NA,NA,"
              "\"Two skiffs fired upon the ship\",NA,Bulk Carrier,Steaming,imb\n"
              "2010-03-06,NA,NA,13.2,Boarded,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,imb\n"
              "2010-03-07,NA,50.1,-3.5,NA,NA,NA,NA,NA,NA,NA,robbers stole paint,NA,NA,"
              "Anchored,imb\n");
    auto s1 = importFile(*store, imb);
    ASSERT_TRUE(s1) << s1.error();
    EXPECT_EQ(s1->inserted, 2);
    EXPECT_EQ(s1->rejectedByReason["missing position"], 1);
    auto rows = store->queryRecords({}).value();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].category, Category::FiredUpon);
    EXPECT_FALSE(rows[0].dateOnly);
    EXPECT_EQ(rows[0].vesselName, "");
    EXPECT_EQ(rows[0].vesselStatus, VesselStatus::Steaming);
    EXPECT_EQ(rows[1].category, Category::Robbery);
    EXPECT_TRUE(rows[1].dateOnly);
    EXPECT_EQ(rows[1].vesselStatus, VesselStatus::Anchored);

    const fs::path json = dir / "msi.json";
    writeFile(json,
              "{\"asam\":[{\"reference\":\"2022-142\",\"date\":\"2022-05-25\","
              "\"latitude\":12.55,\"longitude\":43.5166666,\"position\":\"12\xC2\xB0"
              "33'00\\\"N \\n43\xC2\xB0"
              "31'00\\\"E\",\"navArea\":\"IX\",\"subreg\":\"62\","
              "\"hostility\":null,\"victim\":\"Survey vessel\",\"description\":\"a suspicious "
              "approach by a skiff\"},\n{\"reference\":\"\",\"date\":\"2022-05-26\"},]}");
    auto fmt = detectImportFormat(json);
    ASSERT_TRUE(fmt);
    EXPECT_EQ(*fmt, ImportFormat::AsamJson);
    auto s2 = importFile(*store, json);
    ASSERT_TRUE(s2) << s2.error();
    EXPECT_EQ(s2->inserted, 1);
    EXPECT_EQ(s2->rejectedByReason["missing reference"], 1);
    EXPECT_EQ(s2->rejections.at(0).where, "msi.json record 2");
}

TEST_F(IncidentsStore, GeoJsonExportImportsBackUnchanged) {
    for (Incident r : syntheticIncidents(50, 7)) ASSERT_TRUE(store->upsert(r));
    auto rows = store->queryRecords({}).value();
    std::ostringstream out;
    writeGeoJson(out, rows);
    const fs::path file = dir / "export.geojson";
    writeFile(file, out.str());
    EXPECT_EQ(*detectImportFormat(file), ImportFormat::GeoJson);

    auto other = workspace::Workspace::open(dir / "other.gpkg").value();
    auto otherStore = IncidentStore::open(other).value();
    auto summary = importFile(otherStore, file);
    ASSERT_TRUE(summary) << summary.error();
    EXPECT_EQ(summary->inserted, 50);
    auto back = otherStore.queryRecords({}).value();
    ASSERT_EQ(back.size(), rows.size());
    for (std::size_t k = 0; k < rows.size(); ++k) {
        EXPECT_EQ(back[k].sourceRef, rows[k].sourceRef);
        EXPECT_EQ(back[k].occurredAt, rows[k].occurredAt);
        EXPECT_DOUBLE_EQ(back[k].lat, rows[k].lat);
        EXPECT_EQ(back[k].category, rows[k].category);
        EXPECT_EQ(back[k].narrative, rows[k].narrative);
    }
    // Importing the export into the store it came from changes nothing.
    auto same = importFile(*store, file);
    ASSERT_TRUE(same) << same.error();
    EXPECT_EQ(same->duplicate, 50);
}

TEST_F(IncidentsStore, OpensAsGeoPackageThroughOgrWithCountAndSpatialFilter) {
    auto incidents = syntheticIncidents(500, 11);
    {
        workspace::Transaction tx(*ws);
        for (const Incident& r : incidents) ASSERT_TRUE(store->upsert(r));
        ASSERT_TRUE(tx.commit());
    }
    GDALAllRegister();
    const char* drivers[] = {"GPKG", nullptr};
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open((dir / "w.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
    ASSERT_TRUE(ds);
    OGRLayer* layer = ds->GetLayerByName("incidents");
    ASSERT_NE(layer, nullptr);
    EXPECT_EQ(wkbFlatten(layer->GetGeomType()), wkbPoint);
    EXPECT_EQ(layer->GetFeatureCount(), 500);
    const geo::GeoBox box{44.0, 8.0, 56.0, 16.0};
    layer->SetSpatialFilterRect(box.west, box.south, box.east, box.north);
    std::set<std::string> viaOgr;
    for (auto& feature : *layer) viaOgr.insert(feature->GetFieldAsString("source_ref"));
    std::set<std::string> expected;
    for (const Incident& r : incidents) {
        if (box.contains({r.lon, r.lat})) expected.insert(r.sourceRef);
    }
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(viaOgr, expected);
}

TEST_F(IncidentsStore, RtreeFtsAndFiltersAgreeWithBruteForce) {
    auto incidents = syntheticIncidents(3000, 3);
    {
        workspace::Transaction tx(*ws);
        for (const Incident& r : incidents) ASSERT_TRUE(store->upsert(r));
        ASSERT_TRUE(tx.commit());
    }
    auto all = store->queryRecords({}).value();
    ASSERT_EQ(all.size(), incidents.size());
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> lon(30, 80), lat(-16, 29), span(1, 20);
    std::uniform_int_distribution<int> category(0, kCategoryCount - 1), coin(0, 1);
    const char* words[] = {"skiff", "ladder", "ransom", "citadel", "helicopter dhow"};
    const auto hasWord = [](const std::string& haystack, const std::string& word) {
        // FTS5's unicode61 tokenizer folds case and splits on punctuation; a search word is
        // a prefix of a word of the text ("skiff" finds "skiffs").
        std::string h;
        for (char c : haystack) h += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::size_t at = 0;
        while ((at = h.find(word, at)) != std::string::npos) {
            if (at == 0 || !std::isalnum(static_cast<unsigned char>(h[at - 1]))) return true;
            at += word.size();
        }
        return false;
    };
    for (int trial = 0; trial < 60; ++trial) {
        IncidentQuery q;
        if (coin(rng)) {
            const double w = lon(rng), s = lat(rng);
            q.bbox = geo::GeoBox{w, s, w + span(rng), s + span(rng)};
        }
        // Now and then a box too big for per-cell seeks, which takes the scan path.
        if (trial % 7 == 1) q.bbox = geo::GeoBox{35.5, -12.25, 75.0, 25.5};
        if (coin(rng)) {
            q.from = all[static_cast<std::size_t>(rng()) % all.size()].occurredAt;
            q.to = *q.from + static_cast<time::UnixMillis>(span(rng) * 200) * time::kMillisPerDay;
        }
        if (coin(rng)) {
            q.categories = {static_cast<Category>(category(rng)),
                            static_cast<Category>(category(rng))};
        }
        if (trial % 3 == 0) q.text = words[trial % 5];
        std::vector<std::int64_t> expected;
        for (const Incident& r : all) {
            if (q.bbox && !q.bbox->contains({r.lon, r.lat})) continue;
            if (q.from && r.occurredAt < *q.from) continue;
            if (q.to && r.occurredAt >= *q.to) continue;
            if (!q.categories.empty() && std::find(q.categories.begin(), q.categories.end(),
                                                   r.category) == q.categories.end()) {
                continue;
            }
            if (!q.text.empty()) {
                std::istringstream ws_(q.text);
                std::string word;
                bool allWords = true;
                while (ws_ >> word) {
                    allWords =
                        allWords && (hasWord(r.narrative, word) || hasWord(r.vesselName, word) ||
                                     hasWord(r.aggressor, word));
                }
                if (!allWords) continue;
            }
            expected.push_back(r.id);
        }
        auto got = store->query(q);
        ASSERT_TRUE(got) << got.error();
        EXPECT_EQ(got->ids, expected) << "trial " << trial;
    }
    // The GeoPackage R*Tree itself (what QGIS uses) agrees with the table.
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(ws->handle(),
                                 "SELECT COUNT(*) FROM rtree_incidents_geom WHERE minx >= 40 AND "
                                 "maxx <= 50 AND miny >= 0 AND maxy <= 10",
                                 -1, &stmt, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    const auto rtreeCount = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    const auto brute = std::count_if(all.begin(), all.end(), [](const Incident& r) {
        return r.lon >= 40 && r.lon <= 50 && r.lat >= 0 && r.lat <= 10;
    });
    // float32 boxes round outwards: points right on the edge may differ, none here.
    EXPECT_NEAR(static_cast<double>(rtreeCount), static_cast<double>(brute), 2.0);
}

TEST_F(IncidentsStore, FetchAndHistogramBuckets) {
    Incident r;
    r.source = Source::Manual;
    r.sourceRef = "m-1";
    r.occurredAt = time::parseIso8601("2009-04-08T07:30:00Z").value();
    r.lat = 2.0;
    r.lon = 49.0;
    r.category = Category::Hijacked;
    r.narrative = "test narrative";
    ASSERT_TRUE(store->upsert(r));
    r.sourceRef = "m-2";
    r.occurredAt = time::parseIso8601("2009-04-20").value();
    r.dateOnly = true;
    ASSERT_TRUE(store->upsert(r));
    r.sourceRef = "m-3";
    r.occurredAt = time::parseIso8601("2011-02-18").value();
    ASSERT_TRUE(store->upsert(r));
    auto ids = store->query({}).value().ids;
    auto one = store->fetch(ids.front());
    ASSERT_TRUE(one) << one.error();
    EXPECT_EQ(one->sourceRef, "m-1");
    EXPECT_EQ(one->narrative, "test narrative");
    EXPECT_FALSE(store->fetch(999999));
    auto months = store->countsByTime({}, true).value();
    ASSERT_EQ(months.size(), 2u);
    EXPECT_EQ(months[0].year, 2009);
    EXPECT_EQ(months[0].month, 4);
    EXPECT_EQ(months[0].count, 2);
    auto years = store->countsByTime({}, false).value();
    ASSERT_EQ(years.size(), 2u);
    EXPECT_EQ(years[1].year, 2011);
    auto byYear = store->stats(StatsKey::Year).value();
    EXPECT_EQ(byYear["2009"], 2);
}

TEST(IncidentsCrash, KilledImportLeavesTheWorkspaceConsistent) {
    TempDir dir;
    const fs::path db = dir / "w.gpkg";
    const fs::path baseline = dir / "baseline.csv";
    const fs::path big = dir / "big.csv";
    writeFile(baseline, syntheticAsamCsv(100, 1));
    writeFile(big, syntheticAsamCsv(50000, 2));
    {
        auto ws = workspace::Workspace::open(db).value();
        auto store = IncidentStore::open(ws).value();
        ASSERT_TRUE(importFile(store, baseline));
    }
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        close(ready[0]);
        auto ws = workspace::Workspace::open(db);
        if (!ws) _exit(3);
        auto store = IncidentStore::open(*ws);
        if (!store) _exit(4);
        ImportOptions options;
        int calls = 0;
        options.progress = [&](std::uint64_t, std::uint64_t) {
            // Tell the parent once a few thousand rows are in the open transaction.
            if (++calls == 3) (void)!write(ready[1], "x", 1);
        };
        (void)importFile(*store, big, options);
        _exit(0);
    }
    close(ready[1]);
    char byte = 0;
    ASSERT_EQ(read(ready[0], &byte, 1), 1) << "the child never got going";
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    close(ready[0]);
    ASSERT_TRUE(WIFSIGNALED(status));

    auto ws = workspace::Workspace::open(db);
    ASSERT_TRUE(ws) << ws.error();
    auto store = IncidentStore::open(*ws);
    ASSERT_TRUE(store) << store.error();
    EXPECT_EQ(store->count().value(), 100);
    auto scalar = [&](const char* sql) {
        sqlite3_stmt* stmt = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(ws->handle(), sql, -1, &stmt, nullptr), SQLITE_OK) << sql;
        EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW) << sql;
        std::string value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        return value;
    };
    EXPECT_EQ(scalar("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM rtree_incidents_geom"), "100");
    EXPECT_EQ(ws->exec("INSERT INTO incidents_fts(incidents_fts) VALUES('integrity-check')").ok(),
              true);
    // And the interrupted file imports cleanly now.
    ImportOptions quiet;
    auto summary = importFile(*store, big, quiet);
    ASSERT_TRUE(summary) << summary.error();
    // Synthetic references may repeat the baseline's, which then count as updates.
    EXPECT_EQ(summary->read, 50000);
    EXPECT_EQ(summary->rejected, 0);
    EXPECT_EQ(store->count().value(), 100 + summary->inserted);
}

TEST(IncidentsDefault, FirstRunLoadsTheSampleIncidents) {
    TempDir dir;
    const fs::path db = dir / "workspace.gpkg";
    auto path = ensureDefaultWorkspace(db);
    ASSERT_TRUE(path) << path.error();
    auto ws = workspace::Workspace::open(db).value();
    auto store = IncidentStore::open(ws).value();
    const auto n = store.count().value();
    EXPECT_GE(n, 60);
    IncidentQuery q;
    q.text = "Maersk Alabama";
    EXPECT_GE(store.query(q)->size(), 1u);
    // A second call leaves the workspace alone.
    ASSERT_TRUE(ensureDefaultWorkspace(db));
    EXPECT_EQ(store.count().value(), n);
}

TEST_F(IncidentsStore, BulkLoadedRtreeIsValidAndAnswersLikeBruteForce) {
    auto rtreeCheck = [&] {
        sqlite3_stmt* stmt = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(ws->handle(), "SELECT rtreecheck('rtree_incidents_geom')", -1,
                                     &stmt, nullptr),
                  SQLITE_OK);
        EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
        std::string result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        return result;
    };
    auto rtreeIds = [&](const geo::GeoBox& b) {
        std::set<std::int64_t> ids;
        sqlite3_stmt* stmt = nullptr;
        sqlite3_prepare_v2(ws->handle(),
                           "SELECT id FROM rtree_incidents_geom WHERE maxx >= ?1 AND minx <= ?2 "
                           "AND maxy >= ?3 AND miny <= ?4",
                           -1, &stmt, nullptr);
        sqlite3_bind_double(stmt, 1, b.west);
        sqlite3_bind_double(stmt, 2, b.east);
        sqlite3_bind_double(stmt, 3, b.south);
        sqlite3_bind_double(stmt, 4, b.north);
        while (sqlite3_step(stmt) == SQLITE_ROW) ids.insert(sqlite3_column_int64(stmt, 0));
        sqlite3_finalize(stmt);
        return ids;
    };
    auto compareWithBruteForce = [&](int seed) {
        const auto all = store->queryRecords({}).value();
        std::mt19937 rng(static_cast<unsigned>(seed));
        std::uniform_real_distribution<double> lon(30, 80), lat(-16, 29), span(0.5, 15);
        for (int trial = 0; trial < 25; ++trial) {
            const double w = lon(rng), s = lat(rng);
            const geo::GeoBox box{w, s, w + span(rng), s + span(rng)};
            std::set<std::int64_t> expected;
            for (const Incident& r : all) {
                if (box.contains({r.lon, r.lat})) expected.insert(r.id);
            }
            EXPECT_EQ(rtreeIds(box), expected) << "trial " << trial;
        }
    };
    const fs::path first = dir / "first.csv";
    writeFile(first, syntheticAsamCsv(5000, 21));
    ASSERT_TRUE(importFile(*store, first));  // empty layer: the tree is packed
    EXPECT_EQ(rtreeCheck(), "ok");
    compareWithBruteForce(1);

    // Row-by-row inserts through the GeoPackage triggers go into the packed tree.
    for (Incident r : syntheticIncidents(300, 22)) ASSERT_TRUE(store->upsert(r));
    EXPECT_EQ(rtreeCheck(), "ok");
    compareWithBruteForce(2);

    // A smaller file adds entries one by one; a bigger one repacks everything.
    const fs::path second = dir / "second.csv";
    writeFile(second, syntheticAsamCsv(200, 23));
    ASSERT_TRUE(importFile(*store, second));
    EXPECT_EQ(rtreeCheck(), "ok");
    const fs::path third = dir / "third.csv";
    std::string bigger = syntheticAsamCsv(8000, 24);
    // Distinct references from the earlier files, so every row is new.
    std::size_t at = 0;
    while ((at = bigger.find("\r\n20", at)) != std::string::npos) {
        bigger.replace(at, 4, "\r\nX20");
        at += 5;
    }
    writeFile(third, bigger);
    auto summary = importFile(*store, third);
    ASSERT_TRUE(summary) << summary.error();
    EXPECT_EQ(summary->inserted, 8000);
    EXPECT_EQ(rtreeCheck(), "ok");
    compareWithBruteForce(3);
    EXPECT_TRUE(ws->exec("INSERT INTO incidents_fts(incidents_fts) VALUES('integrity-check')"));
}
