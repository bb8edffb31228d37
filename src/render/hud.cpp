#include "seawatch/render/hud.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <optional>
#include <vector>

#include "seawatch/render/incident_overlay.hpp"

namespace seawatch::render {

namespace {
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
}

std::vector<std::string> wrapText(const Canvas& canvas, std::string_view text, float sizePx,
                                  double maxWidthPx, bool bold) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find(' ', pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(pos, end - pos);
        pos = end + 1;
        if (word.empty()) continue;
        const std::string candidate =
            line.empty() ? std::string(word) : line + " " + std::string(word);
        if (!line.empty() && canvas.measureText(candidate, sizePx, bold).x > maxWidthPx) {
            lines.push_back(line);
            line = std::string(word);
        } else {
            line = candidate;
        }
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

void buildTimeBadge(Canvas& canvas, const geo::MapView& view, time::UnixMillis now,
                    std::string_view subtitle, float s) {
    (void)view;
    const time::CivilTime c = time::toCivil(now);
    char text[48];
    std::snprintf(text, sizeof text, "%02d %s %04d  %02d:%02dZ", c.day, kMonths[c.month - 1],
                  c.year, c.hour, c.minute);
    const float size = 16.0f * s;
    const ScreenPoint at{12 * s, 12 * s};
    const ScreenPoint main = canvas.measureText(text, size, true);
    double width = main.x;
    double height = main.y;
    if (!subtitle.empty()) {
        const ScreenPoint sub = canvas.measureText(subtitle, 11.0f * s);
        width = std::max(width, sub.x);
        height += sub.y + 2 * s;
    }
    canvas.fillRect({at.x - 8 * s, at.y - 6 * s}, {at.x + width + 8 * s, at.y + height + 6 * s},
                    {16, 32, 48, 215});
    canvas.keepFree({at.x - 8 * s, at.y - 6 * s, at.x + width + 8 * s, at.y + height + 6 * s});
    TextStyle style;
    style.sizePx = size;
    style.bold = true;
    style.color = {255, 255, 255, 255};
    canvas.text(at, text, style);
    if (!subtitle.empty()) {
        style.sizePx = 11.0f * s;
        style.bold = false;
        style.color = {190, 210, 230, 255};
        canvas.text({at.x, at.y + main.y + 2 * s}, subtitle, style);
    }
}

void buildCaption(Canvas& canvas, const geo::MapView& view, std::string_view caption,
                  int stepNumber, int stepCount, float s) {
    if (caption.empty()) return;
    // Readable from the back of a room: about 1/40 of the picture's height.
    const float size = std::max(17.0f * s, static_cast<float>(view.heightPx()) / 40.0f);
    const double margin = 18 * s;
    char counter[32] = "";
    if (stepCount > 0) std::snprintf(counter, sizeof counter, "%d/%d", stepNumber, stepCount);
    const double counterWidth = counter[0] ? canvas.measureText(counter, size, true).x + 16 * s : 0;
    const double textWidth = std::min(std::max(1100.0 * s, view.widthPx() * 0.7),
                                      view.widthPx() - 2 * margin - counterWidth);
    const auto lines = wrapText(canvas, caption, size, textWidth);
    const double lineHeight = size * 1.3;
    const double bandHeight = lines.size() * lineHeight + 20 * s;
    const double top = view.heightPx() - bandHeight - 40 * s;  // above the scale bar
    const double left = (view.widthPx() - textWidth - counterWidth) / 2;
    canvas.fillRect({left - 14 * s, top},
                    {left + counterWidth + textWidth + 14 * s, top + bandHeight},
                    {16, 32, 48, 220});
    canvas.keepFree(
        {left - 14 * s, top, left + counterWidth + textWidth + 14 * s, top + bandHeight});
    TextStyle style;
    style.sizePx = size;
    style.color = {255, 255, 255, 255};
    if (counter[0]) {
        style.bold = true;
        style.color = {255, 200, 80, 255};
        canvas.text({left, top + 10 * s}, counter, style);
        style.bold = false;
        style.color = {255, 255, 255, 255};
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        canvas.text({left + counterWidth, top + 10 * s + i * lineHeight}, lines[i], style);
    }
}

namespace {

// An incident marker in small: a white halo, then the shape filled, or outlined when hollow.
void drawHaloedSymbol(Canvas& canvas, ScreenPoint at, const LegendEntry& entry, float size) {
    const double h = size / 2.0;
    const Rgba halo{255, 255, 255, 230};
    const float stroke = std::max(1.5f, size / 7);
    if (entry.symbol == LegendSymbol::Dot) {
        canvas.fillCircle(at, static_cast<float>(h * 0.85), halo);
        if (entry.hollow) {
            canvas.strokeCircle(at, static_cast<float>(h * 0.55), stroke, entry.colour);
        } else {
            canvas.fillCircle(at, static_cast<float>(h * 0.65), entry.colour);
        }
        return;
    }
    canvas.fillConvex(legendShapeOutline(entry.symbol, at, h), halo);
    if (entry.hollow) {
        canvas.polyline(legendShapeOutline(entry.symbol, at, h * 0.62), stroke, entry.colour, true);
    } else {
        canvas.fillConvex(legendShapeOutline(entry.symbol, at, h * 0.72), entry.colour);
    }
    if (entry.centreDot) canvas.fillCircle(at, static_cast<float>(h * 0.2), entry.colour);
}

}  // namespace

std::vector<ScreenPoint> legendShapeOutline(LegendSymbol symbol, ScreenPoint at, double r) {
    switch (symbol) {
        case LegendSymbol::Diamond:
            return markerOutline(incidents::MarkerShape::Diamond, at, r);
        case LegendSymbol::Square:
            return markerOutline(incidents::MarkerShape::Square, at, r);
        case LegendSymbol::Triangle:
            return markerOutline(incidents::MarkerShape::Triangle, at, r);
        default:
            return {};
    }
}

void drawLegendSymbol(Canvas& canvas, ScreenPoint at, const LegendEntry& entry, float size) {
    const double h = size / 2.0;
    if (entry.haloed) {
        drawHaloedSymbol(canvas, at, entry, size);
        return;
    }
    switch (entry.symbol) {
        case LegendSymbol::Area:
            canvas.fillRect({at.x - h, at.y - h * 0.7}, {at.x + h, at.y + h * 0.7}, entry.colour);
            if (entry.outline.a > 0)
                canvas.strokeRect({at.x - h, at.y - h * 0.7}, {at.x + h, at.y + h * 0.7},
                                  std::max(1.0f, size / 10), entry.outline);
            break;
        case LegendSymbol::Line:
            if (entry.outline.a > 0)
                canvas.line({at.x - h, at.y}, {at.x + h, at.y}, size / 2.2f, entry.outline);
            canvas.line({at.x - h, at.y}, {at.x + h, at.y}, size / 3.5f, entry.colour);
            break;
        case LegendSymbol::Dot:
            canvas.fillCircle(at, static_cast<float>(h * 0.85), {255, 255, 255, 230});
            canvas.fillCircle(at, static_cast<float>(h * 0.65), entry.colour);
            break;
        case LegendSymbol::Ring:
            canvas.strokeCircle(at, static_cast<float>(h * 0.75), std::max(1.5f, size / 7),
                                entry.colour);
            break;
        case LegendSymbol::Diamond: {
            const ScreenPoint d[] = {
                {at.x, at.y - h}, {at.x + h, at.y}, {at.x, at.y + h}, {at.x - h, at.y}};
            canvas.fillConvex(d, entry.colour);
            break;
        }
        case LegendSymbol::Triangle: {
            const ScreenPoint t[] = {
                {at.x, at.y - h}, {at.x + h, at.y + h * 0.8}, {at.x - h, at.y + h * 0.8}};
            canvas.fillConvex(t, entry.colour);
            break;
        }
        case LegendSymbol::Square:
            canvas.fillRect({at.x - h * 0.8, at.y - h * 0.8}, {at.x + h * 0.8, at.y + h * 0.8},
                            entry.colour);
            break;
        case LegendSymbol::Vessel: {
            // A pointed hull heading up, like the map's symbols.
            const ScreenPoint hull[] = {{at.x, at.y - h},
                                        {at.x + h * 0.55, at.y + h * 0.2},
                                        {at.x + h * 0.45, at.y + h},
                                        {at.x - h * 0.45, at.y + h},
                                        {at.x - h * 0.55, at.y + h * 0.2}};
            canvas.fillConvex(hull, entry.colour);
            canvas.polyline(hull, std::max(1.0f, size / 12), {30, 30, 30, 220}, true);
            break;
        }
    }
}

namespace {

// Groups in a fixed order, so the legend does not reshuffle as the picture changes.
std::vector<std::string> legendGroupsInOrder(std::span<const LegendEntry> entries) {
    static constexpr std::string_view kGroupOrder[] = {"Vessels", "Alerts",   "Incidents",
                                                       "Groups",  "Coverage", "Zones"};
    std::vector<std::string> groups;
    for (std::string_view g : kGroupOrder)
        for (const LegendEntry& e : entries)
            if (e.group == g) {
                groups.emplace_back(g);
                break;
            }
    for (const LegendEntry& e : entries)
        if (std::find(groups.begin(), groups.end(), e.group) == groups.end())
            groups.push_back(e.group);
    return groups;
}

struct LegendMetrics {
    float titleSize, rowSize;
    double rowHeight, symbol, pad, columnGap;
    explicit LegendMetrics(float s)
        : titleSize(12.0f * s),
          rowSize(11.5f * s),
          rowHeight(17.0 * s),
          symbol(13.0 * s),
          pad(8.0 * s),
          columnGap(14.0 * s) {}
};

struct LegendBlock {
    std::string group;
    std::vector<const LegendEntry*> rows;
    double width = 0;
    double height = 0;  // in pixels: the title row and one row per entry
};

// Groups are kept whole and poured into columns, so the legend stays short enough to leave
// the top-right of the map mostly free: at most ~40% of the map's height.
struct LegendLayout {
    std::vector<LegendBlock> blocks;
    std::vector<std::vector<std::size_t>> columns;  // indices into blocks
    std::vector<double> columnWidths;
    double width = 0, height = 0;
};

LegendLayout layoutLegend(Canvas& canvas, std::span<const LegendEntry> entries,
                          const geo::LabelRect& area, const LegendMetrics& m, float s) {
    LegendLayout layout;
    double total = 0;
    for (const std::string& g : legendGroupsInOrder(entries)) {
        LegendBlock block{g, {}, canvas.measureText(g, m.titleSize, true).x, 0};
        for (const LegendEntry& e : entries) {
            if (e.group != g) continue;
            block.rows.push_back(&e);
            block.width =
                std::max(block.width, m.symbol + 6 * s + canvas.measureText(e.text, m.rowSize).x);
        }
        block.height = static_cast<double>(1 + block.rows.size()) * m.rowHeight;
        total += block.height;
        layout.blocks.push_back(std::move(block));
    }
    const double maxColumn = std::max(total / 3.0, std::min(total, area.height() * 0.4));
    layout.columns.emplace_back();
    double used = 0;
    for (std::size_t b = 0; b < layout.blocks.size(); ++b) {
        if (used > 0 && used + layout.blocks[b].height > maxColumn + 1) {
            layout.columns.emplace_back();
            used = 0;
        }
        layout.columns.back().push_back(b);
        used += layout.blocks[b].height;
    }
    layout.width = 2 * m.pad - m.columnGap;
    for (const auto& column : layout.columns) {
        double w = 0, h = 0;
        for (std::size_t b : column) {
            w = std::max(w, layout.blocks[b].width);
            h += layout.blocks[b].height;
        }
        layout.columnWidths.push_back(w);
        layout.width += w + m.columnGap;
        layout.height = std::max(layout.height, h);
    }
    layout.height += 2 * m.pad - 4 * s;
    return layout;
}

// A corner of the map: the first (top-right, bottom-right, top-left; bottom-left holds the
// scale bar) that covers none of `keepVisible` (the symbols in focus) and none of
// `preferVisible` (other labelled things: a corridor's end point, a group), else the one
// covering fewest, any number of the latter counting less than one of the former; each
// moved off the HUD boxes it meets. Nothing when no corner has room.
std::optional<geo::LabelRect> chooseLegendCorner(
    double width, double height, const geo::LabelRect& area, std::span<const geo::LabelRect> avoid,
    std::span<const ScreenPoint> keepVisible, std::span<const ScreenPoint> preferVisible, float s) {
    const double m = 10 * s;
    const geo::LabelRect corners[] = {
        {area.x1 - m - width, area.y0 + m, area.x1 - m, area.y0 + m + height},
        {area.x1 - m - width, area.y1 - m - height, area.x1 - m, area.y1 - m},
        {area.x0 + m, area.y0 + m, area.x0 + m + width, area.y0 + m + height}};
    std::optional<geo::LabelRect> box;
    std::size_t best = SIZE_MAX;
    for (std::size_t c = 0; c < std::size(corners); ++c) {
        geo::LabelRect b = corners[c];
        const bool top = c % 2 == 0;
        for (const geo::LabelRect& a : avoid) {
            if (!a.overlaps(b)) continue;
            const double shift = top ? a.y1 + 8 * s - b.y0 : a.y0 - 8 * s - b.y1;
            b.y0 += shift;
            b.y1 += shift;
        }
        if (b.y0 < area.y0 || b.y1 > area.y1 || b.x0 < area.x0) continue;
        const auto inside = [&](const ScreenPoint& p) {
            return p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1;
        };
        std::size_t covered = 0;
        for (const ScreenPoint& p : keepVisible)
            covered += inside(p) ? preferVisible.size() + 1 : 0;
        for (const ScreenPoint& p : preferVisible) covered += inside(p) ? 1 : 0;
        if (covered < best) {
            best = covered;
            box = b;
        }
        if (covered == 0) break;
    }
    return box;
}

void drawLegend(Canvas& canvas, const LegendLayout& layout, const geo::LabelRect& box,
                const LegendMetrics& m, float s) {
    canvas.fillRect({box.x0, box.y0}, {box.x1, box.y1}, {255, 255, 255, 225});
    canvas.strokeRect({box.x0, box.y0}, {box.x1, box.y1}, 1.0f * s, {40, 55, 70, 160});
    TextStyle title;
    title.sizePx = m.titleSize;
    title.bold = true;
    title.color = {25, 35, 50, 255};
    title.anchor = TextAnchor::CenterLeft;
    TextStyle row = title;
    row.sizePx = m.rowSize;
    row.bold = false;
    double x = box.x0 + m.pad;
    for (std::size_t c = 0; c < layout.columns.size(); ++c) {
        double y = box.y0 + m.pad + m.rowHeight / 2 - 2 * s;
        for (std::size_t b : layout.columns[c]) {
            const LegendBlock& block = layout.blocks[b];
            canvas.text({x, y}, block.group, title);
            y += m.rowHeight;
            for (const LegendEntry* e : block.rows) {
                drawLegendSymbol(canvas, {x + m.symbol / 2, y}, *e, static_cast<float>(m.symbol));
                canvas.text({x + m.symbol + 6 * s, y}, e->text, row);
                y += m.rowHeight;
            }
        }
        x += layout.columnWidths[c] + m.columnGap;
    }
}

}  // namespace

geo::LabelRect buildLegend(Canvas& canvas, std::span<const LegendEntry> entries,
                           const geo::LabelRect& area, std::span<const geo::LabelRect> avoid,
                           std::span<const ScreenPoint> keepVisible, float s,
                           std::span<const ScreenPoint> preferVisible) {
    if (entries.empty()) return {};
    const LegendMetrics metrics(s);
    const LegendLayout layout = layoutLegend(canvas, entries, area, metrics, s);
    const auto box =
        chooseLegendCorner(layout.width, layout.height, area, avoid, keepVisible, preferVisible, s);
    if (!box) return {};  // no room: no legend
    drawLegend(canvas, layout, *box, metrics, s);
    return *box;
}

}  // namespace seawatch::render
