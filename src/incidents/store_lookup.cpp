// Finding an incident by the reference people quote: beside store.cpp, through the same
// workspace connection and fetch().
#include <charconv>
#include <string>
#include <vector>

#include "seawatch/incidents/store.hpp"
#include "seawatch/workspace/sqlite_statement.hpp"

namespace seawatch::incidents {

Result<std::vector<Incident>> IncidentStore::findByReference(std::string_view ref) const {
    // A number may be the workspace's own id as well as a source's reference: both match.
    std::int64_t id = -1;
    const auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
    const bool numeric = ec == std::errc() && end == ref.data() + ref.size();
    auto stmt = workspace::Statement::prepare(
        ws_->handle(), "SELECT fid FROM incidents WHERE source_ref = ?1 OR fid = ?2 ORDER BY fid");
    if (!stmt) return makeError(stmt.error());
    stmt->bind(1, ref);
    stmt->bind(2, numeric ? id : std::int64_t{-1});
    std::vector<std::int64_t> ids;
    int rc;
    while ((rc = stmt->step()) == SQLITE_ROW) ids.push_back(stmt->int64(0));
    if (rc != SQLITE_DONE) {
        return makeError(workspace::sqliteError(ws_->handle(), "incident lookup"));
    }
    std::vector<Incident> out;
    for (const std::int64_t fid : ids) {
        auto incident = fetch(fid);
        if (!incident) return makeError(incident.error());
        out.push_back(std::move(incident).value());
    }
    return out;
}

}  // namespace seawatch::incidents
