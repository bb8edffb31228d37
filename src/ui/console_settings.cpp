#include "seawatch/ui/console_settings.hpp"

#include <cmath>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "seawatch/common/output_file.hpp"

namespace seawatch::ui {

namespace {

template <typename T>
void read(const nlohmann::json& object, const char* key, T& into) {
    const auto it = object.find(key);
    if (it == object.end()) return;
    if constexpr (std::is_same_v<T, bool>) {
        if (it->is_boolean()) into = it->get<bool>();
    } else {
        if (it->is_number()) into = it->get<T>();
    }
}

void readColumn(const nlohmann::json& columns, const char* widthKey, const char* openKey,
                ColumnSettings& column) {
    double width = column.width;
    read(columns, widthKey, width);
    if (std::isfinite(width) && width > 0) column.width = static_cast<float>(width);
    read(columns, openKey, column.open);
}

}  // namespace

nlohmann::json consoleSettingsToJson(const ConsoleSettings& s) {
    nlohmann::json j;
    j["width"] = s.width;
    j["height"] = s.height;
    j["x"] = s.x;
    j["y"] = s.y;
    if (s.view) {
        j["view"] = {
            {"x", s.view->x}, {"y", s.view->y}, {"metres_per_pixel", s.view->metresPerPixel}};
    }
    j["panels"] = {{"layers", s.layersPanel},
                   {"legend", s.legendPanel},
                   {"log", s.logPanel},
                   {"frame_time", s.frameTime}};
    j["columns"] = {{"left_width", s.left.width},
                    {"left_open", s.left.open},
                    {"right_width", s.right.width},
                    {"right_open", s.right.open}};
    j["layers"] = layerStatesToJson(s.layers);
    return j;
}

ConsoleSettings consoleSettingsFromJson(const nlohmann::json& j) {
    ConsoleSettings s;
    if (!j.is_object()) return s;
    read(j, "width", s.width);
    read(j, "height", s.height);
    read(j, "x", s.x);
    read(j, "y", s.y);
    if (const auto v = j.find("view"); v != j.end() && v->is_object()) {
        ConsoleSettings::View view;
        read(*v, "x", view.x);
        read(*v, "y", view.y);
        read(*v, "metres_per_pixel", view.metresPerPixel);
        if (std::isfinite(view.x) && std::isfinite(view.y) && std::isfinite(view.metresPerPixel) &&
            view.metresPerPixel > 0)
            s.view = view;
    }
    if (const auto p = j.find("panels"); p != j.end() && p->is_object()) {
        read(*p, "layers", s.layersPanel);
        read(*p, "legend", s.legendPanel);
        read(*p, "log", s.logPanel);
        read(*p, "frame_time", s.frameTime);
    }
    if (const auto c = j.find("columns"); c != j.end() && c->is_object()) {
        readColumn(*c, "left_width", "left_open", s.left);
        readColumn(*c, "right_width", "right_open", s.right);
    }
    if (const auto l = j.find("layers"); l != j.end()) s.layers = layerStatesFromJson(*l);
    return s;
}

Result<std::optional<ConsoleSettings>> loadConsoleSettings(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return std::optional<ConsoleSettings>{};
    std::ifstream in(file, std::ios::binary);
    if (!in) return makeError("cannot read " + file.string());
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return makeError(file.string() + ": not a JSON object; the defaults are used");
    return std::optional<ConsoleSettings>{consoleSettingsFromJson(j)};
}

Status saveConsoleSettings(const std::filesystem::path& file, const ConsoleSettings& settings) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    return writeFileAtomically(file, consoleSettingsToJson(settings).dump(2) + "\n");
}

}  // namespace seawatch::ui
