#pragma once
// The incidents table's queries, off the UI thread, on a SQLite connection of their own
// (WAL lets it read beside the console's): a million rows take seconds, frames must not.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/incidents/clustering.hpp"
#include "seawatch/incidents/store.hpp"

namespace seawatch::ui {

struct QueryRequest {
    incidents::IncidentQuery query;
    bool noneTicked = false;            // no category: nothing, which the store reads as all
    std::vector<std::int64_t> keepIds;  // sorted; empty = every row of the query
    bool byMonth = false;
    incidents::IncidentSortKey sortKey = incidents::IncidentSortKey::Time;
    bool descending = true;
};

struct QueryOutcome {
    incidents::IncidentColumns columns;
    std::vector<std::uint32_t> order;
    std::vector<incidents::TimeBucket> histogram;
    std::string error;
    double millis = 0;
};

// The table's queries, off the UI thread, on a connection of their own.
class QueryWorker {
  public:
    static Result<std::unique_ptr<QueryWorker>> open(const std::filesystem::path& path);
    // Runs on a worker thread; one request at a time.
    QueryOutcome run(const QueryRequest& request);

  private:
    std::unique_ptr<workspace::Workspace> ws_;
    std::optional<incidents::IncidentStore> store_;
};

}  // namespace seawatch::ui
