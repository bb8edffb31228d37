// PNG output is written with libpng directly (fast settings); what comes back through GDAL
// must be the same pixels, alpha included.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include "chart_test_support.hpp"
#include "seawatch/charts/image_writer.hpp"

using namespace seawatch;
using namespace seawatch::charts;

TEST(PngWriter, PixelsComeBackExactly) {
    charts::testing::TempDir dir;
    RgbaImage image;
    image.width = 37;
    image.height = 11;
    image.pixels.resize(static_cast<std::size_t>(image.width) * image.height * 4);
    for (std::size_t i = 0; i < image.pixels.size(); ++i)
        image.pixels[i] = static_cast<std::uint8_t>((i * 7919) % 251);
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
    EXPECT_EQ(back, image.pixels);
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
