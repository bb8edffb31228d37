// Times with sense and line framing: inputs that once stalled analytics or lost lines.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "seawatch/ais/decoder.hpp"
#include "seawatch/ais/line_reader.hpp"
#include "seawatch/ais/sentence.hpp"

using namespace seawatch::ais;
namespace stime = seawatch::time;

namespace {

std::string withChecksum(char lead, const std::string& body) {
    char cs[4];
    std::snprintf(cs, sizeof cs, "%02X", nmeaChecksum(body));
    return std::string(1, lead) + body + "*" + cs;
}

std::string pghp(int year) {
    return withChecksum(
        '$', "PGHP,1," + std::to_string(year) + ",6,11,11,46,11,390,231,45,992190934,1,2B");
}

const std::string kPosition = "!AIVDM,1,1,,B,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*33";

}  // namespace

TEST(DecoderTimes, PghpYearTenIsRejectedAndCounted) {
    AisDecoder d;
    d.decodeLine(pghp(2010));
    const auto good = d.lastTime();
    ASSERT_NE(good, kNoTime);
    EXPECT_EQ(d.decodeLine(pghp(10)), nullptr);
    EXPECT_EQ(d.stats().implausibleTime, 1U);
    EXPECT_EQ(d.lastTime(), good);  // the clock keeps its last good time
    const AisMessage* m = d.decodeLine(kPosition);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->meta.time, kNoTime);  // the sentence has no time of its own
    EXPECT_EQ(d.stats().accountedLines(), d.stats().lines);
}

// Found by the fuzzer: a twelve-digit year overflowed the milliseconds (undefined
// behaviour, caught by UBSan). It is an implausible time like any other.
TEST(DecoderTimes, AHugePghpYearIsAnImplausibleTimeNotAnOverflow) {
    AisDecoder d;
    const std::string huge = withChecksum('$', "PGHP,1,201088888888,6,11,11,46,27,304,265,0,,1,4B");
    EXPECT_EQ(d.decodeLine(huge), nullptr);
    EXPECT_EQ(d.decodeLine(withChecksum('$', "PGHP,1,999999999999999999,1,1,0,0,0,0,0,0,,1,4B")),
              nullptr);
    EXPECT_EQ(d.stats().implausibleTime, 2U);
    EXPECT_EQ(d.lastTime(), kNoTime);
    EXPECT_EQ(d.stats().accountedLines(), d.stats().lines);
}

TEST(DecoderTimes, TagBlockTimeOutsideTheRangeDropsTheLine) {
    AisDecoder d;
    // c: 7258118400 is 2200-01-01.
    const std::string tag = "s:x,c:7258118400";
    char cs[4];
    std::snprintf(cs, sizeof cs, "%02X", nmeaChecksum(tag));
    EXPECT_EQ(d.decodeLine("\\" + tag + "*" + cs + "\\" + kPosition), nullptr);
    EXPECT_EQ(d.stats().implausibleTime, 1U);
    EXPECT_EQ(d.stats().decoded, 0U);
    EXPECT_EQ(d.stats().accountedLines(), d.stats().lines);
    EXPECT_NE(formatStats(d.stats()).find("implausible times:     1"), std::string::npos);
}

TEST(DecoderTimes, TheRangeIsConfigurable) {
    DecoderOptions options;
    options.plausibleYears = {1, 3000};
    AisDecoder d(options);
    d.decodeLine(pghp(10));
    EXPECT_EQ(d.stats().implausibleTime, 0U);
    EXPECT_EQ(d.stats().timestamps, 1U);
}

namespace {

std::vector<std::string> readAll(std::string text, std::size_t block = 1 << 20) {
    std::FILE* f = fmemopen(text.data(), text.size(), "rb");
    std::vector<std::string> lines;
    LineReader reader(f, block);
    std::string_view line;
    while (reader.next(line)) lines.emplace_back(line);
    std::fclose(f);
    return lines;
}

}  // namespace

TEST(LineReader, CrLfAndCrrlfAndBareCrAllEndLines) {
    EXPECT_EQ(readAll("a\nb\nc"), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(readAll("a\r\nb\r\nc\r\n"), (std::vector<std::string>{"a", "b", "c"}));
    // Sentences separated by a bare CR were lost after the first.
    EXPECT_EQ(readAll("a\rb\rc\r"), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(readAll("a\r\rb\n\nc"), (std::vector<std::string>{"a", "", "b", "", "c"}));
}

TEST(LineReader, CrLfSplitAcrossBlocksIsOneLineEnd) {
    // A tiny block size makes the CR and LF land in different reads.
    for (std::size_t block : {3U, 4U, 5U, 7U}) {
        EXPECT_EQ(readAll("ab\r\ncd\r\nef", block), (std::vector<std::string>{"ab", "cd", "ef"}))
            << block;
    }
}

TEST(LineReader, OverlongLinesAreCutAndCounted) {
    std::string text = "first\n" + std::string(100, 'x') + "\nlast\n";
    std::FILE* f = fmemopen(text.data(), text.size(), "rb");
    LineReader reader(f, 16);
    std::vector<std::string> lines;
    std::string_view line;
    while (reader.next(line)) lines.emplace_back(line);
    std::fclose(f);
    ASSERT_EQ(lines.size(), 3U);
    EXPECT_EQ(lines[0], "first");
    EXPECT_EQ(lines[1], std::string(16, 'x'));  // the first block of it, for the counters
    EXPECT_EQ(lines[2], "last");
    EXPECT_EQ(reader.overlongLines(), 1U);
    EXPECT_EQ(reader.lineNumber(), 3U);
}

TEST(LineReader, EveryBareCrSentenceReachesTheDecoder) {
    const std::string text = kPosition + "\r" + kPosition + "\r" + kPosition;
    AisDecoder d;
    for (const auto& line : readAll(text)) d.decodeLine(line);
    EXPECT_EQ(d.stats().lines, 3U);
    EXPECT_EQ(d.stats().decoded, 3U);
}
