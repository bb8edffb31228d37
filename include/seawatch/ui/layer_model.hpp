#pragma once
// What the Layers panel lists beside the renderer's own layers, as plain data (no ImGui, no
// GL) so it is tested without a window: the names of the zone kinds, and the charts that
// could not be opened or that GDAL failed to read later, each with the reason.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/zones/zone.hpp"

namespace seawatch::ui {

// "Corridor lanes", "Patrol sectors", ... : a zone kind as a Layers row names it.
const char* zoneKindLayerName(zones::ZoneKind kind);

struct ChartFailure {
    std::string path;    // as the user gave it (command line or Add chart)
    std::string reason;  // the loader's sentence ("not georeferenced", GDAL's message, ...)
};

// The charts the console was asked to open that have no layer, and the read errors of those
// that have one. A raster chart opens at once and is read tile by tile afterwards, so a
// truncated or corrupt file can fail only then; GDAL reports that through common/gdal_init's
// handler, which logs "<file>: <message>" (the file being the path the chart was opened
// with). noteLoggedError picks those lines out of the log for the charts it is told about.
class ChartStatus {
  public:
    // A chart that could not be opened: it has no layer, so the panel lists it on its own
    // row. A second failure of the same path replaces the first.
    void openFailed(std::string path, std::string reason);
    // A chart opened (perhaps after an earlier failure of the same path).
    void opened(const std::string& path);
    // The user has read an open failure: its row goes. (A loaded chart's read error stays
    // with its layer while the layer is there.)
    void dismiss(const std::string& path);

    // One error message as logged; when it is about one of `chartPaths` the latest such
    // message is kept for that chart. Returns whether it was.
    bool noteLoggedError(std::string_view message, std::span<const std::string> chartPaths);

    const std::vector<ChartFailure>& failures() const { return failures_; }
    // The latest read error logged for a chart that did open.
    std::optional<std::string> readError(const std::string& path) const;

  private:
    std::vector<ChartFailure> failures_;
    std::map<std::string, std::string, std::less<>> readErrors_;
};

}  // namespace seawatch::ui
