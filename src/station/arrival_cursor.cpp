#include "seawatch/station/arrival_cursor.hpp"

#include <algorithm>
#include <utility>

namespace seawatch::station {

Result<ArrivalCursor::Batch> ArrivalCursor::fetch(
    PgConnection& conn, std::string_view where,
    const std::vector<std::optional<std::string>>& params, PgFailure* failure) {
    // One snapshot for the horizon, the rows and the highest seq, so they agree.
    if (auto ok = conn.execScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", failure);
        !ok) {
        return makeError(ok.error());
    }
    auto fail = [&conn](const std::string& message) -> Result<Batch> {
        (void)conn.execScript("ROLLBACK");
        return makeError(message);
    };
    auto horizon = conn.exec("SELECT pg_snapshot_xmin(pg_current_snapshot())::text", {}, failure);
    if (!horizon) return fail(horizon.error());
    auto rows = conn.exec(
        "SELECT " + columns_ + " FROM " + table_ + " " + std::string(where) + " ORDER BY seq",
        params, failure);
    if (!rows) return fail(rows.error());
    const std::string newHorizon(horizon->text(0, 0));
    // Rows of still-running-at-the-horizon transactions that a filter left out are marked as
    // seen too, so a later fetch does not bring them back as new.
    auto recent =
        conn.exec("SELECT seq FROM " + table_ + " WHERE xid >= $1::xid8", {newHorizon}, failure);
    if (!recent) return fail(recent.error());
    auto highest = conn.exec("SELECT coalesce(max(seq), 0) FROM " + table_, {}, failure);
    if (!highest) return fail(highest.error());
    if (auto ok = conn.execScript("COMMIT", failure); !ok) return makeError(ok.error());

    Batch batch;
    for (int i = 0; i < rows->rows(); ++i) {
        const std::int64_t seq = rows->integer(i, 0);
        if (started_ && seq <= highestSeq_ && recentSeqs_.count(seq) > 0) continue;
        batch.fresh.push_back(i);
    }
    batch.rows = std::move(rows).value();
    std::set<std::int64_t> stillRecent;
    for (int i = 0; i < recent->rows(); ++i) stillRecent.insert(recent->integer(i, 0));
    recentSeqs_ = std::move(stillRecent);
    highestSeq_ = std::max<std::int64_t>(highestSeq_, highest->integer(0, 0));
    horizonXid_ = newHorizon;
    started_ = true;
    return batch;
}

Result<ArrivalCursor::Batch> ArrivalCursor::start(
    PgConnection& conn, std::string_view where,
    const std::vector<std::optional<std::string>>& params, PgFailure* failure) {
    started_ = false;
    highestSeq_ = 0;
    recentSeqs_.clear();
    return fetch(conn, where, params, failure);
}

void ArrivalCursor::resume(std::int64_t highestSeq, std::string horizonXid) {
    highestSeq_ = highestSeq;
    horizonXid_ = std::move(horizonXid);
    recentSeqs_.clear();
    started_ = true;
}

Result<ArrivalCursor::Batch> ArrivalCursor::fetchNew(PgConnection& conn, PgFailure* failure) {
    if (!started_) return start(conn, "", {}, failure);
    return fetch(conn, "WHERE seq > $1::bigint OR xid >= $2::xid8",
                 {std::to_string(highestSeq_), horizonXid_}, failure);
}

}  // namespace seawatch::station
