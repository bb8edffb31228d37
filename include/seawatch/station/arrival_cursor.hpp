#pragma once
// Reads an append-only station table in arrival order, and then only what is new, without
// ever skipping a late commit or delivering a row twice. The table needs two columns set at
// insert time: `seq` (arrival order, from a sequence) and `xid` (the writing transaction,
// pg_current_xact_id()). The coordination log and the alert acknowledgements use it.
//
// Arrival order is assigned at insert time, but transactions commit in any order: a row with
// seq 7 can become visible after a row with seq 8 was read. So besides "seq above the
// highest seen", each fetch also asks for rows written by transactions that were still
// running at the previous fetch (their xid is at or above that snapshot's xmin), and drops
// the ones already delivered.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/station/pg.hpp"

namespace seawatch::station {

class ArrivalCursor {
  public:
    // `columns`: the select list; its first column must be `seq`.
    ArrivalCursor(std::string table, std::string columns)
        : table_(std::move(table)), columns_(std::move(columns)) {}

    struct Batch {
        PgResult rows;           // in arrival order
        std::vector<int> fresh;  // the rows to deliver (the others were delivered before)
    };

    // The rows `where` selects (a WHERE clause or empty, $1… from `params`), and from then on
    // the table's highest seq is the starting point.
    Result<Batch> start(PgConnection& conn, std::string_view where,
                        const std::vector<std::optional<std::string>>& params,
                        PgFailure* failure = nullptr);
    // Everything that became visible since the previous call.
    Result<Batch> fetchNew(PgConnection& conn, PgFailure* failure = nullptr);
    bool started() const { return started_; }
    // Carries on from a point read before (by this cursor, or by a paged catch-up that
    // noted the horizon of its first read): the next fetchNew() asks for rows above
    // `highestSeq` and for rows of transactions at or after `horizonXid`; a row delivered
    // before may come again, so the reader must be idempotent.
    void resume(std::int64_t highestSeq, std::string horizonXid);
    std::int64_t highestSeq() const { return highestSeq_; }
    const std::string& horizonXid() const { return horizonXid_; }

  private:
    Result<Batch> fetch(PgConnection& conn, std::string_view where,
                        const std::vector<std::optional<std::string>>& params, PgFailure* failure);
    std::string table_;
    std::string columns_;
    std::int64_t highestSeq_ = 0;
    std::string horizonXid_ = "0";
    std::set<std::int64_t> recentSeqs_;  // delivered rows whose xid >= horizon
    bool started_ = false;
};

}  // namespace seawatch::station
