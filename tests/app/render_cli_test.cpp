#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>

#include "cli_support.hpp"

using namespace seawatch::testing;

namespace {

// Web Mercator of a lon/lat, computed here independently of the project's geo code.
void mercator(double lon, double lat, double& x, double& y) {
    const double r = 6378137.0;
    x = r * lon * M_PI / 180.0;
    y = r * std::log(std::tan(M_PI / 4 + lat * M_PI / 360.0));
}

struct GeoImage {
    int width = 0, height = 0;
    double gt[6] = {};
    std::vector<unsigned char> rgba;
    bool at(double lon, double lat, int rgb[3]) const {
        double x, y;
        mercator(lon, lat, x, y);
        const int px = static_cast<int>((x - gt[0]) / gt[1]);
        const int py = static_cast<int>((y - gt[3]) / gt[5]);
        if (px < 0 || py < 0 || px >= width || py >= height) return false;
        for (int b = 0; b < 3; ++b)
            rgb[b] = rgba[(static_cast<std::size_t>(b) * height + py) * width + px];
        return true;
    }
};

GeoImage readGeoTiff(const std::string& path) {
    GDALAllRegister();
    GeoImage img;
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly));
    if (!ds) return img;
    img.width = ds->GetRasterXSize();
    img.height = ds->GetRasterYSize();
    ds->GetGeoTransform(img.gt);
    img.rgba.resize(static_cast<std::size_t>(img.width) * img.height * 4);
    int bands[] = {1, 2, 3, 4};
    if (ds->RasterIO(GF_Read, 0, 0, img.width, img.height, img.rgba.data(), img.width, img.height,
                     GDT_Byte, 4, bands, 0, 0, 0) != CE_None)
        img.width = 0;
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    if (!srs || !srs->GetAuthorityCode(nullptr) ||
        std::string(srs->GetAuthorityCode(nullptr)) != "3857")
        img.width = -1;
    GDALClose(ds);
    return img;
}

}  // namespace

TEST(RenderCommand, GeoTiffPutsLandAndSeaWhereTheyAreOnEarth) {
    const auto dir = scratchDir("render_cli");
    const std::string out = (dir / "aden.tif").string();
    const auto r =
        runSeawatch("render --bbox 42,10,54,16 --size 1200x600 -o " + out, "env -u DISPLAY");
    if (r.exitCode == 3) GTEST_SKIP() << "no EGL context here: " << r.err;
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const GeoImage img = readGeoTiff(out);
    ASSERT_EQ(img.width, 1200) << "not a 1200-px EPSG:3857 GeoTIFF";
    ASSERT_EQ(img.height, 600);
    EXPECT_NEAR(img.gt[1], -img.gt[5], 1e-6) << "pixels must be square";
    // The requested box is inside the written extent.
    double x0, y0, x1, y1;
    mercator(42, 10, x0, y0);
    mercator(54, 16, x1, y1);
    EXPECT_LE(img.gt[0], x0 + 1);
    EXPECT_GE(img.gt[0] + img.gt[1] * img.width, x1 - 1);
    EXPECT_GE(img.gt[3], y1 - 1);
    EXPECT_LE(img.gt[3] + img.gt[5] * img.height, y0 + 1);

    struct Probe {
        double lon, lat;
        bool land;
    };
    for (const Probe& p :
         {Probe{44.5, 13.5, true}, Probe{53.9, 12.5, true}, Probe{45.0, 10.2, true},
          Probe{51.2, 15.9, true}, Probe{48.0, 12.5, false}, Probe{51.0, 14.0, false},
          Probe{46.3, 12.2, false}, Probe{52.5, 11.0, false}}) {
        int rgb[3];
        ASSERT_TRUE(img.at(p.lon, p.lat, rgb));
        const bool landColoured = rgb[0] > 200 && rgb[0] - rgb[2] > 25;
        const bool seaColoured = rgb[2] > 200 && rgb[2] - rgb[0] > 10;
        EXPECT_EQ(landColoured, p.land) << p.lon << "E " << p.lat << "N";
        EXPECT_EQ(seaColoured, !p.land) << p.lon << "E " << p.lat << "N";
    }
    std::filesystem::remove_all(dir);
}

TEST(RenderCommand, WritesPng) {
    const auto dir = scratchDir("render_png");
    const std::string out = (dir / "aden.png").string();
    const auto r = runSeawatch("render --size 320x200 -o " + out, "env -u DISPLAY");
    if (r.exitCode == 3) GTEST_SKIP() << "no EGL context here: " << r.err;
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string bytes = readFile(out);
    ASSERT_GT(bytes.size(), 8u);
    EXPECT_EQ(bytes.substr(1, 3), "PNG");
    std::filesystem::remove_all(dir);
}

TEST(RenderCommand, ExitCodesMeanSomething) {
    const auto dir = scratchDir("render_codes");
    // No GL: GLVND finds no EGL vendor, so no context can be made.
    auto r = runSeawatch("render --size 64x64 -o " + (dir / "x.png").string(),
                         "env -u DISPLAY __EGL_VENDOR_LIBRARY_FILENAMES=/nonexistent.json");
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_NE(r.err.find("no OpenGL context"), std::string::npos) << r.err;
    // Usage errors.
    r = runSeawatch("render --size 10by10 -o " + (dir / "x.png").string());
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--size"), std::string::npos) << r.err;
    r = runSeawatch("render --bbox 54,10,42,16 -o " + (dir / "x.png").string());
    EXPECT_EQ(r.exitCode, 2);
    r = runSeawatch("render --size 64x64 -o " + (dir / "x.bmp").string());
    if (r.exitCode != 3) {
        EXPECT_EQ(r.exitCode, 1);
        EXPECT_NE(r.err.find("unsupported output format"), std::string::npos) << r.err;
    }
    // A bad chart is named, the rest is still drawn, and the exit code says it failed.
    const std::string junk = (dir / "junk.tif").string();
    std::ofstream(junk) << "this is not a GeoTIFF";
    r = runSeawatch("render --chart " + junk + " --size 64x64 -o " + (dir / "y.png").string(),
                    "env -u DISPLAY");
    if (r.exitCode != 3) {
        EXPECT_EQ(r.exitCode, 1);
        EXPECT_NE(r.err.find(junk), std::string::npos) << r.err;
        EXPECT_TRUE(std::filesystem::exists(dir / "y.png"));
    }
    std::filesystem::remove_all(dir);
}
