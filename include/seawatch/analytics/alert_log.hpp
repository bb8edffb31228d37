#pragma once
// The alert log in the workspace SQLite file: every event the engine raised, with who
// acknowledged it and when. Only the `alerts` table is ours; the file is shared with
// other tables (incidents), so nothing here touches them.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "seawatch/analytics/event.hpp"
#include "seawatch/common/result.hpp"

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
    // Opens (or creates) the workspace file and makes sure the alerts table exists.
    static Result<AlertLog> open(const std::filesystem::path& path);

    // Stores events; an event already in the log (same serialised form) is not duplicated.
    // Returns the row id of each event, in input order.
    Result<std::vector<std::int64_t>> store(std::span<const Event> events);
    Status acknowledge(std::int64_t id, const std::string& by, time::UnixMillis at);
    Result<std::vector<StoredAlert>> list(const AlertFilter& filter = {}) const;

  private:
    struct Closer {
        void operator()(sqlite3* db) const { sqlite3_close(db); }
    };
    explicit AlertLog(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    std::unique_ptr<sqlite3, Closer> db_;
    std::string path_;
};

}  // namespace seawatch::analytics
