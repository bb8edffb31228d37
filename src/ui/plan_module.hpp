#pragma once
// The plan module (plan_module.cpp) and what its files share, private to
// src/ui/plan_module*.cpp. The class is declared here so that the Gantt chart can live in its
// own file, plan_module_gantt.cpp.
#include <imgui.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "console_state.hpp"
#include "plan_compare.hpp"
#include "plan_push_controls.hpp"
#include "seawatch/analytics/plan_check.hpp"
#include "seawatch/analytics/plan_editor.hpp"
#include "seawatch/analytics/plan_suggest.hpp"
#include "seawatch/render/plan_briefing.hpp"
#include "seawatch/scenario/briefing_plan.hpp"
#include "seawatch/zones/plan.hpp"

namespace seawatch::ui::plan_module_detail {

using analytics::PlanItemKind;
using analytics::PlanItemRef;

class PlanModule final : public ConsoleModule {
  public:
    PlanModule(ConsoleState& state, const ConsoleOptions& options);
    void drawPanelMenu(ConsoleState& state) override;
    void update(ConsoleState& state) override;
    void drawPanels(ConsoleState& state) override;
    std::vector<render::MapOverlay*> overlays() override { return {&findingsOverlay_}; }
    bool wantsFrame(const ConsoleState& state) const override;

  private:
    std::vector<scenario::PlanMapMarker> markersInView() const;
    bool ensureContext();
    void open(const std::string& path);
    void openPlan(Result<zones::Plan> plan, const std::string& path);
    void changed(bool did);

    template <typename F>
    void timed(F&& f) {
        const auto start = std::chrono::steady_clock::now();
        f();
        lastRecomputeMs_ =
            std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
    }

    static void sameLineIfFits(float nextWidth);
    static float buttonWidth(const char* label);
    void drawToolbar();
    void addConvoy();
    void drawPlanWindow(ConsoleState& state);
    void takeStationPlan(ConsoleState& state);
    void showStationPlan(ConsoleState& state);
    analytics::GanttScale scaleFor(float x0, float width) const;

    // Where the Gantt's strips are on screen this frame.
    struct GanttFrame {
        ImDrawList* draw;
        ImVec2 origin;
        float width, axisY, findingsY, rowsY, bottom, right;
        analytics::GanttScale scale;
    };

    // The Gantt chart (plan_module_gantt.cpp).
    void drawGantt();
    void drawGanttAxisAndRows(const GanttFrame& g);
    const analytics::Finding* drawGanttFindings(const GanttFrame& g);
    const analytics::GanttBar* drawGanttBars(const GanttFrame& g);
    void handleGanttInput(const GanttFrame& g, const analytics::Finding* hoveredFinding,
                          const analytics::GanttBar* hoveredBar);

    void drawSelection();
    void drawSuggestions();
    void drawFindings(ConsoleState& state);

    std::shared_ptr<const analytics::PlanContext> context_;
    std::unique_ptr<analytics::PlanEditor> editor_;
    analytics::GanttLayout layout_;
    std::string loadedPath_;
    char path_[1024] = {};
    bool showPlan_ = false;
    bool showCompare_ = false;
    time::UnixMillis viewFrom_ = 0;
    float viewDays_ = 14.0f;
    std::optional<PlanItemRef> selected_;
    std::size_t selectedFinding_ = static_cast<std::size_t>(-1);
    render::PlanFindingsOverlay findingsOverlay_{{}};  // the faults on the map
    float dragPressX_ = 0.0f;
    time::UnixMillis dragStart_ = 0;
    float lastRecomputeMs_ = 0.0f;
    int added_ = 0;
    std::optional<analytics::PlanSuggestions> suggestions_;
    std::map<std::string, ImU32> nationColours_;
    bool faultsOnly_ = true;
    PlanComparison comparison_;
    std::optional<zones::Plan> stationPlan_;  // a version from the station not yet shown
    bool stationFailureLogged_ = false;
    PlanPushControls pushControls_;
};

}  // namespace seawatch::ui::plan_module_detail
