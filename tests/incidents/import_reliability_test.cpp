// Incident imports with text in other encodings, rows that do not line up, and JSON built
// to crash a recursive parser.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "seawatch/common/text_encoding.hpp"
#include "seawatch/incidents/import.hpp"

using namespace seawatch;
using namespace seawatch::incidents;
namespace fs = std::filesystem;

namespace {

struct Read {
    Result<ImportSummary> summary = makeError("not run");
    std::vector<Incident> rows;
};

Read readText(const std::string& text, const char* extension,
              std::optional<ImportFormat> format = std::nullopt) {
    const fs::path file =
        fs::temp_directory_path() / ("seawatch_import_" + std::to_string(::getpid()) + extension);
    std::ofstream(file, std::ios::binary) << text;
    Read out;
    ImportOptions options;
    options.format = format;
    out.summary = readIncidentFile(file, options, [&](const Incident& r) {
        out.rows.push_back(r);
        SinkResult s;
        s.outcome = UpsertOutcome::Inserted;
        return s;
    });
    fs::remove(file);
    return out;
}

const std::string kAsamHeader =
    "reference,date,position,navArea,subreg,hostility,victim,description\n";

}  // namespace

TEST(ImportReliability, Latin1RowsAreReadAsWindows1252AndCounted) {
    // A row written by a Windows tool: degree signs and an accent in Latin-1.
    const std::string text = kAsamHeader +
                             "2009-101,2009-11-15,\"12\xB0"
                             "00'00\"\"N 045\xB0"
                             "00'00\"\"E\",IX,62,"
                             "PIRATES,CARGO SHIP,\"Caf\xE9 owner reported an attack\"\n" +
                             "2009-102,2009-11-16,\"13\xC2\xB0"
                             "00'00\"\"N 046\xC2\xB0"
                             "00'00\"\"E\",IX,62,"
                             "PIRATES,TANKER,Plain UTF-8 row\n";
    const Read r = readText(text, ".csv", ImportFormat::AsamCsv);
    ASSERT_TRUE(r.summary.ok()) << r.summary.error();
    EXPECT_EQ(r.summary->inserted, 2);
    EXPECT_EQ(r.summary->reencoded, 1);
    ASSERT_EQ(r.rows.size(), 2U);
    EXPECT_NEAR(r.rows[0].lat, 12.0, 1e-9);
    EXPECT_EQ(r.rows[0].narrative, "Caf\xC3\xA9 owner reported an attack");
    for (const auto& row : r.rows) EXPECT_TRUE(isValidUtf8(row.narrative));
}

TEST(ImportReliability, Latin1JsonIsReadAsWindows1252) {
    const std::string text =
        R"({"asam": [{"reference": "2009-7", "date": "2009-11-15", "latitude": 12.5, "longitude": 45.5, "description": "Caf)"
        "\xE9"
        R"("}]})";
    const Read r = readText(text, ".json", ImportFormat::AsamJson);
    ASSERT_TRUE(r.summary.ok()) << r.summary.error();
    EXPECT_EQ(r.summary->inserted, 1);
    EXPECT_EQ(r.summary->reencoded, 1);
    ASSERT_EQ(r.rows.size(), 1U);
    EXPECT_EQ(r.rows[0].narrative, "Caf\xC3\xA9");
}

TEST(ImportReliability, ExtraColumnsAreRejectedWithTheLine) {
    const std::string text = kAsamHeader +
                             "2009-101,2009-11-15,\"12N 045E\",IX,62,PIRATES,SHIP,fine\n"
                             "2009-102,2009-11-15,\"12N 045E\",IX,62,PIRATES,SHIP,one,too many\n";
    const Read r = readText(text, ".csv", ImportFormat::AsamCsv);
    ASSERT_TRUE(r.summary.ok()) << r.summary.error();
    EXPECT_EQ(r.summary->inserted, 1);
    EXPECT_EQ(r.summary->rejected, 1);
    ASSERT_EQ(r.summary->rejections.size(), 1U);
    EXPECT_EQ(r.summary->rejections[0].reason, "wrong field count");
    EXPECT_NE(r.summary->rejections[0].where.find(":3"), std::string::npos)
        << r.summary->rejections[0].where;
}

TEST(ImportReliability, SignedDmsWithAHemisphereIsRejected) {
    const std::string text = kAsamHeader +
                             "2009-101,2009-11-15,\"-12\xC2\xB0"
                             "00'00\"\"N 045\xC2\xB0"
                             "00'00\"\"E\","
                             "IX,62,PIRATES,SHIP,text\n";
    const Read r = readText(text, ".csv", ImportFormat::AsamCsv);
    ASSERT_TRUE(r.summary.ok());
    EXPECT_EQ(r.summary->rejected, 1);
    EXPECT_EQ(r.summary->rejections.at(0).reason, "bad position");
}

TEST(ImportReliability, DeeplyNestedJsonIsAnErrorNotACrash) {
    const std::string text = R"({"asam": [{"reference": "1", "victim": )" +
                             std::string(80000, '[') + std::string(80000, ']') + "}]}";
    const Read r = readText(text, ".json", ImportFormat::AsamJson);
    ASSERT_FALSE(r.summary.ok());
    EXPECT_NE(r.summary.error().find("nesting deeper than 64 levels"), std::string::npos)
        << r.summary.error();
}

TEST(ImportReliability, CsvStreamsAcrossBlocksLikeInMemory) {
    // Many rows with multi-line quoted positions: block boundaries fall inside fields.
    std::string text = kAsamHeader;
    for (int i = 0; i < 3000; ++i) {
        text += "2009-" + std::to_string(i) +
                ",2009-11-15,\"12\xC2\xB0"
                "30'00\"\"N\r\n045\xC2\xB0"
                "15'00\"\"E\",IX,62,PIRATES,SHIP,"
                "\"line one\nline two, with a comma and \"\"quotes\"\"\"\r\n";
    }
    const Read r = readText(text, ".csv", ImportFormat::AsamCsv);
    ASSERT_TRUE(r.summary.ok()) << r.summary.error();
    EXPECT_EQ(r.summary->inserted, 3000);
    EXPECT_EQ(r.summary->rejected, 0);
    ASSERT_EQ(r.rows.size(), 3000U);
    EXPECT_EQ(r.rows.back().narrative, "line one\nline two, with a comma and \"quotes\"");
    EXPECT_NEAR(r.rows.back().lon, 45.25, 1e-9);
}

#include "seawatch/incidents/csv_reader.hpp"

TEST(CsvReaderStreaming, SmallBlocksGiveTheSameRecordsAndLines) {
    std::string text =
        "\xEF\xBB\xBF"
        "a,b,c\r\n";
    for (int i = 0; i < 200; ++i) {
        text += std::to_string(i) + ",\"multi\nline " + std::to_string(i) +
                " \"\"q\"\"\",x\r\n\r\n" + "plain,row," + std::to_string(i) + "\r";
    }
    std::vector<std::vector<std::string>> memoryRecords, streamRecords;
    std::vector<std::size_t> memoryLines, streamLines;
    {
        CsvReader reader{std::string_view(text)};
        std::vector<std::string> fields;
        while (reader.next(fields)) {
            memoryRecords.push_back(fields);
            memoryLines.push_back(reader.recordLine());
        }
        EXPECT_TRUE(reader.error().empty());
    }
    for (std::size_t block : {64U, 67U, 100U, 4096U}) {
        std::FILE* f = fmemopen(text.data(), text.size(), "rb");
        CsvReader reader(f, block);
        std::vector<std::string> fields;
        streamRecords.clear();
        streamLines.clear();
        while (reader.next(fields)) {
            streamRecords.push_back(fields);
            streamLines.push_back(reader.recordLine());
        }
        EXPECT_TRUE(reader.error().empty()) << reader.error();
        EXPECT_EQ(reader.offset(), text.size());
        std::fclose(f);
        EXPECT_EQ(streamRecords, memoryRecords) << "block " << block;
        EXPECT_EQ(streamLines, memoryLines) << "block " << block;
    }
    ASSERT_EQ(memoryRecords.size(), 401U);
    EXPECT_EQ(memoryRecords[0], (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(memoryRecords[1][1], "multi\nline 0 \"q\"");
}

TEST(CsvReaderStreaming, AnUnbalancedQuoteStopsWithAnError) {
    std::string text = "a,b\n1,\"never closed\n";
    text += std::string(300, 'x');
    std::FILE* f = fmemopen(text.data(), text.size(), "rb");
    CsvReader reader(f, 64);
    std::vector<std::string> fields;
    EXPECT_TRUE(reader.next(fields));
    EXPECT_FALSE(reader.next(fields));
    EXPECT_NE(reader.error().find("unterminated quoted field starting on line 2"),
              std::string::npos)
        << reader.error();
    std::fclose(f);
}

namespace {

// The fuzz targets read from memory (readIncidentText); what they check only holds for real
// imports if a file and its text in memory give the same result, row for row.
void expectTextReadsAsFile(const std::string& text, const char* extension,
                           std::optional<ImportFormat> format) {
    const Read file = readText(text, extension, format);
    const std::string name = "seawatch_import_" + std::to_string(::getpid()) + extension;
    Read memory;
    ImportOptions options;
    options.format = format;
    memory.summary = readIncidentText(text, name, options, [&](const Incident& r) {
        memory.rows.push_back(r);
        SinkResult s;
        s.outcome = UpsertOutcome::Inserted;
        return s;
    });
    ASSERT_EQ(file.summary.ok(), memory.summary.ok())
        << (file.summary.ok() ? memory.summary.error() : file.summary.error());
    if (!file.summary.ok()) {
        // A file's message may give its folder; the text has none.
        std::string fileError = file.summary.error();
        const std::string folder = (fs::temp_directory_path() / "").string();
        if (fileError.rfind(folder, 0) == 0) fileError.erase(0, folder.size());
        EXPECT_EQ(memory.summary.error(), fileError);
        return;
    }
    EXPECT_EQ(memory.summary->read, file.summary->read);
    EXPECT_EQ(memory.summary->inserted, file.summary->inserted);
    EXPECT_EQ(memory.summary->rejected, file.summary->rejected);
    EXPECT_EQ(memory.summary->reencoded, file.summary->reencoded);
    EXPECT_EQ(memory.summary->rejectedByReason, file.summary->rejectedByReason);
    ASSERT_EQ(memory.summary->rejections.size(), file.summary->rejections.size());
    for (std::size_t i = 0; i < file.summary->rejections.size(); ++i) {
        EXPECT_EQ(memory.summary->rejections[i].where, file.summary->rejections[i].where);
        EXPECT_EQ(memory.summary->rejections[i].reason, file.summary->rejections[i].reason);
    }
    ASSERT_EQ(memory.rows.size(), file.rows.size());
    for (std::size_t i = 0; i < file.rows.size(); ++i) {
        EXPECT_EQ(memory.rows[i].sourceRef, file.rows[i].sourceRef);
        EXPECT_EQ(memory.rows[i].occurredAt, file.rows[i].occurredAt);
        EXPECT_EQ(memory.rows[i].lat, file.rows[i].lat);
        EXPECT_EQ(memory.rows[i].lon, file.rows[i].lon);
        EXPECT_EQ(memory.rows[i].narrative, file.rows[i].narrative);
        EXPECT_EQ(memory.rows[i].vesselName, file.rows[i].vesselName);
    }
}

}  // namespace

TEST(ImportFromText, ReadsEveryFormatAsTheFileReadsIt) {
    const std::string asamCsv = kAsamHeader +
                                "2009-101,2009-11-15,\"12\xB0"
                                "00'00\"\"N 045\xB0"
                                "00'00\"\"E\",IX,62,PIRATES,CARGO SHIP,\"Caf\xE9\"\n"
                                "2009-102,not a date,x,IX,62,PIRATES,TANKER,bad\n"
                                "2009-103,2009-11-17,one,field,short\n";
    const std::string imbCsv =
        "date,time,longitude,latitude,attack_type,vessel_name\n"
        "2009-11-15,04:10,51.4,13.9,Boarded,ASTRAEA\n2010-01-02,,45.2,12.1,Attempted,NA\n"
        "2010-01-03,,245.2,12.1,Attempted,NA\n";
    const std::string asamJson =
        R"({"asam": [{"reference": "2009-7", "date": "2009-11-15", "latitude": 12.5,)"
        R"( "longitude": 45.5, "description": "Boarded"}, 3, {"reference": ""},]})";
    const std::string geoJson =
        R"({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry":)"
        R"( {"type": "Point", "coordinates": [45.5, 12.5]}, "properties": {"source": "asam",)"
        R"( "source_ref": "2009-7", "occurred_at": "2009-11-15", "narrative": "Boarded"}},)"
        R"( {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},)"
        R"( "properties": {"source_ref": "x"}}]})";
    for (const auto format : {std::optional<ImportFormat>{}, std::optional(ImportFormat::AsamCsv)})
        expectTextReadsAsFile(asamCsv, ".csv", format);
    expectTextReadsAsFile(imbCsv, ".csv", std::nullopt);
    expectTextReadsAsFile(asamJson, ".json", std::nullopt);
    expectTextReadsAsFile(geoJson, ".geojson", std::nullopt);
    expectTextReadsAsFile(geoJson, ".geojson", ImportFormat::GeoJson);
    // Failures say the same thing too: an empty file, text that is no known format.
    expectTextReadsAsFile("", ".csv", ImportFormat::AsamCsv);
    expectTextReadsAsFile("", ".geojson", ImportFormat::GeoJson);
    expectTextReadsAsFile("hello\n", ".txt", std::nullopt);
    expectTextReadsAsFile(R"({"type": "FeatureCollection", "features": [)", ".geojson",
                          ImportFormat::GeoJson);
}

TEST(ImportFromText, ALargeCsvStreamsInBlocksAsTheFileDoes) {
    // Over 1 MiB, so the reader refills its block and records straddle block boundaries.
    std::string text = kAsamHeader;
    for (int i = 0; text.size() < (std::size_t{3} << 19); ++i) {
        text += "2009-" + std::to_string(i) +
                ",2009-11-15,\"12\xC2\xB0"
                "00'00\"\"N 045\xC2\xB0"
                "00'00\"\"E\",IX,62,PIRATES,CARGO SHIP,\"Boarded,\nthen left\"\n";
    }
    expectTextReadsAsFile(text, ".csv", ImportFormat::AsamCsv);
}

TEST(ImportReliability, HeaderNamesAreTrimmedCaseBlindAndTheFirstOfAKindWins) {
    const Read imb = readText(
        " Date ,TIME,Longitude,latitude,Attack_Type,vessel_name,VESSEL_NAME,Vessel_Type\n"
        "2009-11-15,04:10,51.4,13.9,Boarded,ASTRAEA,OTHER,Bulk Carrier\n",
        ".csv", ImportFormat::ImbCsv);
    ASSERT_TRUE(imb.summary.ok()) << imb.summary.error();
    ASSERT_EQ(imb.rows.size(), 1U);
    EXPECT_EQ(imb.rows[0].vesselName, "ASTRAEA");
    EXPECT_EQ(imb.rows[0].vesselType, "bulk carrier");
    EXPECT_NEAR(imb.rows[0].lat, 13.9, 1e-9);

    const Read asam = readText("reference,date,position,subreg,hostility,victim,description\n",
                               ".csv", ImportFormat::AsamCsv);
    ASSERT_FALSE(asam.summary.ok());
    EXPECT_NE(asam.summary.error().find(":1: header has no 'navArea' column"), std::string::npos)
        << asam.summary.error();
    const Read imbMissing =
        readText("date,time,longitude,latitude\n", ".csv", ImportFormat::ImbCsv);
    ASSERT_FALSE(imbMissing.summary.ok());
    EXPECT_NE(imbMissing.summary.error().find("header has no 'attack_type' column"),
              std::string::npos);
}
