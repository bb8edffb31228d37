#include <gtest/gtest.h>

#include "seawatch/incidents/csv_reader.hpp"
#include "seawatch/incidents/import.hpp"
#include "seawatch/incidents/text_rules.hpp"

using namespace seawatch::incidents;

namespace {

double dms(double d, double m, double s) {
    return d + m / 60.0 + s / 3600.0;
}

}  // namespace

TEST(Dms, AsamTwoLinePositionWithLf) {
    auto p = parseDmsPosition(
        "27\xC2\xB0"
        "07'57.64\"N\n56\xC2\xB0"
        "12'09.81\"E");
    ASSERT_TRUE(p) << p.error();
    EXPECT_NEAR(p->lat, dms(27, 7, 57.64), 1e-9);
    EXPECT_NEAR(p->lon, dms(56, 12, 9.81), 1e-9);
}

TEST(Dms, CrLfAndTrailingSpaceAsInTheMsiApi) {
    auto p = parseDmsPosition(
        "12\xC2\xB0"
        "33'00\"N \r\n43\xC2\xB0"
        "31'00\"E");
    ASSERT_TRUE(p) << p.error();
    EXPECT_NEAR(p->lat, 12.55, 1e-9);
    EXPECT_NEAR(p->lon, dms(43, 31, 0), 1e-9);
}

TEST(Dms, SixtyMinutesCarriesIntoTheDegree) {
    auto p = parseDmsPosition(
        "5\xC2\xB0"
        "60'00\"N\n119\xC2\xB0"
        "13'00\"E");
    ASSERT_TRUE(p) << p.error();
    EXPECT_NEAR(p->lat, 6.0, 1e-9);
    auto q = parseDmsPosition(
        "1\xC2\xB0"
        "60'00\"S\n80\xC2\xB0"
        "60'00\"W");
    ASSERT_TRUE(q) << q.error();
    EXPECT_NEAR(q->lat, -2.0, 1e-9);
    EXPECT_NEAR(q->lon, -81.0, 1e-9);
}

TEST(Dms, ZeroPaddedSecondsAndSouthWestSigns) {
    auto p = parseDmsPosition(
        "23\xC2\xB0"
        "02'010\"S\n70\xC2\xB0"
        "13'30\"W");
    ASSERT_TRUE(p) << p.error();
    EXPECT_NEAR(p->lat, -dms(23, 2, 10), 1e-9);
    EXPECT_NEAR(p->lon, -dms(70, 13, 30), 1e-9);
}

TEST(Dms, DecimalMinutesOrdinalSignAndCommaSeparator) {
    auto p = parseDmsPosition(
        "12\xC2\xBA"
        "30.5'N, 45\xC2\xB0"
        "15.25'E");
    ASSERT_TRUE(p) << p.error();
    EXPECT_NEAR(p->lat, 12.0 + 30.5 / 60.0, 1e-9);
    EXPECT_NEAR(p->lon, 45.0 + 15.25 / 60.0, 1e-9);
}

TEST(Dms, RejectsWhatIsNotAPosition) {
    EXPECT_FALSE(parseDmsPosition(""));
    EXPECT_FALSE(
        parseDmsPosition("12\xC2\xB0"
                         "30'00\"\n45\xC2\xB0"
                         "00'00\"E"));  // no N/S
    EXPECT_FALSE(
        parseDmsPosition("12\xC2\xB0"
                         "30'00\"N"));  // no lon
    EXPECT_FALSE(
        parseDmsPosition("12\xC2\xB0"
                         "61'00\"N\n45\xC2\xB0"
                         "00'00\"E"));
    EXPECT_FALSE(
        parseDmsPosition("12\xC2\xB0"
                         "30'75\"N\n45\xC2\xB0"
                         "00'00\"E"));
    EXPECT_FALSE(
        parseDmsPosition("95\xC2\xB0"
                         "00'00\"N\n45\xC2\xB0"
                         "00'00\"E"));
    EXPECT_FALSE(
        parseDmsPosition("12\xC2\xB0"
                         "00'00\"N\n185\xC2\xB0"
                         "00'00\"E"));
    EXPECT_FALSE(
        parseDmsPosition("12\xC2\xB0"
                         "00'00\"N\n45\xC2\xB0"
                         "00'00\"N"));
    EXPECT_FALSE(
        parseDmsPosition("12x00'00\"N\n45\xC2\xB0"
                         "00'00\"E"));
    EXPECT_FALSE(
        parseDmsCoordinate("12.5\xC2\xB0"
                           "30'N",
                           true));  // fraction then minutes
}

TEST(Category, HostilityWordsMapByTheDocumentedRules) {
    EXPECT_EQ(categoryFromReport("SUSPICIOUS APPROACH", ""), Category::SuspiciousApproach);
    EXPECT_EQ(categoryFromReport("Suspicous Approach", ""), Category::SuspiciousApproach);
    EXPECT_EQ(categoryFromReport("SUSPICIOPUS APPROACH", ""), Category::SuspiciousApproach);
    EXPECT_EQ(categoryFromReport("Robbers", "boarded and stole stores"), Category::Robbery);
    EXPECT_EQ(categoryFromReport("Armed robebrs", ""), Category::Robbery);
    EXPECT_EQ(categoryFromReport("THIEVES", ""), Category::Robbery);
    EXPECT_EQ(categoryFromReport("Attempted boarding", ""), Category::Attempted);
    EXPECT_EQ(categoryFromReport("Boarding", ""), Category::Boarded);
    EXPECT_EQ(categoryFromReport("Shots fired at vessel", ""), Category::FiredUpon);
    EXPECT_EQ(categoryFromReport("Two fishermen kidnapped", ""), Category::Kidnapping);
    EXPECT_EQ(categoryFromReport("Vessels seized by Houthi militia", ""), Category::Detention);
    EXPECT_EQ(categoryFromReport("detained by the Iranian Revolutionary Guard Corps", ""),
              Category::Detention);
    EXPECT_EQ(categoryFromReport("Two drone explosions", ""), Category::Attack);
    EXPECT_EQ(categoryFromReport("Military activity", "crew evacuated"), Category::Unclassified);
}

TEST(Category, ActorOnlyHostilityFallsBackToTheNarrative) {
    EXPECT_EQ(categoryFromReport("PIRATES", "THE SHIP WAS HIJACKED AND TAKEN TO EYL"),
              Category::Hijacked);
    EXPECT_EQ(categoryFromReport("PIRATES", "Pirates boarded the tanker and stole cash"),
              Category::Robbery);
    EXPECT_EQ(categoryFromReport("Pirates", "Pirates boarded the yacht, crew escaped"),
              Category::Boarded);
    EXPECT_EQ(categoryFromReport("PIRATES", "two skiffs fired upon the vessel with RPG"),
              Category::FiredUpon);
    EXPECT_EQ(categoryFromReport("", "skiff attempted to board; guards fired warning shots"),
              Category::Attempted);
    EXPECT_EQ(categoryFromReport("PIRATES", "a pirate action group was disrupted by a warship"),
              Category::Disruption);
    EXPECT_EQ(categoryFromReport("SMALL CRAFT", "a skiff approached the vessel at speed"),
              Category::Approach);
    EXPECT_EQ(categoryFromReport("UNKNOWN", "nothing more is known"), Category::Unclassified);
}

TEST(Category, ImbAttackTypes) {
    EXPECT_EQ(categoryFromImbAttackType("Hijacked", ""), Category::Hijacked);
    EXPECT_EQ(categoryFromImbAttackType("Boarded", ""), Category::Boarded);
    EXPECT_EQ(categoryFromImbAttackType("Fired Upon", ""), Category::FiredUpon);
    EXPECT_EQ(categoryFromImbAttackType("Attempted", ""), Category::Attempted);
    EXPECT_EQ(categoryFromImbAttackType("", "robbers stole paint"), Category::Robbery);
}

TEST(Category, TaxonomyNamesRoundTripAndColoursAreStable) {
    for (const CategoryInfo& info : categoryTaxonomy()) {
        EXPECT_EQ(parseCategory(info.name), info.category);
        EXPECT_EQ(parseCategory(info.label), info.category);
        EXPECT_FALSE(info.description.empty());
    }
    EXPECT_EQ(parseCategory("Fired-Upon"), Category::FiredUpon);
    EXPECT_EQ(categoryColourIndex(Category::Unclassified), 0);
    EXPECT_EQ(categoryColourIndex(Category::Detention), 11);
    EXPECT_FALSE(parseCategory("piracy"));
}

TEST(Vessel, TypeNameFlagAndStatusFromFreeText) {
    EXPECT_EQ(vesselTypeFromVictim("Malta-flagged bulk carrier TZAREVNA"), "bulk carrier");
    EXPECT_EQ(vesselNameFromVictim("Malta-flagged bulk carrier TZAREVNA"), "TZAREVNA");
    EXPECT_EQ(flagFromText("Malta-flagged bulk carrier TZAREVNA"), "Malta");
    EXPECT_EQ(flagFromText("Marshall Islands-flagged oil tanker NISSOS KEA"), "Marshall Islands");
    EXPECT_EQ(flagFromText("Two Greece-flagged tankers"), "Greece");
    EXPECT_EQ(vesselNameFromVictim("Marshall Islands-flagged oil tanker NISSOS KEA"), "NISSOS KEA");
    EXPECT_EQ(vesselTypeFromVictim("Marshall Islands-flagged oil tanker NISSOS KEA"),
              "crude oil tanker");
    EXPECT_EQ(vesselTypeFromVictim("CHEMICAL TANKER"), "chemical tanker");
    EXPECT_EQ(vesselTypeFromVictim("sailing yacht"), "yacht");
    EXPECT_EQ(vesselTypeFromVictim("MERCHANT VESSEL"), "merchant vessel");
    EXPECT_EQ(vesselTypeFromVictim("ASTRO PERSEUS"), "");
    EXPECT_EQ(vesselNameFromVictim("ASTRO PERSEUS"), "ASTRO PERSEUS");
    EXPECT_EQ(vesselNameFromVictim("MERCHANT VESSEL"), "");
    EXPECT_EQ(vesselNameFromVictim("Two Greece-flagged tankers"), "");
    EXPECT_EQ(vesselStatusFromText("boarded while berthed at the port"), VesselStatus::Berthed);
    EXPECT_EQ(vesselStatusFromText("tanker at anchor off Lagos"), VesselStatus::Anchored);
    EXPECT_EQ(vesselStatusFromText("a bulk carrier underway"), VesselStatus::Steaming);
    EXPECT_EQ(vesselStatusFromText("no detail"), VesselStatus::Unknown);
}

TEST(CsvReader, QuotedMultiLineFieldsDoubledQuotesAndLineNumbers) {
    const std::string text =
        "a,b,c,\r\n"
        "1,\"27\xC2\xB0"
        "07'57.64\"\"N\n56\xC2\xB0"
        "12'09.81\"\"E\",x,\r\n"
        "\r\n"
        "2,\"say \"\"hi\"\", ok\",y,\r\n"
        "3,last,z";
    CsvReader reader(text);
    std::vector<std::string> f;
    ASSERT_TRUE(reader.next(f));
    EXPECT_EQ(f.size(), 4u);
    EXPECT_EQ(f[3], "");
    ASSERT_TRUE(reader.next(f));
    EXPECT_EQ(reader.recordLine(), 2u);
    EXPECT_EQ(f[1],
              "27\xC2\xB0"
              "07'57.64\"N\n56\xC2\xB0"
              "12'09.81\"E");
    ASSERT_TRUE(reader.next(f));
    EXPECT_EQ(reader.recordLine(), 5u);
    EXPECT_EQ(f[1], "say \"hi\", ok");
    ASSERT_TRUE(reader.next(f));
    EXPECT_EQ(reader.recordLine(), 6u);
    EXPECT_EQ(f.size(), 3u);
    EXPECT_EQ(f[2], "z");
    EXPECT_FALSE(reader.next(f));
    EXPECT_TRUE(reader.error().empty());
}

TEST(CsvReader, UnterminatedQuoteIsAnError) {
    CsvReader reader(std::string_view("a,b\n1,\"never closed\n2,3\n"));
    std::vector<std::string> f;
    ASSERT_TRUE(reader.next(f));
    EXPECT_FALSE(reader.next(f));
    EXPECT_NE(reader.error().find("line 2"), std::string::npos);
}

TEST(Json, TrailingCommasAreStrippedOutsideStrings) {
    EXPECT_EQ(stripTrailingCommas("{\"a\":[1,2,],}"), "{\"a\":[1,2]}");
    EXPECT_EQ(stripTrailingCommas("{\"a\":\"x,]\" ,\n }"), "{\"a\":\"x,]\" \n }");
    EXPECT_EQ(stripTrailingCommas("[\"q\\\",]\",]"), "[\"q\\\",]\"]");
}

TEST(Fts, UserWordsBecomeQuotedPrefixTerms) {
    EXPECT_EQ(ftsQueryFromWords("  Maersk  Alabama "), "\"Maersk\"* \"Alabama\"*");
    EXPECT_EQ(ftsQueryFromWords("say \"x"), "\"say\"* \"\"\"x\"*");
    EXPECT_EQ(ftsQueryFromWords(""), "");
}
