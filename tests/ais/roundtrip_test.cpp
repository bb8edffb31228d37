// Encoder -> decoder round trips for every supported type, built field by field with the
// bit writer, including multi-part messages and fill bits.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "seawatch/ais/decoder.hpp"
#include "seawatch/ais/encoder.hpp"

using namespace seawatch::ais;

namespace {

// Decodes sentences in order; returns the last message decoded (copied).
std::optional<AisMessage> decodeAll(AisDecoder& d, const std::vector<std::string>& sentences) {
    std::optional<AisMessage> last;
    for (const auto& s : sentences)
        if (const AisMessage* m = d.decodeLine(s)) last = *m;
    return last;
}

std::optional<AisMessage> roundTrip(const BitWriter& w, std::size_t maxChars = 60) {
    AisDecoder d;
    return decodeAll(d, encodeSentences(w, 'B', 3, maxChars));
}

void header(BitWriter& w, unsigned type, unsigned repeat, Mmsi mmsi) {
    w.put(type, 6);
    w.put(repeat, 2);
    w.put(mmsi, 30);
}

}  // namespace

TEST(RoundTrip, ClassAPositionTypes1To3) {
    for (unsigned type : {1U, 2U, 3U}) {
        BitWriter w;
        header(w, type, 1, 477553000);
        w.put(5, 4);          // moored
        w.putSigned(-20, 8);  // turn
        w.put(123, 10);       // 12.3 kn
        w.putBool(true);
        w.putSigned(encodeLon(45.123456), 28);
        w.putSigned(encodeLat(-12.5), 27);
        w.put(2715, 12);
        w.put(270, 9);
        w.put(33, 6);
        w.put(1, 2);
        w.put(0, 3);
        w.putBool(true);
        w.put(0x12345, 19);
        ASSERT_EQ(w.size(), 168U);
        const auto m = roundTrip(w);
        ASSERT_TRUE(m) << type;
        EXPECT_EQ(m->type, type);
        EXPECT_EQ(m->repeat, 1);
        EXPECT_EQ(m->mmsi, 477553000U);
        EXPECT_EQ(m->status, 5U);
        EXPECT_EQ(m->turn, -20);
        EXPECT_EQ(m->speed, 123U);
        EXPECT_TRUE(m->accuracy);
        EXPECT_NEAR(longitudeDeg(*m), 45.123456, 1e-6);
        EXPECT_NEAR(latitudeDeg(*m), -12.5, 1e-6);
        EXPECT_EQ(m->course, 2715U);
        EXPECT_EQ(m->heading, 270U);
        EXPECT_EQ(m->second, 33U);
        EXPECT_EQ(m->maneuver, 1U);
        EXPECT_TRUE(m->raim);
        EXPECT_EQ(m->radio, 0x12345U);
    }
}

TEST(RoundTrip, NotAvailableValuesAreUnknownNotData) {
    PositionFix in;
    in.mmsi = 123456789;
    in.lat = std::nan("");
    in.lon = std::nan("");
    const auto s = encodePositionReport(in);
    AisDecoder d;
    const auto m = decodeAll(d, s);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->lat, kLatNotAvailable);
    EXPECT_EQ(m->lon, kLonNotAvailable);
    EXPECT_EQ(m->speed, kSpeedNotAvailable);
    EXPECT_EQ(m->course, kCourseNotAvailable);
    EXPECT_EQ(m->heading, kHeadingNotAvailable);
    EXPECT_EQ(m->turn, kTurnNotAvailable);
    EXPECT_FALSE(hasPosition(*m));
    EXPECT_FALSE(toPositionFix(*m, 0).has_value());
}

TEST(RoundTrip, PositionFixThroughEncoder) {
    PositionFix in;
    in.mmsi = 636091044;
    in.time = 1700000006000;  // second 26 of its minute
    in.lat = 12.345678;
    in.lon = 44.987654;
    in.speedKn = 14.2F;
    in.courseDeg = 87.3F;
    in.headingDeg = 88;
    in.turnDegPerMin = 16;
    in.navStatus = 0;
    for (bool classB : {false, true}) {
        AisDecoder d;
        const auto m = decodeAll(d, encodePositionReport(in, classB));
        ASSERT_TRUE(m);
        EXPECT_EQ(m->type, classB ? 18 : 1);
        const auto out = toPositionFix(*m, in.time);
        ASSERT_TRUE(out);
        EXPECT_NEAR(out->lat, in.lat, 1e-6);
        EXPECT_NEAR(out->lon, in.lon, 1e-6);
        EXPECT_FLOAT_EQ(out->speedKn, in.speedKn);
        EXPECT_FLOAT_EQ(out->courseDeg, in.courseDeg);
        EXPECT_FLOAT_EQ(out->headingDeg, in.headingDeg);
        EXPECT_EQ(m->second, 26U);
        if (!classB) {
            EXPECT_NEAR(out->turnDegPerMin, 16.0F, 1.0F);
        }
    }
}

TEST(RoundTrip, BaseStationType4And11) {
    for (unsigned type : {4U, 11U}) {
        BitWriter w;
        header(w, type, 0, 3669713);
        w.put(2024, 14);
        w.put(3, 4);
        w.put(17, 5);
        w.put(13, 5);
        w.put(45, 6);
        w.put(9, 6);
        w.putBool(true);
        w.putSigned(encodeLon(43.1), 28);
        w.putSigned(encodeLat(11.6), 27);
        w.put(7, 4);
        w.put(0, 10);
        w.putBool(false);
        w.put(2105, 19);
        const auto m = roundTrip(w);
        ASSERT_TRUE(m);
        EXPECT_EQ(m->type, type);
        EXPECT_EQ(m->year, 2024U);
        EXPECT_EQ(m->month, 3U);
        EXPECT_EQ(m->day, 17U);
        EXPECT_EQ(m->hour, 13U);
        EXPECT_EQ(m->minute, 45U);
        EXPECT_EQ(m->second, 9U);
        EXPECT_EQ(m->epfd, 7U);
        EXPECT_NEAR(latitudeDeg(*m), 11.6, 1e-6);
        EXPECT_EQ(m->radio, 2105U);
    }
}

TEST(RoundTrip, StaticVoyageType5IsMultiPartWithFillBits) {
    VesselStatic v;
    v.mmsi = 249190000;
    v.name = "Ruth Theresa";
    v.callsign = "9HMQ9";
    v.imo = 9383663;
    v.shipType = 80;
    v.toBow = 78;
    v.toStern = 23;
    v.toPort = 1;
    v.toStarboard = 17;
    v.draughtM = 7.8F;
    v.destination = "DJIBOUTI";
    const auto sentences = encodeStaticData(v, 'A', 4);
    ASSERT_EQ(sentences.size(), 2U);
    EXPECT_NE(sentences[0].find("!AIVDM,2,1,4,A,"), std::string::npos);
    EXPECT_NE(sentences[1].find(",2*"), std::string::npos);  // 424 bits -> 2 fill bits
    AisDecoder d;
    const auto m = decodeAll(d, sentences);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->type, 5);
    EXPECT_EQ(m->bitLength, 424U);
    EXPECT_STREQ(m->shipname, "RUTH THERESA");
    EXPECT_STREQ(m->callsign, "9HMQ9");
    EXPECT_STREQ(m->destination, "DJIBOUTI");
    EXPECT_EQ(m->imo, 9383663U);
    EXPECT_EQ(m->draught, 78U);
    const auto st = toVesselStatic(*m);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->lengthM(), 101);
    EXPECT_EQ(st->beamM(), 18);
    EXPECT_EQ(d.stats().fragmentsBuffered, 1U);
    EXPECT_EQ(d.stats().accountedLines(), d.stats().lines);
}

TEST(RoundTrip, SarAircraftType9) {
    BitWriter w;
    header(w, 9, 0, 111232511);
    w.put(300, 12);
    w.put(140, 10);
    w.putBool(false);
    w.putSigned(encodeLon(50.5), 28);
    w.putSigned(encodeLat(13.25), 27);
    w.put(900, 12);
    w.put(12, 6);
    w.put(0, 8);
    w.put(1, 1);
    w.put(0, 3);
    w.putBool(true);
    w.putBool(false);
    w.put(77, 20);
    const auto m = roundTrip(w);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->altitude, 300U);
    EXPECT_EQ(m->speed, 140U);
    EXPECT_EQ(m->course, 900U);
    EXPECT_TRUE(m->assigned);
    EXPECT_EQ(m->radio, 77U);
    const auto fix = toPositionFix(*m, 0);
    ASSERT_TRUE(fix);
    EXPECT_FLOAT_EQ(fix->speedKn, 140.0F);
}

TEST(RoundTrip, ExtendedClassBType19) {
    BitWriter w;
    header(w, 19, 0, 367000001);
    w.put(0, 8);
    w.put(55, 10);
    w.putBool(true);
    w.putSigned(encodeLon(-70.5), 28);
    w.putSigned(encodeLat(42.25), 27);
    w.put(1800, 12);
    w.put(181, 9);
    w.put(40, 6);
    w.put(0, 4);
    w.putText("SEA \"QUOTE\" \\", 20);
    w.put(37, 8);
    w.put(10, 9);
    w.put(5, 9);
    w.put(2, 6);
    w.put(3, 6);
    w.put(1, 4);
    w.putBool(false);
    w.put(1, 1);
    w.putBool(false);
    w.put(0, 4);
    ASSERT_EQ(w.size(), 312U);
    const auto m = roundTrip(w);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->type, 19);
    EXPECT_STREQ(m->shipname, "SEA \"QUOTE\" \\");
    EXPECT_EQ(m->shiptype, 37U);
    EXPECT_EQ(m->toBow, 10U);
    EXPECT_EQ(m->heading, 181U);
}

TEST(RoundTrip, AidToNavigationType21WithNameExtension) {
    BitWriter w;
    header(w, 21, 0, 993672085);
    w.put(9, 5);
    w.putText("GULF OF ADEN TSS EAS", 20);
    w.putBool(true);
    w.putSigned(encodeLon(43.3), 28);
    w.putSigned(encodeLat(12.6), 27);
    w.put(5, 9);
    w.put(5, 9);
    w.put(3, 6);
    w.put(3, 6);
    w.put(7, 4);
    w.put(61, 6);
    w.putBool(true);
    w.put(0, 8);
    w.putBool(false);
    w.putBool(true);
    w.putBool(false);
    w.put(0, 1);
    w.putText("T BUOY 1", 8);  // 48-bit extension
    const auto m = roundTrip(w);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->aidType, 9U);
    EXPECT_STREQ(m->name, "GULF OF ADEN TSS EAST BUOY 1");
    EXPECT_TRUE(m->offPosition);
    EXPECT_TRUE(m->virtualAid);
    EXPECT_EQ(m->second, 61U);
}

TEST(RoundTrip, ClassBStaticType24PartsMergePerMmsi) {
    VesselStatic v;
    v.mmsi = 338123456;
    v.classB = true;
    v.name = "SKIFF ONE";
    v.callsign = "WDA1234";
    v.shipType = 37;
    v.toBow = 6;
    v.toStern = 2;
    v.toPort = 1;
    v.toStarboard = 1;
    const auto s = encodeStaticData(v);
    ASSERT_EQ(s.size(), 2U);
    AisDecoder d;
    const AisMessage* a = d.decodeLine(s[0]);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->part, Type24Part::A);
    EXPECT_STREQ(a->shipname, "SKIFF ONE");
    // An unrelated vessel's part B in between must not pick up this name.
    VesselStatic other = v;
    other.mmsi = 338000001;
    other.name = "OTHER";
    const AisMessage* b0 = d.decodeLine(encodeStaticData(other)[1]);
    ASSERT_TRUE(b0);
    EXPECT_EQ(b0->part, Type24Part::B);
    const AisMessage* b = d.decodeLine(s[1]);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->part, Type24Part::Both);
    EXPECT_STREQ(b->shipname, "SKIFF ONE");
    EXPECT_STREQ(b->callsign, "WDA1234");
    EXPECT_EQ(b->shiptype, 37U);
    EXPECT_EQ(b->toBow, 6U);
    EXPECT_EQ(d.stats().type24Merged, 1U);
    // A repeated part B does not merge twice.
    const AisMessage* again = d.decodeLine(s[1]);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->part, Type24Part::B);
}

TEST(RoundTrip, LongRangeType27) {
    BitWriter w;
    header(w, 27, 3, 538001234);
    w.putBool(true);
    w.putBool(false);
    w.put(7, 4);
    w.putSigned(static_cast<std::int64_t>(std::lround(60.25 * 600)), 18);
    w.putSigned(static_cast<std::int64_t>(std::lround(-5.5 * 600)), 17);
    w.put(12, 6);
    w.put(200, 9);
    w.putBool(false);
    w.put(0, 1);
    ASSERT_EQ(w.size(), 96U);
    const auto m = roundTrip(w);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->type, 27);
    EXPECT_DOUBLE_EQ(longitudeDeg(*m), 60.25);
    EXPECT_DOUBLE_EQ(latitudeDeg(*m), -5.5);
    EXPECT_EQ(m->speed, 12U);
    EXPECT_EQ(m->course, 200U);
    EXPECT_EQ(m->status, 7U);
}

TEST(RoundTrip, ShortPayloadIsBadLengthNotGarbage) {
    BitWriter w;
    header(w, 1, 0, 1);
    w.put(0, 60);
    AisDecoder d;
    for (const auto& s : encodeSentences(w)) EXPECT_EQ(d.decodeLine(s), nullptr);
    EXPECT_EQ(d.stats().badLength, 1U);
}

TEST(RoundTrip, UnsupportedTypesAreCountedByType) {
    BitWriter w;
    header(w, 30, 0, 1);  // types 1-27 are all decoded; 28-63 are not defined
    w.put(0, 100);
    AisDecoder d;
    for (const auto& s : encodeSentences(w)) EXPECT_EQ(d.decodeLine(s), nullptr);
    EXPECT_EQ(d.stats().unsupported, 1U);
    EXPECT_EQ(d.stats().byType[30], 1U);
}

TEST(Reassembly, OutOfOrderAndMissingFragmentsAreDropped) {
    VesselStatic v;
    v.mmsi = 1;
    v.name = "A";
    const auto parts = encodeStaticData(v, 'A', 1);
    ASSERT_EQ(parts.size(), 2U);
    AisDecoder d;
    EXPECT_EQ(d.decodeLine(parts[1]), nullptr);  // second without first
    EXPECT_EQ(d.decodeLine(parts[0]), nullptr);
    EXPECT_EQ(d.decodeLine(parts[0]), nullptr);  // first again: previous group dropped
    EXPECT_NE(d.decodeLine(parts[1]), nullptr);
    EXPECT_EQ(d.stats().groupsOutOfOrder, 2U);
    EXPECT_EQ(d.stats().groupsIncomplete, 2U);
    EXPECT_EQ(d.stats().decoded, 1U);
    EXPECT_EQ(d.stats().accountedLines(), d.stats().lines);
}

TEST(Reassembly, InterleavedGroupsOnDifferentChannelsAndSources) {
    VesselStatic a;
    a.mmsi = 11;
    a.name = "ALPHA";
    VesselStatic b;
    b.mmsi = 22;
    b.name = "BRAVO";
    const auto pa = encodeStaticData(a, 'A', 1);
    const auto pb = encodeStaticData(b, 'B', 1);
    AisDecoder d;
    EXPECT_EQ(d.decodeLine(pa[0]), nullptr);
    EXPECT_EQ(d.decodeLine(pb[0]), nullptr);
    const AisMessage* ma = d.decodeLine(pa[1]);
    ASSERT_TRUE(ma);
    EXPECT_STREQ(ma->shipname, "ALPHA");
    const AisMessage* mb = d.decodeLine(pb[1]);
    ASSERT_TRUE(mb);
    EXPECT_STREQ(mb->shipname, "BRAVO");
    // Same channel and sequence id, different tag-block sources: still two groups.
    AisDecoder d2;
    EXPECT_EQ(d2.decodeLine("\\s:r1*" + std::string("00") + "\\" + pa[0]), nullptr);
    EXPECT_EQ(d2.stats().badTagBlock, 1U);
}

TEST(Reassembly, StaleGroupsTimeOut) {
    VesselStatic v;
    v.mmsi = 5;
    const auto parts = encodeStaticData(v, 'A', 2);
    const auto filler = encodePositionReport(PositionFix{7, 0, 1.0, 1.0});
    AisDecoder d;
    d.decodeLine(parts[0]);
    for (std::uint64_t i = 0; i < AisDecoder::kStaleAfterSentences + 40; ++i)
        d.decodeLine(filler[0]);
    EXPECT_EQ(d.decodeLine(parts[1]), nullptr);
    EXPECT_EQ(d.stats().groupsStale, 1U);
    EXPECT_EQ(d.stats().accountedLines(), d.stats().lines);
}

TEST(Reassembly, GroupsLeftAtEndOfInputAreIncomplete) {
    VesselStatic v;
    v.mmsi = 5;
    const auto parts = encodeStaticData(v, 'A', 2);
    AisDecoder d;
    d.decodeLine(parts[0]);
    EXPECT_EQ(d.stats().groupsIncomplete, 0U);
    d.endOfInput();
    EXPECT_EQ(d.stats().groupsIncomplete, 1U);
    EXPECT_EQ(d.stats().fragmentsDropped, 1U);
    EXPECT_EQ(d.stats().accountedLines(), d.stats().lines);
}

TEST(TagBlock, EncoderPrefixIsReadBack) {
    PositionFix in;
    in.mmsi = 1;
    in.lat = 1;
    in.lon = 2;
    const std::string line = withTagBlock(encodePositionReport(in)[0], 1239175800000, "seawatch");
    EXPECT_EQ(line.rfind("\\s:seawatch,c:1239175800*", 0), 0U);
    AisDecoder d;
    const AisMessage* m = d.decodeLine(line);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->meta.time, 1239175800000);
    EXPECT_EQ(m->meta.source, "seawatch");
    EXPECT_EQ(d.stats().badTagBlock, 0U);
}

TEST(Bits, InvalidPayloadCharacterIsMalformed) {
    AisDecoder d;
    const std::string body = "AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ~,0";
    char line[96];
    std::snprintf(line, sizeof line, "!%s*%02X", body.c_str(), nmeaChecksum(body));
    EXPECT_EQ(d.decodeLine(line), nullptr);
    EXPECT_EQ(d.stats().malformed, 1U);
}
