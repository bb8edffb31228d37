#include "timeline_widgets.hpp"

#include <imgui.h>

#include <cstdio>

namespace seawatch::ui {

void drawSpeedCombo(const char* id, scenario::Timeline& timeline, float widthPx) {
    static const double kSpeeds[] = {1, 10, 60, 300, 600, 1800, 3600};
    char label[32];
    std::snprintf(label, sizeof label, "%g\xC3\x97", timeline.speed());
    ImGui::SetNextItemWidth(widthPx);
    if (ImGui::BeginCombo(id, label)) {
        for (const double v : kSpeeds) {
            std::snprintf(label, sizeof label, "%g\xC3\x97", v);
            if (ImGui::Selectable(label, v == timeline.speed())) timeline.setSpeed(v);
        }
        ImGui::EndCombo();
    }
}

bool beginBottomBar(ConsoleState& state, const char* id, float heightPx) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float bottom = static_cast<float>(state.mapBottomPx);
    state.mapBottomPx -= static_cast<int>(heightPx);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + bottom - heightPx));
    ImGui::SetNextWindowSize(ImVec2(vp->Size.x, heightPx));
    ImGui::SetNextWindowBgAlpha(0.88f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing;
    return ImGui::Begin(id, nullptr, flags);
}

}  // namespace seawatch::ui
