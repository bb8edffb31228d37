// Annotations shared on the station (with --station or --workspace postgresql://… and an
// exercise): what this console draws over the exercise goes to the station, and what other
// stations draw over the same exercise (by its title) is shown here, with their names. The
// annotations the exercise file itself carries are everyone's already and are not sent.
// The link, its thread and the SQL are station::AnnotationLink's; this module only reads its
// state and hands it the list.
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "console_state.hpp"
#include "seawatch/render/annotation_overlay.hpp"
#include "seawatch/scenario/layer_extents.hpp"
#include "seawatch/scenario/scenario_json.hpp"
#include "seawatch/station/shared_annotations.hpp"

namespace seawatch::ui {

namespace {

// How often the drawing is compared with what was last sent (it changes by a click at most).
constexpr double kCompareEverySeconds = 0.5;

std::string jsonOf(const scenario::Annotation& a) {
    return scenario::annotationsToJson(std::span<const scenario::Annotation>(&a, 1));
}

class SharedAnnotationsModule final : public ConsoleModule {
  public:
    SharedAnnotationsModule(std::unique_ptr<station::AnnotationLink> link,
                            std::set<std::string> fromFile)
        : link_(std::move(link)),
          fromFile_(std::move(fromFile)),
          overlay_(shown_, "Other stations' annotations") {}

    void update(ConsoleState& state) override {
        if (!state.scene) return;
        publishWhenChanged(state);
        takeArrivals();
        const station::AnnotationLinkState now = link_->state();
        if (now.live && !linkState_.live)
            spdlog::info("annotations: shared on the station ({})", now.status);
        if (!now.refused.empty() && now.refused != linkState_.refused)
            spdlog::error("annotations: the station refused them: {}", now.refused);
        if (!now.failed.empty() && linkState_.failed.empty())
            spdlog::error("annotations: sharing stopped: {}", now.failed);
        linkState_ = now;
    }

    bool wantsFrame(const ConsoleState& state) const override {
        // The status bar is drawn before the modules update, so what an update took in shows
        // there one frame later: ask for that frame, or an idle console would keep the old
        // count until something else woke it.
        const bool statusStale =
            state.scene && !state.presenterMode &&
            (statusCount_ != shown_.size() || statusFailed_ != !linkState_.failed.empty());
        return link_->hasArrivals() || statusStale;
    }

    std::vector<render::MapOverlay*> overlays() override { return {&overlay_}; }

    void drawPanelMenu(ConsoleState& state) override {
        if (state.scene) ImGui::MenuItem("Shared annotations", nullptr, &open_);
    }

    void drawPanels(ConsoleState& state) override {
        if (!state.scene || !open_) return;
        const float s = state.pixelScale;
        if (!beginDockedPanel(state, "Shared annotations", &open_, Edge::Left, 200 * s)) {
            endDockedPanel(state);
            return;
        }
        if (!linkState_.failed.empty()) {
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1.0f), "stopped: %s",
                               linkState_.failed.c_str());
        } else {
            ImGui::TextDisabled("%s%s", linkState_.live ? "live" : "connecting",
                                linkState_.unsent ? ", your drawing not yet sent" : "");
        }
        if (shown_.empty()) ImGui::TextDisabled("No other station has drawn on this exercise.");
        for (std::size_t i = 0; i < shown_.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            const auto& a = shown_[i];
            if (ImGui::Selectable(
                    (std::string(scenario::annotationKindName(a.kind)) + "  " + a.text).c_str())) {
                if (auto box = scenario::annotationsExtent(
                        std::span<const scenario::Annotation>(&a, 1), state.now))
                    state.flyTo = box;
            }
            ImGui::PopID();
        }
        endDockedPanel(state);
    }

    void drawStatus(ConsoleState& state) override {
        statusCount_ = shown_.size();
        statusFailed_ = !linkState_.failed.empty();
        if (!state.scene) return;
        if (!linkState_.failed.empty()) {
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1.0f), "annotations: not shared");
        } else if (!shown_.empty()) {
            ImGui::Text("shared annotations %zu", shown_.size());
        }
    }

  private:
    // The console's drawing minus the file's own annotations, sent whenever it changes.
    void publishWhenChanged(const ConsoleState& state) {
        const double clock = ImGui::GetTime();
        if (clock - comparedAt_ < kCompareEverySeconds) return;
        comparedAt_ = clock;
        std::vector<scenario::Annotation> mine;
        std::string signature;
        for (const auto& a : state.scene->scenario.annotations) {
            std::string json = jsonOf(a);
            if (fromFile_.count(json) > 0) continue;
            signature += json;
            mine.push_back(a);
        }
        if (published_ && signature == *published_) return;
        published_ = std::move(signature);
        link_->publish(std::move(mine));
    }

    void takeArrivals() {
        auto fresh = link_->drain();
        if (fresh.empty()) return;
        const std::string& self = link_->state().self;
        std::size_t changed = 0;
        for (auto& arrival : fresh) {
            if (arrival.station == self) continue;  // our own, back from the station
            const auto key = std::make_pair(arrival.station, arrival.annotation.id);
            ++changed;
            if (arrival.deleted) {
                others_.erase(key);
                continue;
            }
            // Whose it is, in its label: several stations draw over one exercise.
            scenario::Annotation& a = arrival.annotation;
            a.text = a.text.empty() ? arrival.station : a.text + " (" + arrival.station + ")";
            others_[key] = std::move(a);
        }
        if (changed == 0) return;
        shown_.clear();
        for (const auto& [key, a] : others_) shown_.push_back(a);
        spdlog::info("annotations: {} from other stations ({} shown)", changed, shown_.size());
    }

    std::unique_ptr<station::AnnotationLink> link_;
    std::set<std::string> fromFile_;  // the exercise file's annotations, as JSON
    std::map<std::pair<std::string, std::string>, scenario::Annotation> others_;
    std::vector<scenario::Annotation> shown_;  // others_, for the overlay (which keeps a reference)
    // What the status bar showed when last drawn (see wantsFrame).
    std::size_t statusCount_ = 0;
    bool statusFailed_ = false;
    render::AnnotationOverlay overlay_;
    station::AnnotationLinkState linkState_;
    std::optional<std::string> published_;
    double comparedAt_ = -1e9;
    bool open_ = false;
};

}  // namespace

std::unique_ptr<ConsoleModule> makeSharedAnnotationsModule(ConsoleState& state,
                                                           const ConsoleOptions& options) {
    if (options.station.empty() || !state.scene) return nullptr;
    // The file as it is on disk: a draft restored over it is this console's drawing.
    std::set<std::string> fromFile;
    const scenario::ScenarioLoad file = scenario::loadScenario(state.scene->file);
    for (const auto& a : file.scenario.annotations) fromFile.insert(jsonOf(a));
    auto link = station::AnnotationLink::open(options.station, state.scene->scenario.title);
    if (!link) {
        spdlog::error("annotations: not shared: {}", link.error());
        return nullptr;
    }
    return std::make_unique<SharedAnnotationsModule>(std::move(*link), std::move(fromFile));
}

}  // namespace seawatch::ui
