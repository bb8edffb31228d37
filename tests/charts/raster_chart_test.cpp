#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "chart_test_support.hpp"

using namespace seawatch;
using namespace seawatch::charts;
using namespace seawatch::charts::testing;

namespace {

struct Pixel {
    int r, g, b, a;
};

Pixel pixelAt(const RgbaImage& image, int x, int y) {
    const std::uint8_t* p = &image.pixels[(static_cast<std::size_t>(y) * image.width + x) * 4];
    return {p[0], p[1], p[2], p[3]};
}

// A GeoTIFF in EPSG:4326 from `west`,`north`, `deg` degrees per pixel.
GDALDataset* createGeoTiff(const std::string& path, int w, int h, int bands, GDALDataType type,
                           double west, double north, double deg) {
    initGdal();
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDataset* ds = gtiff->Create(path.c_str(), w, h, bands, type, nullptr);
    double gt[6] = {west, deg, 0, north, 0, -deg};
    ds->SetGeoTransform(gt);
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    ds->SetSpatialRef(&wgs84);
    return ds;
}

geo::MercatorBox boxOf(double west, double south, double east, double north) {
    return geo::toMercatorBox({west, south, east, north});
}

// 100 x 50 px over 44E-45E, 12.5N-13N: west half red, east half blue.
std::string makeRgbChart(const TempDir& dir) {
    const std::string path = dir.file("rgb.tif");
    GDALDataset* ds = createGeoTiff(path, 100, 50, 3, GDT_Byte, 44.0, 13.0, 0.01);
    std::vector<std::uint8_t> red(100 * 50), green(100 * 50, 0), blue(100 * 50);
    for (int y = 0; y < 50; ++y) {
        for (int x = 0; x < 100; ++x) {
            red[y * 100 + x] = x < 50 ? 255 : 0;
            blue[y * 100 + x] = x < 50 ? 0 : 255;
        }
    }
    std::array<std::vector<std::uint8_t>*, 3> planes{&red, &green, &blue};
    for (int b = 0; b < 3; ++b) {
        EXPECT_EQ(ds->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, 100, 50, planes[b]->data(),
                                                     100, 50, GDT_Byte, 0, 0, nullptr),
                  CE_None);
    }
    GDALClose(ds);
    return path;
}

}  // namespace

TEST(RasterChart, GeoTiffLandsAtItsMercatorPosition) {
    TempDir dir;
    auto chart = RasterChart::open(makeRgbChart(dir));
    ASSERT_TRUE(chart.ok()) << chart.error();
    const geo::MercatorBox expected = boxOf(44.0, 12.5, 45.0, 13.0);
    const geo::MercatorBox b = (*chart)->bounds();
    // The warper may add up to a pixel (~1.1 km) at the edges.
    EXPECT_NEAR(b.minX, expected.minX, 1200);
    EXPECT_NEAR(b.maxX, expected.maxX, 1200);
    EXPECT_NEAR(b.minY, expected.minY, 1200);
    EXPECT_NEAR(b.maxY, expected.maxY, 1200);
    EXPECT_NEAR((*chart)->nativeResolutionM(), 1113.0, 60.0);  // 0.01 deg at the equator scale
    EXPECT_NE((*chart)->description().find("geotransform"), std::string::npos);
}

TEST(RasterChart, ReadsColoursAndLeavesOutsideTransparent) {
    TempDir dir;
    auto chart = RasterChart::open(makeRgbChart(dir));
    ASSERT_TRUE(chart.ok()) << chart.error();
    // 43.8E-44.4E: the western 0.2 deg is off the chart, the rest in its red half.
    auto image = (*chart)->read(boxOf(43.8, 12.6, 44.4, 12.9), 60, 30);
    ASSERT_TRUE(image.ok()) << image.error();
    ASSERT_EQ(image->width, 60);
    ASSERT_EQ(image->pixels.size(), 60u * 30u * 4u);
    const Pixel outside = pixelAt(*image, 5, 15);
    EXPECT_EQ(outside.a, 0);
    const Pixel red = pixelAt(*image, 45, 15);
    EXPECT_EQ(red.a, 255);
    EXPECT_GT(red.r, 240);
    EXPECT_LT(red.b, 15);

    auto east = (*chart)->read(boxOf(44.7, 12.6, 44.9, 12.9), 16, 16);
    ASSERT_TRUE(east.ok()) << east.error();
    const Pixel blue = pixelAt(*east, 8, 8);
    EXPECT_EQ(blue.a, 255);
    EXPECT_GT(blue.b, 240);
    EXPECT_LT(blue.r, 15);

    auto away = (*chart)->read(boxOf(50, 0, 51, 1), 8, 8);
    ASSERT_TRUE(away.ok());
    for (std::size_t i = 3; i < away->pixels.size(); i += 4) ASSERT_EQ(away->pixels[i], 0);

    EXPECT_FALSE((*chart)->read(boxOf(44, 12, 45, 13), 0, 10).ok());
}

TEST(RasterChart, PaletteIsExpandedAndNodataIsTransparent) {
    TempDir dir;
    const std::string path = dir.file("paletted.tif");
    {
        GDALDataset* ds = createGeoTiff(path, 40, 40, 1, GDT_Byte, 50.0, 10.0, 0.05);
        GDALRasterBand* band = ds->GetRasterBand(1);
        GDALColorTable palette;
        const GDALColorEntry entries[3] = {{0, 0, 0, 255}, {10, 20, 30, 255}, {200, 100, 50, 255}};
        for (int i = 0; i < 3; ++i) palette.SetColorEntry(i, &entries[i]);
        band->SetColorTable(&palette);
        band->SetColorInterpretation(GCI_PaletteIndex);
        band->SetNoDataValue(0);
        // North half index 1, south half index 2, and a nodata hole in the north-west.
        std::vector<std::uint8_t> index(40 * 40);
        for (int y = 0; y < 40; ++y) {
            for (int x = 0; x < 40; ++x) {
                index[y * 40 + x] = (x < 10 && y < 10) ? 0 : (y < 20 ? 1 : 2);
            }
        }
        ASSERT_EQ(
            band->RasterIO(GF_Write, 0, 0, 40, 40, index.data(), 40, 40, GDT_Byte, 0, 0, nullptr),
            CE_None);
        GDALClose(ds);
    }
    auto chart = RasterChart::open(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    EXPECT_NE((*chart)->description().find("paletted"), std::string::npos);
    // 50E-52E, 8N-10N in 20 x 20 px: 0.1 deg per output pixel.
    auto image = (*chart)->read(boxOf(50.0, 8.0, 52.0, 10.0), 20, 20);
    ASSERT_TRUE(image.ok()) << image.error();
    const Pixel hole = pixelAt(*image, 2, 2);  // 50.25E 9.75N
    EXPECT_EQ(hole.a, 0);
    const Pixel north = pixelAt(*image, 15, 3);  // 51.55E 9.65N
    EXPECT_EQ(north.r, 10);
    EXPECT_EQ(north.g, 20);
    EXPECT_EQ(north.b, 30);
    EXPECT_EQ(north.a, 255);
    const Pixel south = pixelAt(*image, 5, 16);  // 50.55E 8.35N
    EXPECT_EQ(south.r, 200);
    EXPECT_EQ(south.g, 100);
    EXPECT_EQ(south.b, 50);
    EXPECT_EQ(south.a, 255);
}

TEST(RasterChart, FloatBandIsStretchedToGrey) {
    TempDir dir;
    const std::string path = dir.file("depth.tif");
    {
        GDALDataset* ds = createGeoTiff(path, 20, 10, 1, GDT_Float32, 60.0, 0.5, 0.05);
        // West half -4000 m, east half -100 m: the stretch maps them to black and white.
        std::vector<float> depth(20 * 10);
        for (int y = 0; y < 10; ++y) {
            for (int x = 0; x < 20; ++x) depth[y * 20 + x] = x < 10 ? -4000.0f : -100.0f;
        }
        ASSERT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 20, 10, depth.data(), 20, 10,
                                                 GDT_Float32, 0, 0, nullptr),
                  CE_None);
        GDALClose(ds);
    }
    auto chart = RasterChart::open(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    auto image = (*chart)->read(boxOf(60.0, 0.0, 61.0, 0.5), 20, 10);
    ASSERT_TRUE(image.ok()) << image.error();
    const Pixel deep = pixelAt(*image, 2, 5), shallow = pixelAt(*image, 17, 5);
    EXPECT_EQ(deep.r, deep.g);
    EXPECT_EQ(deep.g, deep.b);
    EXPECT_LT(deep.r, 10);
    EXPECT_GT(shallow.r, 245);
    EXPECT_EQ(shallow.a, 255);
}

TEST(RasterChart, TilesFollowTheWebMercatorScheme) {
    const geo::MercatorBox world = webMercatorTileBounds(0, 0, 0);
    EXPECT_NEAR(world.minX, -geo::kMercatorHalfWorldM, 1e-6);
    EXPECT_NEAR(world.maxY, geo::kMercatorHalfWorldM, 1e-6);
    // z=1 x=1 y=0 is the north-east quarter.
    const geo::MercatorBox ne = webMercatorTileBounds(1, 1, 0);
    EXPECT_NEAR(ne.minX, 0.0, 1e-6);
    EXPECT_NEAR(ne.minY, 0.0, 1e-6);

    TempDir dir;
    auto chart = RasterChart::open(makeRgbChart(dir));
    ASSERT_TRUE(chart.ok()) << chart.error();
    // 0.01 deg ~ 1113 m/px; z7 tiles are 1223 m/px, z8 612 m/px.
    EXPECT_EQ((*chart)->nativeZoom(), 8);
    // The z=4 tile holding 44.5E 12.75N is x=9, y=7.
    auto tile = (*chart)->readTile(4, 9, 7);
    ASSERT_TRUE(tile.ok()) << tile.error();
    EXPECT_EQ(tile->width, 256);
    EXPECT_EQ(tile->height, 256);
    std::size_t covered = 0;
    for (std::size_t i = 3; i < tile->pixels.size(); i += 4) covered += tile->pixels[i] > 0;
    EXPECT_GT(covered, 0u);
    EXPECT_FALSE((*chart)->readTile(2, 4, 0).ok());
}

TEST(ChartErrors, MissingAndCorruptFilesAreNamed) {
    TempDir dir;
    const std::string missing = dir.file("no-such-chart.kap");
    auto probe = probeChart(missing);
    ASSERT_FALSE(probe.ok());
    EXPECT_NE(probe.error().find("not found"), std::string::npos) << probe.error();
    EXPECT_NE(probe.error().find(missing), std::string::npos) << probe.error();
    EXPECT_FALSE(RasterChart::open(missing).ok());
    EXPECT_FALSE(loadVectorChart(missing).ok());

    const std::string corrupt = dir.file("corrupt.tif");
    {
        std::ofstream out(corrupt, std::ios::binary);
        std::mt19937 random(42);
        for (int i = 0; i < 4096; ++i) out.put(static_cast<char>(random() & 0xff));
    }
    auto errorOf = [](const auto& result) {
        return result.ok() ? std::string("(no error)") : result.error();
    };
    for (const std::string& error :
         {errorOf(probeChart(corrupt)), errorOf(RasterChart::open(corrupt)),
          errorOf(loadVectorChart(corrupt))}) {
        EXPECT_NE(error.find("unsupported or corrupt"), std::string::npos) << error;
        EXPECT_NE(error.find(corrupt), std::string::npos) << error;
    }
}

TEST(ChartErrors, PlainImageWithoutGeoreferencingIsRejected) {
    TempDir dir;
    const std::string path = dir.file("plain.png");
    {
        initGdal();
        GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
        GDALDataset* src = mem->Create("", 8, 8, 3, GDT_Byte, nullptr);
        GDALDriver* png = GetGDALDriverManager()->GetDriverByName("PNG");
        GDALClose(png->CreateCopy(path.c_str(), src, FALSE, nullptr, nullptr, nullptr));
        GDALClose(src);
    }
    auto probe = probeChart(path);
    ASSERT_FALSE(probe.ok());
    EXPECT_NE(probe.error().find("not georeferenced"), std::string::npos) << probe.error();
    EXPECT_NE(probe.error().find(path), std::string::npos);

    // A world file next to it is enough.
    {
        std::ofstream world(dir.file("plain.wld"));
        world << "0.125\n0\n0\n-0.125\n45.0625\n12.9375\n";
    }
    auto chart = RasterChart::open(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    const geo::GeoBox box = geo::fromMercatorBox((*chart)->bounds());
    EXPECT_NEAR(box.west, 45.0, 0.13);
    EXPECT_NEAR(box.north, 13.0, 0.13);
    EXPECT_NE((*chart)->description().find("EPSG:4326 assumed"), std::string::npos)
        << (*chart)->description();
}

TEST(RasterChart, AlphaBandIsKept) {
    TempDir dir;
    const std::string path = dir.file("rgba.tif");
    {
        GDALDataset* ds = createGeoTiff(path, 20, 20, 4, GDT_Byte, 50.0, 10.0, 0.05);
        ds->GetRasterBand(4)->SetColorInterpretation(GCI_AlphaBand);
        std::vector<std::uint8_t> value(20 * 20, 180), alpha(20 * 20);
        for (int y = 0; y < 20; ++y) {
            for (int x = 0; x < 20; ++x) alpha[y * 20 + x] = x < 10 ? 0 : 255;
        }
        for (int b = 1; b <= 4; ++b) {
            ASSERT_EQ(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, 0, 20, 20,
                                                     (b == 4 ? alpha : value).data(), 20, 20,
                                                     GDT_Byte, 0, 0, nullptr),
                      CE_None);
        }
        GDALClose(ds);
    }
    auto chart = RasterChart::open(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    auto image = (*chart)->read(boxOf(50.0, 9.0, 51.0, 10.0), 20, 20);
    ASSERT_TRUE(image.ok()) << image.error();
    EXPECT_EQ(pixelAt(*image, 3, 10).a, 0);
    const Pixel shown = pixelAt(*image, 16, 10);
    EXPECT_EQ(shown.a, 255);
    EXPECT_EQ(shown.r, 180);
}

TEST(RasterChart, LargeChartWithoutOverviewsGetsThemInTheCacheNotBesideIt) {
    TempDir dir;
    const std::filesystem::path chartDir = dir.file("charts"), cacheDir = dir.file("cache");
    std::filesystem::create_directories(chartDir);
    const std::string path = (chartDir / "wide.tif").string();
    {
        // 6000 x 64 px, over the 4096 px threshold: west half 40, east half 220 (grey).
        GDALDataset* ds = createGeoTiff(path, 6000, 64, 1, GDT_Byte, 40.0, 10.0, 0.001);
        std::vector<std::uint8_t> grey(6000 * 64);
        for (int y = 0; y < 64; ++y) {
            for (int x = 0; x < 6000; ++x) grey[y * 6000 + x] = x < 3000 ? 40 : 220;
        }
        ASSERT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 6000, 64, grey.data(), 6000, 64,
                                                 GDT_Byte, 0, 0, nullptr),
                  CE_None);
        GDALClose(ds);
    }
    ASSERT_EQ(setenv("SEAWATCH_OVERVIEW_CACHE", cacheDir.c_str(), 1), 0);
    {
        auto chart = RasterChart::open(path);
        ASSERT_TRUE(chart.ok()) << chart.error();
        EXPECT_NE((*chart)->description().find("overviews cached in"), std::string::npos)
            << (*chart)->description();
        EXPECT_EQ((*chart)->description().find("VRT"), std::string::npos);
        // The whole chart in 375 px: a 1/16 read served by an overview.
        auto image = (*chart)->read((*chart)->bounds(), 375, 4);
        ASSERT_TRUE(image.ok()) << image.error();
        EXPECT_EQ(pixelAt(*image, 50, 2).r, 40);
        EXPECT_EQ(pixelAt(*image, 320, 2).r, 220);
        EXPECT_EQ(pixelAt(*image, 320, 2).a, 255);
    }
    std::size_t vrts = 0, ovrs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(cacheDir)) {
        vrts += entry.path().extension() == ".vrt";
        ovrs += entry.path().extension() == ".ovr";
    }
    EXPECT_EQ(vrts, 1u);
    EXPECT_EQ(ovrs, 1u);
    for (const auto& entry : std::filesystem::directory_iterator(chartDir)) {
        EXPECT_EQ(entry.path().filename(), "wide.tif") << "wrote beside the chart";
    }
    // A second open reuses the cache entry.
    auto again = RasterChart::open(path);
    ASSERT_TRUE(again.ok()) << again.error();
    EXPECT_NE((*again)->description().find("overviews cached in"), std::string::npos);

    ASSERT_EQ(setenv("SEAWATCH_OVERVIEW_CACHE", "off", 1), 0);
    auto uncached = RasterChart::open(path);
    ASSERT_TRUE(uncached.ok()) << uncached.error();
    EXPECT_NE((*uncached)->description().find("no overviews"), std::string::npos);
    unsetenv("SEAWATCH_OVERVIEW_CACHE");
}

TEST(RasterChart, WholeWorldImageIsClampedToMercatorLatitudes) {
    TempDir dir;
    const std::string path = dir.file("world.tif");
    {
        // 1 deg per pixel, pole to pole: grey 100 everywhere, 250 from 44E to 47E.
        GDALDataset* ds = createGeoTiff(path, 360, 180, 1, GDT_Byte, -180.0, 90.0, 1.0);
        std::vector<std::uint8_t> grey(360 * 180, 100);
        for (int y = 0; y < 180; ++y) {
            for (int x = 224; x < 227; ++x) grey[y * 360 + x] = 250;
        }
        ASSERT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 360, 180, grey.data(), 360, 180,
                                                 GDT_Byte, 0, 0, nullptr),
                  CE_None);
        GDALClose(ds);
    }
    auto chart = RasterChart::open(path);
    ASSERT_TRUE(chart.ok()) << chart.error();
    const geo::MercatorBox b = (*chart)->bounds();
    EXPECT_NEAR(b.maxY, geo::kMercatorHalfWorldM, 120000);
    EXPECT_NEAR(b.minY, -geo::kMercatorHalfWorldM, 120000);
    EXPECT_NEAR(b.minX, -geo::kMercatorHalfWorldM, 120000);
    EXPECT_NEAR((*chart)->nativeResolutionM(), 111319.5, 1000);
    auto image = (*chart)->read(boxOf(43.0, 11.0, 48.0, 13.0), 50, 20);
    ASSERT_TRUE(image.ok()) << image.error();
    EXPECT_EQ(pixelAt(*image, 2, 10).r, 100);   // 43.25E
    EXPECT_EQ(pixelAt(*image, 25, 10).r, 250);  // 45.55E
    EXPECT_EQ(pixelAt(*image, 25, 10).a, 255);
}
