#include "seawatch/render/alert_overlay.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "seawatch/analytics/alert_filter.hpp"
#include "seawatch/charts/palette.hpp"
#include "seawatch/render/map_renderer.hpp"
#include "seawatch/scenario/layer_extents.hpp"
#include "symbol_batch.hpp"

namespace seawatch::render {

namespace {

using analytics::EventType;

enum class Shape { Triangle, Square, Circle, Diamond };

Shape alertShape(EventType type) {
    switch (type) {
        case EventType::SuspiciousApproach:
        case EventType::LaneWrongWay:
            return Shape::Triangle;
        case EventType::CoverageGap:
        case EventType::AssignmentConflict:
        case EventType::UnescortedTransit:
            return Shape::Square;
        case EventType::Cpa:
            return Shape::Diamond;
        default:
            return Shape::Circle;
    }
}

Rgba faded(Rgba c, float alpha) {
    c.a = static_cast<std::uint8_t>(std::clamp(c.a * alpha, 0.0f, 255.0f));
    return c;
}

SymbolShape symbolShapeOf(Shape shape) {
    switch (shape) {
        case Shape::Triangle:
            return SymbolShape::AlertTriangle;
        case Shape::Square:
            return SymbolShape::AlertSquare;
        case Shape::Diamond:
            return SymbolShape::AlertDiamond;
        case Shape::Circle:
            break;
    }
    return SymbolShape::IncidentCircle;
}

// One geometry for the instanced markers and the selected one on the canvas.
std::vector<ScreenPoint> shapePoints(Shape shape, ScreenPoint c, double r) {
    return symbolOutline(symbolShapeOf(shape), c, r);
}

// Marker radius in pixels: routine bookkeeping is drawn small so it does not drown the
// alerts a watch officer acts on.
double markerRadiusPx(EventType type, float scale, bool selected) {
    return (analytics::isRoutine(type) ? 4.0 : 8.0) * scale * (selected ? 1.4 : 1.0);
}

void dashedLine(Canvas& canvas, ScreenPoint a, ScreenPoint b, float widthPx, float dashPx,
                Rgba colour) {
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    if (length <= 0.0) return;
    const double ux = (b.x - a.x) / length, uy = (b.y - a.y) / length;
    for (double d = 0.0; d < length; d += 2.0 * dashPx) {
        const double e = std::min(length, d + dashPx);
        canvas.line({a.x + ux * d, a.y + uy * d}, {a.x + ux * e, a.y + uy * e}, widthPx, colour);
    }
}

}  // namespace

Rgba alertColour(EventType type) {
    switch (type) {
        case EventType::SuspiciousApproach:
        case EventType::CoverageGap:
            return {215, 25, 25, 255};
        case EventType::Cpa:
            return {240, 120, 0, 255};
        case EventType::Loitering:
        case EventType::UnescortedTransit:
            return {230, 165, 0, 255};
        case EventType::Encounter:
        case EventType::AssignmentConflict:
            return {140, 60, 170, 255};
        case EventType::LaneWrongWay:
        case EventType::LaneExit:
            return {200, 30, 140, 255};
        case EventType::SafetyText:
            return {0, 150, 150, 255};
        case EventType::ZoneEnter:
        case EventType::ZoneExit:
            break;
    }
    return {40, 90, 160, 255};
}

AlertOverlay::AlertOverlay(const std::vector<analytics::Event>& events,
                           const ais::TrackStore& tracks)
    : typeMask(analytics::defaultAlertTypeMask()),
      events_(events),
      tracks_(tracks),
      markers_(std::make_unique<SymbolBatch>()) {}

void AlertOverlay::drawInstancedUnder(const OverlayContext& context, MapRenderer& renderer) {
    SymbolDrawStyle style;
    style.opacity = opacity;
    style.level = charts::palette(renderer.style().palette).level;
    style.pixelScale = context.pixelScale;
    markers_->draw(context.view, style);
}

std::vector<std::size_t> AlertOverlay::liveAlerts(const OverlayContext& context) const {
    analytics::AlertQuery query;
    query.now = context.now;
    query.maxAge = analytics::kAlertMapWindow;
    query.typeMask = typeMask;
    return analytics::filterAlerts(events_, query);
}

AlertOverlay::~AlertOverlay() = default;

// A marker on the canvas (the selected alert, ringed, above the instanced others).
void AlertOverlay::buildMarker(const analytics::Event& event, ScreenPoint at, float alpha,
                               float scale, bool selected, Canvas& canvas) const {
    const double r = markerRadiusPx(event.type, scale, selected);
    const Rgba colour = faded(alertColour(event.type), alpha);
    const Rgba halo = faded({255, 255, 255, 235}, alpha);
    if (selected) {
        canvas.strokeCircle(at, static_cast<float>(r * 2.0), 3.0f * scale, {255, 200, 0, 255});
        canvas.strokeCircle(at, static_cast<float>(r * 2.0), 1.0f * scale, {60, 40, 0, 255});
    }
    const Shape shape = alertShape(event.type);
    if (shape == Shape::Circle) {
        canvas.fillCircle(at, static_cast<float>(r + 2.0 * scale), halo);
        canvas.fillCircle(at, static_cast<float>(r), colour);
    } else {
        canvas.fillConvex(shapePoints(shape, at, r + 2.5 * scale), halo);
        canvas.fillConvex(shapePoints(shape, at, r), colour);
    }
    buildMarkerMark(event, at, alpha, r, canvas);
}

// What goes on top of a marker whichever way it is drawn: the "!" of a suspicious approach.
void AlertOverlay::buildMarkerMark(const analytics::Event& event, ScreenPoint at, float alpha,
                                   double r, Canvas& canvas) const {
    if (event.type == EventType::SuspiciousApproach) {
        TextStyle bang;
        bang.sizePx = static_cast<float>(r * 1.3);
        bang.bold = true;
        bang.color = faded({255, 255, 255, 255}, alpha);
        bang.anchor = TextAnchor::Center;
        canvas.text({at.x, at.y + r * 0.15}, "!", bang);
    }
}

std::optional<geo::GeoBox> AlertOverlay::extent(time::UnixMillis now) const {
    analytics::AlertQuery query;
    query.now = now;
    query.maxAge = analytics::kAlertMapWindow;
    query.typeMask = typeMask;
    return scenario::alertsExtent(events_, query);
}

void AlertOverlay::build(const OverlayContext& context, Canvas& canvas) {
    const float s = context.pixelScale;
    // Under the selected alert's marker (drawn last on the canvas), which explains the line;
    // over the other alerts' instanced markers.
    buildCpaLine(context, canvas);
    const auto live = liveAlerts(context);
    // Unselected markers are instanced quads (drawInstancedUnder), the "!" marks over them
    // on the canvas: a thousand alerts as canvas circles cost llvmpipe more than the basemap.
    std::vector<SymbolInstanceInput> instances;
    instances.reserve(live.size());
    // Oldest first, so the newest alert is drawn on top.
    for (auto it = live.rbegin(); it != live.rend(); ++it) {
        const analytics::Event& event = events_[*it];
        if (context.selection.selectedAlert == *it) continue;
        const float alpha = analytics::alertFade(event.time, context.now);
        const double r = markerRadiusPx(event.type, s, false);
        const Shape shape = alertShape(event.type);
        SymbolInstanceInput in;
        const geo::Mercator m = geo::toMercator(geo::LonLat{event.lon, event.lat});
        in.x = m.x;
        in.y = m.y;
        in.sizePx = static_cast<float>(shape == Shape::Circle ? r / kIncidentCircleRadius : r);
        in.fill = faded(alertColour(event.type), alpha);
        in.edge = faded({255, 255, 255, 235}, alpha);
        in.shape = symbolShapeOf(shape);
        in.mode = SymbolMode::FillHalo;
        instances.push_back(in);
        const ScreenPoint at = context.view.toScreen(m);
        if (at.x < -20 || at.y < -20 || at.x > context.view.widthPx() + 20 ||
            at.y > context.view.heightPx() + 20)
            continue;
        buildMarkerMark(event, at, alpha * opacity, r, canvas);
        addLegend(event.type, canvas);
    }
    markers_->set(instances);
    // The selected alert stays visible (at full strength) whatever its age.
    if (const auto selected = context.selection.selectedAlert;
        selected && *selected < events_.size() && events_[*selected].time <= context.now) {
        const analytics::Event& event = events_[*selected];
        const ScreenPoint at = context.view.toScreen(geo::LonLat{event.lon, event.lat});
        buildMarker(event, at, opacity, s, true, canvas);
        addLegend(event.type, canvas);
        // The selected alert says what it is, in words, beside its marker.
        MapLabel label;
        label.text = analytics::alertSentence(event, tracks_);
        label.style.sizePx = 12.5f * s;
        label.style.bold = true;
        label.style.color = {110, 20, 20, 255};
        label.style.halo = {255, 255, 255, 235};
        label.request.priority = geo::LabelPriority::Alert;
        label.request.rank = 2;
        label.request.anchor = at;
        label.request.symbolRadiusPx = (isRoutine(event.type) ? 4.0 : 8.0) * 2.8 * s;
        canvas.label(std::move(label));
    }
}

void AlertOverlay::addLegend(analytics::EventType type, Canvas& canvas) const {
    std::string text = type == EventType::Cpa ? std::string("closest point of approach")
                                              : analytics::alertTypeLabel(type);
    if (!text.empty())
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    const Shape shape = alertShape(type);
    const LegendSymbol symbol = shape == Shape::Circle     ? LegendSymbol::Dot
                                : shape == Shape::Diamond  ? LegendSymbol::Diamond
                                : shape == Shape::Triangle ? LegendSymbol::Triangle
                                                           : LegendSymbol::Area;
    canvas.legend({"Alerts", std::move(text), alertColour(type), symbol});
}

void AlertOverlay::buildCpaLine(const OverlayContext& context, Canvas& canvas) const {
    const auto& pair = context.selection.cpaPair;
    if (!pair) return;
    const auto line = analytics::predictCpaLine(tracks_, pair->first, pair->second, context.now);
    if (!line) return;
    const float s = context.pixelScale;
    const Rgba ink{30, 30, 40, static_cast<std::uint8_t>(255 * opacity)};
    const Rgba cpaColour = faded(alertColour(EventType::Cpa), opacity);
    const ScreenPoint firstNow = context.view.toScreen(line->firstNow);
    const ScreenPoint secondNow = context.view.toScreen(line->secondNow);
    const ScreenPoint firstCpa = context.view.toScreen(line->firstAtCpa);
    const ScreenPoint secondCpa = context.view.toScreen(line->secondAtCpa);
    // Each vessel's track to its CPA point (thin), the CPA separation (dashed, thick).
    canvas.line(firstNow, firstCpa, 1.5f * s, faded(ink, 0.7f));
    canvas.line(secondNow, secondCpa, 1.5f * s, faded(ink, 0.7f));
    dashedLine(canvas, firstCpa, secondCpa, 2.5f * s, 6.0f * s, cpaColour);
    for (ScreenPoint p : {firstNow, secondNow}) {
        canvas.strokeCircle(p, 7.0f * s, 2.0f * s, ink);
    }
    for (ScreenPoint p : {firstCpa, secondCpa}) {
        canvas.fillCircle(p, 4.5f * s, {255, 255, 255, 230});
        canvas.fillCircle(p, 3.0f * s, cpaColour);
    }
    TextStyle label;
    label.sizePx = 13.0f * s;
    label.bold = true;
    label.color = {120, 50, 0, 255};
    label.halo = {255, 255, 255, 230};
    // Anchored between the CPA points; the label engine keeps it off the vessels and the
    // alert marker.
    MapLabel cpaLabel;
    cpaLabel.text = analytics::formatCpa(line->cpa);
    cpaLabel.style = label;
    cpaLabel.request.priority = geo::LabelPriority::Alert;
    cpaLabel.request.rank = 1;
    cpaLabel.request.anchor = {(firstCpa.x + secondCpa.x) / 2, (firstCpa.y + secondCpa.y) / 2};
    cpaLabel.request.symbolRadiusPx = 5.0 * s;
    canvas.label(std::move(cpaLabel));
    canvas.legend({"Alerts", "Predicted closest approach", cpaColour, LegendSymbol::Line});
}

std::optional<std::size_t> AlertOverlay::alertAt(const OverlayContext& context,
                                                 ScreenPoint point) const {
    std::vector<std::size_t> candidates = liveAlerts(context);
    if (const auto selected = context.selection.selectedAlert;
        selected && *selected < events_.size() && events_[*selected].time <= context.now)
        candidates.insert(candidates.begin(), *selected);
    const double reach = 10.0 * context.pixelScale;
    for (std::size_t index : candidates) {  // newest first
        const analytics::Event& e = events_[index];
        const ScreenPoint at = context.view.toScreen(geo::LonLat{e.lon, e.lat});
        if (std::hypot(at.x - point.x, at.y - point.y) <= reach) return index;
    }
    return std::nullopt;
}

}  // namespace seawatch::render
