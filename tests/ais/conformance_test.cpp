// Against third-party decodes (libais typeexamples / tagblock), and robustness over every
// shared AIS file: no crash, and every line accounted for in the counters.
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "seawatch/ais/decoder.hpp"
#include "seawatch/ais/gpsd_json.hpp"

using namespace seawatch::ais;
namespace fs = std::filesystem;

namespace {

fs::path aisData() {
    return fs::path(SEAWATCH_SHARED_TESTDATA) / "ais";
}

std::vector<std::string> readLines(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// Compares our message with a libais JSON record on the fields both decode.
void expectMatchesLibais(const AisMessage& m, const nlohmann::json& j, const std::string& where) {
    SCOPED_TRACE(where);
    EXPECT_EQ(m.type, j.at("type").get<int>());
    EXPECT_EQ(m.mmsi, j.at("mmsi").get<std::uint32_t>());
    EXPECT_EQ(m.repeat, j.at("repeat").get<int>());
    const double div = (m.type == 27 || m.type == 17) ? 600.0 : 600000.0;
    if (m.type == 17) {
        EXPECT_NEAR(m.lat / div, j.at("lat").get<double>(), 1e-4);
        EXPECT_NEAR(m.lon / div, j.at("lon").get<double>(), 1e-4);
    }
    // The other types' fields are in m.ext and compared with gpsd's own output instead
    // (gpsd_expected_test.cpp); libais names several of them differently.
    if (usesExtendedFields(m.type)) return;
    if (j.contains("lat") && j["lat"].is_number()) {
        EXPECT_NEAR(m.lat / div, j["lat"].get<double>(), 1e-4);
    }
    if (j.contains("lon") && j["lon"].is_number()) {
        EXPECT_NEAR(m.lon / div, j["lon"].get<double>(), 1e-4);
    }
    if (m.type != 27) {
        if (j.contains("speed") && j["speed"].is_number() && m.type != 9) {
            EXPECT_NEAR(m.speed / 10.0, j["speed"].get<double>(), 0.051);
        }
        if (j.contains("course") && j["course"].is_number()) {
            EXPECT_NEAR(m.course / 10.0, j["course"].get<double>(), 0.051);
        }
    }
    if (j.contains("heading")) {
        EXPECT_EQ(m.heading, j["heading"].get<unsigned>());
    }
    if (j.contains("status") && j["status"].is_number()) {
        EXPECT_EQ(m.status, j["status"].get<unsigned>());
    }
    if (j.contains("second")) {
        EXPECT_EQ(m.second, j["second"].get<unsigned>());
    }
    if (j.contains("shipname")) {
        EXPECT_EQ(std::string(m.shipname), j["shipname"].get<std::string>());
    }
    if (j.contains("callsign")) {
        EXPECT_EQ(std::string(m.callsign), j["callsign"].get<std::string>());
    }
    if (j.contains("destination")) {
        EXPECT_EQ(std::string(m.destination), j["destination"].get<std::string>());
    }
    if (j.contains("imo")) {
        EXPECT_EQ(std::to_string(m.imo), j["imo"].get<std::string>());
    }
    if (j.contains("shiptype")) {
        EXPECT_EQ(m.shiptype, j["shiptype"].get<unsigned>());
    }
    for (const char* k : {"to_bow", "to_stern", "to_port", "to_starboard"}) {
        if (!j.contains(k)) continue;
        const unsigned ours = std::string(k) == "to_bow"     ? m.toBow
                              : std::string(k) == "to_stern" ? m.toStern
                              : std::string(k) == "to_port"  ? m.toPort
                                                             : m.toStarboard;
        EXPECT_EQ(ours, j[k].get<unsigned>()) << k;
    }
    if (j.contains("draught")) {
        EXPECT_NEAR(m.draught / 10.0, j["draught"].get<double>(), 0.051);
    }
    if (j.contains("epfd")) {
        EXPECT_EQ(m.epfd, j["epfd"].get<unsigned>());
    }
    if (j.contains("aid_type")) {
        EXPECT_EQ(m.aidType, j["aid_type"].get<unsigned>());
    }
    if (j.contains("raim")) {
        EXPECT_EQ(m.raim, j["raim"].get<bool>());
    }
    if (j.contains("accuracy")) {
        EXPECT_EQ(m.accuracy, j["accuracy"].get<bool>());
    }
}

void conformance(const char* stem, int expectedSupported) {
    const fs::path nmea = aisData() / "libais" / (std::string(stem) + ".nmea");
    const fs::path json = aisData() / "libais" / (std::string(stem) + ".json");
    if (!fs::exists(nmea) || !fs::exists(json)) GTEST_SKIP() << "shared testdata absent: " << nmea;
    // The JSON lists one record per decoded message, in input order.
    std::vector<nlohmann::json> expected;
    for (const auto& l : readLines(json))
        if (!l.empty()) expected.push_back(nlohmann::json::parse(l));
    AisDecoder d;
    std::size_t next = 0;
    int compared = 0;
    for (const auto& line : readLines(nmea)) {
        const AisMessage* m = d.decodeLine(line);
        if (!m) continue;
        // Advance to the record of this message (libais also decodes types we do not).
        while (next < expected.size() &&
               !(expected[next].at("type").get<int>() == m->type &&
                 expected[next].at("mmsi").get<std::uint32_t>() == m->mmsi))
            ++next;
        ASSERT_LT(next, expected.size()) << "no libais record for " << line;
        expectMatchesLibais(*m, expected[next], line);
        ++next;
        ++compared;
    }
    EXPECT_EQ(compared, expectedSupported);
    EXPECT_EQ(d.stats().accountedLines(), d.stats().lines);
}

}  // namespace

// Every sentence is one message of a type we decode (24 is a single part here).
TEST(Conformance, LibaisTypeExamples) {
    conformance("typeexamples", 26);
}

TEST(Conformance, LibaisTagBlocks) {
    conformance("tagblock", 4);
    const fs::path nmea = aisData() / "libais" / "tagblock.nmea";
    if (!fs::exists(nmea)) GTEST_SKIP() << "shared testdata absent";
    AisDecoder d;
    std::vector<AisMessage> got;
    for (const auto& line : readLines(nmea))
        if (const AisMessage* m = d.decodeLine(line)) got.push_back(*m);
    ASSERT_EQ(got.size(), 4U);
    EXPECT_EQ(got[0].meta.time, 1418172113000);
    EXPECT_EQ(got[1].type, 5);  // the two-part group, timed by its first fragment
    EXPECT_EQ(got[1].meta.time, 1418169601000);
    EXPECT_EQ(got[1].meta.source, "rORBCOMM008");
}

TEST(Robustness, EverySharedFileIsFullyAccounted) {
    if (!fs::exists(aisData())) GTEST_SKIP() << "shared testdata absent: " << aisData();
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(aisData())) {
        if (!entry.is_regular_file()) continue;
        ++files;
        AisDecoder d;
        std::string json;
        std::uint64_t lines = 0;
        for (const auto& line : readLines(entry.path())) {
            ++lines;
            if (const AisMessage* m = d.decodeLine(line)) {
                json.clear();
                appendGpsdJson(*m, "stdin", json);
                EXPECT_TRUE(nlohmann::json::accept(json)) << json;
            }
        }
        const DecodeStats& s = d.stats();
        EXPECT_EQ(s.lines, lines) << entry.path();
        EXPECT_EQ(s.accountedLines(), s.lines) << entry.path() << "\n" << formatStats(s);
    }
    EXPECT_GE(files, 10);
}

TEST(Robustness, RealTracksDecodeWithTimes) {
    const fs::path dma = aisData() / "tracks" / "dma_stream_example.txt";
    if (!fs::exists(dma)) GTEST_SKIP() << "shared testdata absent";
    AisDecoder d;
    std::uint64_t timed = 0;
    for (const auto& line : readLines(dma))
        if (d.decodeLine(line) && d.lastTime() != kNoTime) ++timed;
    EXPECT_GT(d.stats().decoded, 3500U);
    EXPECT_EQ(timed, d.stats().decoded);  // every message follows a $PGHP line
    EXPECT_EQ(d.stats().badChecksum, 0U);
    EXPECT_GT(d.stats().timestamps, 4000U);
}
