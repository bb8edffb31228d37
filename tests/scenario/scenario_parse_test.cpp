#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "seawatch/scenario/scenario_json.hpp"

using namespace seawatch;
using namespace seawatch::scenario;
using nlohmann::json;

namespace {

json validDocument() {
    return json::parse(R"({
      "seawatch_scenario": 1,
      "title": "Test exercise",
      "description": "Two ships and a skiff",
      "window": {"start": "2009-11-15T00:00:00Z", "end": "2009-11-15T12:00:00Z"},
      "view": [44.0, 11.0, 52.0, 15.0],
      "charts": ["../charts/goa.tif"],
      "zones": ["../zones/irtc.geojson"],
      "schedule": "../zones/schedule.json",
      "incident_filter": {"bbox": [42, 10, 56, 16], "categories": ["attack"]},
      "tracks": [
        {"mmsi": 538004417, "name": "ASTRAEA TRADER", "callsign": "V7QB9", "ship_type": 70,
         "length_m": 169, "beam_m": 27, "class": "A", "flag": "MH", "role": "merchant",
         "waypoints": [
           {"position": [52.0, 14.0], "time": "2009-11-15T01:00:00Z"},
           {"position": [51.0, 13.7], "speed_kn": 10}
         ],
         "ais_off": [{"start": "2009-11-15T02:00:00Z", "end": "2009-11-15T03:00:00Z"}]},
        {"mmsi": 900000011, "name": "SKIFF 1", "ship_type": 0, "role": "skiff", "ais": false,
         "waypoints": [
           {"position": [51.5, 14.1], "time": "2009-11-15T04:00:00Z"},
           {"position": [51.4, 14.0], "time": "2009-11-15T04:20:00Z"}
         ]}
      ],
      "injects": [{"time": "2009-11-15T04:10:00Z", "title": "UKMTO call", "text": "Approach",
                   "position": [51.4, 13.9]}],
      "steps": [
        {"time": "2009-11-15T01:00:00Z", "caption": "Start", "layers": ["tracks"]},
        {"time": "2009-11-15T04:10:00Z", "view": {"centre": [51.4, 13.9], "zoom": 9},
         "highlight": {"mmsi": [538004417, 900000011], "zones": ["Sector 1"],
                       "incidents": ["2009-101"]},
         "caption": "Approach", "notes": "Talk about BMP"}
      ],
      "annotations": [
        {"kind": "text", "id": "t1", "text": "Point B", "position": [53.0, 14.47]},
        {"kind": "arrow", "from": [51, 13], "to": [51.2, 13.2], "colour": "#ff0000"},
        {"kind": "range_ring", "position": [51.4, 13.9], "radii_nm": [1, 3],
         "visible": {"start": "2009-11-15T04:00:00Z", "end": "2009-11-15T05:00:00Z"}},
        {"kind": "area", "polygon": [[50, 13], [51, 13], [51, 14]]}
      ]
    })");
}

ScenarioLoad parse(const json& doc) {
    return parseScenario(doc.dump());
}

bool hasError(const ScenarioLoad& load, const std::string& text) {
    return std::any_of(load.errors.begin(), load.errors.end(),
                       [&](const std::string& e) { return e.find(text) != std::string::npos; });
}

std::string allErrors(const ScenarioLoad& load) {
    std::string out;
    for (const auto& e : load.errors) out += e + "\n";
    return out;
}

}  // namespace

TEST(ScenarioParse, ReadsAValidDocument) {
    auto load = parse(validDocument());
    ASSERT_TRUE(load.ok()) << allErrors(load);
    const Scenario& s = load.scenario;
    EXPECT_EQ(s.title, "Test exercise");
    EXPECT_EQ(s.window.start, *time::parseIso8601("2009-11-15T00:00:00Z"));
    EXPECT_EQ(s.initialView.kind, View::Kind::Box);
    EXPECT_DOUBLE_EQ(s.initialView.box.north, 15.0);
    ASSERT_EQ(s.tracks.size(), 2u);
    const auto& merchant = s.tracks[0];
    EXPECT_EQ(merchant.vessel.mmsi, 538004417u);
    EXPECT_EQ(merchant.vessel.lengthM(), 169);
    EXPECT_EQ(merchant.vessel.beamM(), 27);
    EXPECT_EQ(merchant.role, VesselRole::Merchant);
    EXPECT_TRUE(merchant.transmitsAis);
    ASSERT_EQ(merchant.waypoints.size(), 2u);
    EXPECT_FALSE(merchant.waypoints[1].time.has_value());
    EXPECT_DOUBLE_EQ(*merchant.waypoints[1].speedKn, 10.0);
    ASSERT_EQ(merchant.aisOff.size(), 1u);
    EXPECT_FALSE(s.tracks[1].transmitsAis);
    EXPECT_EQ(s.tracks[1].role, VesselRole::Skiff);
    ASSERT_EQ(s.steps.size(), 2u);
    EXPECT_FALSE(s.steps[0].view.has_value());
    ASSERT_TRUE(s.steps[1].view.has_value());
    EXPECT_EQ(s.steps[1].view->kind, View::Kind::CentreZoom);
    EXPECT_DOUBLE_EQ(s.steps[1].view->zoom, 9.0);
    EXPECT_EQ(s.steps[1].highlight.mmsi.size(), 2u);
    EXPECT_EQ(s.steps[1].highlight.incidents.at(0), "2009-101");
    ASSERT_EQ(s.annotations.size(), 4u);
    EXPECT_EQ(s.annotations[1].kind, Annotation::Kind::Arrow);
    EXPECT_EQ(s.annotations[1].points.size(), 2u);
    EXPECT_EQ(s.annotations[2].radiiNm.size(), 2u);
    EXPECT_TRUE(s.annotations[2].visible.has_value());
    EXPECT_EQ(s.annotations[3].points.size(), 3u);
    EXPECT_EQ(s.incidentFilter.categories.at(0), "attack");
}

TEST(ScenarioParse, SerializerRoundTrips) {
    auto first = parse(validDocument());
    ASSERT_TRUE(first.ok()) << allErrors(first);
    const std::string written = toJson(first.scenario);
    auto second = parseScenario(written);
    ASSERT_TRUE(second.ok()) << allErrors(second) << written;
    // Writing the re-read scenario gives the same text: nothing was lost or changed.
    EXPECT_EQ(toJson(second.scenario), written);
    EXPECT_EQ(second.scenario.tracks[0].vessel.lengthM(), 169);
    EXPECT_EQ(second.scenario.annotations[2].radiiNm, first.scenario.annotations[2].radiiNm);
}

TEST(ScenarioParse, SavesAnnotationEditsToAFile) {
    auto load = parse(validDocument());
    ASSERT_TRUE(load.ok());
    Annotation label;
    label.kind = Annotation::Kind::Text;
    label.text = "Mothership last seen";
    label.points = {{51.1, 14.0}};
    load.scenario.annotations.push_back(label);
    const auto file = std::filesystem::temp_directory_path() / "seawatch_scenario_save.json";
    ASSERT_TRUE(saveScenario(load.scenario, file).ok());
    auto reread = loadScenario(file);
    ASSERT_TRUE(reread.ok()) << allErrors(reread);
    ASSERT_EQ(reread.scenario.annotations.size(), 5u);
    EXPECT_EQ(reread.scenario.annotations.back().text, "Mothership last seen");
    EXPECT_EQ(reread.scenario.baseDir, file.parent_path());
    std::filesystem::remove(file);
}

TEST(ScenarioParse, BadTimeNamesTheWaypoint) {
    auto doc = validDocument();
    doc["tracks"][0]["waypoints"][1] = {{"position", {51.0, 13.7}}, {"time", "yesterday"}};
    auto load = parse(doc);
    EXPECT_TRUE(hasError(load, "tracks[0].waypoints[1].time: not ISO 8601")) << allErrors(load);
}

TEST(ScenarioParse, BadViewNamesTheStep) {
    auto doc = validDocument();
    doc["steps"][0]["view"] = {44.0, 11.0, 52.0};
    auto load = parse(doc);
    EXPECT_TRUE(hasError(load, "steps[0].view: expected [W,S,E,N]")) << allErrors(load);
    doc["steps"][0]["view"] = {52.0, 11.0, 44.0, 15.0};
    EXPECT_TRUE(hasError(parse(doc), "steps[0].view: box must have W < E"));
}

TEST(ScenarioParse, MissingAndMistypedFields) {
    auto doc = validDocument();
    doc.erase("title");
    doc["tracks"][0]["mmsi"] = "538004417";
    doc["tracks"][1].erase("role");
    doc["tracks"][1]["imo"] = -5;
    auto load = parse(doc);
    EXPECT_TRUE(hasError(load, "tracks[1].imo: must be an integer from 0 to 999999999"));
    EXPECT_TRUE(hasError(load, "title: missing"));
    EXPECT_TRUE(hasError(load, "tracks[0].mmsi: expected a number, got a string"));
    EXPECT_TRUE(hasError(load, "tracks[1].role: missing"));
}

TEST(ScenarioParse, UnknownKeysAndValuesAreReported) {
    auto doc = validDocument();
    doc["tracks"][0]["speed_kt"] = 12;
    doc["tracks"][0]["role"] = "pirate";
    doc["annotations"][0]["kind"] = "circle";
    auto load = parse(doc);
    EXPECT_TRUE(hasError(load, "tracks[0].speed_kt: unknown key"));
    EXPECT_TRUE(hasError(load, "tracks[0].role: unknown role \"pirate\""));
    EXPECT_TRUE(hasError(load, "annotations[0].kind: unknown annotation kind"));
}

TEST(ScenarioParse, WaypointTimingErrors) {
    auto doc = validDocument();
    doc["tracks"][0]["waypoints"][1]["speed_kn"] = -3;
    EXPECT_TRUE(hasError(parse(doc), "tracks[0].waypoints[1].speed_kn: must be 0.1 to 60 kn"));
    doc = validDocument();
    doc["tracks"][0]["waypoints"][1]["time"] = "2009-11-15T05:00:00Z";
    EXPECT_TRUE(hasError(parse(doc), "tracks[0].waypoints[1]: give time or speed_kn, not both"));
    doc = validDocument();
    doc["tracks"][1]["waypoints"][1]["time"] = "2009-11-15T03:00:00Z";
    EXPECT_TRUE(hasError(parse(doc), "tracks[1].waypoints[1].time: not after waypoints[0]"));
    doc = validDocument();
    doc["tracks"][0]["waypoints"][0].erase("time");
    doc["tracks"][0]["waypoints"][0]["speed_kn"] = 10;
    EXPECT_TRUE(hasError(parse(doc), "tracks[0].waypoints[0]"));
    doc = validDocument();
    doc["tracks"][1]["waypoints"][1]["time"] = "2009-11-15T04:01:00Z";  // ~470 kn
    EXPECT_TRUE(hasError(parse(doc), "tracks[1].waypoints[1].time: implies"));
}

TEST(ScenarioParse, ContactsNeedTheContactRange) {
    auto doc = validDocument();
    doc["tracks"][1]["mmsi"] = 538000001;
    doc["tracks"][1]["ship_type"] = 70;
    auto load = parse(doc);
    EXPECT_TRUE(hasError(load, "tracks[1].mmsi: a non-AIS contact needs an MMSI"));
    EXPECT_TRUE(hasError(load, "tracks[1].ship_type: a non-AIS contact has ship type 0"));
}

TEST(ScenarioParse, CrossChecks) {
    auto doc = validDocument();
    doc["tracks"][1]["mmsi"] = 538004417;
    doc["tracks"][1]["ais"] = true;
    doc["steps"][1]["time"] = "2009-11-14T23:00:00Z";
    auto load = parse(doc);
    EXPECT_TRUE(hasError(load, "tracks[1].mmsi: duplicate MMSI 538004417"));
    EXPECT_TRUE(hasError(load, "steps[1].time: outside the scenario window"));
    EXPECT_TRUE(hasError(load, "steps[1].time: before steps[0]"));
}

TEST(ScenarioParse, CollectsEveryErrorNotJustTheFirst) {
    auto doc = validDocument();
    doc["window"]["end"] = "2009-11-14T00:00:00Z";
    doc["view"] = "gulf";
    doc["injects"][0]["position"] = {200.0, 13.0};
    doc["annotations"][1]["colour"] = "red";
    doc["annotations"][2]["radii_nm"] = {0};
    doc["annotations"][3]["polygon"] = {{50, 13}, {51, 13}};
    auto load = parse(doc);
    EXPECT_TRUE(hasError(load, "window.end: must be after start"));
    EXPECT_TRUE(hasError(load, "view: expected [W,S,E,N] or"));
    EXPECT_TRUE(hasError(load, "injects[0].position: position (200, 13) is off the globe"));
    EXPECT_TRUE(hasError(load, "annotations[1].colour: expected \"#rrggbb\""));
    EXPECT_TRUE(hasError(load, "annotations[2].radii_nm[0]: expected a radius"));
    EXPECT_TRUE(hasError(load, "annotations[3].polygon: an area needs 3 or more points"));
    EXPECT_GE(load.errors.size(), 6u);
}

TEST(ScenarioParse, VersionIsChecked) {
    auto doc = validDocument();
    doc["seawatch_scenario"] = 2;
    EXPECT_TRUE(hasError(parse(doc), "seawatch_scenario: version 2"));
    doc.erase("seawatch_scenario");
    EXPECT_TRUE(hasError(parse(doc), "seawatch_scenario: missing"));
}

TEST(ScenarioParse, SyntaxErrorGivesLineAndColumn) {
    auto load = parseScenario("{\n  \"title\": \"x\",\n  \"window\": ,\n}");
    ASSERT_EQ(load.errors.size(), 1u);
    EXPECT_NE(load.errors[0].find("line 3"), std::string::npos) << load.errors[0];
    EXPECT_EQ(load.errors[0].rfind("JSON syntax error: parse error at line 3", 0), 0u)
        << load.errors[0];
    EXPECT_FALSE(parseScenario("[1, 2]").ok());
}

// Found by the fuzzer: a number too large for a double is nlohmann's out_of_range, not a
// parse_error, and used to end the program (std::terminate) instead of being an error.
TEST(ScenarioParse, ANumberTooLargeIsAnErrorNotACrash) {
    auto load = parseScenario("{\"seawatch_scenario\": 3333333333333333E333}");
    ASSERT_EQ(load.errors.size(), 1u);
    EXPECT_NE(load.errors[0].find("number overflow"), std::string::npos) << load.errors[0];
    EXPECT_FALSE(load.ok());
}

TEST(ScenarioParse, UnreadableFileIsNamed) {
    auto load = loadScenario("/nonexistent/exercise.json");
    ASSERT_EQ(load.errors.size(), 1u);
    EXPECT_NE(load.errors[0].find("/nonexistent/exercise.json"), std::string::npos);
}

TEST(ScenarioParse, ResolvesReferencesAgainstTheFileFolder) {
    auto load = parseScenario(validDocument().dump(), "/data/scenarios");
    ASSERT_TRUE(load.ok());
    EXPECT_EQ(load.scenario.resolve(load.scenario.zoneFiles[0]),
              std::filesystem::path("/data/zones/irtc.geojson"));
    EXPECT_EQ(load.scenario.resolve("/abs/file.tif"), std::filesystem::path("/abs/file.tif"));
}

// Times with sense: the audit's typos, each once accepted.
TEST(ScenarioParse, TimesOutsideThePlausibleYearsAreRefused) {
    auto doc = validDocument();
    doc["tracks"][1]["waypoints"][1]["time"] = "9999-12-31T23:59:59Z";
    EXPECT_TRUE(
        hasError(parse(doc), "tracks[1].waypoints[1].time: year 9999 is outside 1990-2100"));
    doc = validDocument();
    doc["tracks"][1]["waypoints"][1]["time"] = "2109-11-15T04:20:00Z";
    EXPECT_TRUE(hasError(parse(doc), "tracks[1].waypoints[1].time: year 2109 is outside"));
    doc = validDocument();
    doc["window"]["start"] = "0010-11-15T00:00:00Z";
    EXPECT_TRUE(hasError(parse(doc), "window.start: year 10 is outside 1990-2100"));
}

TEST(ScenarioParse, TinySpeedIsRefusedNotOverflowed) {
    auto doc = validDocument();
    doc["tracks"][0]["waypoints"][1]["speed_kn"] = 1e-300;
    EXPECT_TRUE(hasError(parse(doc), "tracks[0].waypoints[1].speed_kn: must be 0.1 to 60 kn"));
    doc["tracks"][0]["waypoints"][1]["speed_kn"] = 0.1;  // 60 nm at 0.1 kn: 600 h, fine
    EXPECT_TRUE(parse(doc).ok()) << allErrors(parse(doc));
}

TEST(ScenarioParse, WindowLongerThanAYearIsRefused) {
    auto doc = validDocument();
    doc["window"]["end"] = "2011-11-15T00:00:00Z";
    EXPECT_TRUE(hasError(parse(doc), "window.end: the window is longer than 366 days"));
}

TEST(ScenarioParse, DuplicateKeysAreErrors) {
    std::string text = validDocument().dump();
    // A second "title" inside the document: the parser alone would keep only the last.
    text.insert(text.size() - 1, R"(,"title":"again")");
    auto load = parseScenario(text);
    EXPECT_TRUE(hasError(load, "title: key given twice")) << allErrors(load);
}

TEST(ScenarioParse, DeepNestingIsAnErrorNotACrash) {
    const std::string text = R"({"seawatch_scenario": 1, "title": )" + std::string(100000, '[') +
                             std::string(100000, ']') + "}";
    auto load = parseScenario(text);
    EXPECT_TRUE(hasError(load, "nesting deeper than")) << allErrors(load);
}
