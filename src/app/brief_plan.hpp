#pragma once
// The plan part of `seawatch brief --plan`: the Gantt slide and one map per week, rendered
// headless, and what the deck says about them.
#include <string>
#include <vector>

#include "headless_session.hpp"
#include "seawatch/scenario/briefing_plan.hpp"

namespace seawatch::app {

struct PlanBriefOptions {
    std::string plan;
    std::vector<std::string> zones;  // empty: the bundled IRTC, patrol sectors and risk area
    std::string output;
    int width = 1920;
    int height = 1080;
    bool geotiff = false;
};

// Loads the zones and the plan (skipped records on stderr), checks it, and writes
// plan_gantt.png and plan_week_NN.png (and .tif with geotiff) into options.output.
// Returns kExitOk with `deck` filled, or the exit code to stop with (reason printed).
int writePlanSlides(const PlanBriefOptions& options, HeadlessSession& session,
                    scenario::DeckPlan& deck);

}  // namespace seawatch::app
