#include "seawatch/render/zone_overlay.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "seawatch/render/map_renderer.hpp"
#include "seawatch/scenario/layer_extents.hpp"
#include "seawatch/zones/coverage_view.hpp"

namespace seawatch::render {

namespace {

void appendRing(const zones::Ring& ring, charts::VectorLayer& layer) {
    std::size_t count = ring.size();
    // Rings are closed implicitly; a repeated first vertex would make a zero-length edge.
    if (count > 1 && ring.front().lon == ring.back().lon && ring.front().lat == ring.back().lat)
        --count;
    for (std::size_t i = 0; i < count; ++i) {
        const geo::Mercator m = geo::toMercator(ring[i]);
        layer.ringX.push_back(m.x);
        layer.ringY.push_back(m.y);
        layer.bounds.minX = std::min(layer.bounds.minX, m.x);
        layer.bounds.minY = std::min(layer.bounds.minY, m.y);
        layer.bounds.maxX = std::max(layer.bounds.maxX, m.x);
        layer.bounds.maxY = std::max(layer.bounds.maxY, m.y);
    }
    layer.ringVertexStart.push_back(static_cast<std::uint32_t>(layer.ringX.size()));
}

charts::VectorLayer zoneLayer(const zones::Zone& zone, const zones::ZoneDrawStyle& style) {
    charts::VectorLayer layer;
    layer.name = zone.name;
    layer.style.fill = toRgba(style.fill);
    layer.style.stroke = toRgba(style.stroke);
    layer.style.strokeWidthPx = style.strokeWidthPx;
    layer.style.dashLengthPx = style.dashLengthPx;
    constexpr double inf = std::numeric_limits<double>::infinity();
    layer.bounds = {inf, inf, -inf, -inf};
    for (const zones::Polygon& polygon : zone.polygons) {
        appendRing(polygon.outer, layer);
        for (const zones::Ring& hole : polygon.holes) appendRing(hole, layer);
        layer.polygonRingStart.push_back(static_cast<std::uint32_t>(layer.ringCount()));
        layer.polygonValue.push_back(std::nanf(""));
    }
    layer.featureCount = 1;
    return layer;
}

std::vector<ScreenPoint> toScreen(const geo::MapView& view, std::span<const geo::LonLat> points) {
    std::vector<ScreenPoint> out;
    out.reserve(points.size());
    for (const geo::LonLat& p : points) out.push_back(view.toScreen(p));
    return out;
}

// A thick line with round joints, so a bent band has no notches at its vertices.
void thickPolyline(Canvas& canvas, std::span<const ScreenPoint> points, float widthPx,
                   Rgba colour) {
    canvas.polyline(points, widthPx, colour);
    for (std::size_t i = 1; i + 1 < points.size(); ++i)
        canvas.fillCircle(points[i], widthPx / 2.0f, colour);
}

bool intersects(const geo::GeoBox& a, const geo::GeoBox& b) {
    return a.west < b.east && b.west < a.east && a.south < b.north && b.south < a.north;
}

bool onScreen(const geo::MapView& view, ScreenPoint p, double marginPx) {
    return p.x >= -marginPx && p.y >= -marginPx && p.x <= view.widthPx() + marginPx &&
           p.y <= view.heightPx() + marginPx;
}

// Where to put a zone's label. Sectors and small zones: the middle of the visible part of
// the bounding box when that lies inside the zone. Reporting and risk areas usually cover
// the whole view, so their labels go near its north-west and south-east corners, away from
// the corridor in the middle and from each other. Otherwise the first inside point of a
// 5 x 5 grid over the visible box.
std::optional<geo::LonLat> labelPoint(const zones::Zone& zone, const geo::GeoBox& visible) {
    const geo::GeoBox b = zone.bounds();
    const geo::GeoBox clip{std::max(b.west, visible.west), std::max(b.south, visible.south),
                           std::min(b.east, visible.east), std::min(b.north, visible.north)};
    if (!clip.valid()) return std::nullopt;
    const bool wide =
        zone.kind == zones::ZoneKind::ReportingArea || zone.kind == zones::ZoneKind::RiskArea;
    const geo::LonLat centre{(clip.west + clip.east) / 2, (clip.south + clip.north) / 2};
    if (zone.kind == zones::ZoneKind::PatrolSector && zones::containsPoint(zone, centre)) {
        // The corridor runs through the middle of a sector, with group markers and their
        // labels above it: the sector's label goes between the lanes and its south edge.
        double southEdge = centre.lat;
        const double step = (centre.lat - clip.south) / 20.0;
        while (southEdge - step > clip.south &&
               zones::containsPoint(zone, {centre.lon, southEdge - step}))
            southEdge -= step;
        return geo::LonLat{centre.lon, centre.lat - 0.65 * (centre.lat - southEdge)};
    }
    if (!wide && zones::containsPoint(zone, centre)) return centre;
    // Risk areas scan from the south-east corner, everything else from the north-west.
    const bool fromSouthEast = zone.kind == zones::ZoneKind::RiskArea;
    for (int i = 1; i < 8; ++i) {
        for (int j = 1; j < 8; ++j) {
            const int row = fromSouthEast ? i : 8 - i;
            const int column = fromSouthEast ? 8 - j : j;
            const geo::LonLat p{clip.west + (clip.east - clip.west) * (column + 0.5) / 9.0,
                                clip.south + (clip.north - clip.south) * (row + 0.5) / 9.0};
            if (zones::containsPoint(zone, p)) return p;
        }
    }
    return std::nullopt;
}

}  // namespace

Rgba toRgba(zones::Colour c) {
    return {c.r, c.g, c.b, c.a};
}

ZoneOverlay::ZoneOverlay(const std::vector<zones::Zone>& zones, const zones::Schedule* schedule,
                         const zones::Corridor* corridor, const zones::CoverageTimeline* coverage)
    : zones_(zones), schedule_(schedule), corridor_(corridor), coverage_(coverage) {
    styles_.reserve(zones_.size());
    for (const zones::Zone& zone : zones_)
        styles_.push_back(zones::resolveZoneStyle(zone, &styleErrors_));
}

ZoneOverlay::~ZoneOverlay() {
    if (!renderer_) return;
    for (int handle : handles_)
        if (handle >= 0) renderer_->releasePolygons(handle);
}

void ZoneOverlay::upload(MapRenderer& renderer) {
    renderer_ = &renderer;
    handles_.assign(zones_.size(), -1);
    for (std::size_t i = 0; i < zones_.size(); ++i) {
        const zones::Zone& zone = zones_[i];
        if (!zone.isArea() || zone.polygons.empty()) continue;
        handles_[i] = renderer.uploadPolygons(zoneLayer(zone, styles_[i]));
    }
}

void ZoneOverlay::drawGpu(const OverlayContext& context, MapRenderer& renderer) {
    if (renderer_ != &renderer) upload(renderer);
    // Kinds that cover the most sea go first, so sectors and lanes stay readable on top.
    static constexpr zones::ZoneKind kOrder[] = {
        zones::ZoneKind::ReportingArea, zones::ZoneKind::RiskArea,  zones::ZoneKind::Custom,
        zones::ZoneKind::Anchorage,     zones::ZoneKind::Exclusion, zones::ZoneKind::PatrolSector,
        zones::ZoneKind::CorridorLane};
    for (zones::ZoneKind kind : kOrder) {
        for (std::size_t i = 0; i < zones_.size(); ++i) {
            if (handles_[i] < 0 || zones_[i].kind != kind || !shown(zones_[i], context.now))
                continue;
            renderer.drawPolygons(handles_[i], context.view, opacity);
        }
    }
}

bool ZoneOverlay::appendGpuPassKey(const OverlayContext& context, const MapRenderer& renderer,
                                   std::vector<std::uint64_t>& key) const {
    // Not uploaded to this renderer yet: the next frame has the handles to name.
    if (renderer_ != &renderer) return false;
    key.push_back(std::bit_cast<std::uint32_t>(opacity));
    // Handles are unique per renderer, so the list names the polygon sets and their order.
    for (std::size_t i = 0; i < zones_.size(); ++i) {
        if (handles_[i] >= 0 && shown(zones_[i], context.now))
            key.push_back(static_cast<std::uint64_t>(handles_[i]));
    }
    key.push_back(~std::uint64_t{0});  // the list's end
    return true;
}

std::optional<geo::GeoBox> ZoneOverlay::extent(time::UnixMillis now) const {
    return scenario::zonesExtent(zones_, [&](const zones::Zone& z) { return shown(z, now); });
}

std::vector<zones::ZoneKind> ZoneOverlay::kindsPresent() const {
    static constexpr zones::ZoneKind kListOrder[] = {
        zones::ZoneKind::CorridorLane,  zones::ZoneKind::PatrolSector, zones::ZoneKind::RiskArea,
        zones::ZoneKind::ReportingArea, zones::ZoneKind::Exclusion,    zones::ZoneKind::Anchorage,
        zones::ZoneKind::Custom};
    std::vector<zones::ZoneKind> kinds;
    for (zones::ZoneKind kind : kListOrder) {
        if (std::any_of(zones_.begin(), zones_.end(),
                        [&](const zones::Zone& z) { return z.kind == kind; }))
            kinds.push_back(kind);
    }
    return kinds;
}

std::optional<geo::GeoBox> ZoneOverlay::extentOfKind(zones::ZoneKind kind,
                                                     time::UnixMillis now) const {
    return scenario::zonesExtent(
        zones_, [&](const zones::Zone& z) { return z.kind == kind && z.activeAt(now); });
}

void ZoneOverlay::build(const OverlayContext& context, Canvas& canvas) {
    buildHighlights(context, canvas);
    buildLaneChevrons(context, canvas);
    buildCoverage(context, canvas);
    buildLabels(context, canvas);
}

void ZoneOverlay::buildHighlights(const OverlayContext& context, Canvas& canvas) const {
    const auto& names = context.selection.highlightedZones;
    if (names.empty()) return;
    Rgba colour = kZoneHighlightColour;
    colour.a = static_cast<std::uint8_t>(colour.a * opacity);
    for (const zones::Zone& zone : zones_) {
        if (!zone.isArea() || !shown(zone, context.now)) continue;
        if (std::find(names.begin(), names.end(), zone.name) == names.end()) continue;
        for (const zones::Polygon& polygon : zone.polygons) {
            const auto outer = toScreen(context.view, polygon.outer);
            canvas.polyline(outer, 4.0f * context.pixelScale, colour, true);
        }
    }
}

void ZoneOverlay::buildLaneChevrons(const OverlayContext& context, Canvas& canvas) const {
    if (!corridor_) return;
    const float s = context.pixelScale;
    const double spacingPx = 90.0 * s;
    const double armPx = 6.0 * s;
    for (const zones::Lane* lane : {&corridor_->eastbound, &corridor_->westbound}) {
        if (lane->zoneIndex < zones_.size() && !shown(zones_[lane->zoneIndex], context.now))
            continue;
        Rgba colour = toRgba(lane->zoneIndex < styles_.size() ? styles_[lane->zoneIndex].stroke
                                                              : zones::Colour{20, 110, 40, 255});
        colour.a = static_cast<std::uint8_t>(colour.a * opacity);
        const auto points = toScreen(context.view, lane->centreline.vertices());
        // Walk the projected centreline and put a chevron every `spacingPx`, pointing
        // along the direction of travel (the centreline is drawn that way).
        double untilNext = spacingPx / 2.0;
        for (std::size_t i = 1; i < points.size(); ++i) {
            const double dx = points[i].x - points[i - 1].x;
            const double dy = points[i].y - points[i - 1].y;
            const double length = std::hypot(dx, dy);
            if (length <= 0.0) continue;
            const double ux = dx / length, uy = dy / length;
            for (double along = untilNext; along < length; along += spacingPx) {
                const ScreenPoint tip{points[i - 1].x + ux * along, points[i - 1].y + uy * along};
                if (!onScreen(context.view, tip, 10.0)) continue;
                const ScreenPoint back{tip.x - ux * armPx, tip.y - uy * armPx};
                const ScreenPoint left{back.x - uy * armPx, back.y + ux * armPx};
                const ScreenPoint right{back.x + uy * armPx, back.y - ux * armPx};
                canvas.line(left, tip, 2.0f * s, colour);
                canvas.line(right, tip, 2.0f * s, colour);
            }
            untilNext = std::fmod(untilNext - length, spacingPx);
            if (untilNext < 0) untilNext += spacingPx;
        }
    }
}

void ZoneOverlay::buildCoverage(const OverlayContext& context, Canvas& canvas) const {
    if (!corridor_) return;
    const float s = context.pixelScale;
    TextStyle label;
    label.sizePx = 12.0f * s;
    label.halo = {255, 255, 255, 220};
    label.bold = true;
    if (coverage_ && showCoverageGaps) {
        Rgba band = kCoverageGapColour;
        band.a = static_cast<std::uint8_t>(band.a * opacity);
        for (const zones::UncoveredStretch& gap : zones::uncoveredAt(*coverage_, context.now)) {
            const auto points =
                toScreen(context.view, zones::axisStretch(*corridor_, gap.fromNm, gap.toNm));
            // A white casing keeps the band readable over a red-toned sector fill.
            thickPolyline(canvas, points, 12.0f * s, {255, 255, 255, band.a});
            thickPolyline(canvas, points, 8.0f * s, band);
            const geo::LonLat middle = corridor_->axisPoint((gap.fromNm + gap.toNm) / 2.0);
            label.color = {170, 10, 10, 255};
            MapLabel gapLabel;
            gapLabel.text = fmt::format("Coverage gap \xC2\xB7 {:.0f} nm", gap.toNm - gap.fromNm);
            gapLabel.style = label;
            gapLabel.request.priority = geo::LabelPriority::PlannedGroup;
            gapLabel.request.rank = 1;  // before the groups
            gapLabel.request.anchor = context.view.toScreen(middle);
            gapLabel.request.symbolRadiusPx = 6.0 * s;
            canvas.label(std::move(gapLabel));
            if (onScreen(context.view, context.view.toScreen(middle), 0.0))
                canvas.legend({"Coverage",
                               "Corridor not covered",
                               band,
                               LegendSymbol::Line,
                               {255, 255, 255, 255}});
        }
    }
    if (!schedule_ || !showPlannedGroups) return;
    for (const zones::GroupPosition& group :
         zones::plannedGroupPositions(*schedule_, *corridor_, context.now)) {
        const zones::GroupTransit& transit = schedule_->transits[group.transit];
        const ScreenPoint at = context.view.toScreen(group.planned.position);
        if (!onScreen(context.view, at, 40.0)) continue;
        const Rgba colour = toRgba(zones::ownerColour(transit.escortNation));
        const double r = 7.0 * s;
        // An outlined diamond with a dot: a group is a planned position, not a vessel, and
        // not a hijacking (a filled diamond) either.
        const ScreenPoint diamond[] = {
            {at.x, at.y - r}, {at.x + r, at.y}, {at.x, at.y + r}, {at.x - r, at.y}};
        const ScreenPoint halo[] = {{at.x, at.y - r - 2 * s},
                                    {at.x + r + 2 * s, at.y},
                                    {at.x, at.y + r + 2 * s},
                                    {at.x - r - 2 * s, at.y}};
        canvas.fillConvex(halo, {255, 255, 255, 230});
        canvas.polyline(diamond, 2.5f * s, colour, true);
        canvas.fillCircle(at, 2.6f * s, colour);
        label.color = {20, 30, 45, 255};
        MapLabel groupLabel;
        groupLabel.text = fmt::format("{} \xC2\xB7 {:.0f} kn", transit.id, transit.speedKn);
        groupLabel.style = label;
        groupLabel.request.priority = geo::LabelPriority::PlannedGroup;
        groupLabel.request.anchor = at;
        groupLabel.request.symbolRadiusPx = r + 2 * s;
        canvas.label(std::move(groupLabel));
        LegendEntry entry{
            "Groups",
            fmt::format("Group transit \xC2\xB7 {}", zones::ownerShortName(transit.escortNation)),
            colour, LegendSymbol::Diamond};
        entry.haloed = entry.hollow = entry.centreDot = true;
        canvas.legend(std::move(entry));
    }
}

std::optional<std::size_t> ZoneOverlay::groupAt(const OverlayContext& context,
                                                ScreenPoint point) const {
    if (!schedule_ || !corridor_ || !showPlannedGroups) return std::nullopt;
    const double reach = 9.0 * context.pixelScale;
    for (const zones::GroupPosition& group :
         zones::plannedGroupPositions(*schedule_, *corridor_, context.now)) {
        const ScreenPoint at = context.view.toScreen(group.planned.position);
        if (std::hypot(at.x - point.x, at.y - point.y) <= reach) return group.transit;
    }
    return std::nullopt;
}

void ZoneOverlay::buildLabels(const OverlayContext& context, Canvas& canvas) const {
    const float s = context.pixelScale;
    const geo::GeoBox visibleBox = context.view.visibleBox();
    TextStyle label;
    label.sizePx = 12.0f * s;
    label.halo = {255, 255, 255, 200};
    label.anchor = TextAnchor::Center;
    for (std::size_t i = 0; i < zones_.size(); ++i) {
        const zones::Zone& zone = zones_[i];
        if (!shown(zone, context.now)) continue;
        if (zone.geometry == zones::GeometryType::Point) {
            if (zone.line.empty()) continue;
            const ScreenPoint at = context.view.toScreen(zone.line.front());
            if (!onScreen(context.view, at, 20.0)) continue;
            canvas.fillCircle(at, 4.5f * s, {255, 255, 255, 230});
            canvas.fillCircle(at, 3.0f * s, toRgba(styles_[i].stroke));
            label.color = {20, 30, 45, 255};
            MapLabel pointLabel;
            pointLabel.text = zone.name;
            pointLabel.style = label;
            pointLabel.request.priority = geo::LabelPriority::Zone;
            pointLabel.request.rank = 1;  // a named point before an area's name
            pointLabel.request.anchor = at;
            pointLabel.request.symbolRadiusPx = 4.5 * s;
            canvas.label(std::move(pointLabel));
            continue;
        }
        if (zone.isArea() && intersects(zone.bounds(), visibleBox)) legendFor(i, canvas);
        // Lanes speak through their chevrons; lines are centrelines.
        if (!zone.isArea() || zone.kind == zones::ZoneKind::CorridorLane) continue;
        const auto point = labelPoint(zone, visibleBox);
        if (!point) continue;
        zones::Colour text = styles_[i].stroke;
        // Darken the outline colour so the label reads on a translucent fill of the same hue.
        text = {static_cast<std::uint8_t>(text.r * 0.7), static_cast<std::uint8_t>(text.g * 0.7),
                static_cast<std::uint8_t>(text.b * 0.7), 255};
        label.color = toRgba(text);
        label.bold = zone.kind == zones::ZoneKind::PatrolSector;
        MapLabel areaLabel;
        areaLabel.text = zones::zoneLabel(zone);
        areaLabel.style = label;
        areaLabel.request.priority = geo::LabelPriority::Zone;
        areaLabel.request.anchor = context.view.toScreen(*point);
        areaLabel.request.allowLeader = false;
        // Inside the zone: the preferred point, then along the zone's long axis.
        areaLabel.request.centres = {areaLabel.request.anchor};
        const auto inside = [&](ScreenPoint p) {
            return onScreen(context.view, p, -10.0) &&
                   zones::containsPoint(zone, context.view.toLonLat(p));
        };
        for (const zones::Polygon& polygon : zone.polygons) {
            const auto ring = toScreen(context.view, polygon.outer);
            for (ScreenPoint p : geo::axisPoints(std::span<const ScreenPoint>(ring), 9, inside))
                areaLabel.request.centres.push_back(p);
        }
        canvas.label(std::move(areaLabel));
    }
}

void ZoneOverlay::legendFor(std::size_t index, Canvas& canvas) const {
    const zones::Zone& zone = zones_[index];
    const zones::ZoneDrawStyle& style = styles_[index];
    std::string text;
    switch (zone.kind) {
        case zones::ZoneKind::CorridorLane:
            text = "Transit corridor lane";
            break;
        case zones::ZoneKind::RiskArea:
            text = "High risk area";
            break;
        case zones::ZoneKind::ReportingArea:
            text = "Reporting area";
            break;
        case zones::ZoneKind::PatrolSector:
            text = "Patrol sector \xC2\xB7 " + zones::ownerShortName(zone.owner);
            break;
        case zones::ZoneKind::Exclusion:
            text = "Exclusion zone";
            break;
        case zones::ZoneKind::Anchorage:
            text = "Anchorage";
            break;
        case zones::ZoneKind::Custom:
            text = zone.name;
            break;
    }
    Rgba fill = toRgba(style.fill);
    // A translucent fill reads as a pale swatch on the white legend: a little stronger.
    fill.a = static_cast<std::uint8_t>(std::min(255, fill.a * 2 + 30));
    canvas.legend({"Zones", text, fill, LegendSymbol::Area, toRgba(style.stroke)});
}

}  // namespace seawatch::render
