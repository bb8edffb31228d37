// The briefing module: the timeline bar (play, step, speed, scrubber with ticks, time
// window), the steps of the exercise, presenter mode, inject toasts, and annotations. The
// timeline bar is drawn in briefing_module_timeline.cpp.
#include "briefing_module.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "console_state.hpp"
#include "seawatch/incidents/default_workspace.hpp"
#include "seawatch/render/annotation_overlay.hpp"
#include "seawatch/render/hud.hpp"
#include "seawatch/scenario/annotation_drafts.hpp"
#include "seawatch/scenario/briefing.hpp"
#include "seawatch/scenario/scenario_json.hpp"

namespace seawatch::ui {

namespace briefing_module_detail {

BriefingModule::BriefingModule(ConsoleState& state, int startStep) : startStep_(startStep) {
    if (!state.scene) return;
    scenario::Scene& scene = *state.scene;
    steps_ = scenario::stepsOf(scene.scenario);
    openAnnotationDrafts(scene, state.workspacePath);
    annotations_ = std::make_unique<render::AnnotationOverlay>(scene.scenario.annotations);
    hud_.title = scene.scenario.title;
    hud_.stepCount = static_cast<int>(steps_.size());
    std::vector<time::UnixMillis> incidentTimes, alertTimes;
    for (const auto& i : scene.incidents) incidentTimes.push_back(i.occurredAt);
    for (const auto& e : scene.events) {
        if (!analytics::isRoutine(e.type)) alertTimes.push_back(e.time);
    }
    state.timeline.setMarks(TickKind::Incident, std::move(incidentTimes));
    state.timeline.setMarks(TickKind::Alert, std::move(alertTimes));
    lastNow_ = state.now;
}

void BriefingModule::update(ConsoleState& state) {
    if (!state.scene) return;
    ImGuiIO& io = ImGui::GetIO();
    // --step: framed, without a flight, once the panel columns have been laid out, so
    // the frame fits the map's free part (ConsoleState::pendingFraming).
    if (startStep_ > 0 && !steps_.empty()) {
        goToStep(state, static_cast<std::size_t>(startStep_ - 1));
        state.flyTo.reset();
        const scenario::BriefingStep step = steps_[*currentStep_];
        const scenario::Scene* scene = state.scene.get();
        state.pendingFraming = [scene, step](int w, int h) {
            return scenario::stepFrame(*scene, step, w, h);
        };
        startStep_ = 0;
    }
    state.timeline.advance(io.DeltaTime);
    state.now = state.timeline.now();
    handleKeys(state);
    // Injects the clock has just passed pop up as toasts.
    for (std::size_t i = 0; i < state.scene->scenario.injects.size(); ++i) {
        const auto& inject = state.scene->scenario.injects[i];
        if (inject.time > lastNow_ && inject.time <= state.now &&
            state.now - lastNow_ < 6 * time::kMillisPerHour) {
            toasts_.push_back({i, ImGui::GetTime()});
            spdlog::info("inject {}: {}", time::formatDisplay(inject.time), inject.title);
        }
    }
    lastNow_ = state.now;
    hud_.active = state.presenterMode;
    // The console draws no panels while presenting, but the inject cards still show.
    if (state.presenterMode) drawToasts(state);
    if (currentStep_ && *currentStep_ < steps_.size()) {
        hud_.caption = steps_[*currentStep_].caption;
        hud_.stepNumber = static_cast<int>(*currentStep_ + 1);
    }
}

void BriefingModule::drawPanelMenu(ConsoleState& state) {
    if (!state.scene) return;
    ImGui::MenuItem("Briefing steps", nullptr, &stepsOpen_);
    ImGui::MenuItem("Annotations", nullptr, &annotationsOpen_);
    if (ImGui::MenuItem("Presenter mode", "F5")) setPresenter(state, !state.presenterMode);
}

void BriefingModule::drawPanels(ConsoleState& state) {
    if (!state.scene) return;
    drawTimelineBar(state);
    if (stepsOpen_) drawSteps(state);
    if (annotationsOpen_) drawAnnotations(state);
    drawToasts(state);
}

std::vector<render::MapOverlay*> BriefingModule::overlays() {
    std::vector<render::MapOverlay*> list;
    if (annotations_) list.push_back(annotations_.get());
    list.push_back(&hud_);
    return list;
}

bool BriefingModule::onMapClick(ConsoleState& state, geo::ScreenPoint point) {
    if (!state.scene || tool_ == AnnotationTool::None) return false;
    pending_.push_back(state.view.toLonLat(point));
    const std::size_t needed = tool_ == AnnotationTool::Arrow ? 2 : 1;
    if (tool_ != AnnotationTool::Area && pending_.size() >= needed) commitAnnotation(state);
    return true;
}

void BriefingModule::drawStatus(ConsoleState& state) {
    if (!state.scene) return;
    ImGui::Text("%s  %s", utcLabel(state.now).c_str(),
                state.timeline.playing() ? "playing" : "paused");
}

void BriefingModule::handleKeys(ConsoleState& state) {
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsKeyPressed(GLFW_KEY_F5)) setPresenter(state, !state.presenterMode);
    if (io.WantCaptureKeyboard) return;
    if (state.presenterMode) {
        if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT) || ImGui::IsKeyPressed(GLFW_KEY_PAGE_DOWN) ||
            ImGui::IsKeyPressed(GLFW_KEY_SPACE))
            goToStep(state, currentStep_ ? *currentStep_ + 1 : 0);
        if (ImGui::IsKeyPressed(GLFW_KEY_LEFT) || ImGui::IsKeyPressed(GLFW_KEY_PAGE_UP))
            goToStep(state, currentStep_ && *currentStep_ > 0 ? *currentStep_ - 1 : 0);
        if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) setPresenter(state, false);
        return;
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_SPACE)) state.timeline.togglePlay();
    for (ImWchar c : io.InputQueueCharacters) {
        if (c == ']') state.timeline.faster();
        if (c == '[') state.timeline.slower();
        if (c == '.') state.timeline.stepForward();
        if (c == ',') state.timeline.stepBack();
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) cancelTool();
}

void BriefingModule::setPresenter(ConsoleState& state, bool on) {
    state.presenterMode = on;
    GLFWwindow* window = state.window;
    if (!window) return;
    if (on) {
        glfwGetWindowPos(window, &savedX_, &savedY_);
        glfwGetWindowSize(window, &savedW_, &savedH_);
        if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
            const GLFWvidmode* mode = glfwGetVideoMode(monitor);
            glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height,
                                 mode->refreshRate);
        }
        if (!currentStep_) goToStep(state, 0);
    } else if (glfwGetWindowMonitor(window)) {
        glfwSetWindowMonitor(window, nullptr, savedX_, savedY_, savedW_, savedH_, 0);
    }
}

void BriefingModule::goToStep(ConsoleState& state, std::size_t index) {
    if (steps_.empty()) return;
    index = std::min(index, steps_.size() - 1);
    currentStep_ = index;
    const scenario::BriefingStep& step = steps_[index];
    state.timeline.pause();
    state.timeline.seek(step.time);
    state.now = state.timeline.now();
    lastNow_ = state.now;
    // Framed for the map's free part (the whole screen when presenting).
    const Rect area = freeMapArea(state);
    state.flyTo =
        scenario::stepFrame(*state.scene, step, static_cast<int>(area.w), static_cast<int>(area.h));
    toasts_.clear();  // a new step: the last step's inject cards have been read
    state.selection.highlightedVessels = step.highlight.mmsi;
    state.selection.highlightedIncidents = step.highlight.incidents;
    state.selection.highlightedZones = step.highlight.zones;
}

void BriefingModule::drawSteps(ConsoleState& state) {
    const float s = state.pixelScale;
    if (!beginDockedPanel(state, "Briefing", &stepsOpen_, Edge::Right, 360 * s)) {
        endDockedPanel(state);
        return;
    }
    ImGui::TextWrapped("%s", state.scene->scenario.title.c_str());
    if (ImGui::Button("Presenter mode (F5)")) setPresenter(state, true);
    ImGui::SameLine();
    if (ImGui::Button("< Prev"))
        goToStep(state, currentStep_ && *currentStep_ > 0 ? *currentStep_ - 1 : 0);
    ImGui::SameLine();
    if (ImGui::Button("Next >")) goToStep(state, currentStep_ ? *currentStep_ + 1 : 0);
    ImGui::Separator();
    for (std::size_t i = 0; i < steps_.size(); ++i) {
        const auto& step = steps_[i];
        ImGui::PushID(static_cast<int>(i));
        char label[64];
        std::snprintf(label, sizeof label, "%2zu  %s", step.number,
                      time::formatDisplay(step.time).substr(11, 5).c_str());
        if (ImGui::Selectable(label, currentStep_ && *currentStep_ == i)) goToStep(state, i);
        ImGui::SameLine(110 * s);
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(step.caption.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopID();
    }
    if (currentStep_ && !steps_[*currentStep_].notes.empty()) {
        ImGui::Separator();
        ImGui::TextDisabled("Speaker notes");
        ImGui::TextWrapped("%s", steps_[*currentStep_].notes.c_str());
    }
    if (!state.scene->scenario.injects.empty() && ImGui::CollapsingHeader("Injects")) {
        for (const auto& inject : state.scene->scenario.injects) {
            const bool past = inject.time <= state.now;
            ImGui::TextColored(past ? ImVec4(1, 0.75f, 0.3f, 1) : ImVec4(0.6f, 0.6f, 0.6f, 1),
                               "%s  %s", time::formatDisplay(inject.time).substr(11, 5).c_str(),
                               inject.title.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", inject.text.c_str());
        }
    }
    endDockedPanel(state);
}

void BriefingModule::drawToasts(ConsoleState& state) {
    const double now = ImGui::GetTime();
    // A card stays long enough to be read aloud, then leaves; three at most.
    std::erase_if(toasts_, [&](const Toast& t) { return now - t.shownAt > 8.0; });
    while (toasts_.size() > 3) toasts_.erase(toasts_.begin());
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    float y = vp->Pos.y + state.mapTopPx + 70 * state.pixelScale;
    for (std::size_t k = 0; k < toasts_.size(); ++k) {
        const auto& inject = state.scene->scenario.injects[toasts_[k].inject];
        ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - 12 * state.pixelScale, y),
                                ImGuiCond_Always, ImVec2(1, 0));
        ImGui::SetNextWindowSize(ImVec2(340 * state.pixelScale, 0));
        ImGui::SetNextWindowBgAlpha(0.92f);
        char id[32];
        std::snprintf(id, sizeof id, "##inject%zu", k);
        if (ImGui::Begin(id, nullptr,
                         ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoFocusOnAppearing |
                             ImGuiWindowFlags_AlwaysAutoResize)) {
            ImGui::TextColored(ImVec4(1, 0.75f, 0.3f, 1), "INJECT %s",
                               time::formatDisplay(inject.time).substr(11, 5).c_str());
            ImGui::TextWrapped("%s", inject.title.c_str());
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.82f, 0.85f, 1));
            ImGui::TextWrapped("%s", inject.text.c_str());
            ImGui::PopStyleColor();
            y += ImGui::GetWindowHeight() + 8 * state.pixelScale;
        }
        ImGui::End();
    }
}

void BriefingModule::drawAnnotations(ConsoleState& state) {
    const float s = state.pixelScale;
    if (!beginDockedPanel(state, "Annotations", &annotationsOpen_, Edge::Left, 320 * s)) {
        endDockedPanel(state);
        return;
    }
    auto& list = state.scene->scenario.annotations;
    ImGui::InputText("text", text_, sizeof text_);
    ImGui::InputText("ring radii (nm)", radii_, sizeof radii_);
    ImGui::ColorEdit3("colour", colour_, ImGuiColorEditFlags_NoInputs);
    const auto toolButton = [&](const char* label, AnnotationTool tool) {
        const bool active = tool_ == tool;
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.2f, 0.5f, 0.8f, 1));
        if (ImGui::Button(label)) {
            tool_ = active ? AnnotationTool::None : tool;
            pending_.clear();
        }
        if (active) ImGui::PopStyleColor();
        ImGui::SameLine();
    };
    toolButton("Text", AnnotationTool::Text);
    toolButton("Arrow", AnnotationTool::Arrow);
    toolButton("Range ring", AnnotationTool::RangeRing);
    toolButton("Area", AnnotationTool::Area);
    ImGui::NewLine();
    if (tool_ != AnnotationTool::None) {
        ImGui::TextColored(ImVec4(0.5f, 0.8f, 1, 1), "%s",
                           tool_ == AnnotationTool::Arrow  ? "Click the tail, then the head."
                           : tool_ == AnnotationTool::Area ? "Click the corners, then Finish."
                                                           : "Click the map to place it.");
        if (tool_ == AnnotationTool::Area && pending_.size() >= 3 && ImGui::Button("Finish area"))
            commitAnnotation(state);
    }
    ImGui::Separator();
    std::optional<std::size_t> remove;
    for (std::size_t i = 0; i < list.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const bool isSelected = annotations_->selected && *annotations_->selected == i;
        char label[160];
        std::snprintf(label, sizeof label, "%s  %s", scenario::annotationKindName(list[i].kind),
                      list[i].text.c_str());
        if (ImGui::Selectable(label, isSelected, 0,
                              ImVec2(ImGui::GetContentRegionAvail().x - 30 * s, 0)))
            annotations_->selected = isSelected ? std::nullopt : std::optional<std::size_t>(i);
        ImGui::SameLine();
        if (ImGui::SmallButton("x")) remove = i;
        ImGui::PopID();
    }
    if (remove) {
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(*remove));
        annotations_->selected.reset();
        annotationsEdited(state);
    }
    ImGui::Separator();
    if (ImGui::Button(dirty_ ? "Save into scenario *" : "Save into scenario")) {
        if (Status saved = scenario::saveScenario(state.scene->scenario, state.scene->file);
            saved) {
            dirty_ = false;
            spdlog::info("annotations saved into {}", state.scene->file.string());
            if (drafts_) {
                if (Status gone =
                        drafts_->discard(scenario::AnnotationDrafts::keyFor(state.scene->file));
                    !gone)
                    spdlog::warn("annotations: {}", gone.error());
            }
        } else {
            spdlog::error("{}", saved.error());
        }
    }
    endDockedPanel(state);
}

void BriefingModule::commitAnnotation(ConsoleState& state) {
    scenario::Annotation a;
    switch (tool_) {
        case AnnotationTool::Text:
            a.kind = scenario::Annotation::Kind::Text;
            break;
        case AnnotationTool::Arrow:
            a.kind = scenario::Annotation::Kind::Arrow;
            break;
        case AnnotationTool::RangeRing:
            a.kind = scenario::Annotation::Kind::RangeRing;
            break;
        case AnnotationTool::Area:
            a.kind = scenario::Annotation::Kind::Area;
            break;
        case AnnotationTool::None:
            return;
    }
    a.points = pending_;
    a.text = text_;
    char hex[8];
    std::snprintf(hex, sizeof hex, "#%02x%02x%02x", static_cast<int>(colour_[0] * 255),
                  static_cast<int>(colour_[1] * 255), static_cast<int>(colour_[2] * 255));
    a.colour = hex;
    if (a.kind == scenario::Annotation::Kind::RangeRing) {
        const char* p = radii_;
        char* end = nullptr;
        while (*p) {
            const double r = std::strtod(p, &end);
            if (end == p) break;
            if (r > 0) a.radiiNm.push_back(r);
            p = *end == ',' ? end + 1 : end;
        }
        if (a.radiiNm.empty()) a.radiiNm = {1.0};
    }
    auto& list = state.scene->scenario.annotations;
    a.id = "console-" + std::to_string(list.size() + 1);
    list.push_back(std::move(a));
    pending_.clear();
    tool_ = AnnotationTool::None;
    annotationsEdited(state);
}

// Drawings are kept in the default workspace as they are made, so a crash or a closed
// window loses none; a draft left by an earlier session comes back here.
void BriefingModule::openAnnotationDrafts(scenario::Scene& scene,
                                          const std::filesystem::path& chosen) {
    auto workspace = consoleWorkspace(chosen);
    auto drafts = workspace ? scenario::AnnotationDrafts::open(*workspace)
                            : Result<scenario::AnnotationDrafts>(makeError(workspace.error()));
    if (!drafts) {
        spdlog::warn("annotations: drawings are kept only when saved: {}", drafts.error());
        return;
    }
    drafts_ = std::move(*drafts);
    auto restored = scenario::restoreAnnotationDraft(*drafts_, scene.file, scene.scenario);
    if (!restored) {
        spdlog::error("annotations: {}", restored.error());
    } else if (*restored) {
        dirty_ = true;
        spdlog::info("annotations: {} restored from the workspace, not yet saved into {}",
                     **restored, scene.file.string());
    }
}

void BriefingModule::annotationsEdited(ConsoleState& state) {
    dirty_ = true;
    if (!drafts_) return;
    if (Status kept = drafts_->keep(scenario::AnnotationDrafts::keyFor(state.scene->file),
                                    state.scene->scenario.annotations, time::wallClockNow());
        !kept)
        spdlog::error("annotations: the drawing is not kept: {}", kept.error());
}

void BriefingModule::cancelTool() {
    tool_ = AnnotationTool::None;
    pending_.clear();
}

}  // namespace briefing_module_detail

std::unique_ptr<ConsoleModule> makeBriefingModule(ConsoleState& state,
                                                  const ConsoleOptions& options) {
    return std::make_unique<briefing_module_detail::BriefingModule>(state, options.step);
}

}  // namespace seawatch::ui
