// "Add chart…": a small file browser (ImGui has no native dialog). Lists folders and
// chart-like files; a typed path works too.
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "console_state.hpp"
#include "seawatch/render/chart_loading.hpp"

namespace seawatch::ui {

namespace fs = std::filesystem;

namespace {

bool looksLikeChart(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const char* kExtensions[] = {".tif",     ".tiff", ".kap",      ".png", ".jpg",  ".vrt",
                                        ".geojson", ".json", ".topojson", ".shp", ".gpkg", ".000",
                                        ".img",     ".nc",   ".sqlite",   ".kml"};
    return std::any_of(std::begin(kExtensions), std::end(kExtensions),
                       [&](const char* e) { return ext == e; });
}

void addChart(ConsoleState& state, const std::string& path) {
    if (Status s = openChart(state, path); !s) {
        state.fileBrowser.error = s.error();
        return;
    }
    spdlog::info("added chart {}", path);
    state.fileBrowser.error.clear();
    state.panels.fileBrowser = false;
}

}  // namespace

void drawFileBrowser(ConsoleState& state) {
    FileBrowserState& fb = state.fileBrowser;
    if (fb.directory.empty()) {
        std::error_code ec;
        fb.directory = fs::current_path(ec).string();
    }
    ImGui::SetNextWindowSize(ImVec2(560 * state.pixelScale, 420 * state.pixelScale),
                             ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Add chart", &state.panels.fileBrowser)) {
        ImGui::End();
        return;
    }
    ImGui::TextWrapped(
        "GeoTIFF, BSB/KAP, S-57 (.000), GeoJSON/TopoJSON, Shapefile, GeoPackage, "
        "or any other file GDAL reads.");
    if (ImGui::Button("Up")) fb.directory = fs::path(fb.directory).parent_path().string();
    ImGui::SameLine();
    ImGui::TextUnformatted(fb.directory.c_str());
    ImGui::BeginChild("entries", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 2.5f), true);
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (const auto& e : fs::directory_iterator(fb.directory, ec)) {
        std::error_code typeError;
        if (e.is_directory(typeError) || looksLikeChart(e.path())) entries.push_back(e);
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        std::error_code x;
        const bool da = a.is_directory(x), db = b.is_directory(x);
        return da != db ? da : a.path().filename() < b.path().filename();
    });
    if (ec) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", ec.message().c_str());
    for (const auto& e : entries) {
        std::error_code x;
        const bool dir = e.is_directory(x);
        const std::string name = e.path().filename().string() + (dir ? "/" : "");
        if (ImGui::Selectable(name.c_str(), fb.selected == e.path().string(),
                              ImGuiSelectableFlags_AllowDoubleClick)) {
            if (dir) {
                fb.directory = e.path().string();
            } else {
                fb.selected = e.path().string();
                std::snprintf(fb.pathInput, sizeof fb.pathInput, "%s", fb.selected.c_str());
                if (ImGui::IsMouseDoubleClicked(0)) addChart(state, fb.selected);
            }
        }
    }
    ImGui::EndChild();
    ImGui::SetNextItemWidth(-80 * state.pixelScale);
    const bool enter = ImGui::InputText("##path", fb.pathInput, sizeof fb.pathInput,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Add") || enter) && fb.pathInput[0] != '\0') addChart(state, fb.pathInput);
    if (!fb.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", fb.error.c_str());
    ImGui::End();
}

}  // namespace seawatch::ui
