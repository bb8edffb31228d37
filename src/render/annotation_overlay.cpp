#include "seawatch/render/annotation_overlay.hpp"

#include <cmath>
#include <cstdio>

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

void AnnotationOverlay::build(const OverlayContext& context, Canvas& canvas) {
    const float s = context.pixelScale;
    const auto alpha = [&](Rgba c, float a) {
        return Rgba{c.r, c.g, c.b, static_cast<std::uint8_t>(c.a * a * opacity)};
    };
    for (std::size_t i = 0; i < annotations_.size(); ++i) {
        const scenario::Annotation& a = annotations_[i];
        if (!a.visibleAt(context.now) || a.points.empty()) continue;
        const Rgba ink = annotationColour(a.colour);
        const bool isSelected = selected && *selected == i;
        const float width = (isSelected ? 3.0f : 2.0f) * s;
        std::vector<ScreenPoint> pts;
        for (const auto& p : a.points) pts.push_back(context.view.toScreen(p));
        TextStyle label;
        label.sizePx = 13.0f * s;
        label.color = alpha(ink, 1.0f);
        label.halo = {255, 255, 255, static_cast<std::uint8_t>(220 * opacity)};
        label.bold = true;
        switch (a.kind) {
            case scenario::Annotation::Kind::Text:
                label.anchor = TextAnchor::Center;
                canvas.text(pts[0], a.text, label);
                break;
            case scenario::Annotation::Kind::Arrow:
                if (pts.size() >= 2) {
                    canvas.line(pts[0], pts[1], width, alpha(ink, 0.9f));
                    arrowHead(canvas, pts[0], pts[1], 12.0f * s, alpha(ink, 0.9f));
                    label.anchor = TextAnchor::BottomCenter;
                    canvas.text({pts[0].x, pts[0].y - 4 * s}, a.text, label);
                }
                break;
            case scenario::Annotation::Kind::RangeRing: {
                for (double r : a.radiiNm) {
                    std::vector<ScreenPoint> ring;
                    for (const auto& p : rangeRing(a.points[0], r))
                        ring.push_back(context.view.toScreen(p));
                    canvas.polyline(ring, width * 0.75f, alpha(ink, 0.85f), true);
                    char text[32];
                    std::snprintf(text, sizeof text, "%g nm", r);
                    label.anchor = TextAnchor::BottomCenter;
                    label.sizePx = 11.0f * s;
                    label.bold = false;
                    const ScreenPoint top =
                        context.view.toScreen(geo::destination(a.points[0], 0, r));
                    canvas.text({top.x, top.y - 2 * s}, text, label);
                }
                canvas.fillCircle(pts[0], 2.5f * s, alpha(ink, 1.0f));
                if (!a.text.empty()) {
                    label.anchor = TextAnchor::TopCenter;
                    label.sizePx = 13.0f * s;
                    label.bold = true;
                    canvas.text({pts[0].x, pts[0].y + 5 * s}, a.text, label);
                }
                break;
            }
            case scenario::Annotation::Kind::Area: {
                canvas.polyline(pts, width, alpha(ink, 0.9f), true);
                double cx = 0, cy = 0;
                for (const auto& p : pts) {
                    cx += p.x;
                    cy += p.y;
                }
                label.anchor = TextAnchor::Center;
                canvas.text({cx / pts.size(), cy / pts.size()}, a.text, label);
                break;
            }
        }
        if (isSelected) {
            for (const auto& p : pts) {
                canvas.fillRect({p.x - 4 * s, p.y - 4 * s}, {p.x + 4 * s, p.y + 4 * s},
                                {255, 255, 255, 230});
                canvas.strokeRect({p.x - 4 * s, p.y - 4 * s}, {p.x + 4 * s, p.y + 4 * s}, 1.5f * s,
                                  ink);
            }
        }
    }
}

}  // namespace seawatch::render
