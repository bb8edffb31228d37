// BSB/KAP nautical charts, the commonest raster chart format. GDAL reads but cannot write
// them, so the test writes a small one itself (header, run-length rows, row index).
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "chart_test_support.hpp"

using namespace seawatch;
using namespace seawatch::charts;
using namespace seawatch::charts::testing;

namespace {

constexpr int kWidth = 200;
constexpr int kHeight = 100;

void appendBigEndian32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

// A 200 x 100 chart of 44E-45E, 12.5N-13N in a Mercator projection: west half palette
// colour 1 (buff), east half colour 2 (blue). `refs` are the REF/ ground control points.
void writeKap(const std::string& path, const std::string& refs) {
    const std::string header =
        "VER/3.0\r\n"
        "CRR/Test chart written by the seawatch tests\r\n"
        "BSB/NA=SEAWATCH TEST,NU=1,RA=200,100,DU=254\r\n"
        "KNP/SC=50000,GD=WGS84,PR=MERCATOR,PP=12.5,PI=UNKNOWN,SP=,SK=0.0,TA=90.0,UN=METRES,"
        "SD=UNKNOWN,DX=,DY=\r\n"
        "RGB/1,200,180,120\r\n"
        "RGB/2,120,170,220\r\n" +
        refs;
    std::vector<std::uint8_t> kap(header.begin(), header.end());
    kap.push_back(0x1a);  // end of the text header
    kap.push_back(0x00);
    constexpr int kBitsPerColour = 2;
    kap.push_back(kBitsPerColour);
    std::vector<std::uint32_t> rowOffsets;
    for (int row = 0; row < kHeight; ++row) {
        rowOffsets.push_back(static_cast<std::uint32_t>(kap.size()));
        kap.push_back(static_cast<std::uint8_t>(row + 1));  // 1-based row number (< 128)
        // Runs of at most 32 pixels: colour in the top bits, length - 1 in the low five.
        for (int x = 0; x < kWidth;) {
            const int colour = x < kWidth / 2 ? 1 : 2;
            const int end = x < kWidth / 2 ? kWidth / 2 : kWidth;
            const int run = std::min(32, end - x);
            kap.push_back(static_cast<std::uint8_t>((colour << (7 - kBitsPerColour)) | (run - 1)));
            x += run;
        }
        kap.push_back(0x00);
    }
    const auto indexOffset = static_cast<std::uint32_t>(kap.size());
    for (std::uint32_t offset : rowOffsets) appendBigEndian32(kap, offset);
    appendBigEndian32(kap, indexOffset);
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(kap.data()), static_cast<std::streamsize>(kap.size()));
}

const std::string kCornerRefs =
    "REF/1,0,0,13.0,44.0\r\n"
    "REF/2,200,0,13.0,45.0\r\n"
    "REF/3,200,100,12.5,45.0\r\n"
    "REF/4,0,100,12.5,44.0\r\n";

void expectInPlaceWithColours(RasterChart& chart) {
    const geo::MercatorBox expected = geo::toMercatorBox({44.0, 12.5, 45.0, 13.0});
    const geo::MercatorBox b = chart.bounds();
    // One chart pixel is about 560 m; the warper may add one at the edges.
    EXPECT_NEAR(b.minX, expected.minX, 1200);
    EXPECT_NEAR(b.maxX, expected.maxX, 1200);
    EXPECT_NEAR(b.minY, expected.minY, 1200);
    EXPECT_NEAR(b.maxY, expected.maxY, 1200);
    auto image = chart.read(geo::toMercatorBox({43.9, 12.6, 45.1, 12.9}), 120, 30);
    ASSERT_TRUE(image.ok()) << image.error();
    auto at = [&](int x, int y) {
        return &image->pixels[(static_cast<std::size_t>(y) * 120 + x) * 4];
    };
    EXPECT_EQ(at(5, 15)[3], 0);             // 43.95E: west of the chart
    const std::uint8_t* buff = at(30, 15);  // 44.2E
    EXPECT_EQ(buff[0], 200);
    EXPECT_EQ(buff[1], 180);
    EXPECT_EQ(buff[2], 120);
    EXPECT_EQ(buff[3], 255);
    const std::uint8_t* blue = at(90, 15);  // 44.8E
    EXPECT_EQ(blue[0], 120);
    EXPECT_EQ(blue[1], 170);
    EXPECT_EQ(blue[2], 220);
    EXPECT_EQ(blue[3], 255);
}

}  // namespace

TEST(BsbChart, KapIsReadInPlaceWithItsPalette) {
    TempDir dir;
    const std::string path = dir.file("test.kap");
    writeKap(path, kCornerRefs);
    auto probe = probeChart(path);
    ASSERT_TRUE(probe.ok()) << probe.error();
    EXPECT_EQ(*probe, ChartType::Raster);
    auto chart = RasterChart::open(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    EXPECT_NE((*chart)->description().find("BSB"), std::string::npos) << (*chart)->description();
    EXPECT_NE((*chart)->description().find("paletted"), std::string::npos);
    expectInPlaceWithColours(**chart);
}

TEST(BsbChart, KapReferencedOnlyByInexactControlPointsIsWarped) {
    TempDir dir;
    const std::string path = dir.file("gcp-only.kap");
    // A fifth point three pixels off the affine fit: GDAL then keeps the points
    // as GCPs instead of deriving a geotransform, as with real surveyed charts.
    writeKap(path, kCornerRefs + "REF/5,100,50,12.765,44.515\r\n");
    auto chart = RasterChart::open(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    EXPECT_NE((*chart)->description().find("ground control points"), std::string::npos)
        << (*chart)->description();
    expectInPlaceWithColours(**chart);
}
