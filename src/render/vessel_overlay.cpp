#include "seawatch/render/vessel_overlay.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "seawatch/geo/geo.hpp"
#include "seawatch/render/map_renderer.hpp"
#include "seawatch/scenario/layer_extents.hpp"
#include "seawatch/scenario/scenario.hpp"
#include "symbol_batch.hpp"

namespace seawatch::render {

namespace {

// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), each
// class also with its own silhouette so colour is never the only cue. Sky blue is kept for
// "other" only: it is closest to the sea.
constexpr std::array<VesselLegendEntry, 10> kLegend{{
    {ais::ShipClass::Cargo, false, "Cargo", {0, 158, 115, 255}, VesselShape::Hull},
    {ais::ShipClass::Tanker, false, "Tanker", {213, 94, 0, 255}, VesselShape::BluntHull},
    {ais::ShipClass::Passenger, false, "Passenger", {0, 114, 178, 255}, VesselShape::Slender},
    {ais::ShipClass::Fishing, false, "Fishing", {230, 159, 0, 255}, VesselShape::Kite},
    {ais::ShipClass::MilitaryLaw,
     false,
     "Military / law enforcement",
     {45, 45, 60, 255},
     VesselShape::Chevron},
    {ais::ShipClass::SearchRescue,
     false,
     "Search and rescue",
     {240, 228, 66, 255},
     VesselShape::CrossedHull},
    {ais::ShipClass::Pleasure,
     false,
     "Pleasure / sailing",
     {204, 121, 167, 255},
     VesselShape::SmallHull},
    {ais::ShipClass::Other, false, "Other", {86, 180, 233, 255}, VesselShape::Tapered},
    {ais::ShipClass::Unknown, false, "Unknown type", {150, 150, 150, 255}, VesselShape::Lozenge},
    // Magenta, not red: a contact's upright diamond must not pass for a hijacking's (a red
    // incident diamond), and no other vessel or incident class uses this hue.
    {ais::ShipClass::Unknown,
     true,
     "Radar / visual contact",
     {215, 0, 215, 255},
     VesselShape::Diamond},
}};

using Geometry = VesselSymbolGeometry;

Geometry::Polygon polygon(std::initializer_list<ScreenPoint> points) {
    Geometry::Polygon p;
    for (const ScreenPoint& s : points) p.points[static_cast<std::size_t>(p.count++)] = s;
    return p;
}

// The fix sits a little aft of the middle, so the bow tip is the point farthest from it.
Geometry single(std::initializer_list<ScreenPoint> points) {
    Geometry g;
    g.parts[0] = polygon(points);
    g.partCount = 1;
    g.outline = g.parts[0];
    return g;
}

const std::array<Geometry, 10> kGeometry = [] {
    std::array<Geometry, 10> g{};
    g[static_cast<int>(VesselShape::Hull)] =
        single({{0, -1.15}, {0.45, -0.4}, {0.45, 0.85}, {-0.45, 0.85}, {-0.45, -0.4}});
    g[static_cast<int>(VesselShape::BluntHull)] = single(
        {{-0.22, -1.1}, {0.22, -1.1}, {0.52, -0.7}, {0.52, 0.85}, {-0.52, 0.85}, {-0.52, -0.7}});
    g[static_cast<int>(VesselShape::Slender)] = single({{0, -1.3}, {0.34, 0.85}, {-0.34, 0.85}});
    g[static_cast<int>(VesselShape::Kite)] =
        single({{0, -1.0}, {0.5, -0.15}, {0, 0.75}, {-0.5, -0.15}});
    Geometry chevron;
    chevron.parts[0] = polygon({{0, -1.2}, {0, 0.3}, {-0.62, 0.85}});
    chevron.parts[1] = polygon({{0, -1.2}, {0.62, 0.85}, {0, 0.3}});
    chevron.partCount = 2;
    chevron.outline = polygon({{0, -1.2}, {0.62, 0.85}, {0, 0.3}, {-0.62, 0.85}});
    g[static_cast<int>(VesselShape::Chevron)] = chevron;
    Geometry crossed;
    crossed.parts[0] =
        polygon({{0, -1.15}, {0.32, -0.5}, {0.32, 0.85}, {-0.32, 0.85}, {-0.32, -0.5}});
    crossed.parts[1] = polygon({{-0.75, -0.12}, {0.75, -0.12}, {0.75, 0.18}, {-0.75, 0.18}});
    crossed.partCount = 2;
    crossed.outline =
        polygon({{0, -1.15}, {0.32, -0.5}, {0.32, 0.85}, {-0.32, 0.85}, {-0.32, -0.5}});
    g[static_cast<int>(VesselShape::CrossedHull)] = crossed;
    g[static_cast<int>(VesselShape::SmallHull)] =
        single({{0, -0.95}, {0.3, -0.2}, {0.2, 0.65}, {-0.2, 0.65}, {-0.3, -0.2}});
    g[static_cast<int>(VesselShape::Tapered)] =
        single({{-0.16, -1.1}, {0.16, -1.1}, {0.48, 0.85}, {-0.48, 0.85}});
    g[static_cast<int>(VesselShape::Lozenge)] =
        single({{0, -1.1}, {0.48, -0.55}, {0.48, 0.45}, {0, 0.85}, {-0.48, 0.45}, {-0.48, -0.55}});
    g[static_cast<int>(VesselShape::Diamond)] = single({{0, -0.7}, {0.7, 0}, {0, 0.7}, {-0.7, 0}});
    return g;
}();

constexpr std::uint8_t kOutlineAlpha = 230;
constexpr std::uint8_t kLeaderAlpha = 210;
constexpr Rgba kHighlight{230, 159, 0, 255};

// The outline and speed-leader ink on the palette's sea. By day a near-black; at dusk and
// night a pale one, as S-52's CHBLK turns light there: a dark ink on the near-black night sea
// left the military class (a slate fill) and every leader invisible. Symbols and canvases are
// drawn at the palette's light level, which dims this to about CHBLK's value.
Rgba outlineInk(charts::PaletteKind palette, std::uint8_t alpha) {
    if (palette == charts::PaletteKind::Day) return {25, 25, 30, alpha};
    return {250, 240, 215, alpha};
}

Rgba withAlpha(Rgba c, float factor) {
    c.a = static_cast<std::uint8_t>(std::clamp(c.a * factor, 0.0f, 255.0f));
    return c;
}

// Degrees clockwise from north to a screen direction (y down).
ScreenPoint direction(float bearingDeg) {
    const double r = bearingDeg * M_PI / 180.0;
    return {std::sin(r), -std::cos(r)};
}

float orientationDeg(const ais::VesselState& s) {
    if (ais::isKnown(s.headingDeg)) return s.headingDeg;
    return s.courseDeg;  // may be unknown: then the symbol is a circle
}

}  // namespace

std::span<const VesselLegendEntry> vesselLegend() {
    return kLegend;
}

const VesselLegendEntry& vesselStyleFor(ais::ShipClass shipClass) {
    for (const auto& e : kLegend)
        if (!e.contact && e.shipClass == shipClass) return e;
    return kLegend[8];
}

const VesselLegendEntry& contactStyle() {
    return kLegend[9];
}

bool isRadarContact(ais::Mmsi mmsi) {
    return mmsi >= scenario::kContactMmsiFirst && mmsi <= scenario::kContactMmsiLast;
}

const VesselSymbolGeometry& vesselSymbolGeometry(VesselShape shape) {
    return kGeometry[static_cast<std::size_t>(shape)];
}

VesselOverlay::VesselOverlay(const ais::TrackStore& store, VesselOverlayOptions options)
    : store_(&store), options_(options), symbols_(std::make_unique<SymbolBatch>()) {}

VesselOverlay::~VesselOverlay() = default;

std::size_t VesselOverlay::instancesDrawn() const {
    return symbols_->lastDrawn();
}

std::optional<geo::GeoBox> VesselOverlay::extent(time::UnixMillis now) const {
    return scenario::vesselsExtent(*store_, now);
}

std::optional<geo::GeoBox> VesselOverlay::trailsExtent(time::UnixMillis now) const {
    if (!options_.showTrails) return std::nullopt;
    return scenario::trailsExtent(*store_, now, options_.trailMs);
}

void VesselOverlay::build(const OverlayContext& context, Canvas& canvas) {
    refreshStates(context);
    collectVisible(context);
    if (visible_.empty()) return;
    if (options_.showTrails && options_.trailMs > 0) drawTrails(context, canvas);
    // In a dense picture symbols overlap anyway: smaller ones leave some sea between them,
    // and their outlines would double the painted pixels.
    outlined_ = visible_.size() < options_.denseTargets;
    const float scale =
        options_.symbolLengthPx * 0.5f * context.pixelScale * (outlined_ ? 1.0f : 0.75f);
    for (const Visible& v : visible_) drawLeader(context, v, scale, canvas);
    drawLabels(context, canvas);
    addLegend(canvas);
    drawEmphasis(context, canvas);
}

void VesselOverlay::drawInstanced(const OverlayContext& context, MapRenderer& renderer) {
    if (visible_.empty()) return;
    SymbolDrawStyle style;
    style.sizeScale = outlined_ ? 1.0f : 0.75f;
    style.dropOutlines = !outlined_;
    style.opacity = opacity;
    style.level = charts::palette(renderer.style().palette).level;
    if (!symbols_->draw(context.view, style))
        std::fprintf(stderr, "seawatch: vessel symbols not drawn: %s\n", symbols_->error().c_str());
}

void VesselOverlay::refreshStates(const OverlayContext& context) {
    const float sizePx = options_.symbolLengthPx * 0.5f * context.pixelScale;
    const StateKey key{store_, store_->revision(), context.now, sizePx, context.palette};
    if (stateKey_ && *stateKey_ == key) return;
    stateKey_ = key;
    ++stateRefreshes_;
    states_.clear();
    std::vector<SymbolInstanceInput> instances;
    instances.reserve(store_->vesselCount());
    for (std::size_t i = 0; i < store_->vesselCount(); ++i) {
        const auto state = store_->stateAt(i, context.now);
        if (!state) continue;
        const ais::Mmsi mmsi = store_->mmsiAt(i);
        const VesselLegendEntry* style =
            isRadarContact(mmsi)
                ? &contactStyle()
                : &vesselStyleFor(ais::classifyShipType(store_->staticData(i).shipType));
        const geo::Mercator at = geo::toMercator(geo::LonLat{state->lon, state->lat});
        states_.push_back({i, *state, at, style});
        // Beyond the dead-reckoning limit the position is only the last known one: hollow
        // and faded, so nobody mistakes it for a live track. Dead-reckoned ones are a little
        // faded.
        const bool held = state->kind == ais::StateKind::Held;
        const float fade =
            held ? 0.55f : (state->kind == ais::StateKind::DeadReckoned ? 0.8f : 1.0f);
        SymbolInstanceInput in;
        in.x = at.x;
        in.y = at.y;
        in.sizePx = sizePx;
        in.fill = withAlpha(style->fill, fade);
        in.edge = withAlpha(outlineInk(context.palette, kOutlineAlpha), fade);
        in.mode = held ? SymbolMode::HollowStroke : SymbolMode::FillOutlined;
        const float bearing = orientationDeg(*state);
        if (style->contact) {  // contacts are not oriented: their diamond stays upright
            in.shape = static_cast<SymbolShape>(VesselShape::Diamond);
        } else if (!ais::isKnown(bearing)) {
            in.shape = SymbolShape::VesselCircle;
        } else {
            in.shape = static_cast<SymbolShape>(style->shape);
            in.headingRad = static_cast<float>(bearing * M_PI / 180.0);
        }
        instances.push_back(in);
    }
    symbols_->set(instances);
}

void VesselOverlay::collectVisible(const OverlayContext& context) {
    visible_.clear();
    const geo::MapView& view = context.view;
    const double margin = options_.symbolLengthPx * context.pixelScale;
    const double maxX = view.widthPx() + margin;
    const double maxY = view.heightPx() + margin;
    for (const Cached& c : states_) {
        const ScreenPoint at = view.toScreen(c.at);
        if (at.x < -margin || at.y < -margin || at.x > maxX || at.y > maxY) continue;
        visible_.push_back({c.index, c.state, at, c.style});
    }
}

void VesselOverlay::drawTrails(const OverlayContext& context, Canvas& canvas) {
    const geo::MapView& view = context.view;
    // Trail vertices in units of `step` pixels, so the store's one-unit decimation keeps
    // vertices that far apart: the vertex count is bounded by pixels, not by fixes. A dense
    // picture (thousands of targets on screen) coarsens the step: trails there are a hint
    // of motion, and the frame budget goes to the symbols.
    const double density = static_cast<double>(visible_.size()) / options_.denseTargets;
    const double step = std::max(1.0f, options_.trailStepPx * context.pixelScale) *
                        std::clamp(density * 4.0, 1.0, 8.0);
    // Mercator is linear to well under a pixel across one trail, so each vessel projects its
    // fixes with a local linear map around its current position instead of log/tan per fix.
    struct LocalProjection {
        double lon0 = 0, lat0 = 0, x0 = 0, y0 = 0, kx = 0, ky = 0;
    } local;
    const std::function<ais::TrailPoint(double, double)> toSteps = [&local](double lon,
                                                                            double lat) {
        return ais::TrailPoint{local.x0 + (lon - local.lon0) * local.kx,
                               local.y0 + (lat - local.lat0) * local.ky, 0};
    };
    constexpr double kProbeDeg = 0.01;
    const float width = 1.6f * context.pixelScale;
    const time::UnixMillis from = context.now - options_.trailMs;
    // Beyond maxTrailTargets on screen, trails are kept for the vessels singled out only:
    // thousands of overlapping trails are unreadable, and on a software rasterizer they cost
    // more than every symbol together.
    const bool everyTrail = visible_.size() <= options_.maxTrailTargets;
    const MapSelection& selection = context.selection;
    auto singledOut = [&selection](ais::Mmsi mmsi) {
        return selection.selectedVessel == mmsi || selection.hoveredVessel == mmsi ||
               std::find(selection.highlightedVessels.begin(), selection.highlightedVessels.end(),
                         mmsi) != selection.highlightedVessels.end();
    };
    for (const Visible& v : visible_) {
        if (!everyTrail && !singledOut(v.state.mmsi)) continue;
        const ScreenPoint east = view.toScreen(geo::LonLat{v.state.lon + kProbeDeg, v.state.lat});
        const ScreenPoint north = view.toScreen(geo::LonLat{v.state.lon, v.state.lat + kProbeDeg});
        local = {v.state.lon,
                 v.state.lat,
                 v.at.x / step,
                 v.at.y / step,
                 (east.x - v.at.x) / kProbeDeg / step,
                 (north.y - v.at.y) / kProbeDeg / step};
        store_->decimatedTrail(v.index, from, context.now, toSteps, trail_);
        if (trail_.empty()) continue;
        ScreenPoint prev{trail_[0].x * step, trail_[0].y * step};
        const Rgba base = v.style->fill;
        auto segment = [&](ScreenPoint to, time::UnixMillis t) {
            // Older segments fade out; the newest is at 80 % so the symbol stays dominant.
            const float age = static_cast<float>(context.now - t) / options_.trailMs;
            const float alpha =
                0.8f * std::clamp(1.0f - age, 0.0f, 1.0f) * opacity * options_.trailOpacity;
            if (alpha > 0.02f) canvas.line(prev, to, width, withAlpha(base, alpha));
            prev = to;
        };
        for (std::size_t k = 1; k < trail_.size(); ++k)
            segment({trail_[k].x * step, trail_[k].y * step}, trail_[k].time);
        // Join the last fix to where the vessel is now (interpolated or dead-reckoned).
        if (v.state.kind != ais::StateKind::Exact) segment(v.at, context.now);
    }
}

void VesselOverlay::drawLeader(const OverlayContext& context, const Visible& v, float scale,
                               Canvas& canvas) {
    const ais::VesselState& s = v.state;
    if (!ais::isKnown(s.speedKn) || s.speedKn < options_.leaderMinSpeedKn) return;
    const float bearing = ais::isKnown(s.courseDeg) ? s.courseDeg : s.headingDeg;
    if (!ais::isKnown(bearing)) return;
    // Ground metres grow by 1/cos(lat) on the Mercator plane.
    const double groundM =
        s.speedKn * (options_.leaderMinutes / 60.0) * geo::kMetresPerNauticalMile;
    const double lengthPx =
        groundM / std::cos(s.lat * M_PI / 180.0) / context.view.metresPerPixel();
    if (lengthPx < scale * 1.4) return;  // hidden under the symbol: not worth a quad
    const ScreenPoint d = direction(bearing);
    const float fade = s.kind == ais::StateKind::Held ? 0.4f : 1.0f;
    canvas.line(v.at, {v.at.x + d.x * lengthPx, v.at.y + d.y * lengthPx}, 1.3f * context.pixelScale,
                withAlpha(outlineInk(context.palette, kLeaderAlpha), fade * opacity));
}

void VesselOverlay::drawLabels(const OverlayContext& context, Canvas& canvas) {
    const MapSelection& selection = context.selection;
    const bool zoomedIn = options_.showLabels &&
                          context.view.metresPerPixel() <= options_.labelMaxMetresPerPixel;
    TextStyle style;
    style.sizePx = 12.0f * context.pixelScale;
    style.color = {20, 25, 35, static_cast<std::uint8_t>(255 * opacity)};
    style.halo = {255, 255, 255, static_cast<std::uint8_t>(210 * opacity)};
    const double radius = options_.symbolLengthPx * 0.6 * context.pixelScale;
    for (const Visible& v : visible_) {
        const ais::Mmsi mmsi = v.state.mmsi;
        const bool focus = selection.selectedVessel == mmsi || selection.hoveredVessel == mmsi ||
                           std::find(selection.highlightedVessels.begin(),
                                     selection.highlightedVessels.end(),
                                     mmsi) != selection.highlightedVessels.end();
        // Zoomed out only the vessels in focus are named; the rest are symbols.
        if (!focus && !zoomedIn) continue;
        MapLabel label;
        label.text = store_->staticData(v.index).name;
        if (label.text.empty()) label.text = std::to_string(mmsi);
        label.style = style;
        label.style.bold = focus;
        label.request.anchor = v.at;
        label.request.symbolRadiusPx = radius;
        label.request.priority = focus ? geo::LabelPriority::Focus : geo::LabelPriority::Incident;
        label.request.rank = focus ? (selection.selectedVessel == mmsi ? 2 : 1) : -1;
        canvas.label(std::move(label));
    }
}

void VesselOverlay::addLegend(Canvas& canvas) const {
    // One row per class on screen, in the legend's order.
    std::array<bool, kLegend.size()> seen{};
    for (const Visible& v : visible_)
        seen[static_cast<std::size_t>(v.style - kLegend.data())] = true;
    for (std::size_t i = 0; i < kLegend.size(); ++i) {
        if (!seen[i]) continue;
        canvas.legend({"Vessels", kLegend[i].label, kLegend[i].fill,
                       kLegend[i].contact ? LegendSymbol::Diamond : LegendSymbol::Vessel});
    }
}

void VesselOverlay::drawEmphasis(const OverlayContext& context, Canvas& canvas) {
    const MapSelection& selection = context.selection;
    if (!selection.selectedVessel && !selection.hoveredVessel &&
        selection.highlightedVessels.empty())
        return;
    const float ps = context.pixelScale;
    const float radius = options_.symbolLengthPx * 0.85f * ps;
    for (const Visible& v : visible_) {
        const ais::Mmsi mmsi = v.state.mmsi;
        if (std::find(selection.highlightedVessels.begin(), selection.highlightedVessels.end(),
                      mmsi) != selection.highlightedVessels.end())
            canvas.strokeCircle(v.at, radius + 3 * ps, 2.5f * ps, withAlpha(kHighlight, opacity));
        if (selection.hoveredVessel == mmsi)
            canvas.strokeCircle(
                v.at, radius, 1.5f * ps,
                withAlpha(outlineInk(context.palette, kOutlineAlpha), 0.8f * opacity));
        if (selection.selectedVessel == mmsi) {
            // Dark under light: visible over sea, land and any symbol colour.
            canvas.strokeCircle(v.at, radius, 4.0f * ps, withAlpha({20, 20, 20, 255}, opacity));
            canvas.strokeCircle(v.at, radius, 2.0f * ps, withAlpha({255, 255, 255, 255}, opacity));
        }
    }
}

}  // namespace seawatch::render
