#pragma once
// The playback clock behind the console's timeline and scrubber, with no UI in it:
// current time, play/pause at 1x..3600x, stepping between steps and injects, a selected
// sub-window, and the tick marks the scrubber draws.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "seawatch/scenario/scenario.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::scenario {

enum class TickKind : std::uint8_t { Incident, Alert, Inject, Step };
const char* tickKindName(TickKind kind);

struct Tick {
    time::UnixMillis time = 0;
    TickKind kind = TickKind::Step;
    std::size_t index = 0;  // position in the list the marks were given as
};

class Timeline {
  public:
    static constexpr double kMinSpeed = 1.0;
    static constexpr double kMaxSpeed = 3600.0;

    explicit Timeline(TimeSpan window);
    // Window from the scenario, with its step and inject times as marks; starts at the
    // window start (or the first step when there is one).
    static Timeline forScenario(const Scenario& scenario);

    time::UnixMillis now() const { return now_; }
    TimeSpan window() const { return window_; }
    // Playback and seeking stay inside the selection (the whole window by default).
    TimeSpan selection() const { return selection_; }
    void setSelection(TimeSpan span);  // clipped to the window; `now` moved inside it
    void clearSelection();

    void seek(time::UnixMillis t);  // clamped to the selection
    void play();
    void pause();
    void togglePlay();
    bool playing() const { return playing_; }

    double speed() const { return speed_; }
    void setSpeed(double multiplier);  // clamped to 1..3600
    // The preset ladder the console's faster/slower keys walk: 1, 10, 60, 300, 600, 1800, 3600.
    void faster();
    void slower();

    // Moves the clock by wallSeconds x speed while playing; pauses at the selection end.
    void advance(double wallSeconds);

    // Marks used for stepping and ticks. Each list need not be sorted.
    void setMarks(TickKind kind, std::vector<time::UnixMillis> times);
    const std::vector<time::UnixMillis>& marks(TickKind kind) const;

    // Jump to the next/previous step or inject strictly after/before now, within the
    // selection. False (and no move) when there is none.
    bool stepForward();
    bool stepBack();

    // Every mark in [from, to], sorted by time (then kind order Incident, Alert, Inject, Step).
    std::vector<Tick> ticksIn(time::UnixMillis from, time::UnixMillis to) const;

  private:
    TimeSpan window_;
    TimeSpan selection_;
    time::UnixMillis now_ = 0;
    // Fractional milliseconds carried between advance() calls, so slow 1x playback at high
    // frame rates does not stall on rounding.
    double carryMillis_ = 0.0;
    double speed_ = 60.0;
    bool playing_ = false;
    std::vector<time::UnixMillis> marks_[4];  // by TickKind; sorted
    std::vector<std::size_t> originalIndex_[4];
};

}  // namespace seawatch::scenario
