#pragma once
// ImGui pieces of the incidents panels: the map's marker symbols (from the core symbology
// table), the legend of every category grouped by severity, the density ramp as the chart
// shows it over the sea, and the histogram of counts over time.
#include <imgui.h>

#include <filesystem>
#include <string>
#include <vector>

#include "seawatch/incidents/clustering.hpp"
#include "seawatch/incidents/store.hpp"

namespace seawatch::ui {

ImU32 incidentColour(incidents::MarkerColour c, float alpha = 1.0f);
// The map symbol of a category, `radius` pixels in half-size, centred on `centre`.
void drawIncidentSymbol(ImDrawList* list, ImVec2 centre, const incidents::MarkerSymbol& symbol,
                        float radius);
// Every category's symbol and label, most severe group first, descriptions as tooltips.
void drawSymbolLegend();
// The heatmap ramp from nothing to dense, over the chart's sea colour, full width.
void drawHeatRamp();
// Bars of the buckets over the rest of the window, labelled below, with hover counts; on
// the line before them, the total and the peak.
void drawTimeHistogram(const std::vector<incidents::TimeBucket>& histogram);

// The "Import incidents" window: a path, Import, and what happened.
struct ImportDialog {
    bool open = false;
    char path[1024] = {};
    std::string message;
};
// Draws the window; an import goes into `workspacePath` through a writable connection of its
// own (the console reads the workspace read-only). True when an import stored rows, so the
// caller queries again. An empty path: no workspace, which the window says.
bool drawImportDialog(ImportDialog& dialog, const std::filesystem::path& workspacePath);

}  // namespace seawatch::ui
