#pragma once
// The Plan window's "Push to the station" (with --follow-plan): sends this station's edits to
// the plan the console follows, through station::PlanLink's pushing worker, and shows what the
// station did with them. Row-level security on the station decides what this station may
// change; a refusal is shown in its words and the edits stay.
//
// Threading: UI thread only; the link does the network work.
#include <cstdint>

#include "seawatch/analytics/plan_editor.hpp"
#include "seawatch/station/plan_link.hpp"

namespace seawatch::ui {

class PlanPushControls {
  public:
    // The button (enabled while the plan open is the one followed and has edits) and the
    // last push's result, on one line.
    void draw(station::PlanLink& link, analytics::PlanEditor& editor);
    // Each frame: once the push asked for has finished, a push that went through makes what
    // it sent the stored plan (edits made since stay edits); the result goes to the log once.
    void notePushResult(const station::PlanLinkState& now, analytics::PlanEditor& editor);
    // A push was asked for and its result is in: the console should draw a frame.
    bool awaitsResult(const station::PlanLink& link) const;

  private:
    std::uint64_t pushedRevision_ = 0;  // the editor's revision the last push sent
    int pushesAsked_ = 0;               // the push waited for (PlanLinkState::pushesDone)
};

}  // namespace seawatch::ui
