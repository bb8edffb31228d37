#include "archive_source.hpp"

#include "seawatch/station/pg.hpp"
#include "seawatch/station/pg_archive.hpp"
#include "seawatch/station/schema.hpp"
#include "seawatch/workspace/location.hpp"

namespace seawatch::app {

Result<ais::ArchiveQueryResult> queryWorkspaceArchive(const std::string& workspace,
                                                      const ais::ArchiveQuery& q) {
    if (!station::isPostgresTarget(workspace))
        return ais::queryArchive(workspace::Location(workspace), q);
    auto conn = station::openStation(workspace);
    if (!conn) return makeError(conn.error());
    return station::queryAisArchive(*conn, q);
}

}  // namespace seawatch::app
