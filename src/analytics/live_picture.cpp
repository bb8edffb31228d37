#include "seawatch/analytics/live_picture.hpp"

#include <algorithm>
#include <limits>

namespace seawatch::analytics {
namespace {

// Fixes stored between two looks at the clock: small enough to stop within a fraction of a
// millisecond of the budget, large enough that reading the clock costs nothing.
constexpr std::size_t kFixesPerClockCheck = 256;

void sortByTime(std::vector<ais::PositionFix>& fixes) {
    std::stable_sort(
        fixes.begin(), fixes.end(),
        [](const ais::PositionFix& a, const ais::PositionFix& b) { return a.time < b.time; });
}

}  // namespace

LivePicture::LivePicture(AnalyticsInputs inputs, LivePictureOptions options)
    : options_(std::move(options)),
      scheduleStart_(inputs.schedule ? std::optional(inputs.schedule->windowFrom) : std::nullopt),
      scheduleEnd_(inputs.schedule ? std::optional(inputs.schedule->windowTo) : std::nullopt),
      store_(options_.store),
      engine_(std::move(inputs)) {}

LivePicture::~LivePicture() {
    // The feeds push into the inbox the FeedSet owns; stop them before anything else goes.
    feeds_.stopAll();
}

Status LivePicture::addSource(const std::string& source, double replaySpeed) {
    return feeds_.add(source, replaySpeed);
}

Result<AisInput> LivePicture::loadFiles(const std::vector<std::filesystem::path>& paths) {
    auto input = loadAisFiles(paths);
    if (!input) return input;
    load(*input);
    return input;
}

void LivePicture::load(AisInput& input) {
    applyStatics(input.statics);
    sortByTime(input.fixes);
    // Safety texts go in at their times between the fixes, as analyzeFixes feeds them.
    std::vector<SafetyText>& texts = input.safetyTexts;
    std::stable_sort(texts.begin(), texts.end(),
                     [](const SafetyText& a, const SafetyText& b) { return a.time < b.time; });
    std::size_t nextText = 0;
    const auto feedTextsUpTo = [&](time::UnixMillis t) {
        for (; nextText < texts.size() && texts[nextText].time <= t; ++nextText) {
            const SafetyText& text = texts[nextText];
            if ((options_.from && text.time < *options_.from) ||
                (options_.to && text.time > *options_.to))
                continue;
            engine_.ingestSafetyText(text);
            if (!lastFed_ || text.time > *lastFed_) lastFed_ = text.time;
        }
    };
    for (const auto& fix : input.fixes) {
        feedTextsUpTo(fix.time - 1);
        store_.addFix(fix);
        feedEngine(fix);
    }
    feedTextsUpTo(std::numeric_limits<time::UnixMillis>::max());
    for (const auto& info : input.statics) store_.mergeStatic(info);
    collectEvents(/*final=*/false);
    input.fixes.clear();
    input.fixes.shrink_to_fit();
}

std::size_t LivePicture::pendingCount() const {
    return pending_.fixes.size() - nextFix_ + pending_.statics.size();
}

void LivePicture::applyStatics(const std::vector<ais::VesselStatic>& statics) {
    for (const auto& info : statics) {
        ais::VesselStatic& merged = statics_[info.mmsi];
        ais::mergeStatic(merged, info);
        engine_.setStatic(merged);
    }
}

void LivePicture::feedEngine(const ais::PositionFix& fix) {
    if ((options_.from && fix.time < *options_.from) || (options_.to && fix.time > *options_.to))
        return;
    engine_.ingest(fix);
    if (!lastFed_ || fix.time > *lastFed_) lastFed_ = fix.time;
}

PumpReport LivePicture::pump(std::chrono::steady_clock::duration budget) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point started = Clock::now();
    PumpReport report;
    if (pendingCount() == 0) {
        feeds_.takeAll(pending_, started);
        nextFix_ = 0;
        // Static data first, so the engine classifies a vessel before its fixes in this batch
        // (as the batch analysis, which sets every static report before the first fix).
        applyStatics(pending_.statics);
        // One feed delivers in time order; several interleave: the engine wants time order.
        sortByTime(pending_.fixes);
    }
    while (nextFix_ < pending_.fixes.size()) {
        const std::size_t end = std::min(pending_.fixes.size(), nextFix_ + kFixesPerClockCheck);
        for (; nextFix_ < end; ++nextFix_) {
            store_.addFix(pending_.fixes[nextFix_]);
            feedEngine(pending_.fixes[nextFix_]);
            ++report.items;
        }
        if (Clock::now() - started >= budget) break;
    }
    if (nextFix_ >= pending_.fixes.size() && !pending_.statics.empty()) {
        // After the fixes, so a static report never creates a vessel the store's geographic
        // filter would have kept out.
        for (const auto& info : pending_.statics) {
            if (!store_.options().ingestFilter || store_.indexOf(info.mmsi))
                store_.mergeStatic(info);
        }
        report.items += pending_.statics.size();
        pending_.statics.clear();
    }
    report.events = collectEvents(/*final=*/false);
    report.pending = pendingCount();
    report.sharedAcks = acks_.applyShared();
    if (options_.evictEvery.count() > 0 && !feeds_.feeds().empty() &&
        started - lastEviction_ >= options_.evictEvery) {
        lastEviction_ = started;
        evictSilent(now());
    }
    return report;
}

void LivePicture::evictSilent(time::UnixMillis t) {
    store_.evictStale(t);
}

void LivePicture::finish() {
    // The end a batch analysis runs to: `to`, else the later of the last fix and the
    // schedule's end; with no fix at all the schedule still runs from its start.
    std::optional<time::UnixMillis> end = options_.to;
    if (!end) {
        end = lastFed_;
        if (scheduleEnd_ && (!end || *scheduleEnd_ > *end)) end = scheduleEnd_;
    }
    if (!lastFed_ && !options_.from && scheduleStart_) engine_.advanceTo(*scheduleStart_);
    if (end) engine_.advanceTo(*end);
    collectEvents(/*final=*/true);
}

std::size_t LivePicture::collectEvents(bool final) {
    std::vector<Event> raised = engine_.drainEvents();
    std::erase_if(raised, [&](const Event& e) {
        return (options_.from && e.time < *options_.from) || (options_.to && e.time > *options_.to);
    });
    held_.insert(held_.end(), std::make_move_iterator(raised.begin()),
                 std::make_move_iterator(raised.end()));
    if (held_.empty()) return 0;
    sortEvents(held_);
    // After a fix at time t the engine has run every tick and schedule event before t, and
    // fixes come in time order, so nothing it raises later is earlier than t: the alerts
    // before t are final in their order, those at t wait for the next fix. The list thus
    // stays sorted as it grows, and the acknowledgements (new alerts start unacknowledged,
    // at the end) stay parallel to it.
    auto cut = held_.end();
    if (!final && lastFed_) {
        cut = std::lower_bound(held_.begin(), held_.end(), *lastFed_,
                               [](const Event& e, time::UnixMillis t) { return e.time < t; });
    }
    const auto released = static_cast<std::size_t>(cut - held_.begin());
    if (released == 0) return 0;
    const std::span<const Event> batch(held_.data(), released);
    if (Status s = acks_.extend(batch); !s) warnings_.push_back("alert log: " + s.error());
    events_.insert(events_.end(), std::make_move_iterator(held_.begin()),
                   std::make_move_iterator(cut));
    held_.erase(held_.begin(), cut);
    return released;
}

Status LivePicture::keepAlertsIn(const std::filesystem::path& workspace) {
    auto acks = AlertAcknowledgements::open(workspace, events_);
    if (!acks) return makeError(acks.error());
    std::unique_ptr<AlertSharing> sharing = acks_.releaseSharing();
    acks_ = std::move(*acks);
    if (sharing) acks_.shareWith(std::move(sharing), events_);
    return {};
}

void LivePicture::shareAlerts(std::unique_ptr<AlertSharing> sharing) {
    acks_.shareWith(std::move(sharing), events_);
}

time::UnixMillis LivePicture::now() const {
    time::UnixMillis t = ais::kNoTime;
    for (const auto& f : feeds_.feeds()) {
        if (const auto* replay = dynamic_cast<const ais::ReplayFeed*>(f.get())) {
            const time::UnixMillis r = replay->replayTime();
            if (r != ais::kNoTime && (t == ais::kNoTime || r > t)) t = r;
        }
    }
    return t == ais::kNoTime ? time::wallClockNow() : t;
}

}  // namespace seawatch::analytics
