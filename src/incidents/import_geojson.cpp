// GeoJSON incidents, read through OGR from memory (/vsimem/).
#include "import_run.hpp"

#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>

#include <cmath>
#include <memory>
#include <mutex>

#include "seawatch/common/gdal_init.hpp"
#include "seawatch/common/json_limits.hpp"
#include "seawatch/incidents/text_rules.hpp"

namespace seawatch::incidents::import_detail {

namespace {

// ---- GeoJSON through OGR ---------------------------------------------------------------

struct GdalDatasetCloser {
    void operator()(void* ds) const { GDALClose(ds); }
};
struct FeatureDestroyer {
    void operator()(void* f) const { OGR_F_Destroy(static_cast<OGRFeatureH>(f)); }
};

// Text as stored: UTF-8 always (a Latin-1 GeoJSON's bytes come through OGR unchanged).
std::string fieldText(OGRFeatureH feature, const char* name, bool* reencoded = nullptr) {
    const int index = OGR_F_GetFieldIndex(feature, name);
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(feature, index)) return {};
    std::string text = OGR_F_GetFieldAsString(feature, index);
    if (makeUtf8(text) && reencoded) *reencoded = true;
    return text;
}

RowResult geoJsonIncident(OGRFeatureH feature) {
    OGRGeometryH geometry = OGR_F_GetGeometryRef(feature);
    if (!geometry || wkbFlatten(OGR_G_GetGeometryType(geometry)) != wkbPoint ||
        OGR_G_IsEmpty(geometry)) {
        return reject("not a point", "");
    }
    Incident r;
    r.lon = OGR_G_GetX(geometry, 0);
    r.lat = OGR_G_GetY(geometry, 0);
    if (std::abs(r.lat) > 90 || std::abs(r.lon) > 180) {
        return reject("bad position", std::to_string(r.lon) + "," + std::to_string(r.lat));
    }
    const std::string source = fieldText(feature, "source");
    if (!source.empty()) {
        auto parsed = parseSource(source);
        if (!parsed) return reject("unknown source", source);
        r.source = *parsed;
    }
    r.sourceRef = trim(fieldText(feature, "source_ref"));
    if (r.sourceRef.empty()) return reject("missing source_ref", "");
    auto when = parseReportTime(fieldText(feature, "occurred_at"));
    if (!when) return reject("bad date", fieldText(feature, "occurred_at"));
    r.occurredAt = when->t;
    r.dateOnly = when->dateOnly;
    if (const std::string p = fieldText(feature, "position_precision"); !p.empty()) {
        auto parsed = parsePositionPrecision(p);
        if (!parsed) return reject("unknown position_precision", p);
        r.positionPrecision = *parsed;
    }
    if (const std::string c = fieldText(feature, "category"); !c.empty()) {
        auto parsed = parseCategory(c);
        if (!parsed) return reject("unknown category", c);
        r.category = *parsed;
    }
    if (const std::string s = fieldText(feature, "vessel_status"); !s.empty()) {
        auto parsed = parseVesselStatus(s);
        if (!parsed) return reject("unknown vessel_status", s);
        r.vesselStatus = *parsed;
    }
    bool reencoded = false;
    r.vesselName = fieldText(feature, "vessel_name", &reencoded);
    r.vesselType = fieldText(feature, "vessel_type", &reencoded);
    r.flag = fieldText(feature, "flag", &reencoded);
    r.aggressor = fieldText(feature, "aggressor", &reencoded);
    r.narrative = fieldText(feature, "narrative", &reencoded);
    r.navarea = fieldText(feature, "navarea", &reencoded);
    r.subregion = fieldText(feature, "subregion", &reencoded);
    r.sourceNote = fieldText(feature, "source_note", &reencoded);
    RowResult out{std::move(r), {}, {}};
    out.reencoded = reencoded;
    return out;
}

}  // namespace

Status importGeoJson(ImportRun& run, std::string_view text) {
    initGdal();
    // OGR's GeoJSON reader builds a document too: bound its nesting first.
    if (Status bounded = checkJsonLimits(text); !bounded)
        return makeError(run.name() + ": " + bounded.error());
    // OGR reads the text where it is: no copy, and no second read of the file.
    const GdalMemoryFile memory(text, run.name());
    if (!memory.ok()) return makeError(run.name() + ": cannot hand the text to OGR");
    const char* drivers[] = {"GeoJSON", nullptr};
    // Dates stay text so date-only values keep their precision flag.
    const char* openOptions[] = {"DATE_AS_STRING=YES", nullptr};
    CPLPushErrorHandler(CPLQuietErrorHandler);
    std::unique_ptr<void, GdalDatasetCloser> ds(GDALOpenEx(
        memory.path().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, openOptions, nullptr));
    const std::string openError = CPLGetLastErrorMsg();
    CPLPopErrorHandler();
    if (!ds) return makeError(run.name() + ": not readable as GeoJSON: " + openError);
    if (GDALDatasetGetLayerCount(ds.get()) < 1) return makeError(run.name() + ": no layer");
    OGRLayerH layer = GDALDatasetGetLayer(ds.get(), 0);
    const GIntBig total = OGR_L_GetFeatureCount(layer, TRUE);
    OGR_L_ResetReading(layer);
    std::int64_t number = 0;
    const std::string prefix = run.name() + " feature ";
    while (true) {
        std::unique_ptr<void, FeatureDestroyer> feature(OGR_L_GetNextFeature(layer));
        if (!feature) break;
        ++number;
        const Where where{prefix, static_cast<std::size_t>(number)};
        if (auto s = run.handle(where, geoJsonIncident(feature.get())); !s) return s;
        if (total > 0) {
            run.progress(static_cast<std::uint64_t>(number) * text.size() /
                         static_cast<std::uint64_t>(total));
        }
    }
    return {};
}

}  // namespace seawatch::incidents::import_detail
