#pragma once
// IncidentStore: the incidents layer of a workspace. Writes go through upsert() inside a
// caller's Transaction; reads are filtered queries that return columns, so the console can
// hand them straight to the GPU and the table without per-row objects.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/incidents/incident.hpp"
#include "seawatch/workspace/workspace.hpp"

namespace seawatch::incidents {

// Every field is optional; an empty query selects everything.
struct IncidentQuery {
    std::optional<geo::GeoBox> bbox;
    std::optional<time::UnixMillis> from;  // inclusive
    std::optional<time::UnixMillis> to;    // exclusive
    std::vector<Category> categories;      // empty = all
    std::string text;                      // words, all must match (FTS5 over narrative,
                                           // vessel_name and aggressor); empty = no filter
    std::size_t limit = 0;                 // 0 = no limit
};

// Struct of arrays, ordered by occurred_at then id.
struct IncidentColumns {
    std::vector<std::int64_t> ids;
    std::vector<double> lon;
    std::vector<double> lat;
    std::vector<time::UnixMillis> occurredAt;
    std::vector<Category> category;
    std::size_t size() const { return ids.size(); }
    void clear();
};

enum class UpsertOutcome { Inserted, Updated, Duplicate };

// Histogram bucket: year, month 1..12 (0 when counted by year), count.
struct TimeBucket {
    int year = 0;
    int month = 0;
    std::int64_t count = 0;
};

enum class StatsKey { Year, Category, Subregion };

class IncidentStore {
  public:
    // Runs the incidents migrations on `ws` (read-only: checks that the incidents tables are
    // there, and says so in one sentence when they are not). The store keeps a pointer to
    // it: the workspace must outlive the store and stay where it is (hold it in a
    // unique_ptr if it moves).
    static Result<IncidentStore> open(workspace::Workspace& ws);

    workspace::Workspace& workspace() const { return *ws_; }

    // Inserts, or updates the stored row with the same (source, source_ref) when any field
    // differs; identical re-imports are reported as Duplicate and write nothing.
    Result<UpsertOutcome> upsert(const Incident& incident);

    // Inside a caller's transaction: defers the R*Tree and FTS updates of new rows to
    // endBulkLoad(), which fills them in one statement each (several times faster for large
    // files). When `expectedRows` (an estimate; 0 = unknown) is at least a quarter of the
    // stored rows, the grid-cell, category and time indexes are dropped too and built again
    // by endBulkLoad(). If the transaction rolls back, so does the bulk load (indexes
    // included); call cancelBulkLoad().
    Status beginBulkLoad(std::int64_t expectedRows = 0);
    Status endBulkLoad();
    void cancelBulkLoad() {
        bulkFrom_ = -1;
        deferredIndexes_.clear();
    }

    Result<IncidentColumns> query(const IncidentQuery& q) const;
    // Full records of a query, for exports and the table's detail panel.
    Result<std::vector<Incident>> queryRecords(const IncidentQuery& q) const;
    Result<Incident> fetch(std::int64_t id) const;
    // Incidents whose source reference is `ref` ("2009-395"), or whose id it is; several
    // sources may use the same reference, hence a list (by id). Empty: none. (store_lookup.cpp)
    Result<std::vector<Incident>> findByReference(std::string_view ref) const;
    Result<std::int64_t> count() const;
    // Counts of a query by year (month = 0) or by year and month, ascending.
    Result<std::vector<TimeBucket>> countsByTime(const IncidentQuery& q, bool byMonth) const;
    // Counts of every incident grouped by key, label -> count.
    Result<std::map<std::string, std::int64_t>> stats(StatsKey key) const;

  private:
    explicit IncidentStore(workspace::Workspace& ws) : ws_(&ws) {}
    struct UpsertStatements;  // prepared once, on the first upsert
    workspace::Workspace* ws_;
    std::shared_ptr<UpsertStatements> statements_;
    std::int64_t bulkFrom_ = -1;  // last id before the bulk load; -1 when none
    std::vector<std::string> deferredIndexes_;  // CREATE INDEX statements endBulkLoad() runs

    Status runForRow(const char* sql, std::int64_t fid);
    Status deferSecondaryIndexes(std::int64_t expectedRows);
};

// What the upsert compares to tell an unchanged re-import from an update: a hash of every
// stored field except the import time (and the id).
std::int64_t incidentContentHash(const Incident& incident);

// The incidents tables' migrations (exposed for tests of the schema history).
const std::vector<workspace::Migration>& incidentMigrations();

// Turns user words into a safe FTS5 query: each word quoted, all required, each a word
// prefix ("tanke" finds "tanker"; "anker" does not).
std::string ftsQueryFromWords(std::string_view words);

}  // namespace seawatch::incidents
