#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <string_view>

#include "seawatch/ais/decoder.hpp"
#include "seawatch/ais/sentence.hpp"

using namespace seawatch::ais;

TEST(Sentence, PlainVdmWithChecksum) {
    const auto p = parseLine("!AIVDM,1,1,,B,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*33\r\n");
    ASSERT_EQ(p.kind, LineKind::Fragment);
    EXPECT_EQ(p.fragment.talker, "AI");
    EXPECT_EQ(p.fragment.channel, 'B');
    EXPECT_EQ(p.fragment.count, 1);
    EXPECT_EQ(p.fragment.sequenceId, -1);
    EXPECT_EQ(p.fragment.payload, "15N1u<PP1FJuvSRHOE6QIwwh0HQ6");
    EXPECT_FALSE(p.fragment.own);
    EXPECT_EQ(p.meta.time, kNoTime);
}

// The word-wise checksum against the plain definition (XOR of every character), for every
// length around the word size and every position of the body in memory.
TEST(Sentence, ChecksumIsTheXorOfEveryCharacterAtAnyLengthAndAlignment) {
    std::string text;
    for (int i = 0; i < 64; ++i) text += static_cast<char>(33 + (i * 37) % 90);
    for (std::size_t offset = 0; offset < 8; ++offset) {
        for (std::size_t length = 0; offset + length <= text.size(); ++length) {
            const std::string_view body(text.data() + offset, length);
            unsigned expected = 0;
            for (const char c : body) expected ^= static_cast<unsigned char>(c);
            EXPECT_EQ(nmeaChecksum(body), expected) << "offset " << offset << " length " << length;
        }
    }
}

TEST(Sentence, BadChecksumIsReported) {
    const auto p = parseLine("!AIVDM,1,1,,B,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*34");
    EXPECT_EQ(p.kind, LineKind::BadChecksum);
}

TEST(Sentence, AnyTalkerAndVdo) {
    const auto p = parseLine("!BYVDO,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*21");
    ASSERT_EQ(p.kind, LineKind::Fragment) << p.error;
    EXPECT_EQ(p.fragment.talker, "BY");
    EXPECT_TRUE(p.fragment.own);
}

TEST(Sentence, TagBlockSourceTimeAndGroup) {
    const auto p = parseLine(
        "\\g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37\\!AIVDM,2,1,6,A,"
        "53@o0E000001Q0CG37U8u<Tp4q@D00000000000018330400000000000000,0*63");
    ASSERT_EQ(p.kind, LineKind::Fragment);
    EXPECT_EQ(p.meta.source, "rORBCOMM008");
    EXPECT_EQ(p.meta.time, 1418169601000LL);
    EXPECT_EQ(p.meta.groupId, 1604U);
    EXPECT_EQ(p.meta.groupIndex, 1);
    EXPECT_EQ(p.meta.groupSize, 2);
    EXPECT_FALSE(p.meta.tagBlockBadChecksum);
    EXPECT_EQ(p.fragment.sequenceId, 6);
}

TEST(Sentence, TagBlockWithBadChecksumIsFlaggedButSentenceKept) {
    const auto p =
        parseLine("\\s:x,c:1418169601*00\\!AIVDM,1,1,,B,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*33");
    EXPECT_EQ(p.kind, LineKind::Fragment);
    EXPECT_TRUE(p.meta.tagBlockBadChecksum);
    EXPECT_EQ(p.meta.time, kNoTime);
}

TEST(Sentence, TrailingUnixMillis) {
    const auto p = parseLine("!AIVDM,1,1,,B,15?t00002Sctd0aial1<Wb@>0@4W,0*18,1328182324635");
    ASSERT_EQ(p.kind, LineKind::Fragment);
    EXPECT_EQ(p.meta.time, 1328182324635LL);
}

TEST(Sentence, UscgMetadataKeepsTimeOfDayAndUnixSeconds) {
    const auto p = parseLine(
        "!AIVDM,1,1,,A,403Ovl@000Htt<tSF0l4Q@100`Pq,0*28,d-109,S2105,t050056.00,T56.13718694,"
        "r003669946,1325394060,1325394001");
    ASSERT_EQ(p.kind, LineKind::Fragment);
    EXPECT_EQ(p.meta.timeOfDayMs, (5 * 3600 + 0 * 60 + 56) * 1000);
    EXPECT_EQ(p.meta.time, 1325394060000LL);
}

TEST(Sentence, PrefixedLinesAreReadAndANumericPrefixIsATime) {
    const auto p = parseLine("1328133720087 !AIVDM,1,1,,B,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*33");
    ASSERT_EQ(p.kind, LineKind::Fragment);
    EXPECT_EQ(p.meta.time, 1328133720087LL);
    const auto q = parseLine("station-7: !AIVDM,1,1,,B,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*33");
    ASSERT_EQ(q.kind, LineKind::Fragment);
    EXPECT_EQ(q.meta.time, kNoTime);
}

TEST(Sentence, PghpTimestamp) {
    const auto p = parseLine("$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B");
    ASSERT_EQ(p.kind, LineKind::Timestamp);
    EXPECT_EQ(p.meta.time, seawatch::time::fromCivil({2010, 6, 11, 11, 46, 11, 390}));
}

// The $PGHP fields' edges: a line that carries no usable time is another NMEA record, not a
// timestamp, and never a wrong time.
TEST(Sentence, PghpFieldsAtTheirEdges) {
    const auto kindOf = [](const std::string& body) {
        char cs[3];
        std::snprintf(cs, sizeof cs, "%02X", nmeaChecksum(body));
        return parseLine("$" + body + "*" + cs);
    };
    // Eighteen digits are read (leading zeros), a nineteenth is refused.
    const auto zeros = kindOf("PGHP,1,000000000000002010,6,11,11,46,11,390");
    ASSERT_EQ(zeros.kind, LineKind::Timestamp);
    EXPECT_EQ(zeros.meta.time, seawatch::time::fromCivil({2010, 6, 11, 11, 46, 11, 390}));
    EXPECT_EQ(kindOf("PGHP,1,0000000000000002010,6,11,11,46,11,390").kind, LineKind::OtherNmea);
    // The eighth field may end the line; fields after it are not read.
    EXPECT_EQ(kindOf("PGHP,1,2010,6,11,11,46,11,390").kind, LineKind::Timestamp);
    EXPECT_EQ(kindOf("PGHP,1,2010,6,11,11,46,11,390,x,,y").kind, LineKind::Timestamp);
    // Too few fields, an empty one, a stray character, another record type.
    EXPECT_EQ(kindOf("PGHP,1,2010,6,11,11,46,11").kind, LineKind::OtherNmea);
    EXPECT_EQ(kindOf("PGHP,1,2010,,11,11,46,11,390").kind, LineKind::OtherNmea);
    EXPECT_EQ(kindOf("PGHP,1,2010,6,11,11,46,11,39x").kind, LineKind::OtherNmea);
    EXPECT_EQ(kindOf("PGHP,1,2010,6 ,11,11,46,11,390").kind, LineKind::OtherNmea);
    EXPECT_EQ(kindOf("PGHP,2,2010,6,11,11,46,11,390").kind, LineKind::OtherNmea);
    EXPECT_EQ(kindOf("PGHP,1,2010,13,11,11,46,11,390").kind, LineKind::OtherNmea);
}

TEST(Sentence, SkippedKinds) {
    EXPECT_EQ(parseLine("").kind, LineKind::Blank);
    EXPECT_EQ(parseLine("   \r").kind, LineKind::Blank);
    EXPECT_EQ(parseLine("# comment").kind, LineKind::Comment);
    EXPECT_EQ(
        parseLine("$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D")
            .kind,
        LineKind::OtherNmea);
    EXPECT_EQ(parseLine("foobar").kind, LineKind::Malformed);
    EXPECT_EQ(parseLine("!AIVDM,1,1,,B,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0").kind, LineKind::Malformed);
    EXPECT_EQ(parseLine("\\s:x*00").kind, LineKind::Malformed);
}

TEST(Sentence, MalformedFields) {
    // Wrong field counts and impossible fragment numbers, each with a valid checksum.
    for (const char* body :
         {"AIVDM,1,1,,B,15N1u", "AIVDM,1,2,,B,15N1u,0", "AIVDM,0,0,,B,15N1u,0",
          "AIVDM,1,1,,B,15N1u,7", "AIVDM,1,1,x,B,15N1u,0", "AIVDM,1,1,,B,15N1u,0,9",
          "AIVDM,1,1,,12,15N1u,0", "AIVDM,1,1,,B,15N1u,00"}) {
        char line[128];
        std::snprintf(line, sizeof line, "!%s*%02X", body, nmeaChecksum(body));
        EXPECT_EQ(parseLine(line).kind, LineKind::Malformed) << line;
    }
}

TEST(Decoder, TimeOfDayTakesTheDateOfTheLastFullTime) {
    AisDecoder d;
    // A $PGHP time late on 2012-01-01, then sentences carrying only a time of day.
    d.decodeLine("$PGHP,1,2012,1,1,23,59,50,0,0,0,0,1,00*" + [] {
        char cs[3];
        std::snprintf(cs, sizeof cs, "%02X", nmeaChecksum("PGHP,1,2012,1,1,23,59,50,0,0,0,0,1,00"));
        return std::string(cs);
    }());
    ASSERT_NE(d.lastTime(), kNoTime);
    const auto* m = d.decodeLine("!AIVDM,1,1,,B,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*33,t235955.00");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->meta.time, seawatch::time::fromCivil({2012, 1, 1, 23, 59, 55, 0}));
    m = d.decodeLine("!AIVDM,1,1,,B,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*33,t000005.00");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->meta.time, seawatch::time::fromCivil({2012, 1, 2, 0, 0, 5, 0}));  // next day
}

TEST(Sentence, LenientChannelAndFillFieldsAsGpsd) {
    for (const char* body : {"AIVDM,1,1,,AB,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0",
                             "AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,",
                             "AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,x"}) {
        char line[128];
        std::snprintf(line, sizeof line, "!%s*%02X", body, nmeaChecksum(body));
        const auto p = parseLine(line);
        ASSERT_EQ(p.kind, LineKind::Fragment) << line;
        EXPECT_EQ(p.fragment.channel, 'A');
        EXPECT_EQ(p.fragment.fillBits, 0);
    }
}
