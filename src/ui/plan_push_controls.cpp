#include "plan_push_controls.hpp"

#include <imgui.h>
#include <spdlog/spdlog.h>

namespace seawatch::ui {

void PlanPushControls::draw(station::PlanLink& link, analytics::PlanEditor& editor) {
    const station::PlanLinkState now = link.state();
    const bool samePlan = editor.plan().name == link.name();
    ImGui::BeginDisabled(now.pushing || !samePlan || !editor.dirty());
    if (ImGui::Button("Push to the station")) {
        pushedRevision_ = editor.revision();
        pushesAsked_ = now.pushesDone + 1;
        link.push(editor.plan());
    }
    ImGui::EndDisabled();
    if (!samePlan && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::SetTooltip("This console follows plan \"%s\"; the plan open is another one",
                          link.name().c_str());
    }
    ImGui::SameLine();
    if (now.pushQueued) {
        // The station is away: the push waits and is tried again; say why, in amber.
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.75f, 0.3f, 1.0f));
        ImGui::TextWrapped("%s", now.pushResult.c_str());
        ImGui::PopStyleColor();
    } else if (now.pushing) {
        ImGui::TextDisabled("pushing to the station…");
    } else if (!now.pushResult.empty()) {
        const ImVec4 colour =
            now.pushSent ? ImVec4(0.55f, 0.85f, 0.55f, 1.0f) : ImVec4(1.0f, 0.45f, 0.35f, 1.0f);
        // A refusal is a whole sentence (who may edit what): wrapped, never cut at the edge.
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextWrapped("%s", now.pushResult.c_str());
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("following station plan \"%s\"", link.name().c_str());
    }
}

void PlanPushControls::notePushResult(const station::PlanLinkState& now,
                                      analytics::PlanEditor& editor) {
    if (pushesAsked_ == 0 || now.pushesDone < pushesAsked_) return;
    pushesAsked_ = 0;
    if (now.pushSent) {
        editor.markStored(pushedRevision_);
        spdlog::info("plan: {}", now.pushResult);
    } else {
        spdlog::error("plan: {}", now.pushResult);
    }
}

bool PlanPushControls::awaitsResult(const station::PlanLink& link) const {
    return pushesAsked_ != 0 && link.state().pushesDone >= pushesAsked_;
}

}  // namespace seawatch::ui
