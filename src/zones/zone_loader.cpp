#include "seawatch/zones/zone_loader.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <memory>

#include "seawatch/common/gdal_init.hpp"
#include "seawatch/time/plausible.hpp"

namespace seawatch::zones {
namespace {

void registerDrivers() { initGdal(); }

std::string fieldString(OGRFeature& feature, const char* name) {
    const int idx = feature.GetFieldIndex(name);
    if (idx < 0 || !feature.IsFieldSetAndNotNull(idx)) return {};
    return feature.GetFieldAsString(idx);
}

// Validity dates arrive as strings (GeoJSON) or as typed DATETIME columns (GeoPackage).
Result<std::optional<time::UnixMillis>> fieldTime(OGRFeature& feature, const char* name) {
    const int idx = feature.GetFieldIndex(name);
    if (idx < 0 || !feature.IsFieldSetAndNotNull(idx)) return std::optional<time::UnixMillis>{};
    const OGRFieldType type = feature.GetFieldDefnRef(idx)->GetType();
    if (type == OFTDate || type == OFTDateTime) {
        int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
        float s = 0.0F;
        feature.GetFieldAsDateTime(idx, &y, &mo, &d, &h, &mi, &s, &tz);
        time::CivilTime civil{y, mo, d, h, mi, static_cast<int>(s), 0};
        time::UnixMillis t = time::fromCivil(civil);
        // OGR keeps "2009-02-30" as typed; fromCivil would quietly make it 2 March.
        const time::CivilTime back = time::toCivil(t);
        if (mo < 1 || mo > 12 || back.year != y || back.month != mo || back.day != d)
            return makeError(fmt::format("{} {:04}-{:02}-{:02} is not a date", name, y, mo, d));
        // OGR's TZFlag: 100 = UTC, each step of 1 is 15 minutes east of it.
        if (tz > 1) t -= static_cast<time::UnixMillis>(tz - 100) * 15 * time::kMillisPerMinute;
        return std::optional<time::UnixMillis>{t};
    }
    const std::string text = feature.GetFieldAsString(idx);
    if (text.empty()) return std::optional<time::UnixMillis>{};
    auto t = time::parseIso8601(text);
    if (!t) return makeError(fmt::format("{} '{}' is not an ISO 8601 UTC time", name, text));
    return std::optional<time::UnixMillis>{*t};
}

Result<std::optional<time::UnixMillis>> plausibleFieldTime(OGRFeature& feature, const char* name) {
    auto t = fieldTime(feature, name);
    if (t && *t && !time::PlausibleYears{}.contains(**t)) {
        return makeError(fmt::format("{} {} is outside the years {}", name,
                                     time::formatIso8601(**t), time::PlausibleYears{}.describe()));
    }
    return t;
}

// Areas (sectors, risk and reporting areas, exclusions, anchorages) must be polygons that
// enclose something: a Point or a bow-tie would make "inside" meaningless.
bool needsArea(ZoneKind kind) {
    return kind == ZoneKind::PatrolSector || kind == ZoneKind::RiskArea ||
           kind == ZoneKind::ReportingArea || kind == ZoneKind::Exclusion ||
           kind == ZoneKind::Anchorage;
}

Status checkArea(const OGRGeometry& geometry, ZoneKind kind) {
    const auto type = wkbFlatten(geometry.getGeometryType());
    const bool polygonal = type == wkbPolygon || type == wkbMultiPolygon;
    if (!polygonal) {
        if (needsArea(kind))
            return makeError(fmt::format("a {} must be a Polygon, not a {}", zoneKindName(kind),
                                         geometry.getGeometryName()));
        return {};
    }
    const double area = type == wkbPolygon ? geometry.toPolygon()->get_Area()
                                           : geometry.toMultiPolygon()->get_Area();
    if (!(area > 0.0)) return makeError("polygon with zero area");
    // GEOS explains the invalidity as a GDAL notice; our message says it for this feature.
    GdalFileScope quiet("zone validity check");
    quiet.setQuiet(true);
    if (!geometry.IsValid()) {
        return makeError(
            "invalid polygon (self-intersecting, or a hole outside its ring); fix it in QGIS "
            "with Vector > Geometry Tools > Check Validity");
    }
    return {};
}

Ring readRing(const OGRLinearRing& ring) {
    Ring out;
    const int n = ring.getNumPoints();
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) out.push_back({ring.getX(i), ring.getY(i)});
    // GeoJSON rings repeat the first vertex; the model closes rings implicitly.
    if (out.size() > 1 && out.front().lon == out.back().lon && out.front().lat == out.back().lat)
        out.pop_back();
    return out;
}

Status readPolygon(const OGRPolygon& polygon, Zone& zone) {
    const OGRLinearRing* outer = polygon.getExteriorRing();
    if (!outer || outer->getNumPoints() < 4) return makeError("polygon with fewer than 3 vertices");
    Polygon poly;
    poly.outer = readRing(*outer);
    for (int i = 0; i < polygon.getNumInteriorRings(); ++i)
        poly.holes.push_back(readRing(*polygon.getInteriorRing(i)));
    zone.polygons.push_back(std::move(poly));
    return {};
}

Status readGeometry(const OGRGeometry& geometry, Zone& zone) {
    switch (wkbFlatten(geometry.getGeometryType())) {
        case wkbPolygon:
            zone.geometry = GeometryType::Polygon;
            return readPolygon(*geometry.toPolygon(), zone);
        case wkbMultiPolygon:
            zone.geometry = GeometryType::Polygon;
            for (const OGRPolygon* part : *geometry.toMultiPolygon()) {
                if (auto st = readPolygon(*part, zone); !st) return st;
            }
            return {};
        case wkbLineString: {
            zone.geometry = GeometryType::Line;
            const OGRLineString& line = *geometry.toLineString();
            for (int i = 0; i < line.getNumPoints(); ++i)
                zone.line.push_back({line.getX(i), line.getY(i)});
            if (zone.line.size() < 2) return makeError("line with fewer than 2 vertices");
            return {};
        }
        case wkbPoint: {
            zone.geometry = GeometryType::Point;
            const OGRPoint& point = *geometry.toPoint();
            zone.line.push_back({point.getX(), point.getY()});
            return {};
        }
        default:
            return makeError(
                fmt::format("unsupported geometry type {}", geometry.getGeometryName()));
    }
}

Status readFeature(OGRFeature& feature, OGRCoordinateTransformation* toWgs84, Zone& zone) {
    zone.name = fieldString(feature, "name");
    if (zone.name.empty()) return makeError("missing 'name'");
    const std::string kindText = fieldString(feature, "kind");
    const auto kind = parseZoneKind(kindText);
    if (!kind) return makeError(fmt::format("unknown kind '{}'", kindText));
    zone.kind = *kind;
    zone.owner = fieldString(feature, "owner");
    auto from = plausibleFieldTime(feature, "valid_from");
    if (!from) return makeError(from.error());
    auto to = plausibleFieldTime(feature, "valid_to");
    if (!to) return makeError(to.error());
    zone.validFrom = *from;
    zone.validTo = *to;
    if (zone.validFrom && zone.validTo && *zone.validTo <= *zone.validFrom)
        return makeError("valid_to is not after valid_from");
    const std::string dirText = fieldString(feature, "direction");
    const auto dir = parseLaneDirection(dirText);
    if (!dir) return makeError(fmt::format("unknown direction '{}'", dirText));
    zone.direction = *dir;
    const int courseIdx = feature.GetFieldIndex("course_deg");
    if (courseIdx >= 0 && feature.IsFieldSetAndNotNull(courseIdx))
        zone.laneCourseDeg = feature.GetFieldAsDouble(courseIdx);
    else if (zone.direction == LaneDirection::Eastbound)
        zone.laneCourseDeg = 72.0;
    else if (zone.direction == LaneDirection::Westbound)
        zone.laneCourseDeg = 252.0;
    zone.style.fill = fieldString(feature, "fill");
    zone.style.stroke = fieldString(feature, "stroke");
    const int widthIdx = feature.GetFieldIndex("stroke_width");
    if (widthIdx >= 0 && feature.IsFieldSetAndNotNull(widthIdx))
        zone.style.strokeWidth = feature.GetFieldAsDouble(widthIdx);

    const OGRGeometry* geometry = feature.GetGeometryRef();
    if (!geometry || geometry->IsEmpty()) return makeError("no geometry");
    std::unique_ptr<OGRGeometry> copy(geometry->clone());
    if (toWgs84 && copy->transform(toWgs84) != OGRERR_NONE)
        return makeError("cannot transform the geometry to WGS84");
    if (auto st = checkArea(*copy, zone.kind); !st) return st;
    if (auto st = readGeometry(*copy, zone); !st) return st;
    for (const Polygon& poly : zone.polygons)
        for (const auto& p : poly.outer)
            if (!std::isfinite(p.lon) || std::abs(p.lat) > 90.0 || std::abs(p.lon) > 180.0)
                return makeError("coordinates outside lon/lat range");
    return {};
}

// Reads the zones of a file GDAL opens at `openPath` with one of `drivers` (null: any);
// `file` names it in zones and messages.
Result<ZoneLoad> readZones(const std::string& openPath, const std::string& file,
                           const std::string& layerName, const char* const* drivers) {
    registerDrivers();
    GDALDatasetUniquePtr dataset(GDALDataset::Open(
        openPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!dataset) return makeError(fmt::format("{}: cannot open as a vector zone file", file));
    ZoneLoad load;
    bool foundLayer = layerName.empty();
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    for (OGRLayer* layer : dataset->GetLayers()) {
        if (!layerName.empty() && layerName != layer->GetName()) continue;
        foundLayer = true;
        std::unique_ptr<OGRCoordinateTransformation> transform;
        if (const OGRSpatialReference* srs = layer->GetSpatialRef(); srs && !srs->IsSame(&wgs84)) {
            OGRSpatialReference source(*srs);
            source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            if (!(source.IsGeographic() && source.GetSemiMajor() == wgs84.GetSemiMajor()))
                transform.reset(OGRCreateCoordinateTransformation(&source, &wgs84));
        }
        layer->ResetReading();
        int index = 0;
        for (auto& feature : *layer) {
            Zone zone;
            zone.sourceFile = file;
            zone.featureIndex = index;
            if (auto st = readFeature(*feature, transform.get(), zone); st) {
                load.zones.push_back(std::move(zone));
            } else {
                load.errors.push_back(fmt::format("{}: layer '{}' feature {}: {}", file,
                                                  layer->GetName(), index, st.error()));
            }
            ++index;
        }
    }
    if (!foundLayer) return makeError(fmt::format("{}: no layer named '{}'", file, layerName));
    return load;
}

}  // namespace

Result<ZoneLoad> loadZones(const std::filesystem::path& path, const std::string& layerName) {
    const std::string file = path.string();
    return readZones(file, file, layerName, nullptr);
}

Result<ZoneLoad> loadZonesFromText(std::string_view text, const std::string& name,
                                   const std::vector<std::string>& drivers,
                                   const std::string& layerName) {
    registerDrivers();
    const GdalMemoryFile memory(text, name);
    if (!memory.ok()) return makeError(fmt::format("{}: cannot hand the text to GDAL", name));
    std::vector<const char*> list;
    list.reserve(drivers.size() + 1);
    for (const std::string& d : drivers) list.push_back(d.c_str());
    list.push_back(nullptr);
    return readZones(memory.path(), name, layerName, drivers.empty() ? nullptr : list.data());
}

Result<std::vector<Polygon>> loadPolygons(const std::filesystem::path& path,
                                          const std::string& layerName) {
    registerDrivers();
    const std::string file = path.string();
    GDALDatasetUniquePtr dataset(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                   nullptr, nullptr, nullptr));
    if (!dataset) return makeError(fmt::format("{}: cannot open as a vector file", file));
    std::vector<Polygon> polygons;
    bool foundLayer = layerName.empty();
    for (OGRLayer* layer : dataset->GetLayers()) {
        if (!layerName.empty() && layerName != layer->GetName()) continue;
        foundLayer = true;
        for (auto& feature : *layer) {
            const OGRGeometry* geometry = feature->GetGeometryRef();
            if (!geometry) continue;
            Zone holder;
            // Lines and points in a land layer say nothing about area: skip them.
            if (readGeometry(*geometry, holder) && holder.isArea())
                for (auto& poly : holder.polygons) polygons.push_back(std::move(poly));
        }
    }
    if (!foundLayer) return makeError(fmt::format("{}: no layer named '{}'", file, layerName));
    return polygons;
}

Result<ZoneLoad> loadZoneFiles(const std::vector<std::filesystem::path>& paths) {
    ZoneLoad all;
    for (const auto& path : paths) {
        auto one = loadZones(path);
        if (!one) return makeError(one.error());
        for (auto& z : one->zones) all.zones.push_back(std::move(z));
        for (auto& e : one->errors) all.errors.push_back(std::move(e));
    }
    return all;
}

}  // namespace seawatch::zones
