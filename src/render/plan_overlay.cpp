#include "seawatch/render/plan_overlay.hpp"

#include "seawatch/scenario/layer_extents.hpp"

namespace seawatch::render {

namespace {

constexpr Rgba kConflict{239, 83, 80, 230};
constexpr Rgba kGap{255, 167, 38, 230};

bool isGap(analytics::FindingKind kind) {
    return kind == analytics::FindingKind::DepartureGap ||
           kind == analytics::FindingKind::SectorUncovered;
}

Rgba faded(Rgba c, float opacity) {
    c.a = static_cast<std::uint8_t>(static_cast<float>(c.a) * opacity);
    return c;
}

}  // namespace

void PlanFindingsOverlay::show(std::span<const analytics::Finding> findings, time::UnixMillis from,
                               time::UnixMillis to, std::optional<std::size_t> selected) {
    findings_ = findings;
    from_ = from;
    to_ = to;
    selected_ = selected;
}

std::optional<geo::GeoBox> PlanFindingsOverlay::extent(time::UnixMillis now) const {
    (void)now;  // the plan view's days, not the picture's time, say what is shown
    return scenario::planFaultsExtent(findings_, from_, to_);
}

void PlanFindingsOverlay::build(const OverlayContext& context, Canvas& canvas) {
    const float s = context.pixelScale;
    for (std::size_t i = 0; i < findings_.size(); ++i) {
        const analytics::Finding& f = findings_[i];
        if (!scenario::planFaultShown(f, from_, to_)) continue;
        const ScreenPoint at = context.view.toScreen(*f.position);
        const bool gap = isGap(f.kind);
        const Rgba colour = faded(gap ? kGap : kConflict, opacity);
        const bool chosen = selected_ == i;
        canvas.strokeCircle(at, (chosen ? 14.0f : 8.0f) * s, (chosen ? 3.0f : 2.0f) * s, colour);
        canvas.legend({"Plan", gap ? "Plan gap" : "Plan conflict", colour, LegendSymbol::Ring});
        if (!chosen) continue;
        MapLabel label;
        label.text = f.text;
        label.style.sizePx = 12.5f * s;
        label.style.bold = true;
        label.style.color = faded({110, 20, 20, 255}, opacity);
        label.style.halo = faded({255, 255, 255, 235}, opacity);
        label.request.priority = geo::LabelPriority::Alert;
        label.request.rank = 1;
        label.request.anchor = at;
        label.request.symbolRadiusPx = 16.0 * s;
        canvas.label(std::move(label));
    }
}

}  // namespace seawatch::render
