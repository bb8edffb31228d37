#pragma once
#include <filesystem>

#include "seawatch/common/result.hpp"

namespace seawatch::incidents {

// userDataDir()/workspace.gpkg
std::filesystem::path defaultWorkspacePath();

// Creates the workspace at `path` (default: defaultWorkspacePath()) when it does not exist
// and loads data/incidents/sample_incidents.geojson into it, so a first run has something
// to show. An existing workspace is left alone. Returns the path.
Result<std::filesystem::path> ensureDefaultWorkspace(std::filesystem::path path = {});

}  // namespace seawatch::incidents
