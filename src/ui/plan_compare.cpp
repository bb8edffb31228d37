#include "plan_compare.hpp"

#include <imgui.h>
#include <spdlog/spdlog.h>

#include "seawatch/time/utc.hpp"

namespace seawatch::ui {

std::string shortTime(time::UnixMillis t) {
    std::string text = time::formatDisplay(t);
    if (text.size() >= 20) text.erase(16, 3);
    return text;
}

void PlanComparison::draw(bool* open, const analytics::PlanEditor& editor,
                          const analytics::PlanContext& context, const std::string& loadedPath) {
    ImGui::SetNextWindowSize(ImVec2(760, 420), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Plan comparison", open)) {
        ImGui::End();
        return;
    }
    ImGui::TextUnformatted("Before:");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(360.0f);
    ImGui::InputText("##before", beforePath_, sizeof beforePath_);
    ImGui::SameLine();
    if (ImGui::Button("Load")) {
        auto plan = zones::loadPlan(beforePath_, context.zones());
        if (plan) {
            reset(std::move(*plan));
        } else {
            spdlog::error("plan: {}", plan.error());
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("As loaded")) {
        if (auto plan = zones::loadPlan(loadedPath, context.zones())) reset(std::move(*plan));
    }
    if (stale_) {
        beforeCheck_ = analytics::checkPlan(original_, context, editor.config());
        differences_ = analytics::diffPlans(original_, editor.plan());
        delta_ = analytics::diffFindings(beforeCheck_, editor.check());
        stale_ = false;
    }
    if (ImGui::BeginTable("sides", 2, ImGuiTableFlags_BordersInnerV)) {
        ImGui::TableNextColumn();
        ImGui::Text("Before: score %.1f, %zu faults", beforeCheck_.score.total,
                    beforeCheck_.faultCount());
        for (const auto& f : delta_.resolved)
            ImGui::TextColored(ImVec4(0.5f, 0.85f, 0.5f, 1.0f), "resolved: %s %s",
                               shortTime(f.from).c_str(), f.text.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("After: score %.1f, %zu faults", editor.check().score.total,
                    editor.check().faultCount());
        for (const auto& f : delta_.introduced)
            ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.35f, 1.0f), "new: %s %s",
                               shortTime(f.from).c_str(), f.text.c_str());
        ImGui::EndTable();
    }
    ImGui::Separator();
    ImGui::Text("%zu differences", differences_.size());
    for (const auto& d : differences_) {
        std::string line = std::string(analytics::planChangeName(d.change)) + "  " + d.key;
        for (const auto& detail : d.details) line += "; " + detail;
        ImGui::BulletText("%s", line.c_str());
    }
    ImGui::End();
}

}  // namespace seawatch::ui
