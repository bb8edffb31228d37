#pragma once
// The alert log in the workspace: every event the engine raised, with who acknowledged it and
// when. Only the `alerts` table is ours (the "alerts" component of the workspace's
// migrations); the workspace is shared with other domains' tables, so nothing here touches
// them.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "seawatch/analytics/event.hpp"
#include "seawatch/common/result.hpp"
#include "seawatch/workspace/workspace.hpp"

namespace seawatch::analytics {

struct StoredAlert {
    std::int64_t id = 0;
    Event event;
    std::string acknowledgedBy;  // empty while unacknowledged
    std::optional<time::UnixMillis> acknowledgedAt;
};

struct AlertFilter {
    std::optional<EventType> type;
    bool unacknowledgedOnly = false;
    std::optional<time::UnixMillis> from;
    std::optional<time::UnixMillis> to;
    std::optional<ais::Mmsi> mmsi;
    int limit = 0;  // 0 = no limit
};

class AlertLog {
  public:
    // Opens (read-write: creating) the workspace and brings the alerts table to its latest
    // version; read-only checks that it is there.
    static Result<AlertLog> open(const workspace::Location& location,
                                 workspace::Access access = workspace::Access::ReadWrite);

    // Stores events; an event already in the log (same serialised form) is not duplicated.
    // Returns the row id of each event, in input order.
    Result<std::vector<std::int64_t>> store(std::span<const Event> events);
    Status acknowledge(std::int64_t id, const std::string& by, time::UnixMillis at);
    Result<std::vector<StoredAlert>> list(const AlertFilter& filter = {}) const;

  private:
    explicit AlertLog(workspace::Workspace ws) : ws_(std::move(ws)) {}
    workspace::Workspace ws_;
};

// The alert log's migrations on a GeoPackage workspace.
const std::vector<workspace::Migration>& alertLogMigrations();

}  // namespace seawatch::analytics
