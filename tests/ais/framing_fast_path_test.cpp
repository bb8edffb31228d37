// parseLine's fast paths for the common "!xxVDM,…" and "$PGHP,1,…" lines against the general
// path they shortcut (parseLineReference): the same result, to the field, for well-formed
// lines, for every single-character change of them, and for every line of the shared logs.
#include <gtest/gtest.h>
#include "seawatch_test_paths.h"  // SEAWATCH_SHARED_TESTDATA

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/ais/sentence.hpp"

using namespace seawatch::ais;
namespace fs = std::filesystem;

namespace {

std::string withChecksum(std::string_view body) {
    char cs[3];
    std::snprintf(cs, sizeof cs, "%02X", nmeaChecksum(body));
    return "!" + std::string(body) + "*" + cs;
}

std::string pghp(std::string_view body) {
    char cs[3];
    std::snprintf(cs, sizeof cs, "%02X", nmeaChecksum(body));
    return "$" + std::string(body) + "*" + cs;
}

// Lines of the shapes the fast paths take, and near misses they must leave alone.
std::vector<std::string> baseLines() {
    return {
        pghp("PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B"),
        pghp("PGHP,1,2012,2,2,10,58,6,0,316,56,316999999,1AIS_S,18") + ",1328182324627",
        pghp("PGHP,1,2010,6,11,11,46,11,390"),
        pghp("PGHP,1,9999999,12,31,23,59,60,999,0,0,0,1,00"),
        pghp("PGHP,1,0002010,06,01,00,00,00,000,1"),
        pghp("PGHP,2,2010,6,11,11,46,11,390,231,45,992190934,1,2B"),
        pghp("PGHP,1,2010,6,11,11,46,11,12345678,1,2B"),
        withChecksum("AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0"),
        withChecksum("BSVDM,1,1,0,1,55?t0002:AQ3<HIK<01<5<4q5D40000000000016:0j??4VcNA?RT85BhP0000"
                     "000000000,2") +
            ",1328182324603",
        withChecksum("AIVDO,1,1,,,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0"),
        withChecksum("AIVDM,2,1,3,A,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0"),
        withChecksum("AIVDM,2,2,3,A,1@0000000000000,2"),
        withChecksum("ABVDM,1,1,,AB,13aEOK?P00PD2wVMdLDRhgvL289?,0"),
        withChecksum("AIVDM,1,1,,12,13aEOK?P00PD2wVMdLDRhgvL289?,0"),
        withChecksum("AIVDM,1,1,,B,13aEOK?P00PD2wVMdLDRhgvL289?,") + " ,d-109,S2105,t050056.00",
        withChecksum("AIVDM,1,1,,B,,0"),
        withChecksum("AIVDM,1,1,,B,X_Z[13aEOK,9"),
        withChecksum("AIVDM,1,1,,B,13aEOK?P00PD2wVMdLDRhgvL289?,x"),
        withChecksum("AIVDM,1,1,,B,13aEOK?P00PD2wVMdLDRhgvL289?,0") + "\r\n",
        withChecksum("AIVDM,1,1,,B,13aEOK?P00PD2wVMdLDRhgvL289?,0,"),
        "!AIVDM,1,1,,B,13aEOK?P00PD2wVMdLDRhgvL289?,0*00",
        "!AIVDM,1,1,,B,13aEOK?P00PD2wVMdLDRhgvL289?,0*",
        withChecksum("AIVDM,1,1,,B,13aEOK?P00PD2wVMdLDRhgvL289?13aEOK?P00PD2wVMdLDRhgvL289?13a"
                     "EOK?P00PD2wVMdLDRhgvL289?,4"),
        // The eighth comma as the last byte the fast path's 32-byte window holds, and one
        // past it; a line shorter than the window's start plus 32 (read from its last 32).
        pghp("PGHP,1,2010,012,031,023,059,060,0999,1"),
        pghp("PGHP,1,2010,012,031,023,059,060,00999,1"),
        pghp("PGHP,1,2010,6,11,11,46,11,390,1"),
        pghp("PGHP,1,2010,6,11,11,46,11,390") + ",d-109,t050056.00",
        // Fields of five digits and more, which the general path reads.
        pghp("PGHP,1,2010,6,11,11,46,11,00390,1"),
        pghp("PGHP,1,02010,6,11,11,46,11,390,1"),
        pghp("PGHP,1,2010,6,11,11,46,000011,390,1"),
    };
}

void expectSameAsReference(std::string_view line) {
    const ParsedLine fast = parseLine(line);
    const ParsedLine reference = parseLineReference(line);
    EXPECT_TRUE(fast == reference) << "line: " << line << "\nkinds " << static_cast<int>(fast.kind)
                                   << " and " << static_cast<int>(reference.kind) << ", errors '"
                                   << fast.error << "' and '" << reference.error << "'";
}

TEST(FramingFastPath, WellFormedLinesReadAsTheGeneralPathReadsThem) {
    for (const std::string& line : baseLines()) expectSameAsReference(line);
    // And they are read, not refused: the fast path's lines are real fragments.
    const auto lines = baseLines();
    EXPECT_EQ(parseLine(lines[0]).kind, LineKind::Timestamp);
    EXPECT_EQ(parseLine(lines[1]).meta.time, seawatch::time::fromCivil({2012, 2, 2, 10, 58, 6, 0}));
    EXPECT_EQ(parseLine(lines[7]).kind, LineKind::Fragment);
    EXPECT_EQ(parseLine(lines[8]).meta.time, 1328182324603LL);
    EXPECT_EQ(parseLine(lines[12]).fragment.channel, 'A');
}

TEST(FramingFastPath, EveryOneCharacterChangeReadsAsTheGeneralPathReadsIt) {
    const std::string replacements = ",*!$\\ 0156789AFfBwx\x7f\x80";
    std::size_t lines = 0;
    for (const std::string& base : baseLines()) {
        for (std::size_t at = 0; at < base.size(); ++at) {
            for (const char c : replacements) {
                std::string changed = base;
                changed[at] = c;
                expectSameAsReference(changed);
                ++lines;
            }
            std::string shorter = base;
            shorter.erase(at, 1);
            expectSameAsReference(shorter);
            expectSameAsReference(std::string_view(base).substr(0, at));
            lines += 2;
        }
    }
    EXPECT_GT(lines, 25'000u);
}

// The $PGHP fast path dates by a table of month starts for 1970-2099 and by the general
// formula outside them; the general path always by the formula.
TEST(FramingFastPath, PghpDatesAcrossYearsMonthsAndDaysReadAsTheGeneralPathReadsThem) {
    const int years[] = {1,    1969, 1970, 1971, 1972, 1973, 1999, 2000, 2001,
                         2024, 2096, 2097, 2099, 2100, 2101, 2400, 9999};
    constexpr std::array<int, 13> kDaysInMonth{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    std::size_t compared = 0;
    for (const int year : years) {
        for (int month = 1; month <= 12; ++month) {
            for (const int day : {1, 2, 27, 28, 29, 30, 31}) {
                const std::string line =
                    pghp("PGHP,1," + std::to_string(year) + "," + std::to_string(month) + "," +
                         std::to_string(day) + ",23,59,60,999,1,2B");
                expectSameAsReference(line);
                ++compared;
                const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
                const auto m = static_cast<std::size_t>(month);
                if (day > kDaysInMonth[m] + (month == 2 && leap ? 1 : 0)) continue;
                const ParsedLine parsed = parseLine(line);
                ASSERT_EQ(parsed.kind, LineKind::Timestamp) << line;
                EXPECT_EQ(parsed.meta.time,
                          seawatch::time::fromCivil({year, month, day, 23, 59, 60, 999}))
                    << line;
            }
        }
    }
    EXPECT_EQ(compared, std::size(years) * 12 * 7);
}

TEST(FramingFastPath, EveryLineOfTheSharedLogsReadsAsTheGeneralPathReadsIt) {
    const fs::path dir = fs::path(SEAWATCH_SHARED_TESTDATA) / "ais";
    if (!fs::exists(dir)) GTEST_SKIP() << "no shared AIS test data at " << dir;
    std::size_t lines = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        for (std::string line; std::getline(in, line); ++lines) expectSameAsReference(line);
    }
    EXPECT_GT(lines, 10'000u);
}

}  // namespace
