#include "seawatch/render/label_layer.hpp"

#include <algorithm>
#include <cmath>

namespace seawatch::render {

std::vector<geo::LabelRequest> requestsOf(std::span<const MapLabel> labels) {
    std::vector<geo::LabelRequest> requests;
    requests.reserve(labels.size());
    for (const MapLabel& label : labels) requests.push_back(label.request);
    return requests;
}

std::vector<geo::PlacedLabel> drawLabels(std::span<const MapLabel> labels,
                                         const geo::LabelPlacementSettings& settings, Canvas& out,
                                         float pixelScale) {
    const auto requests = requestsOf(labels);
    auto placed = geo::placeLabels(requests, settings);
    for (const geo::PlacedLabel& p : placed) {
        const MapLabel& label = labels[p.request];
        if (p.leader) {
            // From the symbol's edge to the nearest point of the box.
            const geo::ScreenPoint a = label.request.anchor;
            const geo::ScreenPoint b{std::clamp(a.x, p.box.x0, p.box.x1),
                                     std::clamp(a.y, p.box.y0, p.box.y1)};
            const double length = std::hypot(b.x - a.x, b.y - a.y);
            const double r = label.request.symbolRadiusPx;
            if (length > r) {
                const geo::ScreenPoint from{a.x + (b.x - a.x) * r / length,
                                            a.y + (b.y - a.y) * r / length};
                Rgba ink = label.style.color;
                ink.a = static_cast<std::uint8_t>(ink.a * 0.75f);
                if (label.style.halo.a > 0) out.line(from, b, 3.0f * pixelScale, label.style.halo);
                out.line(from, b, 1.2f * pixelScale, ink);
            }
        }
        TextStyle style = label.style;
        style.anchor = TextAnchor::Center;
        out.text({(p.box.x0 + p.box.x1) / 2, (p.box.y0 + p.box.y1) / 2}, label.text, style);
    }
    return placed;
}

}  // namespace seawatch::render
