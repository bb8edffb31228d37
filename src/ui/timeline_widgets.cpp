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

}  // namespace seawatch::ui
