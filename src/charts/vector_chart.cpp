// Any OGR vector source turned into columnar Web Mercator geometry per layer.
#include <cpl_string.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "gdal_support.hpp"
#include "seawatch/charts/chart.hpp"
#include "seawatch/common/resources.hpp"

namespace seawatch::charts {

namespace {

constexpr std::size_t kMaxWarnings = 100;
constexpr double kLatitudeSlackDeg = 1e-3;
constexpr float kNoValue = std::numeric_limits<float>::quiet_NaN();

// S-57 reading as a chart plotter does: updates (.001, .002...) applied, soundings kept
// as one 3D multipoint per feature (Z = depth), no primitive layers.
// ADD_SOUNDG_DEPTH is left off: GDAL refuses it unless SPLIT_MULTIPOINT is on.
const char* const kS57OpenOptions[] = {"UPDATES=APPLY",         "SPLIT_MULTIPOINT=OFF",
                                       "RETURN_PRIMITIVES=OFF", "RETURN_LINKAGES=OFF",
                                       "LNAM_REFS=ON",          nullptr};

bool isMetadataLayer(const std::string& name) {
    // S-57 data set metadata and the primitive layers some option sets expose.
    return name == "DSID" || name.starts_with("M_") || name == "IsolatedNode" ||
           name == "ConnectedNode" || name == "Edge" || name == "Face";
}

class OgrTransformDeleter {
  public:
    void operator()(OGRCoordinateTransformation* t) const {
        OGRCoordinateTransformation::DestroyCT(t);
    }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, OgrTransformDeleter>;

void grow(geo::MercatorBox& box, bool& empty, double x, double y) {
    if (empty) {
        box = {x, y, x, y};
        empty = false;
        return;
    }
    box.minX = std::min(box.minX, x);
    box.minY = std::min(box.minY, y);
    box.maxX = std::max(box.maxX, x);
    box.maxY = std::max(box.maxY, y);
}

// Appends one layer's features; geometry is first brought to WGS84 lon/lat (when the
// source is in another CRS), clamped to the Mercator latitude limit, then projected.
class LayerBuilder {
  public:
    LayerBuilder(VectorLayer& layer, OGRCoordinateTransformation* toWgs84)
        : layer_(layer), toWgs84_(toWgs84) {}

    enum class Outcome { Added, Empty, Degenerate, OutOfRange };

    // Appends all of a feature's geometry or, unless it is Added, none of it.
    Outcome add(const OGRGeometry& geometry, float polygonValue, float lineValue,
                const std::string& label) {
        if (geometry.IsEmpty()) return Outcome::Empty;
        pending_.clear();
        if (!collect(geometry)) return Outcome::OutOfRange;
        if (pending_.empty()) return Outcome::Degenerate;
        commit(polygonValue, lineValue, label);
        return Outcome::Added;
    }

    geo::MercatorBox bounds() const { return bounds_; }
    bool empty() const { return empty_; }

  private:
    struct Part {
        enum Kind { Shell, Hole, Line, Point } kind;
        std::vector<double> x, y;
        float z = kNoValue;
    };

    bool project(double lon, double lat, double& x, double& y) const {
        if (toWgs84_ && !toWgs84_->Transform(1, &lon, &lat)) return false;
        if (!std::isfinite(lon) || !std::isfinite(lat)) return false;
        // Real data overshoots the poles and the antimeridian by rounding, and some
        // sources use 0..360 longitudes; only coordinates that are not on Earth are refused.
        if (std::abs(lon) > 360.0 || std::abs(lat) > 90.0 + kLatitudeSlackDeg) return false;
        lat = std::clamp(lat, -geo::kMaxMercatorLat, geo::kMaxMercatorLat);
        const geo::Mercator m = geo::toMercator({lon, lat});
        x = m.x;
        y = m.y;
        return true;
    }

    bool addCurve(const OGRSimpleCurve& curve, Part::Kind kind) {
        Part part{kind, {}, {}};
        const int n = curve.getNumPoints();
        part.x.reserve(static_cast<std::size_t>(n));
        part.y.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            double x = 0, y = 0;
            if (!project(curve.getX(i), curve.getY(i), x, y)) return false;
            part.x.push_back(x);
            part.y.push_back(y);
        }
        if (kind == Part::Shell || kind == Part::Hole) {
            // Closed rings are stored without the repeated closing vertex.
            if (part.x.size() >= 2 && part.x.front() == part.x.back() &&
                part.y.front() == part.y.back()) {
                part.x.pop_back();
                part.y.pop_back();
            }
            if (part.x.size() < 3) return true;  // degenerate: dropped, not an error here
        } else if (part.x.size() < 2) {
            return true;  // a one-vertex line draws nothing; not an error
        }
        pending_.push_back(std::move(part));
        return true;
    }

    bool addPolygon(const OGRPolygon& polygon) {
        const OGRLinearRing* shell = polygon.getExteriorRing();
        if (!shell || shell->IsEmpty()) return true;
        const std::size_t before = pending_.size();
        if (!addCurve(*shell, Part::Shell)) return false;
        if (pending_.size() == before) return true;
        for (int i = 0; i < polygon.getNumInteriorRings(); ++i) {
            if (!addCurve(*polygon.getInteriorRing(i), Part::Hole)) return false;
        }
        return true;
    }

    bool collect(const OGRGeometry& geometry) {
        if (geometry.IsEmpty()) return true;
        switch (wkbFlatten(geometry.getGeometryType())) {
            case wkbPoint: {
                const auto& p = *geometry.toPoint();
                Part part{Part::Point, {0.0}, {0.0}};
                if (!project(p.getX(), p.getY(), part.x[0], part.y[0])) return false;
                if (p.Is3D()) part.z = static_cast<float>(p.getZ());
                pending_.push_back(std::move(part));
                return true;
            }
            case wkbLineString:
                return addCurve(*geometry.toLineString(), Part::Line);
            case wkbLinearRing:
                return addCurve(*geometry.toSimpleCurve(), Part::Line);
            case wkbPolygon:
                return addPolygon(*geometry.toPolygon());
            case wkbMultiPoint:
            case wkbMultiLineString:
            case wkbMultiPolygon:
            case wkbGeometryCollection: {
                for (const OGRGeometry* child : *geometry.toGeometryCollection()) {
                    if (child && !collect(*child)) return false;
                }
                return true;
            }
            default: {
                // Curves, surfaces, TINs...: draw their straight-segment approximation.
                std::unique_ptr<OGRGeometry> linear(geometry.getLinearGeometry());
                if (!linear || wkbFlatten(linear->getGeometryType()) ==
                                   wkbFlatten(geometry.getGeometryType())) {
                    return false;
                }
                return collect(*linear);
            }
        }
    }

    void commit(float polygonValue, float lineValue, const std::string& label) {
        for (const Part& part : pending_) {
            for (std::size_t i = 0; i < part.x.size(); ++i)
                grow(bounds_, empty_, part.x[i], part.y[i]);
            switch (part.kind) {
                case Part::Shell:
                    closeOpenPolygon();
                    layer_.polygonValue.push_back(polygonValue);
                    appendRing(part);
                    break;
                case Part::Hole:
                    appendRing(part);
                    break;
                case Part::Line:
                    layer_.lineX.insert(layer_.lineX.end(), part.x.begin(), part.x.end());
                    layer_.lineY.insert(layer_.lineY.end(), part.y.begin(), part.y.end());
                    layer_.lineVertexStart.push_back(
                        static_cast<std::uint32_t>(layer_.lineX.size()));
                    layer_.lineValue.push_back(lineValue);
                    break;
                case Part::Point:
                    layer_.pointX.push_back(part.x[0]);
                    layer_.pointY.push_back(part.y[0]);
                    layer_.pointValue.push_back(part.z);
                    layer_.pointLabel.push_back(label);
                    break;
            }
        }
        closeOpenPolygon();
    }

    void appendRing(const Part& part) {
        layer_.ringX.insert(layer_.ringX.end(), part.x.begin(), part.x.end());
        layer_.ringY.insert(layer_.ringY.end(), part.y.begin(), part.y.end());
        layer_.ringVertexStart.push_back(static_cast<std::uint32_t>(layer_.ringX.size()));
    }

    // A polygon's extent in polygonRingStart is known only when the next shell (or the
    // end of the feature) arrives; this records it.
    void closeOpenPolygon() {
        if (layer_.ringCount() > layer_.polygonRingStart.back()) {
            layer_.polygonRingStart.push_back(static_cast<std::uint32_t>(layer_.ringCount()));
        }
    }

    VectorLayer& layer_;
    OGRCoordinateTransformation* toWgs84_;
    std::vector<Part> pending_;  // the feature being added, committed only when all valid
    geo::MercatorBox bounds_;
    bool empty_ = true;
};

std::optional<double> numericField(OGRFeature& feature, const char* name) {
    const int index = feature.GetFieldIndex(name);
    if (index < 0 || !feature.IsFieldSetAndNotNull(index)) return std::nullopt;
    return feature.GetFieldAsDouble(index);
}

std::string textField(OGRFeature& feature, const char* name) {
    const int index = feature.GetFieldIndex(name);
    if (index < 0 || !feature.IsFieldSetAndNotNull(index)) return {};
    return feature.GetFieldAsString(index);
}

struct LoadContext {
    const std::string& path;
    VectorChart& chart;
    // A feature that was skipped.
    void warn(std::string message) {
        ++chart.skippedFeatures;
        note(std::move(message));
    }
    // Anything else worth telling the user (a layer cut short, a layer skipped).
    void note(std::string message) {
        if (chart.warnings.size() < kMaxWarnings) chart.warnings.push_back(std::move(message));
    }
};

// Reads one OGR layer; false when it has no usable geometry at all.
bool readLayer(OGRLayer& ogrLayer, LoadContext& context, VectorLayer& out) {
    out.name = ogrLayer.GetName();
    out.featureClass = classifyLayer(out.name);
    out.style = defaultStyle(out.featureClass);

    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    TransformPtr toWgs84;
    if (const OGRSpatialReference* source = ogrLayer.GetSpatialRef();
        source && !source->IsSame(&wgs84)) {
        OGRSpatialReference sourceTraditional(*source);
        sourceTraditional.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        toWgs84.reset(OGRCreateCoordinateTransformation(&sourceTraditional, &wgs84));
        if (!toWgs84) {
            context.note(context.path + ": layer " + out.name +
                         ": no transformation from its coordinate system to WGS84 (" +
                         detail::lastGdalError() + "); layer skipped");
            return false;
        }
    }
    // Without a coordinate system (TopoJSON, bare GeoJSON) coordinates are taken as WGS84.

    const bool depthArea = out.featureClass == FeatureClass::DepthArea;
    const bool depthContour = out.featureClass == FeatureClass::DepthContour;
    LayerBuilder builder(out, toWgs84.get());
    ogrLayer.ResetReading();
    CPLErrorReset();
    std::size_t featuresRead = 0;
    for (auto& feature : ogrLayer) {
        ++featuresRead;
        const OGRGeometry* geometry = feature->GetGeometryRef();
        if (!geometry) continue;  // attribute-only features are not drawn, and not errors
        const float polygonValue =
            depthArea ? static_cast<float>(numericField(*feature, "DRVAL1").value_or(kNoValue))
                      : kNoValue;
        const float lineValue =
            depthContour ? static_cast<float>(numericField(*feature, "VALDCO").value_or(kNoValue))
                         : kNoValue;
        std::string label = textField(*feature, "OBJNAM");
        if (label.empty()) label = textField(*feature, "name");
        using Outcome = LayerBuilder::Outcome;
        const Outcome outcome = builder.add(*geometry, polygonValue, lineValue, label);
        if (outcome == Outcome::Added) {
            ++out.featureCount;
        } else if (outcome != Outcome::Empty) {
            context.warn(fmt::format(
                "{}: layer {}, feature {}: {}; skipped", context.path, out.name, feature->GetFID(),
                outcome == Outcome::OutOfRange
                    ? "coordinates outside WGS84 range or not transformable"
                    : "degenerate geometry (a ring of under 3 or a line of under 2 vertices)"));
        }
    }
    // OGR ends the iteration early, with an error, on a record it cannot decode.
    if (CPLGetLastErrorType() == CE_Failure) {
        context.note(fmt::format("{}: layer {}: reading stopped after {} features: {}",
                                 context.path, out.name, featuresRead, detail::lastGdalError()));
    }
    if (builder.empty()) return false;
    out.bounds = builder.bounds();
    return true;
}

}  // namespace

Result<VectorChart> loadVectorChart(const std::string& path) {
    initGdal();
    const char* const* openOptions = nullptr;
    if (GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
        driver && EQUAL(GDALGetDriverShortName(driver), "S57")) {
        openOptions = kS57OpenOptions;
    }
    auto opened = detail::openDataset(path, GDAL_OF_VECTOR, openOptions);
    if (!opened) {
        if (GDALIdentifyDriverEx(path.c_str(), GDAL_OF_RASTER, nullptr, nullptr)) {
            return makeError("not a vector chart: " + path + " (GDAL reads it as a raster)");
        }
        return makeError(opened.error());
    }
    GDALDataset& dataset = **opened;

    VectorChart chart;
    chart.path = path;
    chart.driver = dataset.GetDriver() ? dataset.GetDriver()->GetDescription() : "";
    LoadContext context{path, chart};
    bool anyLayer = false;
    for (OGRLayer* ogrLayer : dataset.GetLayers()) {
        if (!ogrLayer || ogrLayer->GetGeomType() == wkbNone) continue;
        const std::string name = ogrLayer->GetName();
        if (chart.driver == "S57" && isMetadataLayer(name)) continue;
        VectorLayer layer;
        if (!readLayer(*ogrLayer, context, layer)) continue;
        if (!anyLayer) {
            chart.bounds = layer.bounds;
            anyLayer = true;
        } else {
            chart.bounds.minX = std::min(chart.bounds.minX, layer.bounds.minX);
            chart.bounds.minY = std::min(chart.bounds.minY, layer.bounds.minY);
            chart.bounds.maxX = std::max(chart.bounds.maxX, layer.bounds.maxX);
            chart.bounds.maxY = std::max(chart.bounds.maxY, layer.bounds.maxY);
        }
        chart.layers.push_back(std::move(layer));
    }
    if (!anyLayer) {
        std::string message = "no layers with geometry: " + path;
        if (!chart.warnings.empty()) message += " (" + chart.warnings.front() + ")";
        return makeError(std::move(message));
    }
    return chart;
}

Result<VectorChart> loadBasemap() {
    auto chart = loadVectorChart(resourcePath("data/basemap/natural_earth.gpkg").string());
    if (!chart) return makeError("basemap: " + chart.error());
    auto& layers = chart->layers;
    // The countries layer repeats the land and coast; borders come from `boundaries`.
    std::erase_if(layers, [](const VectorLayer& l) { return l.name == "countries"; });
    return chart;
}

}  // namespace seawatch::charts
