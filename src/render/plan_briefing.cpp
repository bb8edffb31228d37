// The plan's Gantt slide and its weekly fault markers (plan_briefing.hpp).
#include "seawatch/render/plan_briefing.hpp"

#include <GL/glcorearb.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <string>

#include "seawatch/render/hud.hpp"

namespace seawatch::render {

namespace {

// The console plan view's nation colours (src/ui/plan_module.cpp), in the same order, so a
// nation has one colour on screen and in the deck.
constexpr Rgba kNationPalette[] = {
    {219, 68, 55, 255},  {66, 133, 244, 255}, {15, 157, 88, 255},  {171, 71, 188, 255},
    {244, 180, 0, 255},  {0, 172, 193, 255},  {255, 112, 67, 255}, {158, 157, 36, 255},
    {92, 107, 192, 255}, {240, 98, 146, 255},
};

constexpr Rgba kInk{25, 35, 50, 255};
constexpr Rgba kMutedInk{90, 100, 115, 255};
constexpr Rgba kPaper{252, 252, 250, 255};
constexpr Rgba kWeekShade{236, 240, 245, 255};
constexpr Rgba kRule{200, 205, 212, 255};

// Where the parts of the slide are, in pixels.
struct GanttGeometry {
    double unit = 1.0;  // 1 at 1920x1080
    // Text never smaller than the font atlas's smallest baked size (11 px): a small slide
    // keeps readable labels and gives up room instead.
    double text = 1.0;
    double margin = 16.0;
    double labelRight = 0.0;  // right edge of the row titles
    analytics::GanttScale scale;
    double weekRowY = 0.0;  // "Week 1" labels
    double dayRowY = 0.0;   // day ticks and their labels
    double faultsY = 0.0;   // the strip of faults
    double rowsY = 0.0;     // first row
    double rowHeight = 20.0;
    double bottom = 0.0;  // below the last row
    double legendY = 0.0;
    float labelPx = 14.0f;
};

std::string nationText(const std::string& nation) {
    return nation.empty() ? std::string("(no nation)") : nation;
}

struct LegendItem {
    LegendEntry entry;
    double width = 0.0;  // symbol, gap and text
};

std::vector<LegendItem> legendItems(const Canvas& canvas, const std::vector<std::string>& nations,
                                    float textPx) {
    std::vector<LegendItem> items;
    for (std::size_t i = 0; i < nations.size(); ++i)
        items.push_back({{"Nations", nationText(nations[i]),
                          kNationPalette[i % std::size(kNationPalette)], LegendSymbol::Area},
                         0.0});
    items.push_back({{"Faults", "Conflict (clash, duplicated escort, double booking)",
                      kPlanConflictColour, LegendSymbol::Area},
                     0.0});
    items.push_back({{"Faults", "Gap (no departure, sector uncovered, no reference nation)",
                      kPlanGapColour, LegendSymbol::Area},
                     0.0});
    items.push_back({{"Faults",
                      "Bar named by a fault",
                      {235, 238, 242, 255},
                      LegendSymbol::Area,
                      kPlanConflictColour},
                     0.0});
    for (auto& item : items)
        item.width = textPx * 2.0 + canvas.measureText(item.entry.text, textPx).x;
    return items;
}

// Rows of legend items flowed across the width; returns the height they need.
double flowLegend(Canvas* canvas, const std::vector<LegendItem>& items, double x0, double x1,
                  double y, float textPx) {
    const double lineHeight = textPx * 1.6;
    double x = x0;
    double rows = 1;
    for (const auto& item : items) {
        if (x > x0 && x + item.width > x1) {
            x = x0;
            y += lineHeight;
            ++rows;
        }
        if (canvas) {
            drawLegendSymbol(*canvas, {x + textPx * 0.6, y + lineHeight / 2}, item.entry,
                             textPx * 1.1f);
            TextStyle style;
            style.sizePx = textPx;
            style.color = kInk;
            style.anchor = TextAnchor::CenterLeft;
            canvas->text({x + textPx * 1.5, y + lineHeight / 2}, item.entry.text, style);
        }
        x += item.width + textPx * 1.2;
    }
    return rows * lineHeight;
}

double pageUnit(int widthPx, int heightPx) {
    return std::clamp(std::min(widthPx / 1920.0, heightPx / 1080.0), 0.4, 3.0);
}

double textUnit(double unit) {
    return std::max(unit, 0.85);
}

GanttGeometry layoutPage(const Canvas& canvas, int widthPx, int heightPx, const PlanGanttPage& page,
                         double legendHeight) {
    GanttGeometry g;
    g.unit = pageUnit(widthPx, heightPx);
    g.text = textUnit(g.unit);
    g.margin = 16.0 * g.unit;
    g.weekRowY = g.margin + 40.0 * g.text;
    g.dayRowY = g.weekRowY + 22.0 * g.text;
    g.faultsY = g.dayRowY + 22.0 * g.text;
    const double rowsAvailable = heightPx - g.margin - legendHeight - 8.0 * g.unit - g.faultsY;
    const auto rowCount = static_cast<double>(page.layout.rows.size() + 1);  // + the fault strip
    g.rowHeight = std::clamp(rowsAvailable / rowCount, 12.0, 40.0 * std::max(g.unit, 0.75));
    g.rowsY = g.faultsY + g.rowHeight;
    g.bottom = g.rowsY + g.rowHeight * static_cast<double>(page.layout.rows.size());
    g.legendY = g.bottom + 8.0 * g.unit;
    g.labelPx = static_cast<float>(std::clamp(g.rowHeight * 0.62, 11.0, 16.0 * g.text));
    double titles = canvas.measureText("Faults", g.labelPx, true).x;
    for (const auto& row : page.layout.rows)
        titles = std::max(titles, canvas.measureText(row.title, g.labelPx).x);
    g.labelRight = g.margin + std::min(titles + 12.0 * g.unit, widthPx * 0.3);
    const double chartWidth = widthPx - g.margin - g.labelRight;
    g.scale = {page.check.from, page.check.to, static_cast<float>(g.labelRight),
               static_cast<float>(std::max(1.0, chartWidth))};
    return g;
}

void drawTitle(Canvas& canvas, const GanttGeometry& g, const PlanGanttPage& page) {
    TextStyle title;
    title.sizePx = static_cast<float>(24.0 * g.text);
    title.bold = true;
    title.color = kInk;
    const std::string name = page.plan.name.empty() ? std::string("Plan") : page.plan.name;
    canvas.text({g.margin, g.margin}, name, title);
    TextStyle sub;
    sub.sizePx = static_cast<float>(16.0 * g.text);
    sub.color = kMutedInk;
    const double x = g.margin + canvas.measureText(name, title.sizePx, true).x + 16.0 * g.unit;
    canvas.text({x, g.margin + 6.0 * g.text},
                fmt::format("{}  \u00b7  score {:.1f} of 100  \u00b7  {} faults",
                            scenario::daySpanText(page.check.from, page.check.to),
                            page.check.score.total, page.check.faultCount()),
                sub);
}

// Week bands behind everything, week names above, day ticks and dates below them.
void drawTimeAxis(Canvas& canvas, const GanttGeometry& g, const PlanGanttPage& page) {
    const double right = g.scale.x0 + g.scale.width;
    TextStyle weekStyle;
    weekStyle.sizePx = static_cast<float>(14.0 * g.text);
    weekStyle.bold = true;
    weekStyle.color = kInk;
    weekStyle.anchor = TextAnchor::TopCenter;
    for (const auto& week : page.weeks) {
        const double x0 = g.scale.xAt(week.from);
        const double x1 = g.scale.xAt(week.to);
        if (week.number % 2 == 1) canvas.fillRect({x0, g.weekRowY}, {x1, g.bottom}, kWeekShade);
        // "Week 3" where it fits, else "3", else nothing.
        std::string text = "Week " + std::to_string(week.number);
        if (canvas.measureText(text, weekStyle.sizePx, true).x + 6 * g.unit >= x1 - x0)
            text = std::to_string(week.number);
        if (canvas.measureText(text, weekStyle.sizePx, true).x + 2 * g.unit < x1 - x0)
            canvas.text({(x0 + x1) / 2, g.weekRowY + 2 * g.unit}, text, weekStyle);
    }
    TextStyle dayStyle;
    dayStyle.sizePx = static_cast<float>(12.0 * g.text);
    dayStyle.color = kMutedInk;
    const double labelWidth = canvas.measureText("00 Mmm", dayStyle.sizePx).x * 1.5;
    const auto maxLabels = static_cast<std::size_t>(std::max(1.0, g.scale.width / labelWidth));
    for (const auto& tick : scenario::ganttTicks(page.check.from, page.check.to, maxLabels)) {
        const double x = g.scale.xAt(tick.time);
        if (x < g.scale.x0 - 0.5 || x > right + 0.5) continue;
        const bool labelled = !tick.label.empty();
        canvas.line({x, g.dayRowY + (labelled ? 0.0 : 14.0 * g.text)}, {x, g.bottom},
                    static_cast<float>(labelled ? 1.0 : 0.5) * static_cast<float>(g.unit),
                    labelled ? kRule : Rgba{220, 224, 230, 255});
        if (labelled && x + labelWidth / 1.5 <= right + 1)
            canvas.text({x + 3 * g.unit, g.dayRowY + 2 * g.unit}, tick.label, dayStyle);
    }
    canvas.line({g.margin, g.faultsY}, {right, g.faultsY}, static_cast<float>(g.unit), kRule);
    canvas.line({g.margin, g.bottom}, {right, g.bottom}, static_cast<float>(g.unit), kRule);
}

void drawRowTitles(Canvas& canvas, const GanttGeometry& g, const PlanGanttPage& page) {
    TextStyle style;
    style.sizePx = g.labelPx;
    style.color = kInk;
    style.anchor = TextAnchor::CenterLeft;
    TextStyle faults = style;
    faults.bold = true;
    faults.color = kPlanConflictColour;
    canvas.text({g.margin, g.faultsY + g.rowHeight / 2}, "Faults", faults);
    const double right = g.scale.x0 + g.scale.width;
    for (std::size_t r = 0; r < page.layout.rows.size(); ++r) {
        const double y = g.rowsY + g.rowHeight * static_cast<double>(r);
        // A rule between row groups (reference, convoys, sectors, aircraft).
        if (r > 0 && page.layout.rows[r].kind != page.layout.rows[r - 1].kind)
            canvas.line({g.margin, y}, {right, y}, static_cast<float>(g.unit), kRule);
        canvas.text({g.margin, y + g.rowHeight / 2}, page.layout.rows[r].title, style);
    }
}

// Gaps first and conflicts over them: a clash inside a long gap stays visible.
void drawFaultStrip(Canvas& canvas, const GanttGeometry& g, const PlanGanttPage& page) {
    const double right = g.scale.x0 + g.scale.width;
    for (const bool gaps : {true, false}) {
        for (const auto& f : page.check.findings) {
            if (!analytics::isFault(f.kind) || scenario::isGapFinding(f.kind) != gaps) continue;
            const double x0 = std::clamp<double>(g.scale.xAt(f.from), g.scale.x0, right);
            const double x1 = std::clamp<double>(
                std::max<double>(g.scale.xAt(f.to), x0 + 3.0 * g.unit), g.scale.x0, right);
            const double inset = g.rowHeight * (gaps ? 0.2 : 0.1);
            canvas.fillRect({x0, g.faultsY + inset}, {x1, g.faultsY + g.rowHeight - inset},
                            gaps ? kPlanGapColour : kPlanConflictColour);
        }
    }
}

void drawBars(Canvas& canvas, const GanttGeometry& g, const PlanGanttPage& page,
              const std::map<std::string, Rgba>& colours) {
    const double right = g.scale.x0 + g.scale.width;
    TextStyle style;
    style.sizePx = static_cast<float>(std::min<double>(g.labelPx, g.rowHeight * 0.62));
    style.color = {255, 255, 255, 255};
    style.anchor = TextAnchor::CenterLeft;
    const double inset = std::max(1.0, g.rowHeight * 0.12);
    for (const auto& bar : page.layout.bars) {
        const double x0 = std::max<double>(g.scale.x0, g.scale.xAt(bar.from));
        const double x1 = std::min<double>(right, std::max<double>(g.scale.xAt(bar.to), x0 + 2.0));
        if (x1 <= g.scale.x0 || x0 >= right) continue;
        const double y = g.rowsY + g.rowHeight * static_cast<double>(bar.row);
        const ScreenPoint a{x0, y + inset}, b{x1, y + g.rowHeight - inset};
        canvas.fillRect(a, b, colours.at(bar.nation));
        if (bar.faulty)
            canvas.strokeRect(a, b, static_cast<float>(std::max(1.5, 2.0 * g.unit)),
                              kPlanConflictColour);
        if (canvas.measureText(bar.label, style.sizePx).x + 8.0 * g.unit < x1 - x0)
            canvas.text({x0 + 4.0 * g.unit, y + g.rowHeight / 2}, bar.label, style);
    }
}

}  // namespace

void PlanFindingsOverlay::build(const OverlayContext& context, Canvas& canvas) {
    const float s = context.pixelScale;
    const double radius = 9.0 * s;
    std::vector<ScreenPoint> placed;
    for (const auto& marker : markers_) {
        ScreenPoint at = context.view.toScreen(marker.position);
        // Faults of different kinds at one place (a clash and a gap at Point A) are drawn
        // side by side, not on top of each other.
        while (std::any_of(placed.begin(), placed.end(), [&](const ScreenPoint& p) {
            return std::hypot(p.x - at.x, p.y - at.y) < radius * 2.0;
        }))
            at.y += radius * 2.4;
        placed.push_back(at);
        const Rgba colour = marker.gap ? kPlanGapColour : kPlanConflictColour;
        const Rgba halo{255, 255, 255, static_cast<std::uint8_t>(235 * opacity)};
        if (marker.gap) {
            canvas.strokeCircle(at, static_cast<float>(radius), 5.0f * s, halo);
            canvas.strokeCircle(at, static_cast<float>(radius), 3.0f * s, colour);
        } else {
            canvas.fillCircle(at, static_cast<float>(radius + 2.0 * s), halo);
            canvas.fillCircle(at, static_cast<float>(radius), colour);
        }
        MapLabel label;
        label.text = marker.label;
        label.style.sizePx = 13.0f * s;
        label.style.bold = true;
        label.style.color = marker.gap ? Rgba{120, 60, 0, 255} : Rgba{120, 15, 15, 255};
        label.style.halo = {255, 255, 255, 235};
        label.request.priority = geo::LabelPriority::Alert;
        label.request.anchor = at;
        label.request.symbolRadiusPx = radius + 2.0 * s;
        canvas.label(std::move(label));
        canvas.legend({"Plan faults",
                       marker.gap ? "Gap (no departure, sector uncovered, no reference nation)"
                                  : "Conflict (clash, duplicated escort, double booking)",
                       colour, marker.gap ? LegendSymbol::Ring : LegendSymbol::Dot});
    }
}

std::optional<geo::GeoBox> PlanFindingsOverlay::extent(time::UnixMillis now) const {
    (void)now;
    ExtentBuilder e;
    for (const auto& m : markers_) e.add(m.position.lon, m.position.lat);
    return e.result();
}

void buildPlanGantt(Canvas& canvas, int widthPx, int heightPx, const PlanGanttPage& page) {
    std::map<std::string, Rgba> colours;
    std::vector<std::string> nations;
    for (const auto& bar : page.layout.bars) {
        if (colours.count(bar.nation)) continue;
        colours[bar.nation] = kNationPalette[nations.size() % std::size(kNationPalette)];
        nations.push_back(bar.nation);
    }
    const double unit = pageUnit(widthPx, heightPx);
    const auto legendPx = static_cast<float>(13.0 * textUnit(unit));
    const auto items = legendItems(canvas, nations, legendPx);
    const double margin = 16.0 * unit;
    const double legendHeight = flowLegend(nullptr, items, margin, widthPx - margin, 0, legendPx);
    const GanttGeometry g = layoutPage(canvas, widthPx, heightPx, page, legendHeight);

    canvas.fillRect({0, 0}, {static_cast<double>(widthPx), static_cast<double>(heightPx)}, kPaper);
    drawTitle(canvas, g, page);
    drawTimeAxis(canvas, g, page);
    drawRowTitles(canvas, g, page);
    drawFaultStrip(canvas, g, page);
    drawBars(canvas, g, page, colours);
    flowLegend(&canvas, items, g.margin, widthPx - g.margin, g.legendY, legendPx);
}

void drawPage(MapRenderer& renderer, const Canvas& canvas, int widthPx, int heightPx) {
    // The blending MapRenderer::render sets up: glyphs are coverage in alpha.
    glViewport(0, 0, widthPx, heightPx);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    renderer.drawCanvas(canvas, widthPx, heightPx);
}

}  // namespace seawatch::render
