#pragma once
// Per-MMSI vessel tracks for the picture: time-ordered fixes in columnar storage, merged
// static data, state at any time, screen-space trail decimation and stale-target eviction.
//
// Fix layout (struct of arrays, one set per vessel), 23 bytes per fix:
//   time     int64   ms UTC                      8
//   lat/lon  int32   1e-7 degree (about 1 cm)    4 + 4
//   sog      uint16  0.1 kn, 0xFFFF unknown      2
//   cog      uint16  0.1 deg, 0xFFFF unknown     2
//   heading  uint16  0.1 deg, 0xFFFF unknown     2
//   status   uint8   AIS navigation status       1
//
// Threading: a TrackStore belongs to one thread (the UI thread). Feeds push into a
// TrackInbox from their own threads; the UI drains the inbox into the store once a frame.
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "seawatch/ais/message.hpp"
#include "seawatch/ais/vessel.hpp"
#include "seawatch/geo/geo.hpp"

namespace seawatch::ais {

struct TrackStoreOptions {
    // How long after its last fix a vessel's position is still dead-reckoned.
    time::UnixMillis deadReckonLimitMs = 10 * time::kMillisPerMinute;
    // Vessels silent for longer than this are dropped by evictStale().
    time::UnixMillis staleAfterMs = 6 * time::kMillisPerHour;
    // Fixes outside this box are ignored on ingest (when set).
    std::optional<geo::GeoBox> ingestFilter;
};

enum class StateKind : std::uint8_t {
    Exact,         // t is the time of a fix
    Interpolated,  // between two fixes
    DeadReckoned,  // after the last fix, projected along course and speed
    Held,          // after the last fix beyond the dead-reckoning limit: last known position
};

struct VesselState {
    Mmsi mmsi = 0;
    time::UnixMillis time = 0;
    time::UnixMillis lastFixTime = 0;
    double lat = 0;
    double lon = 0;
    float speedKn = kUnknown;
    float courseDeg = kUnknown;
    float headingDeg = kUnknown;
    std::uint8_t navStatus = 15;
    StateKind kind = StateKind::Exact;
};

// A point of a decimated trail, in whatever plane the caller projected into.
struct TrailPoint {
    double x = 0;
    double y = 0;
    time::UnixMillis time = 0;
};

class TrackStore {
  public:
    explicit TrackStore(TrackStoreOptions options = {}) : options_(std::move(options)) {}

    // Adds a fix (kept in time order; an equal time replaces). False when it has no
    // position, no MMSI, or falls outside the ingest filter.
    bool addFix(const PositionFix& fix);
    // Merges static data: only known fields overwrite (a 24A name does not erase a callsign).
    void mergeStatic(const VesselStatic& v);
    // Convenience for decoders: position and/or static data from one message.
    void ingest(const AisMessage& m, time::UnixMillis receivedAt);

    std::size_t vesselCount() const { return tracks_.size(); }
    std::size_t totalFixes() const { return totalFixes_; }
    // Changes whenever a fix, static data or a vessel is added, replaced or removed, so a
    // view can keep what it derived from the store until then.
    std::uint64_t revision() const { return revision_; }
    std::optional<std::size_t> indexOf(Mmsi mmsi) const;
    Mmsi mmsiAt(std::size_t index) const { return tracks_[index].mmsi; }
    const VesselStatic& staticData(std::size_t index) const { return tracks_[index].info; }
    std::size_t fixCount(std::size_t index) const { return tracks_[index].time.size(); }
    // A vessel may have static data and no fix yet: these return kNoTime then.
    time::UnixMillis firstFixTime(std::size_t index) const {
        return tracks_[index].time.empty() ? kNoTime : tracks_[index].time.front();
    }
    time::UnixMillis lastFixTime(std::size_t index) const {
        return tracks_[index].time.empty() ? kNoTime : tracks_[index].time.back();
    }
    // The newest fix time in the store (kNoTime when empty), e.g. "now" for a replay.
    time::UnixMillis latestTime() const { return latestTime_; }
    // The i-th stored fix of a vessel, decoded back to a PositionFix.
    PositionFix fixAt(std::size_t index, std::size_t i) const;
    // Track length in nautical miles over all stored fixes.
    double trackLengthNm(std::size_t index) const;

    // State at time t; nullopt before the first fix or for a vessel with no fixes.
    std::optional<VesselState> stateAt(std::size_t index, time::UnixMillis t) const;
    std::optional<VesselState> stateAtMmsi(Mmsi mmsi, time::UnixMillis t) const;
    // Every vessel's state at t in one pass (vessels with no fix by t are left out); `out`
    // is reused frame to frame, so drawing thousands of targets allocates nothing.
    void statesAt(time::UnixMillis t, std::vector<VesselState>& out) const;

    // Trail vertices in [tFrom, tTo], thinned so consecutive vertices are at least one pixel
    // apart. `pixelSizeDeg` is the size of a screen pixel in degrees (x = lon, y = lat).
    void decimatedTrail(std::size_t index, time::UnixMillis tFrom, time::UnixMillis tTo,
                        double pixelSizeDeg, std::vector<TrailPoint>& out) const;
    // Same with a projection into screen pixels (x, y), e.g. Web Mercator at the current zoom.
    void decimatedTrail(std::size_t index, time::UnixMillis tFrom, time::UnixMillis tTo,
                        const std::function<TrailPoint(double lon, double lat)>& toPixels,
                        std::vector<TrailPoint>& out) const;

    // Drops vessels not heard (fix or static data) since now - staleAfterMs; returns how many.
    // Vessel indices change afterwards.
    std::size_t evictStale(time::UnixMillis now);
    void clear();
    // Bytes held by fix columns (capacity, not size): vectors grow by doubling, so call
    // compact() after a bulk load to get back to 23 bytes per fix.
    std::size_t fixMemoryBytes() const;
    void compact();

    const TrackStoreOptions& options() const { return options_; }

  private:
    struct Track {
        Mmsi mmsi = 0;
        // When static data last arrived, in store time (the newest fix time then).
        time::UnixMillis staticHeard = kNoTime;
        VesselStatic info;
        std::vector<time::UnixMillis> time;
        std::vector<std::int32_t> lat;
        std::vector<std::int32_t> lon;
        std::vector<std::uint16_t> sog;
        std::vector<std::uint16_t> cog;
        std::vector<std::uint16_t> heading;
        std::vector<std::uint8_t> status;
    };
    Track& trackFor(Mmsi mmsi);
    template <typename Project>
    void decimate(const Track& tr, time::UnixMillis tFrom, time::UnixMillis tTo, double minStep,
                  Project&& project, std::vector<TrailPoint>& out) const;

    TrackStoreOptions options_;
    std::vector<Track> tracks_;
    std::unordered_map<Mmsi, std::size_t> index_;
    std::size_t totalFixes_ = 0;
    time::UnixMillis latestTime_ = kNoTime;
    std::uint64_t revision_ = 0;
};

// What a feed hands over in one go: everything decoded from one batch of datagrams or one
// read. Feeds fill one of these on their own thread and push it whole, so the inbox's lock is
// taken once per batch, not once per sentence; clear() keeps the capacity, so a feed in steady
// state allocates nothing per datagram (a static report's long name aside).
struct InboxBatch {
    std::vector<PositionFix> fixes;
    std::vector<VesselStatic> statics;
    std::size_t size() const { return fixes.size() + statics.size(); }
    bool empty() const { return fixes.empty() && statics.empty(); }
    void clear() {
        fixes.clear();
        statics.clear();
    }
};

// Hand-over point between feed threads and the UI thread: feeds push batches, the UI takes
// everything at once. Both sides swap vectors, so capacity circulates and neither allocates.
class TrackInbox {
  public:
    void push(const PositionFix& fix);
    void push(const VesselStatic& v);
    // Appends a feed's batch under one lock and clears it (keeping its capacity).
    void pushBatch(InboxBatch& batch);
    // Hands everything received so far to `out` (cleared first); the inbox keeps out's
    // emptied vectors for the next pushes.
    void takeAll(InboxBatch& out);
    // Moves everything received so far into the store; returns the number of items.
    std::size_t drainInto(TrackStore& store);
    // Items pushed since construction.
    std::uint64_t totalPushed() const;

  private:
    mutable std::mutex mutex_;
    InboxBatch items_;
    std::uint64_t pushed_ = 0;
};

// Puts a drained batch into a store: fixes first, then static data, which never creates a
// vessel the store's geographic filter would exclude. Returns the number of items.
std::size_t storeBatch(const InboxBatch& batch, TrackStore& store);

}  // namespace seawatch::ais
