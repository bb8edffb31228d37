// RasterChart::read: one Web Mercator window of the warped chart into RGBA. GDAL picks
// overviews itself when the output is smaller than the window.
#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <optional>

#include "raster_chart_impl.hpp"
#include "seawatch/common/gdal_init.hpp"

namespace seawatch::charts {

namespace {

constexpr int kMaxReadDimension = 16384;
constexpr int kTileSize = 256;
constexpr GSpacing kRgbaPixelSpace = 4;

// The output pixels a read covers (those whose centres fall on the chart) and the
// source window behind them, in warped-raster pixels.
struct Placement {
    int col = 0, row = 0, cols = 0, rows = 0;
    int srcX = 0, srcY = 0, srcCols = 0, srcRows = 0;  // integer window holding the exact one
    double exactX = 0, exactY = 0, exactCols = 0, exactRows = 0;
};

std::optional<Placement> place(const geo::MercatorBox& region, int outWidth, int outHeight,
                               const std::array<double, 6>& gt, int rasterWidth, int rasterHeight) {
    const double chartMinX = gt[0], chartMaxY = gt[3];
    const double chartMaxX = gt[0] + gt[1] * rasterWidth;
    const double chartMinY = gt[3] + gt[5] * rasterHeight;
    const double dx = region.width() / outWidth, dy = region.height() / outHeight;
    const int c0 = std::max(0, static_cast<int>(std::ceil((chartMinX - region.minX) / dx - 0.5)));
    const int c1 =
        std::min(outWidth, static_cast<int>(std::floor((chartMaxX - region.minX) / dx - 0.5)) + 1);
    const int r0 = std::max(0, static_cast<int>(std::ceil((region.maxY - chartMaxY) / dy - 0.5)));
    const int r1 =
        std::min(outHeight, static_cast<int>(std::floor((region.maxY - chartMinY) / dy - 0.5)) + 1);
    if (c0 >= c1 || r0 >= r1) return std::nullopt;

    // Edge pixels may reach up to half an output pixel past the chart: clamp the window.
    const auto sourceX = [&](int col) {
        return std::clamp((region.minX + col * dx - gt[0]) / gt[1], 0.0, 1.0 * rasterWidth);
    };
    const auto sourceY = [&](int row) {
        return std::clamp((region.maxY - row * dy - gt[3]) / gt[5], 0.0, 1.0 * rasterHeight);
    };
    Placement p;
    p.col = c0;
    p.row = r0;
    p.cols = c1 - c0;
    p.rows = r1 - r0;
    p.exactX = sourceX(c0);
    p.exactY = sourceY(r0);
    p.exactCols = std::max(sourceX(c1) - p.exactX, 1e-6);
    p.exactRows = std::max(sourceY(r1) - p.exactY, 1e-6);
    p.srcX = std::min(rasterWidth - 1, static_cast<int>(std::floor(p.exactX)));
    p.srcY = std::min(rasterHeight - 1, static_cast<int>(std::floor(p.exactY)));
    p.srcCols = std::clamp(static_cast<int>(std::ceil(p.exactX + p.exactCols)) - p.srcX, 1,
                           rasterWidth - p.srcX);
    p.srcRows = std::clamp(static_cast<int>(std::ceil(p.exactY + p.exactRows)) - p.srcY, 1,
                           rasterHeight - p.srcY);
    return p;
}

// Writes into the covered block of an RGBA image: `corner` is its first pixel.
struct Target {
    std::uint8_t* corner;
    GSpacing lineSpace;
    std::uint8_t* at(int row, int col) const {
        return corner + row * lineSpace + col * kRgbaPixelSpace;
    }
};

class WindowReader {
  public:
    WindowReader(RasterChartState& chart, const Placement& placement, const std::string& path)
        : chart_(chart), p_(placement), path_(path) {
        INIT_RASTERIO_EXTRA_ARG(extra_);
        // Palette indices must not be blended; continuous data reads smoother bilinear.
        extra_.eResampleAlg = chart.palette.empty() ? GRIORA_Bilinear : GRIORA_NearestNeighbour;
        extra_.bFloatingPointWindowValidity = TRUE;
        extra_.dfXOff = p_.exactX;
        extra_.dfYOff = p_.exactY;
        extra_.dfXSize = p_.exactCols;
        extra_.dfYSize = p_.exactRows;
    }

    Status readColour(const Target& out) {
        if (!chart_.palette.empty()) return readPalette(out);
        const auto& bands = chart_.dataBands;
        for (std::size_t channel = 0; channel < 3; ++channel) {
            const std::size_t band = std::min(channel, bands.size() - 1);  // grey: r = g = b
            const BandStretch& stretch = chart_.stretch[band];
            Status status = stretch.identity ? readBand(bands[band], GDT_Byte, out.corner + channel,
                                                        kRgbaPixelSpace, out.lineSpace)
                                             : readStretched(bands[band], stretch, out, channel);
            if (!status) return status;
        }
        return {};
    }

    // Coverage from the warper's alpha band (nodata, outside the source footprint),
    // multiplied into any alpha the palette gave.
    Status readCoverage(const Target& out) {
        if (!chart_.alphaBand) {
            if (chart_.palette.empty())
                forEachPixel(out, [](std::uint8_t* px, std::size_t) { px[3] = 255; });
            return {};
        }
        std::vector<std::uint8_t> alpha(pixelCount());
        if (Status s = readBand(chart_.alphaBand, GDT_Byte, alpha.data(), 1, p_.cols); !s) return s;
        const bool multiply = !chart_.palette.empty();
        forEachPixel(out, [&](std::uint8_t* px, std::size_t i) {
            px[3] =
                multiply ? static_cast<std::uint8_t>(px[3] * unsigned{alpha[i]} / 255) : alpha[i];
        });
        return {};
    }

  private:
    std::size_t pixelCount() const { return static_cast<std::size_t>(p_.cols) * p_.rows; }

    template <typename F>
    void forEachPixel(const Target& out, F&& f) const {
        for (int r = 0; r < p_.rows; ++r) {
            for (int c = 0; c < p_.cols; ++c)
                f(out.at(r, c), static_cast<std::size_t>(r) * p_.cols + c);
        }
    }

    Status readBand(int band, GDALDataType type, void* buffer, GSpacing pixelSpace,
                    GSpacing lineSpace) {
        GDALRasterIOExtraArg args = extra_;
        // Alpha is a coverage mask: interpolating it would fringe the chart's edge.
        if (band == chart_.alphaBand) args.eResampleAlg = GRIORA_NearestNeighbour;
        CPLErrorReset();
        // A truncated or corrupt file fails here: GDAL's own message goes to the log with the
        // file name, and the caller gets the error.
        GdalFileScope scope(path_);
        const CPLErr err = chart_.warped->GetRasterBand(band)->RasterIO(
            GF_Read, p_.srcX, p_.srcY, p_.srcCols, p_.srcRows, buffer, p_.cols, p_.rows, type,
            pixelSpace, lineSpace, &args);
        if (err != CE_None)
            return makeError("cannot read " + path_ + ": " + detail::lastGdalError());
        return {};
    }

    Status readPalette(const Target& out) {
        std::vector<std::uint8_t> indices(pixelCount());
        if (Status s = readBand(chart_.dataBands[0], GDT_Byte, indices.data(), 1, p_.cols); !s)
            return s;
        const auto& palette = chart_.palette;
        forEachPixel(out, [&](std::uint8_t* px, std::size_t i) {
            if (indices[i] >= palette.size()) return;  // not in the palette: transparent
            const GDALColorEntry& e = palette[indices[i]];
            px[0] = static_cast<std::uint8_t>(e.c1);
            px[1] = static_cast<std::uint8_t>(e.c2);
            px[2] = static_cast<std::uint8_t>(e.c3);
            px[3] = static_cast<std::uint8_t>(e.c4);
        });
        return {};
    }

    Status readStretched(int band, const BandStretch& stretch, const Target& out,
                         std::size_t channel) {
        auto& values = chart_.scratch;
        values.resize(pixelCount());
        if (Status s = readBand(band, GDT_Float32, values.data(), sizeof(float),
                                static_cast<GSpacing>(sizeof(float)) * p_.cols);
            !s) {
            return s;
        }
        forEachPixel(out, [&](std::uint8_t* px, std::size_t i) {
            const double v = (values[i] - stretch.min) * stretch.scale;
            px[channel] =
                static_cast<std::uint8_t>(std::clamp(std::isfinite(v) ? v : 0.0, 0.0, 255.0) + 0.5);
        });
        return {};
    }

    RasterChartState& chart_;
    const Placement& p_;
    const std::string& path_;
    GDALRasterIOExtraArg extra_;
};

}  // namespace

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

    const auto placement = place(region, outWidth, outHeight, impl_->geoTransform,
                                 impl_->warped->GetRasterXSize(), impl_->warped->GetRasterYSize());
    if (!placement) return image;  // nothing of the chart in view: all transparent
    const GSpacing lineSpace = static_cast<GSpacing>(outWidth) * kRgbaPixelSpace;
    const Target target{
        image.pixels.data() + placement->row * lineSpace + placement->col * kRgbaPixelSpace,
        lineSpace};
    WindowReader reader(*impl_, *placement, path_);
    if (Status s = reader.readColour(target); !s) return makeError(s.error());
    if (Status s = reader.readCoverage(target); !s) return makeError(s.error());
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

int RasterChart::nativeZoom() const {
    const double worldPixelsAtZ0 = 2.0 * geo::kMercatorHalfWorldM / kTileSize;
    const double z = std::log2(worldPixelsAtZ0 / nativeResolutionM());
    return std::clamp(static_cast<int>(std::ceil(z - 1e-9)), 0, 24);
}

}  // namespace seawatch::charts
