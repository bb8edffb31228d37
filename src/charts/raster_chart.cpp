// Opening raster charts: any GDAL raster, warped on the fly to Web Mercator by an
// in-memory warped VRT (gdalwarp -of VRT); raster_read.cpp reads windows of it.
#include <gdal_utils.h>
#include <gdalwarper.h>
#include <ogr_spatialref.h>

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <optional>
#include <system_error>

#include "overview_cache.hpp"
#include "raster_chart_impl.hpp"
#include "seawatch/charts/chart.hpp"

namespace seawatch::charts {

namespace {

struct WarpOptionsDeleter {
    void operator()(GDALWarpAppOptions* o) const { GDALWarpAppOptionsFree(o); }
};

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

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    if (from.empty() || from == to) return text;
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

std::string srsName(const OGRSpatialReference* srs) {
    if (!srs) return "?";
    const char* authority = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    if (authority && code) return std::string(authority) + ":" + code;
    OGRSpatialReference identified(*srs);
    if (identified.AutoIdentifyEPSG() == OGRERR_NONE) {
        if (const char* epsg = identified.GetAuthorityCode(nullptr))
            return std::string("EPSG:") + epsg;
    }
    const char* name = srs->GetName();
    if (name && *name && std::string_view(name) != "unknown") return name;
    return srs->IsGeographic() ? "unnamed geographic CRS" : "unnamed projected CRS";
}

bool isPaletted(GDALDataset& ds) {
    GDALRasterBand& first = *ds.GetRasterBand(1);
    return first.GetColorTable() && first.GetColorInterpretation() == GCI_PaletteIndex;
}

// A lon/lat raster reaching past Web Mercator's latitude limit (a whole-world image) makes
// GDAL's suggested output absurd (the poles are at infinity). For those, the target
// extent is clamped to +-85.05 deg and the resolution taken from the source at the equator.
std::optional<std::array<double, 5>> clampedPolarExtent(GDALDataset& ds,
                                                        detail::Georeferencing georef,
                                                        const std::string& assumedSrs) {
    if (georef != detail::Georeferencing::GeoTransform) return std::nullopt;
    const OGRSpatialReference* srs = ds.GetSpatialRef();
    const bool geographic = srs ? srs->IsGeographic() : assumedSrs == "EPSG:4326";
    double gt[6];
    if (!geographic || ds.GetGeoTransform(gt) != CE_None || gt[2] != 0.0 || gt[4] != 0.0) {
        return std::nullopt;
    }
    const double north = std::max(gt[3], gt[3] + gt[5] * ds.GetRasterYSize());
    const double south = std::min(gt[3], gt[3] + gt[5] * ds.GetRasterYSize());
    if (north <= geo::kMaxMercatorLat && south >= -geo::kMaxMercatorLat) return std::nullopt;
    const double west = std::min(gt[0], gt[0] + gt[1] * ds.GetRasterXSize());
    const double east = std::max(gt[0], gt[0] + gt[1] * ds.GetRasterXSize());
    const geo::MercatorBox box = geo::toMercatorBox({west, std::max(south, -geo::kMaxMercatorLat),
                                                     east, std::min(north, geo::kMaxMercatorLat)});
    const double resolution = std::abs(gt[1]) * geo::kDegToRad * geo::kWebMercatorRadiusM;
    return std::array<double, 5>{box.minX, box.minY, box.maxX, box.maxY, resolution};
}

// gdalwarp -of VRT -t_srs EPSG:3857 -dstalpha: nothing is warped until it is read. The
// alpha band marks nodata and the area outside the source footprint.
Result<detail::DatasetPtr> warpToWebMercator(GDALDataset& source, detail::Georeferencing georef,
                                             const std::string& assumedSrs,
                                             const std::string& path) {
    CPLStringList args;
    for (const char* a : {"-of", "VRT", "-t_srs", "EPSG:3857", "-dstalpha", "-r"}) {
        args.AddString(a);
    }
    // Palette indices must not be interpolated; continuous data looks smoother bilinear.
    args.AddString(isPaletted(source) ? "near" : "bilinear");
    if (!assumedSrs.empty()) {
        args.AddString("-s_srs");
        args.AddString(assumedSrs.c_str());
    }
    if (georef == detail::Georeferencing::RationalPolynomials) args.AddString("-rpc");
    if (const auto clamp = clampedPolarExtent(source, georef, assumedSrs)) {
        args.AddString("-te");
        for (int i = 0; i < 4; ++i) args.AddString(fmt::format("{:.6f}", (*clamp)[i]).c_str());
        args.AddString("-tr");
        args.AddString(fmt::format("{:.6f}", (*clamp)[4]).c_str());
        args.AddString(fmt::format("{:.6f}", (*clamp)[4]).c_str());
    }
    std::unique_ptr<GDALWarpAppOptions, WarpOptionsDeleter> options(
        GDALWarpAppOptionsNew(args.List(), nullptr));
    if (!options) return makeError("cannot warp " + path + ": " + detail::lastGdalError());
    GDALDatasetH sourceHandle = GDALDataset::ToHandle(&source);
    int usageError = 0;
    CPLErrorReset();
    detail::DatasetPtr warped(GDALDataset::FromHandle(
        GDALWarp("", nullptr, 1, &sourceHandle, options.get(), &usageError)));
    if (!warped) {
        return makeError("cannot reproject " + path +
                         " to Web Mercator: " + detail::lastGdalError());
    }
    return warped;
}

// Which warped bands hold colour, alpha or palette indices, and how non-Byte data is
// stretched to 0..255.
Status assignBands(RasterChartState& chart, const std::string& path) {
    GDALDataset& warped = *chart.warped;
    for (int b = 1; b <= warped.GetRasterCount(); ++b) {
        if (warped.GetRasterBand(b)->GetColorInterpretation() == GCI_AlphaBand) {
            chart.alphaBand = b;
        } else if (chart.dataBands.size() < 3) {
            chart.dataBands.push_back(b);
        }
    }
    if (chart.dataBands.empty()) return makeError("no colour bands in " + path);
    // Two data bands (grey plus something that is not alpha) read as grey.
    if (chart.dataBands.size() == 2) chart.dataBands.resize(1);

    GDALDataset& source = *chart.source;
    if (isPaletted(source) && chart.dataBands.size() == 1) {
        const GDALColorTable& colours = *source.GetRasterBand(1)->GetColorTable();
        for (int i = 0; i < colours.GetColorEntryCount(); ++i) {
            GDALColorEntry entry{};
            colours.GetColorEntryAsRGB(i, &entry);
            chart.palette.push_back(entry);
        }
    }
    for (int b : chart.dataBands) {
        BandStretch stretch;
        if (chart.palette.empty() && warped.GetRasterBand(b)->GetRasterDataType() != GDT_Byte) {
            // Min/max of the source band (approximate: from overviews or a sample), without
            // writing statistics into an .aux.xml beside the user's file.
            double minMax[2] = {0, 0};
            GDALRasterBand& sourceBand =
                *source.GetRasterBand(std::min(b, source.GetRasterCount()));
            if (sourceBand.ComputeRasterMinMax(TRUE, minMax) != CE_None) {
                return makeError("cannot compute the value range of " + path + ": " +
                                 detail::lastGdalError());
            }
            stretch.identity = false;
            stretch.min = minMax[0];
            stretch.scale = minMax[1] > minMax[0] ? 255.0 / (minMax[1] - minMax[0]) : 0.0;
        }
        chart.stretch.push_back(stretch);
    }
    return {};
}

struct DescriptionParts {
    std::string driver;
    detail::Georeferencing georef;
    std::string srsNote;
    std::string overviewNote;
};

std::string describe(const RasterChartState& chart, const DescriptionParts& parts) {
    GDALDataset& src = *chart.source;
    GDALDataset& warped = *chart.warped;
    const bool byGcps = parts.georef == detail::Georeferencing::GroundControlPoints;
    const std::string srs = !parts.srsNote.empty()
                                ? parts.srsNote
                                : srsName(byGcps ? src.GetGCPSpatialRef() : src.GetSpatialRef());
    return fmt::format(
        "{} {}x{}, {} band{} ({}{}), georeferenced by {} ({}), {}, shown as {} {}x{} at "
        "{:.1f} m/px",
        parts.driver, src.GetRasterXSize(), src.GetRasterYSize(), src.GetRasterCount(),
        src.GetRasterCount() == 1 ? "" : "s",
        GDALGetDataTypeName(src.GetRasterBand(1)->GetRasterDataType()),
        chart.palette.empty() ? "" : ", paletted", detail::georeferencingName(parts.georef), srs,
        parts.overviewNote, srsName(warped.GetSpatialRef()), warped.GetRasterXSize(),
        warped.GetRasterYSize(), chart.geoTransform[1]);
}

}  // namespace

RasterChart::~RasterChart() = default;

Result<std::unique_ptr<RasterChart>> RasterChart::open(const std::string& path) {
    // Absolute, so a cached overview VRT in another folder can still find the chart.
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    auto opened = detail::openDataset(ec ? path : absolute.string(), GDAL_OF_RASTER);
    if (!opened) return makeError(replaceAll(opened.error(), absolute.string(), path));
    if ((*opened)->GetRasterCount() == 0) return makeError("not a raster: " + path);
    auto georef = detail::rasterGeoreferencing(**opened, path);
    if (!georef) return makeError(georef.error());

    DescriptionParts parts{
        (*opened)->GetDriver() ? (*opened)->GetDriver()->GetDescription() : "?", *georef, {}, {}};
    auto impl = std::make_unique<Impl>();
    impl->source = detail::withOverviews(std::move(*opened), path, parts.overviewNote);
    const std::string assumedSrs = sourceSrsWkt(*impl->source, *georef, parts.srsNote);
    auto warped = warpToWebMercator(*impl->source, *georef, assumedSrs, path);
    if (!warped) return makeError(warped.error());
    impl->warped = std::move(*warped);
    if (impl->warped->GetGeoTransform(impl->geoTransform.data()) != CE_None ||
        impl->geoTransform[1] <= 0 || impl->geoTransform[5] >= 0) {
        return makeError("cannot reproject " + path + ": warped raster has no north-up grid");
    }
    if (Status s = assignBands(*impl, path); !s) return makeError(s.error());
    impl->description = describe(*impl, parts);

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

}  // namespace seawatch::charts
