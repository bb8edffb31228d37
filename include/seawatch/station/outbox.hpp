#pragma once
// The outbox: log entries written locally before they go to the server, so that a post made
// while the server is unreachable (or while it crashes mid-commit) is kept and sent later.
// It lives in a local workspace GeoPackage (default: userDataDir()/outbox.gpkg) through the
// one workspace layer, as a `station_outbox` table with its own schema version.
//
// An entry leaves the outbox only once the server has it: sending is INSERT … ON CONFLICT
// (id) DO NOTHING, so an entry whose commit reached the server but whose reply was lost is
// stored once when it is sent again.
//
// Station links (alert sharing) queue other kinds of items in `station_outbox_items`.
//
// Threading: one Outbox per thread (it owns its workspace connection).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/station/coordination_log.hpp"

namespace seawatch::workspace {
class Workspace;
}

namespace seawatch::station {

std::filesystem::path defaultOutboxPath();

struct QueuedEntry {
    std::string target;  // the connection string it is meant for (never holds a password)
    LogEntry entry;
};

// Anything else a station link queues (alerts, acknowledgements): a kind, an id unique per
// kind, and the payload the link's sender knows how to send. Added twice, kept once.
struct OutboxItem {
    std::int64_t queueNo = 0;  // order of arrival in the outbox; 0 before it is added
    std::string kind;
    std::string id;
    std::string target;
    std::string payload;
};

// What a flush did: how many went, and what stays queued or was refused.
struct FlushReport {
    std::size_t sent = 0;              // stored now (or found already stored)
    std::size_t remaining = 0;         // still queued: the server is unreachable
    std::vector<std::string> refused;  // "id: reason": the server refused them; removed
    std::string unreachable;           // the sentence, when the server could not be reached
};

class Outbox {
  public:
    static Result<Outbox> open(const std::filesystem::path& path);
    ~Outbox();
    Outbox(Outbox&&) noexcept;
    Outbox& operator=(Outbox&&) noexcept;

    Status add(const QueuedEntry& queued);
    Status remove(const std::string& id);
    // Oldest first.
    Result<std::vector<LogEntry>> pending(const std::string& target) const;

    // Each call is one local transaction.
    Status addItems(const std::vector<OutboxItem>& items);
    Status removeItems(const std::vector<std::int64_t>& queueNos);
    // Oldest first, at most `limit`, of the given kinds only (each link sends its own kinds
    // and leaves the others' items alone; empty: every kind).
    Result<std::vector<OutboxItem>> pendingItems(const std::string& target, std::size_t limit,
                                                 const std::vector<std::string>& kinds = {}) const;
    Result<std::size_t> countItems(const std::string& target,
                                   const std::vector<std::string>& kinds = {}) const;

    // Connects to `target` and sends its pending entries in order, removing each the server
    // confirms. Stops at the first sign that the server is unreachable.
    FlushReport flush(const std::string& target);
    // The same over a connection the caller holds (the console's live link).
    FlushReport flush(PgConnection& conn, const std::string& target);

    const std::filesystem::path& path() const { return path_; }

  private:
    Outbox() = default;
    std::unique_ptr<workspace::Workspace> ws_;
    std::filesystem::path path_;
};

}  // namespace seawatch::station
