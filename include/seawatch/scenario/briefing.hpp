#pragma once
// The core half of `seawatch brief` and `seawatch render --frames`: the steps to render
// with their views resolved, frame times for animations, and the self-contained HTML deck
// written around the rendered images. Rendering itself is the renderer's job.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/scenario/scenario.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::scenario {

struct BriefingStep {
    std::size_t number = 1;  // 1-based, as a presenter says it
    time::UnixMillis time = 0;
    // The step covers [time, until): until the next step, the last one until the window
    // end. Incidents and alerts "of a step" are those in that span.
    time::UnixMillis until = 0;
    View view;  // resolved: a step without a view keeps the previous one (first: initial)
    bool ownView = false;  // the step set its view; otherwise presenters frame its focus
    std::vector<std::string> layers;
    Highlight highlight;
    std::string caption;
    std::string notes;
};

std::vector<BriefingStep> stepsOf(const Scenario& scenario);

struct Scene;
// What a step shows: its own view when it sets one; otherwise a box around what it
// highlights (vessels where they are at the step's time, incidents, zones) with a margin,
// so the focus fills a good part of the frame; the inherited view when it highlights
// nothing on the map. The console's presenter mode and `seawatch brief` both frame this.
geo::GeoBox stepFrame(const Scene& scene, const BriefingStep& step, int widthPx, int heightPx);

// The lon/lat box a view shows in a widthPx x heightPx image. A box view is widened on one
// axis (in Web Mercator) to the image's aspect ratio, so nothing asked for is cut off.
geo::GeoBox viewBox(const View& view, int widthPx, int heightPx);

// Frame times from span.start to span.end inclusive, every intervalMillis (the last frame
// is at span.end even when the interval does not divide the span). At most maxFrames.
Result<std::vector<time::UnixMillis>> frameTimes(TimeSpan span, time::UnixMillis intervalMillis,
                                                 std::size_t maxFrames = 100000);
// "step_03.png", "frame_000042.png": names sort in presentation order.
std::string stepImageName(std::size_t stepNumber, std::string_view extension = "png");
std::string frameImageName(std::size_t frameIndex, std::string_view extension = "png");

// What the deck shows per step; plain strings so the deck does not depend on how the
// incidents and analytics domains store them.
struct DeckIncident {
    std::string reference;
    time::UnixMillis time = 0;
    geo::LonLat position;
    std::string category;
    std::string description;
};

struct DeckAlert {
    time::UnixMillis time = 0;
    std::string severity;  // "info", "warning", "alarm"
    std::string kind;      // "approach", "coverage gap", ...
    std::string subject;   // vessel name/MMSI or zone
    std::string message;
};

struct DeckSummary {
    struct Row {
        std::string label;
        std::string value;
    };
    std::vector<Row> figures;  // e.g. {"Vessels", "27"}, {"Alerts", "9"}
};

struct DeckPlan;  // briefing_plan.hpp

// The deck as one HTML string, inline CSS and nothing external but the step images,
// referenced by their path relative to `dir`. With a plan, its sections follow the steps:
// the Gantt with the plan's figures, then one section per week with its map and its faults
// in words. A deck of a plan alone has a scenario with no steps (its title and window).
std::string briefingDeckHtml(const std::filesystem::path& dir, const Scenario& scenario,
                             const std::vector<std::filesystem::path>& stepImages,
                             const std::vector<std::vector<DeckIncident>>& perStepIncidents,
                             const std::vector<std::vector<DeckAlert>>& perStepAlerts,
                             const DeckSummary& summary, const DeckPlan* plan = nullptr);

// Writes dir/index.html. Fails, naming the problem, when the lists do not have one entry
// per step, when an image (a step's, the Gantt or a week's) does not exist, or when the
// file cannot be written.
Status writeBriefingDeck(const std::filesystem::path& dir, const Scenario& scenario,
                         const std::vector<std::filesystem::path>& stepImages,
                         const std::vector<std::vector<DeckIncident>>& perStepIncidents,
                         const std::vector<std::vector<DeckAlert>>& perStepAlerts,
                         const DeckSummary& summary, const DeckPlan* plan = nullptr);

}  // namespace seawatch::scenario
