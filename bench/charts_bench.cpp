// Chart loading and raster reads:
//   build/bench/seawatch_charts_bench --benchmark_min_time=0.5
// (figures in docs/PERFORMANCE.md, "## Charts"). The raster benchmarks read a synthetic
// 10,000 x 7,000 RGB GeoTIFF over the Gulf of Aden (43E-53E, 8N-15N, 0.001 deg/px, tiled,
// LZW), one with overviews 2..32 and one without. Both are made once in
// $TMPDIR/seawatch-bench-charts/ and reused by later runs.
#include <benchmark/benchmark.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <vector>

#include "seawatch/charts/chart.hpp"

using namespace seawatch;
using namespace seawatch::charts;

namespace {

constexpr int kWidth = 10000;
constexpr int kHeight = 7000;

void closeDataset(GDALDataset* ds) {
    GDALClose(GDALDataset::ToHandle(ds));
}

// The synthetic chart, with GDAL overviews 2..32 inside the GeoTIFF or with none.
std::string makeBigChart(bool withOverviews) {
    {
        initGdal();
        const auto dir = std::filesystem::temp_directory_path() / "seawatch-bench-charts";
        std::filesystem::create_directories(dir);
        const std::string file =
            (dir / (withOverviews ? "big_10000x7000.tif" : "big_10000x7000_no_overviews.tif"))
                .string();
        if (std::filesystem::exists(file)) return file;
        const std::string partial = file + ".part";
        const char* options[] = {"TILED=YES", "COMPRESS=LZW", "BLOCKXSIZE=256", "BLOCKYSIZE=256",
                                 nullptr};
        GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        std::unique_ptr<GDALDataset, decltype(&closeDataset)> ds(
            gtiff->Create(partial.c_str(), kWidth, kHeight, 3, GDT_Byte,
                          const_cast<char**>(options)),
            &closeDataset);
        double gt[6] = {43.0, 0.001, 0, 15.0, 0, -0.001};
        ds->SetGeoTransform(gt);
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        ds->SetSpatialRef(&wgs84);
        // A chart-like picture: smooth colour ramps with a grid every 100 px.
        std::vector<std::uint8_t> rows(static_cast<std::size_t>(kWidth) * 256 * 3);
        for (int y0 = 0; y0 < kHeight; y0 += 256) {
            const int h = std::min(256, kHeight - y0);
            for (int y = 0; y < h; ++y) {
                for (int x = 0; x < kWidth; ++x) {
                    const bool grid = (x % 100) == 0 || ((y0 + y) % 100) == 0;
                    const std::size_t i = (static_cast<std::size_t>(y) * kWidth + x) * 3;
                    rows[i] = grid ? 40 : static_cast<std::uint8_t>(x * 255 / kWidth);
                    rows[i + 1] = grid ? 40 : static_cast<std::uint8_t>((y0 + y) * 255 / kHeight);
                    rows[i + 2] =
                        grid ? 40 : static_cast<std::uint8_t>(((x ^ (y0 + y)) >> 4) & 0xff);
                }
            }
            int bands[3] = {1, 2, 3};
            if (ds->RasterIO(GF_Write, 0, y0, kWidth, h, rows.data(), kWidth, h, GDT_Byte, 3, bands,
                             3, 3 * kWidth, 1, nullptr) != CE_None) {
                std::abort();
            }
        }
        int levels[] = {2, 4, 8, 16, 32};
        if (withOverviews &&
            ds->BuildOverviews("AVERAGE", 5, levels, 0, nullptr, nullptr, nullptr) != CE_None) {
            std::abort();
        }
        ds.reset();
        std::filesystem::rename(partial, file);
        return file;
    }
}

std::string bigChartPath() {
    static const std::string path = makeBigChart(true);
    return path;
}

std::string bigChartWithoutOverviewsPath() {
    static const std::string path = makeBigChart(false);
    return path;
}

// seawatch's overview cache for charts without overviews, in a benchmark-private folder.
void useOverviewCache(bool on) {
    const auto dir = std::filesystem::temp_directory_path() / "seawatch-bench-charts" / "cache";
    setenv("SEAWATCH_OVERVIEW_CACHE", on ? dir.c_str() : "off", 1);
}

void BM_LoadBasemap(benchmark::State& state) {
    for (auto _ : state) {
        auto basemap = loadBasemap();
        if (!basemap.ok()) {
            state.SkipWithError(basemap.error().c_str());
            return;
        }
        benchmark::DoNotOptimize(basemap->layers.data());
    }
}
BENCHMARK(BM_LoadBasemap)->Unit(benchmark::kMillisecond);

void BM_OpenRasterChart(benchmark::State& state) {
    const std::string path = bigChartPath();
    for (auto _ : state) {
        auto chart = RasterChart::open(path);
        if (!chart.ok()) {
            state.SkipWithError(chart.error().c_str());
            return;
        }
        benchmark::DoNotOptimize(chart->get());
    }
}
BENCHMARK(BM_OpenRasterChart)->Unit(benchmark::kMillisecond);

// 1024 x 1024 output pixels of a window `scale` times the chart's own resolution,
// panned across the chart so GDAL's block cache does not serve every read.
void readWindows(benchmark::State& state, const std::string& path) {
    const int scale = static_cast<int>(state.range(0));
    auto chart = RasterChart::open(path);
    if (!chart.ok()) {
        state.SkipWithError(chart.error().c_str());
        return;
    }
    const geo::MercatorBox b = (*chart)->bounds();
    const double side = 1024.0 * scale * (*chart)->nativeResolutionM();
    int step = 0;
    for (auto _ : state) {
        const double fx = (step % 7) / 7.0, fy = (step % 5) / 5.0;
        ++step;
        const double minX = b.minX + fx * std::max(0.0, b.width() - side);
        const double minY = b.minY + fy * std::max(0.0, b.height() - side);
        auto image = (*chart)->read({minX, minY, minX + side, minY + side}, 1024, 1024);
        if (!image.ok()) {
            state.SkipWithError(image.error().c_str());
            return;
        }
        benchmark::DoNotOptimize(image->pixels.data());
    }
}

void BM_ReadWindow(benchmark::State& state) {
    readWindows(state, bigChartPath());
}
BENCHMARK(BM_ReadWindow)->Arg(1)->Arg(8)->Unit(benchmark::kMillisecond);

// A chart without overviews (as most BSB/KAP charts): GDAL's own downsampling only...
void BM_ReadWindowNoOverviews(benchmark::State& state) {
    useOverviewCache(false);
    readWindows(state, bigChartWithoutOverviewsPath());
}
BENCHMARK(BM_ReadWindowNoOverviews)->Arg(8)->Unit(benchmark::kMillisecond);

// ...the one-off cost of seawatch building cached overviews for it on first open...
void BM_BuildOverviewCache(benchmark::State& state) {
    const std::string path = bigChartWithoutOverviewsPath();
    useOverviewCache(true);
    const auto dir = std::filesystem::temp_directory_path() / "seawatch-bench-charts" / "cache";
    for (auto _ : state) {
        state.PauseTiming();
        std::filesystem::remove_all(dir);
        state.ResumeTiming();
        auto chart = RasterChart::open(path);
        if (!chart.ok()) {
            state.SkipWithError(chart.error().c_str());
            return;
        }
    }
}
BENCHMARK(BM_BuildOverviewCache)->Iterations(1)->Unit(benchmark::kMillisecond);

// ...and reads through those cached overviews afterwards.
void BM_ReadWindowCachedOverviews(benchmark::State& state) {
    useOverviewCache(true);
    readWindows(state, bigChartWithoutOverviewsPath());
}
BENCHMARK(BM_ReadWindowCachedOverviews)->Arg(8)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
