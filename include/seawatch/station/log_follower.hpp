#pragma once
// Follows the coordination log live: LISTEN for new-entry notifications, fetch what became
// visible, and when the server goes away, reconnect with back-off and carry on from where it
// was, so an outage delays entries but never drops or repeats one.
//
// Threading: run() blocks the calling thread until stop is set, the sink returns false, or a
// failure that waiting will not fix (a refused password, a missing schema). The console runs
// it on a thread of its own; `seawatch log tail --follow` on its main thread.
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/station/coordination_log.hpp"

namespace seawatch::station {

struct FollowOptions {
    std::string target;
    std::optional<time::UnixMillis> since;
    std::size_t lastN = 20;  // with no since: how many past entries to start with (0 = all)
    std::chrono::milliseconds firstBackoff{250};
    std::chrono::milliseconds maxBackoff{5000};
};

// Return false to stop following.
using EntrySink = std::function<bool(const std::vector<LogEntry>&)>;
// Connection news for the user: "connected to …" and "reconnected to …" once the first fetch
// on a connection is done (the follower is live from then on), otherwise what went wrong
// ("…; retrying in 1 s", "…; reconnecting").
using StatusSink = std::function<void(const std::string&)>;

Status followLog(const FollowOptions& options, const std::atomic<bool>& stop,
                 const EntrySink& onEntries, const StatusSink& onStatus = {});

}  // namespace seawatch::station
