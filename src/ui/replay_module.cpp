// The archive replay module: "Replay around" an incident (asked for through
// ConsoleState::replayRequest) and any window of the AIS archive, typed as UTC dates and
// times. The archive's tracks replace the live picture's on the map while the replay is
// open, on a replay bar of their own (play, speed 1x-3600x, scrubber). The loading and the
// ranking of the vessels are analytics::replayAround / replayWindow; this only asks and shows.
// With a station as the workspace the fixes come from the station's archive, read by
// station::ArchiveReader on its worker; the module asks, and opens the replay when the answer
// is in.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "console_state.hpp"
#include "seawatch/analytics/archive_replay.hpp"
#include "seawatch/incidents/default_workspace.hpp"
#include "timeline_widgets.hpp"

namespace seawatch::ui {

namespace {

// How many of the closest vessels are highlighted on the map.
constexpr std::size_t kHighlighted = 5;

std::string utc(time::UnixMillis t) {
    return time::formatDisplay(t);
}

class ReplayModule final : public ConsoleModule {
  public:
    void update(ConsoleState& state) override {
        // The vessel module has taken state.tracks() again this frame (it updates first).
        retired_.reset();
        if (state.replayRequest) {
            const ConsoleState::ReplayRequest request = *state.replayRequest;
            state.replayRequest.reset();
            replayAroundIncident(state, request);
        }
        collectStationRead(state);
        if (!replay_ || state.scene) return;
        const ImGuiIO& io = ImGui::GetIO();
        state.timeline.advance(io.DeltaTime);
        state.now = state.timeline.now();
        if (!io.WantCaptureKeyboard && !state.presenterMode) {
            if (ImGui::IsKeyPressed(GLFW_KEY_SPACE)) state.timeline.togglePlay();
            for (ImWchar c : io.InputQueueCharacters) {
                if (c == ']') state.timeline.faster();
                if (c == '[') state.timeline.slower();
            }
        }
    }

    void drawPanelMenu(ConsoleState& state) override {
        (void)state;
        ImGui::Separator();
        ImGui::MenuItem("Archive replay", nullptr, &showPanel_);
    }

    void drawPanels(ConsoleState& state) override {
        if (replay_ && !state.scene) drawReplayBar(state);
        if (showPanel_) drawPanel(state);
    }

    void drawStatus(ConsoleState& state) override {
        if (!replay_) return;
        ImGui::Text("replay %s  %s", utc(state.now).c_str(),
                    state.timeline.playing() ? "playing" : "paused");
    }

  private:
    void replayAroundIncident(ConsoleState& state, const ConsoleState::ReplayRequest& request) {
        showPanel_ = true;
        if (state.scene) {
            message_ =
                "Replay around works on the archive without an exercise loaded: start the "
                "console without --scenario (the exercise has its own timeline).";
            spdlog::warn("replay around {}: {}", request.title, message_);
            return;
        }
        const analytics::ContextQuery q = analytics::contextQueryAt(
            request.where, request.occurredAt, request.dateOnly,
            static_cast<time::UnixMillis>(hours_ * time::kMillisPerHour), radiusNm_);
        if (state.stationArchive) {
            const ais::ArchiveQuery aq = analytics::contextArchiveQuery(q);
            readFromStation(state, aq, "around " + request.title, request.occurredAt, *aq.box, q);
            return;
        }
        auto location = consoleWorkspace(state.workspacePath);
        if (!location) return fail(location.error());
        auto loaded = analytics::replayAround(*location, q);
        if (!loaded) return fail(loaded.error());
        title_ = "around " + request.title;
        const geo::GeoBox box = *analytics::contextArchiveQuery(q).box;
        open(state, std::move(*loaded), request.occurredAt, box);
    }

    void replayWindow(ConsoleState& state) {
        if (state.scene) {
            message_ = "The archive replays without an exercise loaded.";
            return;
        }
        const auto from = time::parseIso8601(from_);
        const auto to = time::parseIso8601(to_);
        if (!from || !to) {
            message_ = "Times as 2009-11-15T06:00Z (UTC; a date alone is its midnight).";
            return;
        }
        ais::ArchiveQuery q;
        q.from = *from;
        q.to = *to;
        if (state.stationArchive) {
            readFromStation(state, q, "archive window", *from, std::nullopt, std::nullopt);
            return;
        }
        auto location = consoleWorkspace(state.workspacePath);
        if (!location) return fail(location.error());
        auto loaded = analytics::replayWindow(*location, q);
        if (!loaded) return fail(loaded.error());
        title_ = "archive window";
        open(state, std::move(*loaded), *from, std::nullopt);
    }

    // Asks the station's archive for `q`; collectStationRead opens the replay when it is in.
    void readFromStation(ConsoleState& state, const ais::ArchiveQuery& q, std::string title,
                         time::UnixMillis at, std::optional<geo::GeoBox> box,
                         std::optional<analytics::ContextQuery> around) {
        if (!q.from || !q.to) return fail("an archive replay needs a start and an end time");
        if (*q.from > *q.to) return fail("the replay window ends before it starts");
        pending_ = PendingRead{
            state.stationArchive->request(q), std::move(title), at, *q.from, *q.to, box, around};
        message_ = "Reading the station's AIS archive...";
    }

    void collectStationRead(ConsoleState& state) {
        if (!pending_ || !state.stationArchive) return;
        auto answer = state.stationArchive->take();
        if (!answer || answer->ticket != pending_->ticket) return;
        PendingRead read = std::move(*pending_);
        pending_.reset();
        if (!answer->fixes) return fail(answer->fixes.error());
        if (state.scene) return;  // an exercise was opened meanwhile: it has its own timeline
        analytics::ArchiveReplay loaded =
            read.around ? analytics::replayAroundFromFixes(*answer->fixes, *read.around)
                        : analytics::replayFromFixes(*answer->fixes, read.from, read.to);
        title_ = std::move(read.title);
        open(state, std::move(loaded), read.at, read.box);
    }

    void fail(const std::string& error) {
        message_ = error;
        spdlog::error("archive replay: {}", error);
    }

    // Puts the replay on the map and the timeline, at `at`, framed on `box` (or on where
    // the vessels are then).
    void open(ConsoleState& state, analytics::ArchiveReplay loaded, time::UnixMillis at,
              std::optional<geo::GeoBox> box) {
        retire();
        replay_ = std::move(loaded);
        state.replayTracks = replay_->tracks.get();
        state.timeline = scenario::Timeline(scenario::TimeSpan{replay_->from, replay_->to});
        state.timeline.seek(at);
        state.now = state.timeline.now();
        state.selection.highlightedVessels.clear();
        for (std::size_t i = 0; i < replay_->nearby.size() && i < kHighlighted; ++i)
            state.selection.highlightedVessels.push_back(replay_->nearby[i].mmsi);
        if (!box) {
            render::ExtentBuilder extent;
            std::vector<ais::VesselState> states;
            replay_->tracks->statesAt(state.now, states);
            for (const auto& s : states) extent.add(s.lon, s.lat);
            box = extent.result();
        }
        if (box) state.flyTo = box;
        if (!replay_->archivePresent) {
            const std::string db = state.stationArchive ? state.stationArchive->target()
                                   : state.workspacePath.empty()
                                       ? incidents::defaultWorkspacePath().string()
                                       : state.workspacePath.string();
            message_ = (state.stationArchive ? "The station has no AIS archive yet: "
                                             : "This workspace has no AIS archive yet: ") +
                       std::string("`seawatch ais import LOG --db ") + db + "` fills it.";
        } else if (replay_->tracks->vesselCount() == 0) {
            message_ = "No archived vessel in this window.";
        } else {
            message_.clear();
        }
        spdlog::info("archive replay {}: {} vessels, {} fixes, {} to {}", title_,
                     replay_->tracks->vesselCount(), replay_->fixCount, utc(replay_->from),
                     utc(replay_->to));
    }

    void close(ConsoleState& state) {
        state.replayTracks = nullptr;
        state.selection.highlightedVessels.clear();
        state.timeline = scenario::Timeline(scenario::TimeSpan{});
        state.now = state.live->now();
        retire();
    }

    // The vessel overlay still points at the replay's tracks until its next update: they
    // are freed one frame later.
    void retire() {
        if (replay_) retired_ = std::move(replay_);
        replay_.reset();
    }

    void drawPanel(ConsoleState& state) {
        const float s = state.pixelScale;
        if (!beginDockedPanel(state, "Archive replay", &showPanel_, Edge::Right, 300 * s)) {
            endDockedPanel(state);
            return;
        }
        ImGui::TextDisabled("Window (UTC)");
        ImGui::SetNextItemWidth(150 * s);
        ImGui::InputTextWithHint("##from", "2009-11-15T06:00Z", from_, sizeof from_);
        ImGui::SameLine();
        ImGui::TextUnformatted("to");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(150 * s);
        ImGui::InputTextWithHint("##to", "2009-11-15T18:00Z", to_, sizeof to_);
        if (ImGui::Button("Replay window")) replayWindow(state);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(70 * s);
        ImGui::InputDouble("h", &hours_, 0, 0, "%.0f");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(70 * s);
        ImGui::InputDouble("nm", &radiusNm_, 0, 0, "%.0f");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Replay around an incident: \xC2\xB1 hours and radius");
        hours_ = std::clamp(hours_, 0.5, 72.0);
        radiusNm_ = std::clamp(radiusNm_, 1.0, 500.0);
        if (!message_.empty())
            ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.35f, 1.0f), "%s", message_.c_str());
        if (!replay_) {
            ImGui::TextDisabled("Pick an incident and press \"Replay around\", or give a window.");
            endDockedPanel(state);
            return;
        }
        ImGui::Separator();
        ImGui::Text("Replaying %s: %zu vessels", title_.c_str(), replay_->tracks->vesselCount());
        ImGui::SameLine();
        if (ImGui::SmallButton("Close")) {
            close(state);
            endDockedPanel(state);
            return;
        }
        if (!replay_->nearby.empty()) drawNearby(state);
        endDockedPanel(state);
    }

    // The vessels that came within the radius, closest first; a row selects the vessel and
    // puts the clock at its closest moment.
    void drawNearby(ConsoleState& state) {
        const ImGuiTableFlags flags =
            ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter;
        if (!ImGui::BeginTable("##nearby", 3, flags)) return;
        ImGui::TableSetupScrollFreeze(0, 1);
        const float s = state.pixelScale;
        ImGui::TableSetupColumn("Vessel", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Closest", ImGuiTableColumnFlags_WidthFixed, 62 * s);
        ImGui::TableSetupColumn("UTC", ImGuiTableColumnFlags_WidthFixed, 44 * s);
        ImGui::TableHeadersRow();
        for (const analytics::NearbyVessel& v : replay_->nearby) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(v.mmsi));
            const std::string name = v.name.empty() ? std::to_string(v.mmsi) : v.name;
            if (ImGui::Selectable(name.c_str(), state.selection.selectedVessel == v.mmsi,
                                  ImGuiSelectableFlags_SpanAllColumns)) {
                state.selection.selectedVessel = v.mmsi;
                state.timeline.seek(v.time);
                state.now = state.timeline.now();
            }
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::Text("%.1f nm", v.closestNm);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(utc(v.time).substr(11, 5).c_str());
        }
        ImGui::EndTable();
    }

    void drawReplayBar(ConsoleState& state) {
        const float s = state.pixelScale;
        const float height = ImGui::GetFrameHeightWithSpacing() + 12 * s;
        if (beginBottomBar(state, "##replaybar", height)) {
            scenario::Timeline& tl = state.timeline;
            if (ImGui::Button(tl.playing() ? "Pause" : "Play ", ImVec2(56 * s, 0))) tl.togglePlay();
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Space");
            ImGui::SameLine();
            drawSpeedCombo("##replayspeed", tl, 80 * s);
            ImGui::SameLine();
            ImGui::Text("%s", utc(tl.now()).c_str());
            ImGui::SameLine();
            // Seconds from the window's start: a float slider keeps a day to the second.
            const scenario::TimeSpan win = tl.window();
            float seconds = static_cast<float>(tl.now() - win.start) / 1000.0f;
            const float span = static_cast<float>(win.duration()) / 1000.0f;
            ImGui::SetNextItemWidth(-FLT_MIN);
            if (ImGui::SliderFloat("##replayscrub", &seconds, 0.0f, span, "")) {
                tl.seek(win.start + static_cast<time::UnixMillis>(seconds * 1000.0f));
                state.now = tl.now();
            }
        }
        ImGui::End();
    }

    // A read of the station's archive under way, and what to do with its answer.
    struct PendingRead {
        std::uint64_t ticket = 0;
        std::string title;
        time::UnixMillis at = 0;    // the clock's place when it opens
        time::UnixMillis from = 0;  // the window asked for
        time::UnixMillis to = 0;
        std::optional<geo::GeoBox> box;                 // framing; none: where the vessels are
        std::optional<analytics::ContextQuery> around;  // around an incident: rank the vessels
    };

    std::optional<analytics::ArchiveReplay> replay_;
    std::optional<analytics::ArchiveReplay> retired_;
    std::optional<PendingRead> pending_;
    std::string title_;
    std::string message_;
    bool showPanel_ = false;
    char from_[32] = {};
    char to_[32] = {};
    double hours_ = 6.0;
    double radiusNm_ = 50.0;
};

}  // namespace

std::unique_ptr<ConsoleModule> makeReplayModule(ConsoleState& state,
                                                const ConsoleOptions& options) {
    (void)state;
    (void)options;
    return std::make_unique<ReplayModule>();
}

}  // namespace seawatch::ui
