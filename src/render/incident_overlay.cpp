#include "seawatch/render/incident_overlay.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>

#include "seawatch/render/map_renderer.hpp"
#include "seawatch/scenario/layer_extents.hpp"
#include "symbol_batch.hpp"

namespace seawatch::render {

namespace {

Rgba withAlpha(incidents::MarkerColour c, float alpha) {
    return {c.r, c.g, c.b, static_cast<std::uint8_t>(std::clamp(alpha, 0.0f, 1.0f) * 255.0f)};
}

Rgba scaled(Rgba c, float alpha) {
    c.a = static_cast<std::uint8_t>(c.a * std::clamp(alpha, 0.0f, 1.0f));
    return c;
}

std::vector<ScreenPoint> grown(std::span<const ScreenPoint> points, ScreenPoint at, double by) {
    std::vector<ScreenPoint> out(points.begin(), points.end());
    for (auto& p : out) {
        const double dx = p.x - at.x, dy = p.y - at.y;
        const double len = std::max(1e-6, std::hypot(dx, dy));
        p = {p.x + dx / len * by, p.y + dy / len * by};
    }
    return out;
}

SymbolShape symbolShape(incidents::MarkerShape shape) {
    switch (shape) {
        case incidents::MarkerShape::Diamond:
            return SymbolShape::IncidentDiamond;
        case incidents::MarkerShape::Square:
            return SymbolShape::IncidentSquare;
        case incidents::MarkerShape::Triangle:
            return SymbolShape::IncidentTriangle;
        case incidents::MarkerShape::Circle:
            break;
    }
    return SymbolShape::IncidentCircle;
}

// A cluster's disc, drawn under its count (drawInstancedUnder): one instanced quad instead of
// three canvas circles, which at a few hundred clusters over a theatre cost llvmpipe more
// than the whole basemap (triangle set-up, and every pixel blended three times).
SymbolInstanceInput clusterDiscInstance(const geo::MapView& view, ScreenPoint centre,
                                        float radiusPx, incidents::MarkerColour ring) {
    const geo::Mercator at = view.toMercator(centre);
    SymbolInstanceInput in;
    in.x = at.x;
    in.y = at.y;
    in.sizePx = radiusPx / kIncidentCircleRadius;
    in.fill = {30, 42, 60, 225};
    in.edge = withAlpha(ring, 1.0f);
    in.shape = SymbolShape::IncidentCircle;
    in.mode = SymbolMode::ClusterDisc;
    return in;
}

// The instance of a lone marker: the category symbol over a white halo, as
// drawIncidentMarker draws it on a canvas.
SymbolInstanceInput markerInstance(geo::Mercator at, incidents::Category category, float sizePx) {
    const incidents::MarkerSymbol& symbol = incidents::markerSymbol(category);
    SymbolInstanceInput in;
    in.x = at.x;
    in.y = at.y;
    in.sizePx = sizePx;
    in.fill = withAlpha(symbol.colour, 1.0f);
    in.edge = {255, 255, 255, 235};
    in.shape = symbolShape(symbol.shape);
    in.mode = symbol.filled ? SymbolMode::FillHalo : SymbolMode::RingHalo;
    return in;
}

}  // namespace

std::vector<ScreenPoint> markerOutline(incidents::MarkerShape shape, ScreenPoint at, double r) {
    using incidents::MarkerShape;
    switch (shape) {
        case MarkerShape::Diamond:
            r *= 1.25;  // same visual weight as a square
            return {{at.x, at.y - r}, {at.x + r, at.y}, {at.x, at.y + r}, {at.x - r, at.y}};
        case MarkerShape::Square:
            r *= 0.9;
            return {{at.x - r, at.y - r},
                    {at.x + r, at.y - r},
                    {at.x + r, at.y + r},
                    {at.x - r, at.y + r}};
        case MarkerShape::Triangle: {
            r *= 1.2;
            // Centroid on the incident: apex up.
            return {{at.x, at.y - r},
                    {at.x + r * 0.92, at.y + r * 0.6},
                    {at.x - r * 0.92, at.y + r * 0.6}};
        }
        case MarkerShape::Circle:
            break;
    }
    return {};
}

LegendEntry incidentLegendEntry(incidents::Category category) {
    const incidents::MarkerSymbol& symbol = incidents::markerSymbol(category);
    LegendEntry e;
    e.group = "Incidents";
    e.text = std::string(incidents::categoryLabel(category));
    e.colour = withAlpha(symbol.colour, 1.0f);
    switch (symbol.shape) {
        case incidents::MarkerShape::Diamond:
            e.symbol = LegendSymbol::Diamond;
            break;
        case incidents::MarkerShape::Square:
            e.symbol = LegendSymbol::Square;
            break;
        case incidents::MarkerShape::Triangle:
            e.symbol = LegendSymbol::Triangle;
            break;
        case incidents::MarkerShape::Circle:
            e.symbol = LegendSymbol::Dot;
            break;
    }
    e.haloed = true;
    e.hollow = !symbol.filled;
    return e;
}

void drawIncidentMarker(Canvas& canvas, ScreenPoint at, const incidents::MarkerSymbol& symbol,
                        float halfSizePx, float alpha) {
    const Rgba halo = scaled({255, 255, 255, 235}, alpha);
    const Rgba colour = withAlpha(symbol.colour, alpha);
    const float stroke = std::max(1.5f, halfSizePx * 0.32f);
    if (symbol.shape == incidents::MarkerShape::Circle) {
        const float r = halfSizePx * 0.95f;
        if (symbol.filled) {
            canvas.fillCircle(at, r + 1.5f, halo);
            canvas.fillCircle(at, r, colour);
        } else {
            canvas.fillCircle(at, r + stroke * 0.5f + 1.5f, halo);
            canvas.strokeCircle(at, r, stroke, colour);
        }
        return;
    }
    const auto outline = markerOutline(symbol.shape, at, halfSizePx);
    const auto haloOutline = grown(outline, at, symbol.filled ? 2.0 : stroke * 0.5 + 2.0);
    canvas.fillConvex(haloOutline, halo);
    if (symbol.filled) {
        canvas.fillConvex(outline, colour);
    } else {
        canvas.polyline(grown(outline, at, -stroke * 0.5), stroke, colour, true);
    }
}

IncidentOverlay::IncidentOverlay(incidents::IncidentColumns columns,
                                 std::vector<std::string> sourceRefs)
    : markers_(std::make_unique<SymbolBatch>()), clusterDiscs_(std::make_unique<SymbolBatch>()) {
    setIncidents(std::move(columns), std::move(sourceRefs));
}

IncidentOverlay::~IncidentOverlay() = default;

std::size_t IncidentOverlay::markersDrawn() const {
    return markers_->lastDrawn();
}

void IncidentOverlay::setIncidents(incidents::IncidentColumns columns,
                                   std::vector<std::string> sourceRefs) {
    columns_ = std::move(columns);
    sourceRefs_ = std::move(sourceRefs);
    if (sourceRefs_.size() != columns_.size()) sourceRefs_.clear();
    positions_ = incidents::mercatorPositions(columns_);
    ++generation_;
    cacheKey_.reset();
    markerKey_.reset();
    byTime_.clear();
    highlightedRefs_.clear();
    highlightedRows_.clear();
}

const std::vector<incidents::IncidentCluster>& IncidentOverlay::clustersFor(
    const geo::MapView& view, time::UnixMillis now, float pixelScale) {
    const CacheKey key{view.center().x, view.center().y, view.metresPerPixel(),
                       view.widthPx(),  view.heightPx(), now,
                       pixelScale,      generation_};
    if (cacheKey_ && *cacheKey_ == key) return clusters_;
    incidents::ClusterOptions options;
    options.now = now;
    options.marginPx = markerSizePx * pixelScale * 2.0;
    // A tiny cell keeps every incident apart while still sharing one code path.
    options.cellPx = clusterCellPx > 0 ? clusterCellPx * pixelScale : 0.01;
    clusters_ = incidents::clusterIncidents(columns_, positions_, view, options);
    // Where incidents are everywhere (years of reports over a theatre), a bubble every cell
    // is a wall of numbers: coarsen the grid until the picture holds a readable number.
    const double area = static_cast<double>(view.widthPx()) * view.heightPx();
    const auto readable = static_cast<std::size_t>(std::max(20.0, area / (120.0 * 120.0)));
    while (clusterCellPx > 0 && clusters_.size() > readable && options.cellPx < 320 * pixelScale) {
        options.cellPx *= 1.5;
        clusters_ = incidents::clusterIncidents(columns_, positions_, view, options);
    }
    cacheKey_ = key;
    ++clusterVersion_;
    return clusters_;
}

std::optional<geo::GeoBox> IncidentOverlay::extent(time::UnixMillis now) const {
    return scenario::incidentsExtent(columns_, now);
}

void IncidentOverlay::build(const OverlayContext& context, Canvas& canvas) {
    if (opacity <= 0.0f || columns_.size() == 0) return;
    if (clusterCellPx > 0) {
        buildClustered(context, canvas);
    } else {
        buildUnclustered(context, canvas);
    }
    drawEmphasis(context, canvas);
}

void IncidentOverlay::drawInstancedUnder(const OverlayContext& context, MapRenderer& renderer) {
    if (opacity <= 0.0f || columns_.size() == 0 || clusterCellPx <= 0) return;
    SymbolDrawStyle style;
    style.opacity = opacity;
    style.level = charts::palette(renderer.style().palette).level;
    style.pixelScale = context.pixelScale;
    clusterDiscs_->draw(context.view, style);
}

void IncidentOverlay::drawInstanced(const OverlayContext& context, MapRenderer& renderer) {
    if (opacity <= 0.0f || columns_.size() == 0) return;
    SymbolDrawStyle style;
    style.opacity = opacity;
    style.level = charts::palette(renderer.style().palette).level;
    style.pixelScale = context.pixelScale;
    markers_->draw(context.view, style);
}

// Fades over the window, so "just now" stands out from "this morning".
void IncidentOverlay::recentRing(const OverlayContext& context, ScreenPoint at,
                                 incidents::Category category, time::UnixMillis occurredAt,
                                 float radiusPx, Canvas& canvas) const {
    const auto age = context.now - occurredAt;
    if (age < 0 || age >= recentWindow) return;
    const float fresh = 1.0f - static_cast<float>(age) / recentWindow;
    canvas.strokeCircle(
        at, radiusPx * (2.0f + fresh), 2.0f * context.pixelScale,
        withAlpha(incidents::markerSymbol(category).colour, opacity * (0.35f + 0.6f * fresh)));
}

void IncidentOverlay::buildClustered(const OverlayContext& context, Canvas& canvas) {
    const float px = context.pixelScale;
    const float alpha = opacity;
    const auto& clusters = clustersFor(context.view, context.now, px);
    const MarkerKey key{clusterVersion_, clusters.size(), markerSizePx * px, true};
    const bool rebuild = !markerKey_ || *markerKey_ != key;
    std::vector<SymbolInstanceInput> lone, discs;
    const TextStyle countStyle{.sizePx = 11.5f * px,
                               .color = scaled({255, 255, 255, 255}, alpha),
                               .halo = {0, 0, 0, 0},
                               .bold = true,
                               .anchor = TextAnchor::Center};
    for (const auto& c : clusters) {
        const auto age = context.now - c.latestAt;
        const bool recent = age >= 0 && age < recentWindow;
        const auto& symbol = incidents::markerSymbol(c.mostSevere);
        canvas.legend(incidentLegendEntry(c.mostSevere));
        if (c.count == 1) {
            recentRing(context, c.centre, c.mostSevere, c.latestAt, markerSizePx * px, canvas);
            canvas.keepLabelsOff(c.centre, markerSizePx * px);
            if (rebuild)
                lone.push_back(
                    markerInstance(positions_[c.firstMember], c.mostSevere, markerSizePx * px));
            continue;
        }
        // A cluster: a dark disc edged in the colour of its most severe member, with the count.
        const auto r = static_cast<float>(incidents::clusterRadiusPx(c.count, px));
        if (recent) {
            const float fresh = 1.0f - static_cast<float>(age) / recentWindow;
            canvas.strokeCircle(c.centre, r + 5.0f * px, 2.0f * px,
                                withAlpha(symbol.colour, alpha * (0.35f + 0.6f * fresh)));
        }
        canvas.keepLabelsOff(c.centre, r + 1.5f * px);  // a zone's name never hides a count
        if (rebuild) discs.push_back(clusterDiscInstance(context.view, c.centre, r, symbol.colour));
        const std::string label =
            c.count >= 10000 ? std::to_string(c.count / 1000) + "k" : std::to_string(c.count);
        canvas.text(c.centre, label, countStyle);
    }
    if (rebuild) {
        markers_->set(lone);
        clusterDiscs_->set(discs);
        markerKey_ = key;
        ++markerRebuilds_;
    }
}

// Every incident its own marker: the instances cover the whole set shown at `now` and are
// culled on the GPU side by grid cell, so a frame costs what is in view; they are rebuilt
// only when an incident appears or disappears with time.
void IncidentOverlay::buildUnclustered(const OverlayContext& context, Canvas& canvas) {
    const float px = context.pixelScale;
    if (byTime_.size() != columns_.size()) {
        byTime_.resize(columns_.size());
        std::iota(byTime_.begin(), byTime_.end(), std::size_t{0});
        std::stable_sort(byTime_.begin(), byTime_.end(), [this](std::size_t a, std::size_t b) {
            return columns_.occurredAt[a] < columns_.occurredAt[b];
        });
    }
    auto timeOf = [this](std::size_t row) { return columns_.occurredAt[row]; };
    const auto shownEnd = std::upper_bound(
        byTime_.begin(), byTime_.end(), context.now,
        [&timeOf](time::UnixMillis t, std::size_t row) { return t < timeOf(row); });
    const auto shown = static_cast<std::size_t>(shownEnd - byTime_.begin());
    const MarkerKey key{generation_, shown, markerSizePx * px, false};
    if (!markerKey_ || *markerKey_ != key) {
        std::vector<SymbolInstanceInput> instances;
        instances.reserve(shown);
        std::array<bool, 256> seen{};
        shownCategories_.clear();
        for (auto it = byTime_.begin(); it != shownEnd; ++it) {
            const incidents::Category category = columns_.category[*it];
            instances.push_back(markerInstance(positions_[*it], category, markerSizePx * px));
            if (!seen[static_cast<std::uint8_t>(category)]) {
                seen[static_cast<std::uint8_t>(category)] = true;
                shownCategories_.push_back(category);
            }
        }
        markers_->set(instances);
        markerKey_ = key;
        ++markerRebuilds_;
    }
    for (const incidents::Category category : shownCategories_) {
        canvas.legend(incidentLegendEntry(category));
    }
    // Rings for the last window's incidents: found by time, not by a pass over all.
    const auto recentBegin = std::upper_bound(
        byTime_.begin(), shownEnd, context.now - recentWindow,
        [&timeOf](time::UnixMillis t, std::size_t row) { return t < timeOf(row); });
    for (auto it = recentBegin; it != shownEnd; ++it) {
        recentRing(context, context.view.toScreen(positions_[*it]), columns_.category[*it],
                   columns_.occurredAt[*it], markerSizePx * px, canvas);
    }
}

void IncidentOverlay::drawEmphasis(const OverlayContext& context, Canvas& canvas) {
    const float px = context.pixelScale;
    if (context.selection.highlightedIncidents != highlightedRefs_) {
        highlightedRefs_ = context.selection.highlightedIncidents;
        highlightedRows_.clear();
        for (std::size_t i = 0; i < sourceRefs_.size() && !highlightedRefs_.empty(); ++i) {
            if (std::find(highlightedRefs_.begin(), highlightedRefs_.end(), sourceRefs_[i]) !=
                highlightedRefs_.end())
                highlightedRows_.push_back(i);
        }
    }
    // Highlighted and selected incidents come out of their clusters, on top of everything.
    auto emphasise = [&](std::size_t row, Rgba ring, float ringWidth) {
        if (!incidents::shownAt(columns_, row, context.now)) return;
        const ScreenPoint at = context.view.toScreen(positions_[row]);
        const float r = markerSizePx * px * 2.1f;
        canvas.strokeCircle(at, r + 1.5f * px, ringWidth + 2.0f * px, {255, 255, 255, 230});
        canvas.strokeCircle(at, r, ringWidth, ring);
        drawIncidentMarker(canvas, at, incidents::markerSymbol(columns_.category[row]),
                           markerSizePx * px * 1.2f, 1.0f);
        // Named by what happened and when: "Hijacked · Apr 2009".
        static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        const time::CivilTime when = time::toCivil(columns_.occurredAt[row]);
        MapLabel label;
        label.text = std::string(incidents::categoryLabel(columns_.category[row])) + " \xC2\xB7 " +
                     kMonths[(when.month + 11) % 12] + " " + std::to_string(when.year);
        label.style = {.sizePx = 11.5f * px,
                       .color = {60, 30, 0, 255},
                       .halo = {255, 255, 255, 220},
                       .bold = false,
                       .anchor = TextAnchor::Center};
        label.request.priority = geo::LabelPriority::Incident;
        label.request.rank = 2;
        label.request.anchor = at;
        label.request.symbolRadiusPx = r + 2.0f * px;
        canvas.label(std::move(label));
    };
    for (std::size_t row : highlightedRows_) emphasise(row, {255, 170, 0, 255}, 2.5f * px);
    if (context.selection.selectedIncident) {
        if (auto row = incidents::findIncidentRow(columns_, *context.selection.selectedIncident))
            emphasise(*row, {10, 20, 40, 255}, 3.0f * px);
    }
}

IncidentOverlay::Pick IncidentOverlay::pick(const geo::MapView& view, time::UnixMillis now,
                                            geo::ScreenPoint point, float pixelScale) {
    Pick out;
    const auto& clusters = clustersFor(view, now, pixelScale);
    // The larger of a marker's or the biggest bubble's radius bounds the search.
    const double markerReach = markerSizePx * pixelScale * 1.6;
    std::optional<std::size_t> best;
    double bestD2 = 0;
    for (std::size_t i = 0; i < clusters.size(); ++i) {
        const auto& c = clusters[i];
        const double reach =
            c.count == 1 ? markerReach : incidents::clusterRadiusPx(c.count, pixelScale) + 2.0;
        const double dx = c.centre.x - point.x, dy = c.centre.y - point.y;
        const double d2 = dx * dx + dy * dy;
        if (d2 <= reach * reach && (!best || d2 < bestD2)) {
            best = i;
            bestD2 = d2;
        }
    }
    if (!best) return out;
    if (clusters[*best].count == 1) {
        out.row = clusters[*best].firstMember;
    } else {
        out.cluster = clusters[*best];
    }
    return out;
}

}  // namespace seawatch::render
