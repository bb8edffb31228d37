#include "overview_cache.hpp"

#include <gdal_utils.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <system_error>
#include <vector>

namespace seawatch::charts::detail {

namespace fs = std::filesystem;

std::string overviewCacheDir() {
    fs::path dir;
    if (const char* v = std::getenv("SEAWATCH_OVERVIEW_CACHE"); v && *v) {
        if (std::string_view(v) == "off") return {};
        dir = v;
    } else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
        dir = fs::path(xdg) / "seawatch" / "overviews";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        dir = fs::path(home) / ".cache" / "seawatch" / "overviews";
    } else {
        return {};
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    return (!ec && fs::is_directory(dir, ec)) ? dir.string() : std::string{};
}

namespace {

struct TranslateOptionsDeleter {
    void operator()(GDALTranslateOptions* o) const { GDALTranslateOptionsFree(o); }
};

// One cache entry per file version: path, size and modification time.
std::string cacheKey(const fs::path& absolute) {
    std::error_code ec;
    const auto size = fs::file_size(absolute, ec);
    const auto mtime = fs::last_write_time(absolute, ec).time_since_epoch().count();
    const std::size_t hash =
        std::hash<std::string>{}(fmt::format("{}|{}|{}", absolute.string(), size, mtime));
    return fmt::format("{}-{:016x}", absolute.stem().string(), hash);
}

bool buildCachedOverviews(GDALDataset& source, const fs::path& vrt, std::string& error) {
    // Unique per process and call: two viewers (or two threads) may open a new chart at once;
    // each builds its own copy and the last rename wins, with identical content.
    static std::atomic<unsigned> builds{0};
    const fs::path partial =
        vrt.parent_path() /
        fmt::format("{}.{}-{}.partial.vrt", vrt.stem().string(), getpid(), builds.fetch_add(1));
    CPLStringList args;
    args.AddString("-of");
    args.AddString("VRT");
    std::unique_ptr<GDALTranslateOptions, TranslateOptionsDeleter> options(
        GDALTranslateOptionsNew(args.List(), nullptr));
    CPLErrorReset();
    DatasetPtr wrapper(GDALDataset::FromHandle(
        GDALTranslate(partial.c_str(), GDALDataset::ToHandle(&source), options.get(), nullptr)));
    if (!wrapper) {
        error = lastGdalError();
        return false;
    }
    const bool paletted = source.GetRasterBand(1)->GetColorTable() != nullptr;
    std::vector<int> levels;
    const int longest = std::max(source.GetRasterXSize(), source.GetRasterYSize());
    for (int level = 2; longest / level >= 256; level *= 2) levels.push_back(level);
    // Compressed, so the cache costs a fraction of the chart; palette indices are not
    // averaged (that would invent colours).
    CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", "DEFLATE");
    const CPLErr built =
        wrapper->BuildOverviews(paletted ? "NEAREST" : "AVERAGE", static_cast<int>(levels.size()),
                                levels.data(), 0, nullptr, nullptr, nullptr);
    CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", nullptr);
    wrapper.reset();
    std::error_code ec;
    const fs::path partialOvr = partial.string() + ".ovr";
    if (built != CE_None) {
        error = lastGdalError();
        fs::remove(partial, ec);
        fs::remove(partialOvr, ec);
        return false;
    }
    // The .vrt appears last: its presence means the entry is complete.
    fs::rename(partialOvr, vrt.string() + ".ovr", ec);
    if (!ec) fs::rename(partial, vrt, ec);
    if (ec) {
        error = ec.message();
        fs::remove(partial, ec);
        fs::remove(partialOvr, ec);
        return false;
    }
    return true;
}

}  // namespace

DatasetPtr withOverviews(DatasetPtr source, const std::string& path, std::string& note) {
    GDALRasterBand* first = source->GetRasterBand(1);
    if (first->GetOverviewCount() > 0) {
        note = fmt::format("{} overviews", first->GetOverviewCount());
        return source;
    }
    if (std::max(source->GetRasterXSize(), source->GetRasterYSize()) <= kOverviewThresholdPx) {
        note = "no overviews (small enough without)";
        return source;
    }
    const std::string cache = overviewCacheDir();
    if (cache.empty()) {
        note = "no overviews (overview cache off)";
        return source;
    }
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    const fs::path vrt = fs::path(cache) / (cacheKey(absolute) + ".vrt");
    std::string error;
    if (!fs::exists(vrt, ec) && !buildCachedOverviews(*source, vrt, error)) {
        note = "no overviews (could not build them in " + cache + ": " + error + ")";
        return source;
    }
    CPLErrorReset();
    DatasetPtr wrapped(GDALDataset::Open(vrt.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!wrapped || wrapped->GetRasterBand(1)->GetOverviewCount() == 0) {
        note = "no overviews (cached copy unreadable: " + vrt.string() + ")";
        return source;
    }
    note = fmt::format("{} overviews cached in {}", wrapped->GetRasterBand(1)->GetOverviewCount(),
                       cache);
    return wrapped;
}

}  // namespace seawatch::charts::detail
