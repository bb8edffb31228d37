#pragma once
// What the vessel panels compute from a TrackStore: which vessel is under the cursor, and
// the rows of the vessel list (searched, sorted). Pure functions over core objects, so the
// console, the tests and any headless tool agree on what "the vessel at this pixel" is.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/ais/track_store.hpp"
#include "seawatch/geo/map_view.hpp"

namespace seawatch::ais {

struct PickedVessel {
    std::size_t index = 0;  // into the store
    Mmsi mmsi = 0;
    double distancePx = 0;
    VesselState state;
};

// The vessel whose position at `t` is nearest to `point` (screen pixels of `view`) and no
// farther than `radiusPx`; nullopt when none is that close.
std::optional<PickedVessel> pickVessel(const TrackStore& store, const geo::MapView& view,
                                       geo::ScreenPoint point, double radiusPx, time::UnixMillis t);

enum class VesselSortKey : std::uint8_t { Name, MmsiNumber, Type, Speed, FixAge };

struct VesselListQuery {
    std::string search;  // case-insensitive substring of name, callsign or MMSI digits
    VesselSortKey key = VesselSortKey::Name;
    bool descending = false;
};

struct VesselListRow {
    std::size_t index = 0;
    Mmsi mmsi = 0;
    float speedKn = kUnknown;       // at `now`; unknown sorts last
    time::UnixMillis fixAgeMs = 0;  // now - last fix at or before now
    bool hasState = false;          // false before the vessel's first fix
};

// True when `search` is empty or occurs (ignoring case) in the name, callsign or MMSI.
bool matchesVesselSearch(const VesselStatic& info, Mmsi mmsi, std::string_view search);

// Fills `rows` (reused between frames) with the vessels matching the query, sorted by the
// query's key; ties fall back to MMSI so the order is stable from frame to frame. Names sort
// case-insensitively and unnamed vessels go last; so do unknown speeds.
void buildVesselList(const TrackStore& store, time::UnixMillis now, const VesselListQuery& query,
                     std::vector<VesselListRow>& rows);

// Messages per second over a sliding window, from a monotonically growing message count
// sampled with a monotonic clock (the status bar's "msgs/s over the last 10 s").
class MessageRateMeter {
  public:
    explicit MessageRateMeter(double windowSeconds = 10.0) : windowSeconds_(windowSeconds) {}
    void sample(double clockSeconds, std::uint64_t totalMessages);
    double ratePerSecond() const;

  private:
    struct Sample {
        double seconds;
        std::uint64_t total;
    };
    double windowSeconds_;
    std::deque<Sample> samples_;
};

}  // namespace seawatch::ais
