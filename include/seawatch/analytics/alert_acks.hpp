#pragma once
// Who acknowledged which alert, kept parallel to an event list (the scene's) and persisted
// in the workspace's alert log, so acknowledgements survive a restart of the console.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "seawatch/analytics/alert_log.hpp"

namespace seawatch::analytics {

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

  private:
    std::optional<AlertLog> log_;
    std::vector<std::int64_t> ids_;  // alert log row of each event
    std::vector<bool> acknowledged_;
    std::vector<std::string> by_;
    std::vector<time::UnixMillis> at_;
};

}  // namespace seawatch::analytics
