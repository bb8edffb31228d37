#pragma once
// A console module: the panels, map overlays and map interactions of one domain (vessels,
// incidents, zones and alerts, briefing). Modules are immediate-mode like the rest of the
// console: every hook runs once a frame and reads or edits core state; a module keeps only
// view state (filters, scroll, open panels) of its own.
#include <memory>
#include <vector>

#include "seawatch/geo/map_view.hpp"
#include "seawatch/render/overlay.hpp"
#include "seawatch/ui/console.hpp"

namespace seawatch::ui {

struct ConsoleState;

class ConsoleModule {
  public:
    virtual ~ConsoleModule() = default;
    // Before the panels: drain feeds, follow the timeline, refresh queries.
    virtual void update(ConsoleState& state) { (void)state; }
    // ImGui windows of this module (each guarded by its own open flag).
    virtual void drawPanels(ConsoleState& state) { (void)state; }
    // Menu items under "Panels" to open this module's windows.
    virtual void drawPanelMenu(ConsoleState& state) { (void)state; }
    // Overlays drawn over the charts, bottom to top.
    virtual std::vector<render::MapOverlay*> overlays() { return {}; }
    // A left click on the map that did not drag; return true when it picked something.
    virtual bool onMapClick(ConsoleState& state, geo::ScreenPoint point) {
        (void)state;
        (void)point;
        return false;
    }
    // While the cursor rests on the map: draw an ImGui tooltip and return true if the
    // module has something under the cursor (the first module that does wins).
    virtual bool drawHoverTooltip(ConsoleState& state, geo::ScreenPoint point) {
        (void)state;
        (void)point;
        return false;
    }
    // Short text for the status bar (target count, message rate, ...); may be empty.
    virtual void drawStatus(ConsoleState& state) { (void)state; }
    // Asked ten times a second while the console sleeps: true when something arrived that
    // update() should take in now (a station's entry, a finished query), so a frame is drawn
    // at once rather than at the next heartbeat. Must not block.
    virtual bool wantsFrame(const ConsoleState& state) const {
        (void)state;
        return false;
    }
};

// One factory per module, each defined in the module's own file.
std::unique_ptr<ConsoleModule> makeVesselModule(ConsoleState& state, const ConsoleOptions& options);
std::unique_ptr<ConsoleModule> makeIncidentModule(ConsoleState& state,
                                                  const ConsoleOptions& options);
std::unique_ptr<ConsoleModule> makeZoneModule(ConsoleState& state, const ConsoleOptions& options);
std::unique_ptr<ConsoleModule> makeBriefingModule(ConsoleState& state,
                                                  const ConsoleOptions& options);
std::unique_ptr<ConsoleModule> makePlanModule(ConsoleState& state, const ConsoleOptions& options);
// Archive replay: "Replay around" an incident and any window of the AIS archive.
std::unique_ptr<ConsoleModule> makeReplayModule(ConsoleState& state, const ConsoleOptions& options);
// Measure, EBL/VRM and two-vessel CPA tools (docs/ANALYST.md).
std::unique_ptr<ConsoleModule> makeToolsModule(ConsoleState& state, const ConsoleOptions& options);
// Null when no --station was given or the link could not start (the log says why).
std::unique_ptr<ConsoleModule> makeCoordinationModule(ConsoleState& state,
                                                      const ConsoleOptions& options);
// Null without a station or an exercise: the exercise's annotations shared on the station.
std::unique_ptr<ConsoleModule> makeSharedAnnotationsModule(ConsoleState& state,
                                                           const ConsoleOptions& options);

}  // namespace seawatch::ui
