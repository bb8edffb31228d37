#include "seawatch_source_dir.h"  // SEAWATCH_SOURCE_DIR: fallback for data/ and shaders/
#include "seawatch/incidents/default_workspace.hpp"

#include "seawatch/common/resources.hpp"
#include "seawatch/incidents/import.hpp"

namespace seawatch::incidents {

namespace fs = std::filesystem;

fs::path defaultWorkspacePath() {
    return userDataDir() / "workspace.gpkg";
}

Result<fs::path> ensureDefaultWorkspace(fs::path path) {
    if (path.empty()) path = defaultWorkspacePath();
    std::error_code ec;
    const bool existed = fs::exists(path, ec);
    if (existed) {
        // Already a seawatch workspace with incidents: nothing to write.
        auto reader = workspace::Workspace::open(path, workspace::Access::ReadOnly);
        if (reader && IncidentStore::open(*reader)) return path;
    }
    auto ws = workspace::Workspace::open(path);
    if (!ws) return makeError(ws.error());
    auto store = IncidentStore::open(*ws);
    if (!store) return makeError(store.error());
    if (existed) return path;
    constexpr const char* kSample = "data/incidents/sample_incidents.geojson";
    fs::path sample = resourcePath(kSample);
#ifdef SEAWATCH_SOURCE_DIR
    // A build tree without shaders/ yet (core-only builds) still finds the source tree's data.
    if (!fs::exists(sample, ec)) sample = fs::path(SEAWATCH_SOURCE_DIR) / kSample;
#endif
    ImportOptions options;
    options.format = ImportFormat::GeoJson;
    options.strict = true;  // our own file: any bad record is a bug to surface
    auto summary = importFile(*store, sample, options);
    if (!summary) return makeError("loading sample incidents: " + summary.error());
    return path;
}

}  // namespace seawatch::incidents
