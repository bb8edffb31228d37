#pragma once
// Who acknowledged which alert, kept parallel to an event list (the scene's) and persisted
// in the workspace's alert log, so acknowledgements survive a restart of the console.
// Shared with other stations when given an AlertSharing (a PostgreSQL station:
// station::AlertLink), so one watch officer's acknowledgement shows on every console.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "seawatch/analytics/alert_log.hpp"

namespace seawatch::analytics {

// An acknowledgement as stations share it: the alert is named by its event line
// (toJsonLine), which every station running the same analytics on the same feed computes
// alike.
struct SharedAck {
    std::string eventKey;
    std::string station;  // the station (server role) that acknowledged it
    std::string by;       // who, at that station
    time::UnixMillis at = 0;
};

struct SharingState {
    std::string status;                // the last connection news, for the status bar
    bool live = false;                 // connected and following
    std::size_t queued = 0;            // alerts and acknowledgements not yet on the server
    std::vector<std::string> refused;  // what the server refused, one sentence each
    std::string failed;                // set when sharing stopped for good
};

// Where alerts and acknowledgements are shared with other stations. Implemented in the
// station domain; the analytics only calls it. No call blocks on the network: an
// implementation queues (durably) and sends from a thread of its own.
class AlertSharing {
  public:
    virtual ~AlertSharing() = default;
    AlertSharing() = default;
    AlertSharing(const AlertSharing&) = delete;
    AlertSharing& operator=(const AlertSharing&) = delete;

    virtual void publish(std::span<const Event> events) = 0;
    virtual void acknowledge(const std::string& eventKey, const std::string& by,
                             time::UnixMillis at) = 0;
    // Acknowledgements that arrived since the last call (this station's own come back too).
    virtual std::vector<SharedAck> drainAcks() = 0;
    virtual SharingState state() const = 0;
};

class AlertAcknowledgements {
  public:
    // In memory only (no workspace): acknowledgements last until the console closes.
    explicit AlertAcknowledgements(std::size_t eventCount);
    // Stores `events` in the workspace's alert log (an event already there is not added
    // twice) and reads back the acknowledgements already made.
    static Result<AlertAcknowledgements> open(const std::filesystem::path& workspace,
                                              std::span<const Event> events);

    Status acknowledge(std::size_t index, const std::string& by, time::UnixMillis at);
    // Live feeds: the event list grows as the engine runs; new alerts start unacknowledged.
    // When persistent, the new events are stored in the alert log as well.
    Status extend(std::span<const Event> added);

    const std::vector<bool>& acknowledged() const { return acknowledged_; }
    bool isAcknowledged(std::size_t index) const { return acknowledged_[index]; }
    const std::string& acknowledgedBy(std::size_t index) const { return by_[index]; }
    time::UnixMillis acknowledgedAt(std::size_t index) const { return at_[index]; }
    bool persistent() const { return log_.has_value(); }

    // Shares the alerts (`events`, the list these acknowledgements are parallel to, and
    // every extend() from now on) and their acknowledgements through `sharing`.
    void shareWith(std::unique_ptr<AlertSharing> sharing, std::span<const Event> events);
    // Hands the sharing back (to move it onto a new AlertAcknowledgements).
    std::unique_ptr<AlertSharing> releaseSharing();
    const AlertSharing* sharing() const { return sharing_.get(); }
    // Applies the acknowledgements that other stations made: an alert not yet acknowledged
    // here becomes acknowledged "by WHO (STATION)". One for an alert this picture has not
    // raised yet is kept until it does. Returns how many alerts changed.
    std::size_t applyShared();

  private:
    // Marks `index` acknowledged (and stores it in the alert log when persistent).
    Status markAcknowledged(std::size_t index, const std::string& by, time::UnixMillis at);
    void indexForSharing(std::span<const Event> events, std::size_t firstIndex);

    std::optional<AlertLog> log_;
    std::vector<std::int64_t> ids_;  // alert log row of each event
    std::vector<bool> acknowledged_;
    std::vector<std::string> by_;
    std::vector<time::UnixMillis> at_;
    std::unique_ptr<AlertSharing> sharing_;
    std::vector<std::string> keys_;                            // event line of each (shared)
    std::unordered_map<std::string, std::size_t> indexByKey_;  // its index
    std::unordered_map<std::string, SharedAck> early_;         // acks of alerts not raised here yet
};

}  // namespace seawatch::analytics
