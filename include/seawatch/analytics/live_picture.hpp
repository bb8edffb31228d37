#pragma once
// The live picture: AIS sources, the inbox they fill, the track store the map draws, the
// analytics engine fed incrementally, and the alerts it raised with their acknowledgements.
// The console, `seawatch ais watch` and `seawatch analyze` all run one, so a live alert and
// the batch event log come from the same object and agree byte for byte.
//
//   feed threads ──InboxBatch──▶ TrackInbox ──takeAll──▶ pump() on the owner's thread:
//                                                        TrackStore  (what the map draws)
//                                                        Engine      (fixes in time order)
//                                                        events() + acknowledgements
//
// Threading: a LivePicture belongs to one thread (the console's UI thread, or the command's
// main thread). Only the feeds run elsewhere; they never wait on it and it never waits on
// them. pump() takes a time budget: what does not fit waits for the next call, so a burst
// never stalls a frame.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "seawatch/ais/feeds.hpp"
#include "seawatch/ais/track_store.hpp"
#include "seawatch/analytics/ais_input.hpp"
#include "seawatch/analytics/alert_acks.hpp"
#include "seawatch/analytics/engine.hpp"
#include "seawatch/common/result.hpp"

namespace seawatch::analytics {

struct LivePictureOptions {
    ais::TrackStoreOptions store;
    // Fixes outside [from, to] are kept off the engine (as `analyze --from/--to`).
    std::optional<time::UnixMillis> from;
    std::optional<time::UnixMillis> to;
    // Live pictures grow without bound unless silent targets go: evicted this often (wall
    // clock) once a live source is open. Zero: never.
    std::chrono::seconds evictEvery{30};
};

struct PumpReport {
    std::size_t items = 0;       // fixes and static reports moved into the store this call
    std::size_t events = 0;      // alerts the engine raised this call
    std::size_t pending = 0;     // left for the next call because the budget ran out
    std::size_t sharedAcks = 0;  // alerts acknowledged at other stations, applied this call
};

class LivePicture {
  public:
    explicit LivePicture(AnalyticsInputs inputs, LivePictureOptions options = {});
    LivePicture(const LivePicture&) = delete;
    LivePicture& operator=(const LivePicture&) = delete;
    ~LivePicture();

    // ---- Sources
    // Opens a source ("udp://HOST:PORT", "tcp://HOST:PORT", or a file replayed at
    // `replaySpeed`, ais::kUnpaced for as fast as it decodes).
    Status addSource(const std::string& source, double replaySpeed = 1.0);
    // Another kind of source (an archive replay): built over inbox(), handed over here.
    void adoptSource(std::unique_ptr<ais::AisFeed> feed) { feeds_.adopt(std::move(feed)); }
    ais::TrackInbox& inbox() { return feeds_.inbox(); }
    const ais::FeedSet& feeds() const { return feeds_; }
    ais::FeedSet& feeds() { return feeds_; }
    // Whole files at once, decoded on this thread and fed in time order with every static
    // report first: what `seawatch analyze` does.
    Result<AisInput> loadFiles(const std::vector<std::filesystem::path>& paths);
    // The same for an input already read (logs, an archive window, or both): fed in time
    // order with every static report first; its fixes are released afterwards.
    void load(AisInput& input);

    // ---- Running
    // Moves what the feeds delivered into the store and the engine until `budget` is spent.
    PumpReport pump(std::chrono::steady_clock::duration budget = std::chrono::milliseconds(4));
    // Runs the engine to the end of the data and the schedule (or to `to`), as a batch
    // analysis ends. Call once the sources are finished and pump() reports nothing pending.
    void finish();
    bool idle() const { return feeds_.allFinished() && pendingCount() == 0; }

    // ---- Reading
    const ais::TrackStore& tracks() const { return store_; }
    ais::TrackStore& tracks() { return store_; }
    const Engine& engine() const { return engine_; }
    // Sorted by time (sortEvents); grows as the engine raises alerts. An alert is listed
    // once it is final: when a later fix has arrived, or at finish().
    const std::vector<Event>& events() const { return events_; }
    // Alert log failures and the like, oldest first.
    const std::vector<std::string>& warnings() const { return warnings_; }
    AlertAcknowledgements& acknowledgements() { return acks_; }
    const AlertAcknowledgements& acknowledgements() const { return acks_; }
    // Keeps the alerts (those so far and those to come) in a workspace's alert log, with
    // acknowledgements that outlive the process.
    Status keepAlertsIn(const std::filesystem::path& workspace);
    // Shares the alerts (those so far and those to come) and their acknowledgements with
    // other stations (station::AlertLink); pump() applies what the others acknowledged.
    void shareAlerts(std::unique_ptr<AlertSharing> sharing);
    // The picture's time: the newest recorded time a replay reached, else the wall clock.
    time::UnixMillis now() const;

  private:
    std::size_t pendingCount() const;
    void applyStatics(const std::vector<ais::VesselStatic>& statics);
    void feedEngine(const ais::PositionFix& fix);
    std::size_t collectEvents(bool final);
    void evictSilent(time::UnixMillis now);

    LivePictureOptions options_;
    std::optional<time::UnixMillis> scheduleStart_;
    std::optional<time::UnixMillis> scheduleEnd_;
    ais::FeedSet feeds_;
    ais::TrackStore store_;
    Engine engine_;
    // Static data merged per vessel with ais::mergeStatic, as the batch input merges it.
    std::unordered_map<ais::Mmsi, ais::VesselStatic> statics_;
    std::optional<time::UnixMillis> lastFed_;
    std::vector<Event> events_;
    std::vector<Event> held_;  // raised, not yet final (see collectEvents)
    std::vector<std::string> warnings_;
    AlertAcknowledgements acks_{0};
    // Taken from the inbox and not yet stored (the budget ran out): fixes from `nextFix_`.
    ais::InboxBatch pending_;
    std::size_t nextFix_ = 0;
    std::chrono::steady_clock::time_point lastEviction_ = std::chrono::steady_clock::now();
};

}  // namespace seawatch::analytics
