#include "seawatch/scenario/timeline.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace seawatch::scenario {

namespace {
constexpr std::array<double, 7> kSpeedPresets{1, 10, 60, 300, 600, 1800, 3600};
constexpr std::array<TickKind, 4> kAllKinds{TickKind::Incident, TickKind::Alert, TickKind::Inject,
                                            TickKind::Step};
std::size_t slot(TickKind kind) {
    return static_cast<std::size_t>(kind);
}
}  // namespace

const char* tickKindName(TickKind kind) {
    switch (kind) {
        case TickKind::Incident:
            return "incident";
        case TickKind::Alert:
            return "alert";
        case TickKind::Inject:
            return "inject";
        case TickKind::Step:
            return "step";
    }
    return "step";
}

Timeline::Timeline(TimeSpan window) : window_(window), selection_(window), now_(window.start) {}

Timeline Timeline::forScenario(const Scenario& scenario) {
    Timeline timeline(scenario.window);
    std::vector<time::UnixMillis> steps;
    for (const auto& s : scenario.steps) steps.push_back(s.time);
    std::vector<time::UnixMillis> injects;
    for (const auto& i : scenario.injects) injects.push_back(i.time);
    timeline.setMarks(TickKind::Step, std::move(steps));
    timeline.setMarks(TickKind::Inject, std::move(injects));
    if (!scenario.steps.empty()) timeline.seek(scenario.steps.front().time);
    return timeline;
}

void Timeline::setSelection(TimeSpan span) {
    span.start = std::clamp(span.start, window_.start, window_.end);
    span.end = std::clamp(span.end, window_.start, window_.end);
    if (span.end < span.start) std::swap(span.start, span.end);
    selection_ = span;
    seek(now_);
}

void Timeline::clearSelection() {
    selection_ = window_;
}

void Timeline::seek(time::UnixMillis t) {
    now_ = std::clamp(t, selection_.start, selection_.end);
    carryMillis_ = 0.0;
}

void Timeline::play() {
    // Pressing play at the end starts over, as every media player does.
    if (now_ >= selection_.end) seek(selection_.start);
    playing_ = true;
}

void Timeline::pause() {
    playing_ = false;
}

void Timeline::togglePlay() {
    if (playing_) {
        pause();
    } else {
        play();
    }
}

void Timeline::setSpeed(double multiplier) {
    if (std::isnan(multiplier)) return;
    speed_ = std::clamp(multiplier, kMinSpeed, kMaxSpeed);
}

void Timeline::faster() {
    for (double preset : kSpeedPresets) {
        if (preset > speed_) {
            speed_ = preset;
            return;
        }
    }
}

void Timeline::slower() {
    for (auto it = kSpeedPresets.rbegin(); it != kSpeedPresets.rend(); ++it) {
        if (*it < speed_) {
            speed_ = *it;
            return;
        }
    }
}

void Timeline::advance(double wallSeconds) {
    if (!playing_ || !(wallSeconds > 0.0)) return;
    const double millis = wallSeconds * speed_ * 1000.0 + carryMillis_;
    const double whole = std::floor(millis);
    carryMillis_ = millis - whole;
    const auto step = static_cast<time::UnixMillis>(whole);
    if (step >= selection_.end - now_) {
        now_ = selection_.end;
        carryMillis_ = 0.0;
        playing_ = false;
        return;
    }
    now_ += step;
}

void Timeline::setMarks(TickKind kind, std::vector<time::UnixMillis> times) {
    // Sorted for binary search; the original positions are kept so a tick can name the
    // incident or alert it stands for.
    std::vector<std::size_t> order(times.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return times[a] < times[b]; });
    auto& sorted = marks_[slot(kind)];
    sorted.clear();
    for (std::size_t i : order) sorted.push_back(times[i]);
    originalIndex_[slot(kind)] = std::move(order);
}

const std::vector<time::UnixMillis>& Timeline::marks(TickKind kind) const {
    return marks_[slot(kind)];
}

bool Timeline::stepForward() {
    std::optional<time::UnixMillis> next;
    for (TickKind kind : {TickKind::Step, TickKind::Inject}) {
        const auto& list = marks_[slot(kind)];
        auto it = std::upper_bound(list.begin(), list.end(), now_);
        if (it != list.end() && *it <= selection_.end && (!next || *it < *next)) next = *it;
    }
    if (!next) return false;
    seek(*next);
    return true;
}

bool Timeline::stepBack() {
    std::optional<time::UnixMillis> previous;
    for (TickKind kind : {TickKind::Step, TickKind::Inject}) {
        const auto& list = marks_[slot(kind)];
        auto it = std::lower_bound(list.begin(), list.end(), now_);
        if (it != list.begin()) {
            const auto t = *std::prev(it);
            if (t >= selection_.start && (!previous || t > *previous)) previous = t;
        }
    }
    if (!previous) return false;
    seek(*previous);
    return true;
}

std::vector<Tick> Timeline::ticksIn(time::UnixMillis from, time::UnixMillis to) const {
    std::vector<Tick> ticks;
    if (to < from) return ticks;
    for (TickKind kind : kAllKinds) {
        const auto& list = marks_[slot(kind)];
        auto first = std::lower_bound(list.begin(), list.end(), from);
        auto last = std::upper_bound(first, list.end(), to);
        for (auto it = first; it != last; ++it) {
            const auto position = static_cast<std::size_t>(std::distance(list.begin(), it));
            ticks.push_back(Tick{*it, kind, originalIndex_[slot(kind)][position]});
        }
    }
    std::stable_sort(ticks.begin(), ticks.end(),
                     [](const Tick& a, const Tick& b) { return a.time < b.time; });
    return ticks;
}

}  // namespace seawatch::scenario
