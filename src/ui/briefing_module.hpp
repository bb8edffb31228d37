#pragma once
// The briefing module (briefing_module.cpp) and what its files share, private to
// src/ui/briefing_module*.cpp. The class is declared here so that the timeline bar can live in
// its own file, briefing_module_timeline.cpp.
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "console_state.hpp"
#include "seawatch/render/annotation_overlay.hpp"
#include "seawatch/render/hud.hpp"
#include "seawatch/scenario/annotation_drafts.hpp"
#include "seawatch/scenario/briefing.hpp"
#include "seawatch/scenario/timeline.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::ui::briefing_module_detail {

using scenario::TickKind;

// "15 Nov 2009 12:50:00 UTC"
inline std::string utcLabel(time::UnixMillis t) {
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const time::CivilTime c = time::toCivil(t);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%02d %s %04d %02d:%02d:%02d UTC", c.day, kMonths[c.month - 1],
                  c.year, c.hour, c.minute, c.second);
    return buf;
}

// Caption band and time badge in presenter mode, drawn above every other overlay.
class PresenterHud final : public render::MapOverlay {
  public:
    const char* name() const override { return "Briefing captions"; }
    void build(const render::OverlayContext& context, render::Canvas& canvas) override {
        if (!active) return;
        render::buildTimeBadge(canvas, context.view, context.now, title, context.pixelScale);
        render::buildCaption(canvas, context.view, caption, stepNumber, stepCount,
                             context.pixelScale);
    }
    bool active = false;
    std::string title;
    std::string caption;
    int stepNumber = 0;
    int stepCount = 0;
};

enum class AnnotationTool { None, Text, Arrow, RangeRing, Area };

class BriefingModule final : public ConsoleModule {
  public:
    BriefingModule(ConsoleState& state, int startStep);
    void update(ConsoleState& state) override;
    void drawPanelMenu(ConsoleState& state) override;
    void drawPanels(ConsoleState& state) override;
    std::vector<render::MapOverlay*> overlays() override;
    bool onMapClick(ConsoleState& state, geo::ScreenPoint point) override;
    void drawStatus(ConsoleState& state) override;

  private:
    void handleKeys(ConsoleState& state);
    void setPresenter(ConsoleState& state, bool on);
    void goToStep(ConsoleState& state, std::size_t index);
    // The timeline bar (briefing_module_timeline.cpp).
    void drawTimelineBar(ConsoleState& state);
    void drawTickKey(ConsoleState& state);
    void drawScrubber(ConsoleState& state);

    void drawSteps(ConsoleState& state);
    void drawToasts(ConsoleState& state);
    void drawAnnotations(ConsoleState& state);
    void commitAnnotation(ConsoleState& state);
    void openAnnotationDrafts(scenario::Scene& scene, const std::filesystem::path& chosen);
    void annotationsEdited(ConsoleState& state);
    void cancelTool();

    struct Toast {
        std::size_t inject;
        double shownAt;
    };

    std::vector<scenario::BriefingStep> steps_;
    std::optional<std::size_t> currentStep_;
    std::unique_ptr<render::AnnotationOverlay> annotations_;
    PresenterHud hud_;
    std::vector<Toast> toasts_;
    time::UnixMillis lastNow_ = 0;
    int startStep_ = 0;
    bool stepsOpen_ = false;  // Panels > Briefing steps; F5 presents without it
    bool annotationsOpen_ = false;
    AnnotationTool tool_ = AnnotationTool::None;
    std::vector<geo::LonLat> pending_;
    char text_[128] = "";
    char radii_[64] = "1,3,5";
    float colour_[3] = {0.61f, 0.15f, 0.69f};
    bool dirty_ = false;
    std::optional<scenario::AnnotationDrafts> drafts_;
    int savedX_ = 0, savedY_ = 0, savedW_ = 1400, savedH_ = 860;
};

}  // namespace seawatch::ui::briefing_module_detail
