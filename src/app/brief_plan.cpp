// seawatch brief --plan: the plan's Gantt slide and one map per week with its faults.
#include "brief_plan.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>

#include "seawatch/analytics/plan_editor.hpp"
#include "seawatch/charts/image_writer.hpp"
#include "seawatch/common/gdal_init.hpp"
#include "seawatch/common/resources.hpp"
#include "seawatch/render/hud.hpp"
#include "seawatch/render/plan_briefing.hpp"
#include "seawatch/render/zone_overlay.hpp"
#include "seawatch/scenario/briefing.hpp"
#include "seawatch/zones/zone_loader.hpp"

namespace seawatch::app {

namespace {

namespace fs = std::filesystem;
constexpr const char* kCommand = "seawatch brief";

// The zones the console's plan view checks against when none are named.
std::vector<fs::path> zoneFiles(const PlanBriefOptions& o) {
    std::vector<fs::path> files(o.zones.begin(), o.zones.end());
    if (files.empty())
        for (const char* name : {"irtc", "patrol_sectors", "hra"})
            files.push_back(resourcePath(std::string("data/zones/") + name + ".geojson"));
    return files;
}

int saveImage(const std::string& path, const charts::RgbaImage& image,
              const geo::MercatorBox& extent) {
    if (Status written = charts::writeImage(path, image, extent); !written) {
        std::fprintf(stderr, "%s: %s\n", kCommand, written.error().c_str());
        return kExitFailure;
    }
    return kExitOk;
}

int writeGantt(const PlanBriefOptions& o, HeadlessSession& session,
               const render::PlanGanttPage& page) {
    auto target = render::OffscreenTarget::create(o.width, o.height, 4);
    if (!target) {
        std::fprintf(stderr, "%s: %s\n", kCommand, target.error().c_str());
        return kExitNoGraphics;
    }
    (*target)->bind();
    render::Canvas canvas(&session.renderer->fonts());
    render::buildPlanGantt(canvas, o.width, o.height, page);
    render::drawPage(*session.renderer, canvas, o.width, o.height);
    return saveImage((fs::path(o.output) / scenario::planGanttImageName()).string(),
                     (*target)->read(), {});
}

// "Week 2 · 8–14 Jan 2012: 3 faults (2 departure clashes, 1 sector uncovered)".
std::string weekCaption(const analytics::PlanCheck& check, const scenario::PlanWeek& week) {
    std::string caption =
        fmt::format("Week {} \u00b7 {}: ", week.number, scenario::daySpanText(week.from, week.to));
    if (week.faults.empty()) return caption + "no faults";
    std::map<analytics::FindingKind, std::size_t> byKind;
    for (std::size_t i : week.faults) ++byKind[check.findings[i].kind];
    caption += fmt::format("{} fault{} (", week.faults.size(), week.faults.size() == 1 ? "" : "s");
    bool first = true;
    for (const auto& [kind, count] : byKind) {
        std::string label = analytics::findingKindLabel(kind, count > 1);
        if (count == 1 && !label.empty())
            label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
        caption += fmt::format("{}{} {}", first ? "" : ", ", count, label);
        first = false;
    }
    return caption + ")";
}

int writeWeekMap(const PlanBriefOptions& o, HeadlessSession& session,
                 const analytics::PlanContext& context, const analytics::PlanCheck& check,
                 const std::string& planName, const scenario::PlanWeek& week,
                 std::size_t weekCount) {
    scenario::View frame;
    frame.box = scenario::planMapBox(context);
    const geo::MapView view =
        geo::MapView::fitting(scenario::viewBox(frame, o.width, o.height), o.width, o.height);
    render::ZoneOverlay zones(context.zones());
    render::PlanFindingsOverlay faults(scenario::weekMarkers(check, week));
    std::vector<render::MapOverlay*> overlays{&zones, &faults};
    render::MapRenderer& renderer = *session.renderer;
    const render::MapSelection selection{};
    const render::OverlayContext overlayContext{view, week.from, renderer.style().pixelScale,
                                                selection, renderer.style().palette};

    const auto draw = [&](const std::string& path, bool furniture) -> int {
        auto target = render::OffscreenTarget::create(o.width, o.height, 4);
        if (!target) {
            std::fprintf(stderr, "%s: %s\n", kCommand, target.error().c_str());
            return kExitNoGraphics;
        }
        (*target)->bind();
        auto& style = renderer.style();
        style.showGraticule = style.showScaleBar = style.showLegend = furniture;
        render::Canvas hud(&renderer.fonts());
        if (furniture) {
            const float scale = style.pixelScale;
            render::buildTimeBadge(hud, view, week.from, planName, scale);
            render::buildCaption(hud, view, weekCaption(check, week), static_cast<int>(week.number),
                                 static_cast<int>(weekCount), scale);
        }
        GdalFileScope drawing(path);
        renderer.render(view, overlays, overlayContext, &hud);
        style.showGraticule = style.showScaleBar = style.showLegend = true;
        if (drawing.errors() > 0) {
            std::fprintf(stderr, "%s: %zu chart read error(s) while drawing %s; not written\n",
                         kCommand, drawing.errors(), path.c_str());
            return kExitFailure;
        }
        return saveImage(path, (*target)->read(), view.visibleMercator());
    };
    const fs::path dir(o.output);
    if (int code = draw((dir / scenario::planWeekImageName(week.number)).string(), true);
        code != kExitOk)
        return code;
    if (!o.geotiff) return kExitOk;
    // GIS has its own furniture.
    return draw((dir / scenario::planWeekImageName(week.number, "tif")).string(), false);
}

}  // namespace

int writePlanSlides(const PlanBriefOptions& o, HeadlessSession& session, scenario::DeckPlan& deck) {
    auto zones = zones::loadZoneFiles(zoneFiles(o));
    if (!zones) {
        std::fprintf(stderr, "%s: %s\n", kCommand, zones.error().c_str());
        return kExitFailure;
    }
    for (const auto& e : zones->errors)
        std::fprintf(stderr, "%s: skipped %s\n", kCommand, e.c_str());
    auto plan = zones::loadPlan(o.plan, zones->zones);
    if (!plan) {
        std::fprintf(stderr, "%s: %s\n", kCommand, plan.error().c_str());
        return kExitFailure;
    }
    for (const auto& e : plan->errors)
        std::fprintf(stderr, "%s: skipped %s\n", kCommand, e.c_str());
    auto context = analytics::PlanContext::build(std::move(zones->zones));
    if (!context) {
        std::fprintf(stderr, "%s: %s\n", kCommand, context.error().c_str());
        return kExitFailure;
    }
    // The same check, weeks and Gantt rows as `seawatch plan check` and the plan view.
    const analytics::PlanCheck check = analytics::checkPlan(*plan, *context);
    const auto weeks = scenario::planWeeks(check);
    const analytics::GanttLayout layout = analytics::layoutGantt(*plan, *context, &check);
    if (int code = writeGantt(o, session, {*plan, check, layout, weeks}); code != kExitOk)
        return code;
    const std::string name = plan->name.empty() ? fs::path(o.plan).stem().string() : plan->name;
    for (const auto& week : weeks) {
        if (int code = writeWeekMap(o, session, *context, check, name, week, weeks.size());
            code != kExitOk)
            return code;
    }
    deck = scenario::deckPlanOf(*plan, check, weeks);
    deck.name = name;
    // Skipped records were named above and the rest is briefed, as `plan check` does.
    return kExitOk;
}

}  // namespace seawatch::app
