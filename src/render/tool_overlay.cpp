#include "seawatch/render/tool_overlay.hpp"

#include <algorithm>
#include <cmath>

#include "seawatch/render/annotation_overlay.hpp"

namespace seawatch::render {

namespace {

Rgba withAlpha(Rgba c, float alpha) {
    c.a = static_cast<std::uint8_t>(std::clamp(c.a * alpha, 0.0f, 255.0f));
    return c;
}

// A line with a white casing under it, readable over land, sea and the heatmap alike.
void casedPolyline(Canvas& canvas, const std::vector<ScreenPoint>& points, float widthPx, Rgba ink,
                   float opacity, bool closed = false) {
    canvas.polyline(points, widthPx + 2.5f, withAlpha({255, 255, 255, 200}, opacity), closed);
    canvas.polyline(points, widthPx, withAlpha(ink, opacity), closed);
}

void dashed(Canvas& canvas, ScreenPoint a, ScreenPoint b, float widthPx, float dashPx, Rgba ink) {
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    if (length <= 0.0) return;
    const double ux = (b.x - a.x) / length, uy = (b.y - a.y) / length;
    for (double d = 0.0; d < length; d += 2.0 * dashPx) {
        const double e = std::min(length, d + dashPx);
        canvas.line({a.x + ux * d, a.y + uy * d}, {a.x + ux * e, a.y + uy * e}, widthPx, ink);
    }
}

void askLabel(Canvas& canvas, const std::string& text, ScreenPoint anchor, Rgba ink, float s,
              float opacity, double symbolRadiusPx) {
    MapLabel l;
    l.text = text;
    l.style.sizePx = 13.0f * s;
    l.style.bold = true;
    l.style.color = withAlpha(ink, opacity);
    l.style.halo = withAlpha({255, 255, 255, 235}, opacity);
    // What the user is measuring right now outranks every other label on the map.
    l.request.priority = geo::LabelPriority::Focus;
    l.request.rank = 10;
    l.request.anchor = anchor;
    l.request.symbolRadiusPx = symbolRadiusPx;
    canvas.label(std::move(l));
}

std::vector<ScreenPoint> toScreen(const geo::MapView& view, const std::vector<geo::LonLat>& ll) {
    std::vector<ScreenPoint> out;
    out.reserve(ll.size());
    for (const auto& p : ll) out.push_back(view.toScreen(p));
    return out;
}

void endMark(Canvas& canvas, ScreenPoint p, Rgba ink, float s, float opacity) {
    canvas.fillCircle(p, 4.5f * s, withAlpha({255, 255, 255, 230}, opacity));
    canvas.fillCircle(p, 3.0f * s, withAlpha(ink, opacity));
}

void buildMeasure(const analytics::MeasureReadout& m, const OverlayContext& context, Canvas& canvas,
                  float opacity) {
    const float s = context.pixelScale;
    // Segments of about 8 px: a long line curves as the great circle does on Mercator.
    const double stepNm = std::max(0.05, 8.0 * s * context.view.nauticalMilesPerPixel());
    const auto path = toScreen(context.view, geo::greatCirclePath(m.from, m.to, stepNm));
    casedPolyline(canvas, path, 2.0f * s, kMeasureInk, opacity);
    endMark(canvas, path.front(), kMeasureInk, s, opacity);
    if (m.complete) endMark(canvas, path.back(), kMeasureInk, s, opacity);
    const ScreenPoint mid = context.view.toScreen(geo::greatCircleFraction(m.from, m.to, 0.5));
    askLabel(canvas, geo::formatRangeBearing(m.rb), mid, kMeasureInk, s, opacity, 3.0 * s);
    canvas.legend({"Tools", "Measured range and bearing", kMeasureInk, LegendSymbol::Line});
}

void buildEblVrm(const analytics::EblVrmReadout& e, const OverlayContext& context, Canvas& canvas,
                 float opacity) {
    const float s = context.pixelScale;
    const geo::MapView& view = context.view;
    const ScreenPoint origin = view.toScreen(e.origin);
    // The EBL runs past the screen's edge whatever the zoom, as on a radar display.
    const double diagonalNm =
        std::hypot(view.widthPx(), view.heightPx()) * view.nauticalMilesPerPixel();
    const double lengthNm = std::max(e.rangeNm, 0.0) + diagonalNm;
    const geo::LonLat far = geo::destination(e.origin, e.bearingDeg, lengthNm);
    const auto ebl =
        toScreen(view, geo::greatCirclePath(
                           e.origin, far, std::max(0.05, 8.0 * s * view.nauticalMilesPerPixel())));
    const Rgba ink = withAlpha(kEblVrmInk, opacity);
    for (std::size_t i = 1; i < ebl.size(); ++i)
        dashed(canvas, ebl[i - 1], ebl[i], 2.0f * s, 9.0f * s, ink);
    const geo::LonLat onRing = geo::destination(e.origin, e.bearingDeg, e.rangeNm);
    if (e.rangeNm > 0.0) {
        auto ring = toScreen(view, rangeRing(e.origin, e.rangeNm, 128));
        casedPolyline(canvas, ring, 2.0f * s, kEblVrmInk, opacity, true);
    }
    canvas.fillCircle(origin, 3.5f * s, ink);
    const std::string text =
        "VRM " + geo::formatRange(e.rangeNm) + "  EBL " + geo::formatBearing(e.bearingDeg);
    askLabel(canvas, text, view.toScreen(onRing), kEblVrmInk, s, opacity, 4.0 * s);
    canvas.legend({"Tools", "EBL / VRM", kEblVrmInk, LegendSymbol::Ring});
}

void buildCpa(const analytics::CpaToolReadout& c, const OverlayContext& context, Canvas& canvas,
              float opacity) {
    const float s = context.pixelScale;
    const geo::MapView& view = context.view;
    const ScreenPoint aNow = view.toScreen(c.line.firstNow);
    const ScreenPoint bNow = view.toScreen(c.line.secondNow);
    const ScreenPoint aCpa = view.toScreen(c.line.firstAtCpa);
    const ScreenPoint bCpa = view.toScreen(c.line.secondAtCpa);
    const Rgba ink = withAlpha(kCpaToolInk, opacity);
    // Each vessel's run to its CPA position, and the separation at the CPA (dashed).
    casedPolyline(canvas, {aNow, aCpa}, 1.5f * s, kCpaToolInk, opacity * 0.85f);
    casedPolyline(canvas, {bNow, bCpa}, 1.5f * s, kCpaToolInk, opacity * 0.85f);
    dashed(canvas, aCpa, bCpa, 2.5f * s, 6.0f * s, ink);
    for (ScreenPoint p : {aNow, bNow}) canvas.strokeCircle(p, 9.0f * s, 2.0f * s, ink);
    for (ScreenPoint p : {aCpa, bCpa}) endMark(canvas, p, kCpaToolInk, s, opacity);
    const ScreenPoint mid{(aCpa.x + bCpa.x) / 2, (aCpa.y + bCpa.y) / 2};
    askLabel(canvas, analytics::formatCpa(c.line.cpa), mid, kCpaToolInk, s, opacity, 5.0 * s);
    canvas.legend(
        {"Tools", "Two-vessel CPA (rings: now, dots: at CPA)", kCpaToolInk, LegendSymbol::Line});
}

}  // namespace

void ToolOverlay::build(const OverlayContext& context, Canvas& canvas) {
    if (readouts_.measure) buildMeasure(*readouts_.measure, context, canvas, opacity);
    if (readouts_.eblVrm) buildEblVrm(*readouts_.eblVrm, context, canvas, opacity);
    if (readouts_.cpa) buildCpa(*readouts_.cpa, context, canvas, opacity);
}

std::optional<geo::GeoBox> ToolOverlay::extent(time::UnixMillis now) const {
    (void)now;
    ExtentBuilder e;
    if (const auto& m = readouts_.measure) {
        e.add(m->from.lon, m->from.lat);
        e.add(m->to.lon, m->to.lat);
    }
    if (const auto& v = readouts_.eblVrm) {
        for (double bearing : {0.0, 90.0, 180.0, 270.0}) {
            const geo::LonLat p = geo::destination(v->origin, bearing, v->rangeNm);
            e.add(p.lon, p.lat);
        }
    }
    if (const auto& c = readouts_.cpa) {
        for (const geo::LonLat& p :
             {c->line.firstNow, c->line.secondNow, c->line.firstAtCpa, c->line.secondAtCpa})
            e.add(p.lon, p.lat);
    }
    return e.result();
}

}  // namespace seawatch::render
