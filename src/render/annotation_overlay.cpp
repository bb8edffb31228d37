#include "seawatch/render/annotation_overlay.hpp"

#include <cmath>
#include <cstdio>

#include "seawatch/scenario/layer_extents.hpp"
#include "seawatch/zones/zone_style.hpp"

namespace seawatch::render {

namespace {

constexpr Rgba kDefaultInk{156, 39, 176, 255};  // magenta: chart annotation convention

void arrowHead(Canvas& canvas, ScreenPoint tail, ScreenPoint head, float size, Rgba colour) {
    const double dx = head.x - tail.x;
    const double dy = head.y - tail.y;
    const double len = std::hypot(dx, dy);
    if (len < 1e-6) return;
    const double ux = dx / len;
    const double uy = dy / len;
    const ScreenPoint left{head.x - ux * size - uy * size * 0.5,
                           head.y - uy * size + ux * size * 0.5};
    const ScreenPoint right{head.x - ux * size + uy * size * 0.5,
                            head.y - uy * size - ux * size * 0.5};
    const ScreenPoint tip[] = {head, left, right};
    canvas.fillConvex(tip, colour);
}

}  // namespace

// Annotation colours use the zone files' "#RRGGBB[AA]" syntax; a bad one falls back to ink.
Rgba annotationColour(std::string_view text) {
    if (text.empty()) return kDefaultInk;
    auto parsed = zones::parseHexColour(text);
    if (!parsed) return kDefaultInk;
    return {parsed->r, parsed->g, parsed->b, parsed->a};
}

std::vector<geo::LonLat> rangeRing(geo::LonLat centre, double radiusNm, int segments) {
    std::vector<geo::LonLat> points;
    points.reserve(static_cast<std::size_t>(segments));
    for (int i = 0; i < segments; ++i)
        points.push_back(geo::destination(centre, 360.0 * i / segments, radiusNm));
    return points;
}

namespace {
// Even-odd point-in-polygon test in screen space.
bool containsScreen(const std::vector<ScreenPoint>& ring, ScreenPoint p) {
    bool inside = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const ScreenPoint& a = ring[i];
        const ScreenPoint& b = ring[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
            inside = !inside;
    }
    return inside;
}
}  // namespace

std::optional<geo::GeoBox> AnnotationOverlay::extent(time::UnixMillis now) const {
    return scenario::annotationsExtent(annotations_, now);
}

namespace {

// What drawing one annotation needs: its ink at the overlay's opacity, and the label rule.
struct AnnotationPen {
    const OverlayContext& context;
    Canvas& canvas;
    float s;
    float opacity;
    Rgba ink;
    float width;

    Rgba alpha(float a) const {
        return Rgba{ink.r, ink.g, ink.b, static_cast<std::uint8_t>(ink.a * a * opacity)};
    }
    TextStyle labelStyle(float sizePx, bool bold) const {
        TextStyle label;
        label.sizePx = sizePx * s;
        label.color = alpha(1.0f);
        label.halo = {255, 255, 255, static_cast<std::uint8_t>(220 * opacity)};
        label.bold = bold;
        return label;
    }
    // Annotations are what the author wanted said: above vessel names, below alerts.
    void ask(const std::string& text, ScreenPoint anchor, double symbolRadius,
             std::vector<ScreenPoint> centres, geo::LabelPriority priority, int rank) const {
        MapLabel l;
        l.text = text;
        l.style = labelStyle(13.0f, true);
        l.request.priority = priority;
        l.request.rank = rank;
        l.request.anchor = anchor;
        l.request.symbolRadiusPx = symbolRadius;
        l.request.centres = std::move(centres);
        canvas.label(std::move(l));
    }
};

void drawRangeRings(const AnnotationPen& pen, const scenario::Annotation& a,
                    const std::vector<ScreenPoint>& pts) {
    const geo::MapView& view = pen.context.view;
    const float s = pen.s;
    for (double r : a.radiiNm) {
        std::vector<ScreenPoint> ring;
        for (const auto& p : rangeRing(a.points[0], r)) ring.push_back(view.toScreen(p));
        const ScreenPoint top = view.toScreen(geo::destination(a.points[0], 0, r));
        const double radiusPx = pts[0].y - top.y;
        // Zoomed out, the rings shrink into a knot: drop those too small to read.
        if (radiusPx < 6.0 * s) continue;
        pen.canvas.polyline(ring, pen.width * 0.75f, pen.alpha(0.85f), true);
        if (radiusPx < 18.0 * s) continue;  // no room for its distance
        char text[32];
        std::snprintf(text, sizeof text, "%g nm", r);
        const ScreenPoint at{top.x, top.y - 8 * s};
        MapLabel l;
        l.text = text;
        l.style = pen.labelStyle(11.0f, false);
        l.request.priority = geo::LabelPriority::Zone;
        l.request.rank = 2;
        l.request.anchor = at;
        l.request.centres = {at};
        l.request.allowLeader = false;
        pen.canvas.label(std::move(l));
    }
    pen.canvas.fillCircle(pts[0], 2.5f * s, pen.alpha(1.0f));
    if (!a.text.empty()) pen.ask(a.text, pts[0], 3.0 * s, {}, geo::LabelPriority::Incident, 1);
}

void drawArea(const AnnotationPen& pen, const scenario::Annotation& a,
              const std::vector<ScreenPoint>& pts) {
    pen.canvas.polyline(pts, pen.width, pen.alpha(0.9f), true);
    double cx = 0, cy = 0;
    for (const auto& p : pts) {
        cx += p.x;
        cy += p.y;
    }
    const auto n = static_cast<double>(pts.size());
    const ScreenPoint centre{cx / n, cy / n};
    std::vector<ScreenPoint> centres{centre};
    const auto inside = [&](ScreenPoint p) { return containsScreen(pts, p); };
    for (ScreenPoint p : geo::axisPoints(std::span<const ScreenPoint>(pts), 7, inside))
        centres.push_back(p);
    pen.ask(a.text, centre, 0.0, std::move(centres), geo::LabelPriority::Zone, 2);
}

// Square handles on the vertices of the selected annotation, for editing.
void drawHandles(const AnnotationPen& pen, const std::vector<ScreenPoint>& pts) {
    const float s = pen.s;
    for (const auto& p : pts) {
        pen.canvas.fillRect({p.x - 4 * s, p.y - 4 * s}, {p.x + 4 * s, p.y + 4 * s},
                            {255, 255, 255, 230});
        pen.canvas.strokeRect({p.x - 4 * s, p.y - 4 * s}, {p.x + 4 * s, p.y + 4 * s}, 1.5f * s,
                              pen.ink);
    }
}

}  // namespace

void AnnotationOverlay::build(const OverlayContext& context, Canvas& canvas) {
    const float s = context.pixelScale;
    for (std::size_t i = 0; i < annotations_.size(); ++i) {
        const scenario::Annotation& a = annotations_[i];
        if (!a.visibleAt(context.now) || a.points.empty()) continue;
        const bool isSelected = selected && *selected == i;
        const AnnotationPen pen{context,
                                canvas,
                                s,
                                opacity,
                                annotationColour(a.colour),
                                (isSelected ? 3.0f : 2.0f) * s};
        std::vector<ScreenPoint> pts;
        for (const auto& p : a.points) pts.push_back(context.view.toScreen(p));
        switch (a.kind) {
            case scenario::Annotation::Kind::Text:
                pen.ask(a.text, pts[0], 0.0, {pts[0]}, geo::LabelPriority::Incident, 1);
                break;
            case scenario::Annotation::Kind::Arrow:
                if (pts.size() >= 2) {
                    canvas.line(pts[0], pts[1], pen.width, pen.alpha(0.9f));
                    arrowHead(canvas, pts[0], pts[1], 12.0f * s, pen.alpha(0.9f));
                    pen.ask(a.text, pts[0], 4.0 * s, {}, geo::LabelPriority::Incident, 1);
                }
                break;
            case scenario::Annotation::Kind::RangeRing:
                drawRangeRings(pen, a, pts);
                break;
            case scenario::Annotation::Kind::Area:
                drawArea(pen, a, pts);
                break;
        }
        if (isSelected) drawHandles(pen, pts);
    }
}

}  // namespace seawatch::render
