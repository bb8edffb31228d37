// --workspace for the console: which GeoPackage it reads and keeps its drafts in, and, for a
// station, the live copy of the station's incidents (station::IncidentMirror does the work).
#include <spdlog/spdlog.h>

#include "console_state.hpp"
#include "seawatch/incidents/default_workspace.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/workspace/location.hpp"

namespace seawatch::ui {

namespace fs = std::filesystem;

Result<fs::path> consoleWorkspace(const fs::path& chosen) {
    if (chosen.empty()) return incidents::ensureDefaultWorkspace();
    return chosen;
}

Result<std::string> openConsoleWorkspace(ConsoleState& state, const std::string& workspace) {
    if (workspace.empty()) return std::string();
    const workspace::Location location(workspace);
    if (location.kind() == workspace::BackendKind::PostgreSQL) {
        const fs::path copy = station::mirrorPathFor(workspace);
        auto mirror = station::IncidentMirror::open(workspace, copy);
        if (!mirror) return makeError("--workspace " + location.display() + ": " + mirror.error());
        spdlog::info("station incidents: following {} (copy in {})", location.display(),
                     copy.string());
        state.incidentMirror = std::move(mirror.value());
        auto archive = station::ArchiveReader::open(workspace);
        if (!archive)
            return makeError("--workspace " + location.display() + ": " + archive.error());
        state.stationArchive = std::move(archive.value());
        state.workspacePath = copy;
        return workspace;
    }
    // A file chosen by the user is made with the incidents layer, but without the sample
    // incidents the default workspace starts with.
    const fs::path file = location.file();
    auto ws = workspace::Workspace::open(file);
    if (!ws) return makeError("--workspace " + file.string() + ": " + ws.error());
    if (auto store = incidents::IncidentStore::open(*ws); !store)
        return makeError("--workspace " + file.string() + ": " + store.error());
    state.workspacePath = file;
    return std::string();
}

}  // namespace seawatch::ui
