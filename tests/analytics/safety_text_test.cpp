// Safety texts (AIS 12 and 14) become safety_text events; piracy words raise them.
#include "seawatch/analytics/safety_text.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "seawatch/ais/encoder.hpp"
#include "seawatch/analytics/ais_input.hpp"
#include "seawatch/analytics/alert_filter.hpp"
#include "seawatch/analytics/engine.hpp"
#include "track_builder.hpp"

using namespace seawatch;
using namespace seawatch::analytics;

namespace {

const time::UnixMillis kT0 = *time::parseIso8601("2009-11-15T06:00:00Z");

SafetyText text(ais::Mmsi mmsi, time::UnixMillis t, std::string s, ais::Mmsi dest = 0) {
    SafetyText out;
    out.mmsi = mmsi;
    out.time = t;
    out.text = std::move(s);
    out.destMmsi = dest;
    out.messageType = dest ? 12 : 14;
    return out;
}

}  // namespace

TEST(SafetyText, PiracyWordsMatchWholeWordsAndTheirEndingsAnyCase) {
    EXPECT_EQ(piracyWordsIn("PIRATES ATTACKING MV ALPHA"),
              (std::vector<std::string>{"pirate", "attack"}));
    EXPECT_EQ(piracyWordsIn("2 skiffs, armed men; Mayday"),
              (std::vector<std::string>{"skiff", "armed", "mayday"}));
    EXPECT_EQ(piracyWordsIn("HIJACKED 0630Z. SUSPICIOUS APPROACH, BOARDING"),
              (std::vector<std::string>{"hijack", "suspicious", "boarding"}));
    EXPECT_EQ(piracyWordsIn("Attackers fled; pirate."),
              (std::vector<std::string>{"pirate", "attack"}));
    EXPECT_EQ(piracyWordsIn("piracy-hijackers"), (std::vector<std::string>{"piracy", "hijack"}));
    // Inside a word is not a match: "disarmed", "unarmed".
    EXPECT_TRUE(piracyWordsIn("DISARMED BUOY OFF STATION, UNARMED ESCORT").empty());
    // Nor is a longer word that only begins with one.
    EXPECT_TRUE(piracyWordsIn("ARMEDIA SKIFFLE BAND, ATTACKABLE PIRATEWARE").empty());
    EXPECT_TRUE(piracyWordsIn("NAVIGATIONAL WARNING BUOY ADRIFT").empty());
    EXPECT_TRUE(piracyWordsIn("").empty());
}

TEST(SafetyText, EventCarriesSenderAddresseeTextAndSeverity) {
    const Event e =
        safetyTextEvent(text(366000001, kT0, "SUSPICIOUS SKIFF 2NM", 538003422), 12.5, 45.0);
    EXPECT_EQ(e.type, EventType::SafetyText);
    EXPECT_EQ(e.mmsi, (std::vector<ais::Mmsi>{366000001, 538003422}));
    EXPECT_EQ(e.number("piracy"), 1.0);
    EXPECT_EQ(e.number("message_type"), 12.0);
    const std::string line = toJsonLine(e);
    EXPECT_NE(line.find("\"type\":\"safety_text\""), std::string::npos) << line;
    EXPECT_EQ(e.text, "SUSPICIOUS SKIFF 2NM");
    EXPECT_TRUE(e.zone.empty());
    EXPECT_NE(line.find("\"text\":\"SUSPICIOUS SKIFF 2NM\""), std::string::npos) << line;
    EXPECT_EQ(line.find("\"zone\""), std::string::npos) << line;
    const std::string csv = toCsvLine(e);
    EXPECT_EQ(csvHeader().substr(csvHeader().rfind(',') + 1), "text");
    EXPECT_EQ(csv.substr(csv.rfind(',') + 1), "SUSPICIOUS SKIFF 2NM") << csv;
    // Piracy words make it an alarm through the one severity rule; the alert says so.
    EXPECT_EQ(severityOf(e), Severity::Alarm);
    EXPECT_EQ(describeAlert(e), "PIRACY \"SUSPICIOUS SKIFF 2NM\"");
    EXPECT_EQ(alertSentence(e),
              "MMSI 366000001: PIRACY \"SUSPICIOUS SKIFF 2NM\" with MMSI 538003422");
    EXPECT_NE(line.find("\"lat\":12.500000"), std::string::npos) << line;

    const Event plain = safetyTextEvent(text(2190001, kT0, "BUOY ADRIFT"));
    EXPECT_EQ(plain.number("piracy"), 0.0);
    EXPECT_EQ(severityOf(plain), Severity::Warning);
    EXPECT_EQ(severityOf(plain.type), Severity::Warning);
    EXPECT_EQ(alertSentence(plain), "MMSI 2190001: \"BUOY ADRIFT\"");
    EXPECT_EQ(plain.mmsi.size(), 1U);
    EXPECT_TRUE(std::isnan(plain.lat));  // no position known
    EXPECT_NE(toJsonLine(plain).find("\"lat\":null"), std::string::npos);
}

TEST(SafetyText, AnalyzePlacesTheTextAtTheSendersLastFreshFix) {
    const geo::LonLat start{45.0, 12.5};
    auto fixes =
        seawatch::testing::straightTrack(470000001, start, 90.0, 12.0, kT0,
                                         kT0 + 30 * time::kMillisPerMinute, time::kMillisPerMinute);
    std::vector<SafetyText> texts = {
        text(470000001, kT0 + 10 * time::kMillisPerMinute + 30000, "PIRATES ATTACKING"),
        // The sender's last fix is then 20 min old, beyond the 10 min staleness.
        text(470000001, kT0 + 50 * time::kMillisPerMinute, "ALL CLEAR"),
        text(999000001, kT0 + 5 * time::kMillisPerMinute, "UNKNOWN SENDER"),
    };
    AnalyticsInputs inputs;
    const AnalysisRun run = analyzeFixes(inputs, {}, fixes, std::nullopt, std::nullopt, texts);
    std::vector<const Event*> got;
    for (const Event& e : run.events)
        if (e.type == EventType::SafetyText) got.push_back(&e);
    ASSERT_EQ(got.size(), 3U);
    EXPECT_EQ(got[0]->text, "UNKNOWN SENDER");
    EXPECT_TRUE(std::isnan(got[0]->lat));
    EXPECT_EQ(got[1]->text, "PIRATES ATTACKING");
    EXPECT_EQ(got[1]->time, kT0 + 10 * time::kMillisPerMinute + 30000);
    EXPECT_NEAR(got[1]->lat, fixes[10].lat, 1e-9);  // the fix at 10 min, 30 s before
    EXPECT_NEAR(got[1]->lon, fixes[10].lon, 1e-9);
    EXPECT_EQ(got[1]->number("piracy"), 1.0);
    EXPECT_EQ(got[2]->text, "ALL CLEAR");
    EXPECT_TRUE(std::isnan(got[2]->lon));
}

TEST(SafetyText, LoadAisFilesCollectsTimedTexts) {
    ais::BitWriter w;
    w.put(14, 6);
    w.put(0, 2);
    w.put(636012345, 30);
    w.put(0, 2);
    w.putText("MAYDAY ARMED ATTACK", 19);
    const auto path = std::filesystem::temp_directory_path() /
                      ("seawatch_safety_" + std::to_string(::getpid()) + ".nmea");
    {
        std::ofstream out(path);
        out << ais::encodeSentences(w)[0] << "\n";  // no time yet: counted, not placed
        out << ais::withTagBlock(ais::encodeSentences(w)[0], kT0) << "\n";
    }
    auto input = loadAisFiles({path});
    std::filesystem::remove(path);
    ASSERT_TRUE(input.ok()) << input.error();
    ASSERT_EQ(input->safetyTexts.size(), 1U);
    EXPECT_EQ(input->untimedTexts, 1U);
    EXPECT_EQ(input->safetyTexts[0].mmsi, 636012345U);
    EXPECT_EQ(input->safetyTexts[0].time, kT0);
    EXPECT_EQ(input->safetyTexts[0].text, "MAYDAY ARMED ATTACK");
}
