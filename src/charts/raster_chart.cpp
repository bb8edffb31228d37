// Raster charts: any GDAL raster, warped on the fly to Web Mercator by an in-memory
// warped VRT (gdalwarp -of VRT), then read window by window into RGBA.
#include <gdal_utils.h>
#include <gdalwarper.h>
#include <ogr_spatialref.h>

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cmath>

#include "gdal_support.hpp"
#include "seawatch/charts/chart.hpp"

namespace seawatch::charts {

namespace {

constexpr int kMaxReadDimension = 16384;
constexpr int kTileSize = 256;

struct WarpOptionsDeleter {
    void operator()(GDALWarpAppOptions* o) const { GDALWarpAppOptionsFree(o); }
};

// How one data band's values become 0..255.
struct BandStretch {
    bool identity = true;  // Byte data: used as is
    double min = 0.0;
    double scale = 1.0;  // 255 / (max - min)
};

}  // namespace

struct RasterChart::Impl {
    detail::DatasetPtr source;
    detail::DatasetPtr warped;  // declared after source: closed first
    std::string description;
    std::array<double, 6> geoTransform{};
    std::vector<int> dataBands;           // warped band numbers holding colour or grey
    int alphaBand = 0;                    // 0: none
    std::vector<GDALColorEntry> palette;  // non-empty: band 1 holds palette indices
    std::vector<BandStretch> stretch;     // per data band
    std::vector<float> scratch;
};

RasterChart::~RasterChart() = default;

namespace {

// The coordinate system of the source, or the assumption made when it has none.
std::string sourceSrsWkt(GDALDataset& ds, detail::Georeferencing georef, std::string& note) {
    const OGRSpatialReference* srs = georef == detail::Georeferencing::GroundControlPoints
                                         ? ds.GetGCPSpatialRef()
                                         : ds.GetSpatialRef();
    if (srs && !srs->IsEmpty()) return {};
    if (georef == detail::Georeferencing::RationalPolynomials) return {};  // RPCs are WGS84
    // No coordinate system: a world file or bare GCPs. Degrees are by far the most common
    // (BSB GCPs, world files of scanned charts); coordinates beyond them must be metres,
    // and Web Mercator is the only projected guess that is right often enough.
    double gt[6];
    if (georef == detail::Georeferencing::GeoTransform && ds.GetGeoTransform(gt) == CE_None) {
        const double xs[2] = {gt[0], gt[0] + gt[1] * ds.GetRasterXSize()};
        const double ys[2] = {gt[3], gt[3] + gt[5] * ds.GetRasterYSize()};
        const bool degrees = std::abs(xs[0]) <= 360 && std::abs(xs[1]) <= 360 &&
                             std::abs(ys[0]) <= 90 && std::abs(ys[1]) <= 90;
        if (!degrees) {
            note = "no coordinate system, EPSG:3857 assumed";
            return "EPSG:3857";
        }
    }
    note = "no coordinate system, EPSG:4326 assumed";
    return "EPSG:4326";
}

std::string srsName(const OGRSpatialReference* srs) {
    if (!srs) return "?";
    const char* authority = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    if (authority && code) return std::string(authority) + ":" + code;
    const char* name = srs->GetName();
    return name ? name : "?";
}

}  // namespace

Result<std::unique_ptr<RasterChart>> RasterChart::open(const std::string& path) {
    auto opened = detail::openDataset(path, GDAL_OF_RASTER);
    if (!opened) return makeError(opened.error());
    auto impl = std::make_unique<Impl>();
    impl->source = std::move(*opened);
    GDALDataset& src = *impl->source;
    if (src.GetRasterCount() == 0) return makeError("not a raster: " + path);
    auto georef = detail::rasterGeoreferencing(src, path);
    if (!georef) return makeError(georef.error());

    std::string srsNote;
    const std::string assumedSrs = sourceSrsWkt(src, *georef, srsNote);
    GDALRasterBand& first = *src.GetRasterBand(1);
    const GDALColorTable* colours = first.GetColorTable();
    const bool paletted = colours && first.GetColorInterpretation() == GCI_PaletteIndex;

    // Palette indices must not be interpolated; continuous data reads smoother bilinear.
    CPLStringList args;
    for (const char* a : {"-of", "VRT", "-t_srs", "EPSG:3857", "-dstalpha", "-r"})
        args.AddString(a);
    args.AddString(paletted ? "near" : "bilinear");
    if (!assumedSrs.empty()) {
        args.AddString("-s_srs");
        args.AddString(assumedSrs.c_str());
    }
    if (*georef == detail::Georeferencing::RationalPolynomials) args.AddString("-rpc");
    std::unique_ptr<GDALWarpAppOptions, WarpOptionsDeleter> options(
        GDALWarpAppOptionsNew(args.List(), nullptr));
    if (!options) return makeError("cannot warp " + path + ": " + detail::lastGdalError());
    GDALDatasetH sourceHandle = GDALDataset::ToHandle(&src);
    int usageError = 0;
    CPLErrorReset();
    impl->warped.reset(GDALDataset::FromHandle(
        GDALWarp("", nullptr, 1, &sourceHandle, options.get(), &usageError)));
    if (!impl->warped) {
        return makeError("cannot reproject " + path +
                         " to Web Mercator: " + detail::lastGdalError());
    }
    GDALDataset& warped = *impl->warped;
    if (warped.GetGeoTransform(impl->geoTransform.data()) != CE_None ||
        impl->geoTransform[1] <= 0 || impl->geoTransform[5] >= 0) {
        return makeError("cannot reproject " + path + ": warped raster has no north-up grid");
    }

    for (int b = 1; b <= warped.GetRasterCount(); ++b) {
        if (warped.GetRasterBand(b)->GetColorInterpretation() == GCI_AlphaBand) {
            impl->alphaBand = b;
        } else if (impl->dataBands.size() < 3) {
            impl->dataBands.push_back(b);
        }
    }
    if (impl->dataBands.empty()) return makeError("no colour bands in " + path);
    // Two data bands (grey plus something that is not alpha) read as grey.
    if (impl->dataBands.size() == 2) impl->dataBands.resize(1);

    if (paletted && impl->dataBands.size() == 1) {
        for (int i = 0; i < colours->GetColorEntryCount(); ++i) {
            GDALColorEntry entry{};
            colours->GetColorEntryAsRGB(i, &entry);
            impl->palette.push_back(entry);
        }
    }
    for (int b : impl->dataBands) {
        BandStretch s;
        GDALRasterBand& band = *warped.GetRasterBand(b);
        if (impl->palette.empty() && band.GetRasterDataType() != GDT_Byte) {
            // Min/max of the source band (approximate: overviews or a sample), without
            // writing statistics into an .aux.xml beside the user's file.
            double minMax[2] = {0, 0};
            GDALRasterBand* sourceBand = src.GetRasterBand(std::min(b, src.GetRasterCount()));
            if (sourceBand->ComputeRasterMinMax(TRUE, minMax) != CE_None) {
                return makeError("cannot compute the value range of " + path + ": " +
                                 detail::lastGdalError());
            }
            s.identity = false;
            s.min = minMax[0];
            s.scale = minMax[1] > minMax[0] ? 255.0 / (minMax[1] - minMax[0]) : 0.0;
        }
        impl->stretch.push_back(s);
    }

    const auto* targetSrs = warped.GetSpatialRef();
    impl->description = fmt::format(
        "{} {}x{}, {} band{} ({}{}), georeferenced by {} ({}{}), shown as {} {}x{} at {:.1f} m/px",
        src.GetDriver() ? src.GetDriver()->GetDescription() : "?", src.GetRasterXSize(),
        src.GetRasterYSize(), src.GetRasterCount(), src.GetRasterCount() == 1 ? "" : "s",
        GDALGetDataTypeName(first.GetRasterDataType()), paletted ? ", paletted" : "",
        detail::georeferencingName(*georef),
        srsNote.empty() ? srsName(*georef == detail::Georeferencing::GroundControlPoints
                                      ? src.GetGCPSpatialRef()
                                      : src.GetSpatialRef())
                        : srsNote,
        first.GetOverviewCount() > 0 ? fmt::format(", {} overviews", first.GetOverviewCount())
                                     : std::string(", no overviews"),
        srsName(targetSrs), warped.GetRasterXSize(), warped.GetRasterYSize(),
        impl->geoTransform[1]);

    std::unique_ptr<RasterChart> chart(new RasterChart());
    chart->impl_ = std::move(impl);
    chart->path_ = path;
    return chart;
}

geo::MercatorBox RasterChart::bounds() const {
    const auto& gt = impl_->geoTransform;
    const double w = impl_->warped->GetRasterXSize(), h = impl_->warped->GetRasterYSize();
    return {gt[0], gt[3] + gt[5] * h, gt[0] + gt[1] * w, gt[3]};
}

double RasterChart::nativeResolutionM() const {
    return impl_->geoTransform[1];
}
int RasterChart::width() const {
    return impl_->warped->GetRasterXSize();
}
int RasterChart::height() const {
    return impl_->warped->GetRasterYSize();
}
std::string RasterChart::description() const {
    return impl_->description;
}

int RasterChart::nativeZoom() const {
    const double worldPixelsAtZ0 = 2.0 * geo::kMercatorHalfWorldM / kTileSize;
    const double z = std::log2(worldPixelsAtZ0 / nativeResolutionM());
    return std::clamp(static_cast<int>(std::ceil(z - 1e-9)), 0, 24);
}

Result<RgbaImage> RasterChart::read(const geo::MercatorBox& region, int outWidth, int outHeight) {
    if (outWidth <= 0 || outHeight <= 0 || outWidth > kMaxReadDimension ||
        outHeight > kMaxReadDimension) {
        return makeError(fmt::format("{}: bad read size {}x{}", path_, outWidth, outHeight));
    }
    if (!(region.width() > 0) || !(region.height() > 0)) {
        return makeError(path_ + ": empty or inverted read region");
    }
    RgbaImage image;
    image.width = outWidth;
    image.height = outHeight;
    image.pixels.assign(static_cast<std::size_t>(outWidth) * outHeight * 4, 0);

    // Output pixels whose centres fall on the chart; the rest stay transparent.
    const geo::MercatorBox chartBox = bounds();
    const double dx = region.width() / outWidth, dy = region.height() / outHeight;
    const int c0 =
        std::max(0, static_cast<int>(std::ceil((chartBox.minX - region.minX) / dx - 0.5)));
    const int c1 = std::min(
        outWidth, static_cast<int>(std::floor((chartBox.maxX - region.minX) / dx - 0.5)) + 1);
    const int r0 =
        std::max(0, static_cast<int>(std::ceil((region.maxY - chartBox.maxY) / dy - 0.5)));
    const int r1 = std::min(
        outHeight, static_cast<int>(std::floor((region.maxY - chartBox.minY) / dy - 0.5)) + 1);
    if (c0 >= c1 || r0 >= r1) return image;

    const auto& gt = impl_->geoTransform;
    GDALDataset& ds = *impl_->warped;
    const double px0 =
        std::clamp((region.minX + c0 * dx - gt[0]) / gt[1], 0.0, 1.0 * ds.GetRasterXSize());
    const double px1 =
        std::clamp((region.minX + c1 * dx - gt[0]) / gt[1], 0.0, 1.0 * ds.GetRasterXSize());
    const double py0 =
        std::clamp((region.maxY - r0 * dy - gt[3]) / gt[5], 0.0, 1.0 * ds.GetRasterYSize());
    const double py1 =
        std::clamp((region.maxY - r1 * dy - gt[3]) / gt[5], 0.0, 1.0 * ds.GetRasterYSize());
    const int x0 = static_cast<int>(std::floor(px0)), y0 = static_cast<int>(std::floor(py0));
    const int xSize =
        std::max(1, std::min(ds.GetRasterXSize(), static_cast<int>(std::ceil(px1))) - x0);
    const int ySize =
        std::max(1, std::min(ds.GetRasterYSize(), static_cast<int>(std::ceil(py1))) - y0);
    const int bufW = c1 - c0, bufH = r1 - r0;

    GDALRasterIOExtraArg extra;
    INIT_RASTERIO_EXTRA_ARG(extra);
    extra.eResampleAlg = impl_->palette.empty() ? GRIORA_Bilinear : GRIORA_NearestNeighbour;
    extra.bFloatingPointWindowValidity = TRUE;
    extra.dfXOff = px0;
    extra.dfYOff = py0;
    extra.dfXSize = std::max(px1 - px0, 1e-6);
    extra.dfYSize = std::max(py1 - py0, 1e-6);

    std::uint8_t* corner = image.pixels.data() + (static_cast<std::size_t>(r0) * outWidth + c0) * 4;
    const GSpacing pixelSpace = 4, lineSpace = static_cast<GSpacing>(outWidth) * 4;
    auto readBand = [&](int band, GDALDataType type, void* buffer, GSpacing ps, GSpacing ls) {
        // Alpha is a coverage mask: interpolating it would fringe the chart edge.
        GDALRasterIOExtraArg args = extra;
        if (band == impl_->alphaBand) args.eResampleAlg = GRIORA_NearestNeighbour;
        CPLErrorReset();
        return ds.GetRasterBand(band)->RasterIO(GF_Read, x0, y0, xSize, ySize, buffer, bufW, bufH,
                                                type, ps, ls, &args) == CE_None;
    };
    auto failed = [&] {
        return makeError("cannot read " + path_ + ": " + detail::lastGdalError());
    };

    const auto& bands = impl_->dataBands;
    if (!impl_->palette.empty()) {
        std::vector<std::uint8_t> indices(static_cast<std::size_t>(bufW) * bufH);
        if (!readBand(bands[0], GDT_Byte, indices.data(), 1, bufW)) return failed();
        const auto& palette = impl_->palette;
        for (int r = 0; r < bufH; ++r) {
            for (int c = 0; c < bufW; ++c) {
                const std::size_t index = indices[static_cast<std::size_t>(r) * bufW + c];
                std::uint8_t* px = corner + r * lineSpace + c * pixelSpace;
                if (index >= palette.size()) continue;  // outside the palette: transparent
                const GDALColorEntry& e = palette[index];
                px[0] = static_cast<std::uint8_t>(e.c1);
                px[1] = static_cast<std::uint8_t>(e.c2);
                px[2] = static_cast<std::uint8_t>(e.c3);
                px[3] = static_cast<std::uint8_t>(e.c4);
            }
        }
    } else {
        for (std::size_t i = 0; i < 3; ++i) {
            const std::size_t bandIndex = std::min(i, bands.size() - 1);
            const BandStretch& s = impl_->stretch[bandIndex];
            if (s.identity) {
                if (!readBand(bands[bandIndex], GDT_Byte, corner + i, pixelSpace, lineSpace))
                    return failed();
                continue;
            }
            auto& values = impl_->scratch;
            values.resize(static_cast<std::size_t>(bufW) * bufH);
            if (!readBand(bands[bandIndex], GDT_Float32, values.data(), 4, 4 * bufW))
                return failed();
            for (int r = 0; r < bufH; ++r) {
                for (int c = 0; c < bufW; ++c) {
                    const double v =
                        (values[static_cast<std::size_t>(r) * bufW + c] - s.min) * s.scale;
                    corner[r * lineSpace + c * pixelSpace + static_cast<GSpacing>(i)] =
                        static_cast<std::uint8_t>(
                            std::clamp(std::isfinite(v) ? v : 0.0, 0.0, 255.0) + 0.5);
                }
            }
        }
    }
    // Coverage: the warper's alpha (nodata, outside the source footprint), combined with
    // any palette alpha already written.
    if (impl_->alphaBand) {
        std::vector<std::uint8_t> alpha(static_cast<std::size_t>(bufW) * bufH);
        if (!readBand(impl_->alphaBand, GDT_Byte, alpha.data(), 1, bufW)) return failed();
        for (int r = 0; r < bufH; ++r) {
            for (int c = 0; c < bufW; ++c) {
                std::uint8_t& a = corner[r * lineSpace + c * pixelSpace + 3];
                const unsigned coverage = alpha[static_cast<std::size_t>(r) * bufW + c];
                a = static_cast<std::uint8_t>(impl_->palette.empty() ? coverage
                                                                     : a * coverage / 255);
            }
        }
    } else if (impl_->palette.empty()) {
        for (int r = 0; r < bufH; ++r) {
            for (int c = 0; c < bufW; ++c) corner[r * lineSpace + c * pixelSpace + 3] = 255;
        }
    }
    return image;
}

geo::MercatorBox webMercatorTileBounds(int zoom, int tileX, int tileY) {
    const double tileM = 2.0 * geo::kMercatorHalfWorldM / std::ldexp(1.0, zoom);
    const double minX = -geo::kMercatorHalfWorldM + tileX * tileM;
    const double maxY = geo::kMercatorHalfWorldM - tileY * tileM;
    return {minX, maxY - tileM, minX + tileM, maxY};
}

Result<RgbaImage> RasterChart::readTile(int zoom, int tileX, int tileY) {
    if (zoom < 0 || zoom > 30 || tileX < 0 || tileY < 0 || tileX >= (1 << zoom) ||
        tileY >= (1 << zoom)) {
        return makeError(fmt::format("{}: no tile {}/{}/{}", path_, zoom, tileX, tileY));
    }
    return read(webMercatorTileBounds(zoom, tileX, tileY), kTileSize, kTileSize);
}

}  // namespace seawatch::charts
