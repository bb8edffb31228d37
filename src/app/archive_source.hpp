#pragma once
// The AIS archive of a workspace, whichever kind it is: a GeoPackage file (ais::queryArchive)
// or a station's postgresql://… URI (station::queryAisArchive), with the same answer for the
// same imports. `seawatch ais query` and `seawatch analyze --archive` read through here.
#include <string>

#include "seawatch/ais/archive_query.hpp"
#include "seawatch/common/result.hpp"

namespace seawatch::app {

Result<ais::ArchiveQueryResult> queryWorkspaceArchive(const std::string& workspace,
                                                      const ais::ArchiveQuery& q);

}  // namespace seawatch::app
