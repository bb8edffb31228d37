// ImGui drawing of the incident symbology, the density ramp and the time histogram, shared
// by the incidents panels: the shapes and colours come from the same core table as the map.
#include "incident_widgets.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include "seawatch/incidents/import.hpp"
#include "seawatch/render/heatmap_overlay.hpp"

namespace seawatch::ui {

ImU32 incidentColour(incidents::MarkerColour c, float alpha) {
    return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255));
}

void drawIncidentSymbol(ImDrawList* list, ImVec2 c, const incidents::MarkerSymbol& s, float r) {
    const ImU32 col = incidentColour(s.colour);
    const ImU32 halo = IM_COL32(255, 255, 255, 230);
    const float t = std::max(1.5f, r * 0.32f);
    using incidents::MarkerShape;
    switch (s.shape) {
        case MarkerShape::Circle:
            list->AddCircleFilled(c, r + 1.5f, halo);
            if (s.filled) {
                list->AddCircleFilled(c, r, col);
            } else {
                list->AddCircle(c, r - t * 0.5f, col, 0, t);
            }
            return;
        case MarkerShape::Diamond: {
            const float d = r * 1.25f;
            const ImVec2 p[4] = {{c.x, c.y - d}, {c.x + d, c.y}, {c.x, c.y + d}, {c.x - d, c.y}};
            list->AddQuadFilled(p[0], p[1], p[2], p[3], s.filled ? col : halo);
            if (!s.filled) list->AddQuad(p[0], p[1], p[2], p[3], col, t);
            return;
        }
        case MarkerShape::Square: {
            const float d = r * 0.9f;
            list->AddRectFilled({c.x - d, c.y - d}, {c.x + d, c.y + d}, s.filled ? col : halo);
            if (!s.filled) list->AddRect({c.x - d, c.y - d}, {c.x + d, c.y + d}, col, 0, 0, t);
            return;
        }
        case MarkerShape::Triangle: {
            const float d = r * 1.2f;
            const ImVec2 a{c.x, c.y - d}, b{c.x + d * 0.92f, c.y + d * 0.6f},
                e{c.x - d * 0.92f, c.y + d * 0.6f};
            list->AddTriangleFilled(a, b, e, s.filled ? col : halo);
            if (!s.filled) list->AddTriangle(a, b, e, col, t);
            return;
        }
    }
}

void drawSymbolLegend() {
    const float r = ImGui::GetFontSize() * 0.38f;
    std::optional<incidents::SeverityGroup> group;
    std::array<const incidents::MarkerSymbol*, incidents::kCategoryCount> bySeverity{};
    for (std::size_t i = 0; i < bySeverity.size(); ++i)
        bySeverity[i] = &incidents::markerSymbology()[i];
    std::sort(bySeverity.begin(), bySeverity.end(), [](auto* a, auto* b) {
        return incidents::severityRank(a->category) < incidents::severityRank(b->category);
    });
    for (const auto* symbol : bySeverity) {
        if (group != symbol->group) {
            group = symbol->group;
            ImGui::TextDisabled("%s",
                                std::string(incidents::severityGroupLabel(symbol->group)).c_str());
        }
        const ImVec2 at = ImGui::GetCursorScreenPos();
        drawIncidentSymbol(ImGui::GetWindowDrawList(),
                           {at.x + r + 10, at.y + ImGui::GetFontSize() * 0.55f}, *symbol, r);
        ImGui::SetCursorScreenPos({at.x + 2 * r + 18, at.y});
        ImGui::TextUnformatted(std::string(incidents::categoryLabel(symbol->category)).c_str());
        if (ImGui::IsItemHovered()) {
            for (const auto& info : incidents::categoryTaxonomy())
                if (info.category == symbol->category)
                    ImGui::SetTooltip("%s", std::string(info.description).c_str());
        }
    }
}

void drawHeatRamp() {
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetFontSize();
    constexpr int kSteps = 32;
    for (int i = 0; i < kSteps; ++i) {
        const float t = static_cast<float>(i) / (kSteps - 1);
        const charts::Rgba c = render::heatRamp(t);
        // Over the sea colour, as on the chart.
        const float a = c.a / 255.0f;
        auto mix = [a](int fg, int bg) { return static_cast<int>(fg * a + bg * (1 - a)); };
        list->AddRectFilled({at.x + w * i / kSteps, at.y}, {at.x + w * (i + 1) / kSteps, at.y + h},
                            IM_COL32(mix(c.r, 213), mix(c.g, 230), mix(c.b, 238), 255));
    }
    ImGui::Dummy({w, h});
}

void drawTimeHistogram(const std::vector<incidents::TimeBucket>& histogram) {
    std::int64_t peak = 0, total = 0;
    for (const auto& b : histogram) {
        peak = std::max(peak, b.count);
        total += b.count;
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%lld incidents in the filtered set, peak %lld",
                        static_cast<long long>(total), static_cast<long long>(peak));
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 corner = ImGui::GetCursorScreenPos();
    const float labelH = ImGui::GetTextLineHeightWithSpacing();
    // A y axis of incident counts on the left, with a gridline at each labelled count.
    const float axisW = ImGui::CalcTextSize("0000").x + 8;
    const ImVec2 origin{corner.x + axisW, corner.y};
    const ImVec2 size{std::max(40.0f, ImGui::GetContentRegionAvail().x - axisW),
                      std::max(40.0f, ImGui::GetContentRegionAvail().y - labelH)};
    ImGui::InvisibleButton("bars", {size.x + axisW, size.y + labelH});
    if (histogram.empty() || peak == 0) {
        list->AddText(origin, IM_COL32(160, 160, 160, 255), "nothing in the filtered set");
        return;
    }
    {
        // 1, 2 or 5 times a power of ten, so that there are at most four steps.
        static constexpr std::int64_t kMantissa[] = {1, 2, 5};
        std::int64_t base = 1, step = 1;
        for (int k = 0; peak / step > 4;) {
            k = (k + 1) % 3;
            if (k == 0) base *= 10;
            step = base * kMantissa[k];
        }
        const float lineH = ImGui::GetTextLineHeight();
        for (std::int64_t v = 0; v <= peak; v += step) {
            const float y = origin.y + size.y - size.y * static_cast<float>(v) / peak;
            list->AddLine({origin.x, y}, {origin.x + size.x, y}, IM_COL32(255, 255, 255, 40));
            char text[24];
            std::snprintf(text, sizeof text, "%lld", static_cast<long long>(v));
            const float w = ImGui::CalcTextSize(text).x;
            list->AddText({origin.x - 4 - w, y - lineH / 2}, IM_COL32(180, 180, 180, 255), text);
        }
        list->AddLine({origin.x, origin.y}, {origin.x, origin.y + size.y},
                      IM_COL32(180, 180, 180, 200));
    }
    const float barW = size.x / static_cast<float>(histogram.size());
    const int labelEvery = std::max(1, static_cast<int>(std::ceil(60.0f / barW)));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (std::size_t i = 0; i < histogram.size(); ++i) {
        const auto& b = histogram[i];
        const float x0 = origin.x + barW * static_cast<float>(i);
        const float h = size.y * static_cast<float>(b.count) / static_cast<float>(peak);
        const bool hovered = ImGui::IsItemHovered() && mouse.x >= x0 && mouse.x < x0 + barW;
        list->AddRectFilled({x0 + 1, origin.y + size.y - h}, {x0 + barW - 1, origin.y + size.y},
                            hovered ? IM_COL32(255, 170, 60, 255) : IM_COL32(215, 90, 50, 230));
        if (hovered) {
            if (b.month > 0) {
                ImGui::SetTooltip("%04d-%02d: %lld", b.year, b.month,
                                  static_cast<long long>(b.count));
            } else {
                ImGui::SetTooltip("%d: %lld", b.year, static_cast<long long>(b.count));
            }
        }
        if (static_cast<int>(i) % labelEvery == 0) {
            char label[16];
            if (b.month > 0) {
                std::snprintf(label, sizeof label, "%04d-%02d", b.year, b.month);
            } else {
                std::snprintf(label, sizeof label, "%d", b.year);
            }
            list->AddText({x0, origin.y + size.y + 2}, IM_COL32(200, 200, 200, 255), label);
        }
    }
}

namespace {

// Imports `path` into the workspace; the outcome, in words, goes to `message` and the log.
bool importInto(const std::filesystem::path& workspacePath, const std::string& path,
                std::string& message) {
    if (workspacePath.empty()) {
        message = "no incident workspace; see the log";
        spdlog::error("incidents: cannot import {}: no workspace", path);
        return false;
    }
    incidents::ImportOptions options;
    int reported = 0;
    options.onRejected = [&](const incidents::RejectedRow& row) {
        // The first few name the file and record; the summary counts the rest.
        if (++reported <= 20) spdlog::warn("{}: {} ({})", row.where, row.reason, row.detail);
    };
    auto writable = workspace::Workspace::open(workspacePath);
    if (!writable) {
        message = writable.error();
        spdlog::error("incidents: cannot import {}: {}", path, writable.error());
        return false;
    }
    auto writer = incidents::IncidentStore::open(*writable);
    if (!writer) {
        message = writer.error();
        spdlog::error("incidents: cannot import {}: {}", path, writer.error());
        return false;
    }
    auto summary = incidents::importFile(*writer, path, options);
    if (!summary) {
        message = summary.error();
        spdlog::error("incidents: import of {} failed: {}", path, summary.error());
        return false;
    }
    message = fmt::format("{}: read {}, {} new, {} updated, {} unchanged, {} rejected", path,
                          summary->read, summary->inserted, summary->updated, summary->duplicate,
                          summary->rejected);
    spdlog::info("incidents: {}", message);
    return summary->inserted + summary->updated > 0;
}

}  // namespace

bool drawImportDialog(ImportDialog& dialog, const std::filesystem::path& workspacePath) {
    ImGui::SetNextWindowSize({520, 130}, ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Import incidents", &dialog.open)) {
        ImGui::End();
        return false;
    }
    ImGui::TextDisabled("ASAM CSV or JSON, IMB CSV, or GeoJSON points; format detected.");
    ImGui::SetNextItemWidth(-90);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool enter =
        ImGui::InputTextWithHint("##path", "/path/to/incidents.csv", dialog.path,
                                 sizeof dialog.path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    bool stored = false;
    if ((ImGui::Button("Import") || enter) && dialog.path[0] != '\0')
        stored = importInto(workspacePath, dialog.path, dialog.message);
    if (!dialog.message.empty()) ImGui::TextWrapped("%s", dialog.message.c_str());
    ImGui::End();
    return stored;
}

}  // namespace seawatch::ui
