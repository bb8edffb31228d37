// PNG output is written with libpng directly (fast settings); what comes back through GDAL
// must be the same pixels, alpha included.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include "chart_test_support.hpp"
#include "seawatch/charts/image_writer.hpp"

using namespace seawatch;
using namespace seawatch::charts;

namespace {

// Writes `image` and reads it back through GDAL's own PNG reader.
void expectRoundTrip(const RgbaImage& image) {
    charts::testing::TempDir dir;
    const std::string path = dir.file("t.png");
    ASSERT_TRUE(writeImage(path, image, {}).ok());
    initGdal();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER));
    ASSERT_TRUE(ds);
    ASSERT_EQ(ds->GetRasterXSize(), image.width);
    ASSERT_EQ(ds->GetRasterYSize(), image.height);
    ASSERT_EQ(ds->GetRasterCount(), 4);
    std::vector<std::uint8_t> back(image.pixels.size());
    ASSERT_EQ(ds->RasterIO(GF_Read, 0, 0, image.width, image.height, back.data(), image.width,
                           image.height, GDT_Byte, 4, nullptr, 4,
                           static_cast<GSpacing>(image.width) * 4, 1),
              CE_None);
    EXPECT_TRUE(back == image.pixels) << image.width << "x" << image.height;
}

RgbaImage noise(int width, int height) {
    RgbaImage image;
    image.width = width;
    image.height = height;
    image.pixels.resize(static_cast<std::size_t>(width) * height * 4);
    for (std::size_t i = 0; i < image.pixels.size(); ++i)
        image.pixels[i] = static_cast<std::uint8_t>((i * 7919) % 251);
    return image;
}

}  // namespace

TEST(PngWriter, PixelsComeBackExactly) {
    expectRoundTrip(noise(37, 11));
}

// The image data is deflated in two halves at once and joined into one zlib stream: every
// split (one row, an odd count, a map of flat colour where matches run across the join) must
// read back as written.
TEST(PngWriter, TheTwoHalvesJoinIntoOneStreamAtAnySize) {
    expectRoundTrip(noise(1, 1));
    expectRoundTrip(noise(5, 2));
    expectRoundTrip(noise(3, 7));
    RgbaImage map = noise(700, 513);
    for (int y = 100; y < 450; ++y)  // a flat sea across the middle, the halves' join inside
        for (int x = 0; x < 700; ++x) {
            std::uint8_t* px = map.pixels.data() + (static_cast<std::size_t>(y) * 700 + x) * 4;
            px[0] = 214, px[1] = 232, px[2] = 244, px[3] = 255;
        }
    expectRoundTrip(map);
}

TEST(PngWriter, UnwritablePathNamesTheFile) {
    RgbaImage image;
    image.width = image.height = 2;
    image.pixels.assign(16, 255);
    const std::string path = "/nonexistent-folder-seawatch/x.png";
    const Status status = writeImage(path, image, {});
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().find(path), std::string::npos) << status.error();
}
