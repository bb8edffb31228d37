#pragma once
// What the console keeps from one session to the next in $XDG_CONFIG_HOME/seawatch/
// console.json: the window, the view, which panels are open, the edge columns' widths and
// folds, and the Layers panel's choices. Plain data and JSON (no GL, no ImGui), so the round
// trip is tested without a window; ImGui keeps its own window state in console.ini.
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <optional>

#include "seawatch/common/result.hpp"
#include "seawatch/ui/layer_settings.hpp"
#include "seawatch/ui/layout.hpp"

namespace seawatch::ui {

struct ConsoleSettings {
    // The window, in screen coordinates; x, y = -1: let the window manager place it.
    int width = 1400, height = 860;
    int x = -1, y = -1;
    // The view's centre (Web Mercator metres) and scale; absent on a first start.
    struct View {
        double x = 0, y = 0, metresPerPixel = 1000;
        bool operator==(const View&) const = default;
    };
    std::optional<View> view;
    // First start: the map, a compact legend and the alert list, nothing else.
    bool layersPanel = false;
    bool legendPanel = true;
    bool logPanel = false;
    bool frameTime = false;
    ColumnSettings left{330, true};
    ColumnSettings right{390, true};
    LayerStates layers;
};

nlohmann::json consoleSettingsToJson(const ConsoleSettings& settings);
// Tolerant of an old or hand-edited file: a missing or mistyped field keeps its default, a
// column width is kept positive and finite (the layout clamps it to the window each frame).
ConsoleSettings consoleSettingsFromJson(const nlohmann::json& json);

// Nothing (and no error) when the file does not exist; an error naming the file when it
// cannot be read or is not JSON.
Result<std::optional<ConsoleSettings>> loadConsoleSettings(const std::filesystem::path& file);
// Written atomically: a console killed while saving leaves the previous settings.
Status saveConsoleSettings(const std::filesystem::path& file, const ConsoleSettings& settings);

}  // namespace seawatch::ui
