// The Coordination panel: the station's coordination log (MERCURY-style), live. Post an
// entry (optionally placed where the map was last clicked, released to all or to groups);
// the list follows the log; a positioned entry flies the map to it; a reference selects the
// vessel or highlights the incident it names. The link, its threads and the SQL are in
// station::CoordinationLink; this panel only draws its state and sends it commands.
// With live feeds, the live picture's alerts and acknowledgements are shared on the same
// station (station::AlertLink, attached to the picture here); the panel shows how that goes.
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "console_state.hpp"
#include "seawatch/analytics/live_picture.hpp"
#include "seawatch/station/alert_link.hpp"
#include "seawatch/station/coordination_link.hpp"
#include "seawatch/station/outbox.hpp"

namespace seawatch::ui {
namespace {

// The newest entries are kept; older ones stay on the server (`seawatch log tail --since`).
constexpr std::size_t kKeptEntries = 500;

class CoordinationModule final : public ConsoleModule {
  public:
    explicit CoordinationModule(std::unique_ptr<station::CoordinationLink> link)
        : link_(std::move(link)) {}

    void update(ConsoleState& state) override {
        (void)state;
        const bool wasLive = linkState_.following;
        for (station::LogEntry& e : link_->drain()) {
            // Each arrival is written to the log too: the Log panel keeps the watch's record.
            if (wasLive)
                spdlog::info("coordination log: {} at {}: {}", e.station,
                             time::formatDisplay(e.time), e.text);
            entries_.push_back(std::move(e));
        }
        if (entries_.size() > kKeptEntries)
            entries_.erase(
                entries_.begin(),
                entries_.begin() + static_cast<std::ptrdiff_t>(entries_.size() - kKeptEntries));
        linkState_ = link_->state();
        if (!wasLive && linkState_.following)
            spdlog::info("coordination log: live, {} recent entries", entries_.size());
        if (linkState_.refused.size() > reportedRefusals_) {
            for (std::size_t i = reportedRefusals_; i < linkState_.refused.size(); ++i)
                spdlog::error("coordination log: the station refused an entry: {}",
                              linkState_.refused[i]);
            reportedRefusals_ = linkState_.refused.size();
        }
        if (!linkState_.failed.empty() && !failureLogged_) {
            spdlog::error("coordination log: {}", linkState_.failed);
            failureLogged_ = true;
        }
        updateAlertSharing(state);
    }

    void drawPanelMenu(ConsoleState& state) override {
        (void)state;
        ImGui::MenuItem("Coordination", nullptr, &open_);
    }

    bool wantsFrame(const ConsoleState& state) const override {
        (void)state;
        return link_->hasArrivals();
    }

    bool onMapClick(ConsoleState& state, geo::ScreenPoint point) override {
        if (!picking_) return false;
        position_ = state.view.toLonLat(point);
        picking_ = false;
        return true;
    }

    void drawStatus(ConsoleState& state) override {
        (void)state;
        if (!linkState_.failed.empty()) {
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1.0f), "station: failed");
        } else if (linkState_.queued > 0) {
            ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "station: %zu queued",
                               linkState_.queued);
        } else {
            ImGui::TextDisabled("station: %s", linkState_.following ? "live" : "connecting");
        }
        if (!sharing_) return;
        ImGui::SameLine();
        if (!sharing_->failed.empty()) {
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1.0f), "alerts: not shared");
        } else if (sharing_->queued > 0) {
            ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "alerts: %zu queued",
                               sharing_->queued);
        } else {
            ImGui::TextDisabled("alerts: %s", sharing_->live ? "shared" : "connecting");
        }
    }

    void drawPanels(ConsoleState& state) override {
        const float s = state.pixelScale;
        if (!beginDockedPanel(state, "Coordination", &open_, Edge::Right, 380 * s)) {
            endDockedPanel(state);
            return;
        }
        ImGui::TextWrapped("%s", linkState_.status.c_str());
        if (linkState_.queued > 0)
            ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f),
                               "%zu entries queued; they are sent when the station is back",
                               linkState_.queued);
        if (sharing_) {
            ImGui::TextWrapped("%s", sharing_->status.c_str());
            if (sharing_->queued > 0)
                ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f),
                                   "%zu alerts and acknowledgements queued; they are sent when "
                                   "the station is back",
                                   sharing_->queued);
        }
        drawPostForm(s);
        ImGui::Separator();
        drawEntries(state);
        endDockedPanel(state);
    }

  private:
    // The live picture's alert sharing: its state for drawing, its news for the Log panel.
    void updateAlertSharing(ConsoleState& state) {
        const analytics::AlertSharing* sharing =
            state.live ? state.live->acknowledgements().sharing() : nullptr;
        if (!sharing) return;
        analytics::SharingState now = sharing->state();
        if (now.refused.size() > reportedAlertRefusals_) {
            for (std::size_t i = reportedAlertRefusals_; i < now.refused.size(); ++i)
                spdlog::error("alerts: the station refused {}", now.refused[i]);
            reportedAlertRefusals_ = now.refused.size();
        }
        if (!now.failed.empty() && (!sharing_ || sharing_->failed.empty()))
            spdlog::error("alerts: not shared: {}", now.failed);
        sharing_ = std::move(now);
    }

    void drawPostForm(float s) {
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextMultiline("##text", text_, sizeof text_, ImVec2(-1, 54 * s));
        ImGui::SetNextItemWidth(150 * s);
        ImGui::InputText("releasable to", releasable_, sizeof releasable_);
        ImGui::SetNextItemWidth(150 * s);
        ImGui::InputText("reference", ref_, sizeof ref_);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("incident:REF, mmsi:NNNNNNNNN or alert:ID (optional)");
        if (position_) {
            ImGui::Text("at %.4f, %.4f", position_->lat, position_->lon);
            ImGui::SameLine();
            if (ImGui::SmallButton("no position")) position_.reset();
        } else if (ImGui::SmallButton(picking_ ? "click the map…" : "place on map")) {
            picking_ = !picking_;
        }
        if (ImGui::Button("Post")) post();
        if (!formError_.empty()) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1.0f), "%s", formError_.c_str());
        }
    }

    void post() {
        station::LogEntry e;
        e.text = text_;
        auto groups = station::parseReleasability(releasable_);
        if (!groups) {
            formError_ = groups.error();
            return;
        }
        e.releasableTo = std::move(groups).value();
        e.ref = ref_;
        if (position_) {
            e.lat = position_->lat;
            e.lon = position_->lon;
        }
        auto id = link_->post(std::move(e));
        if (!id) {
            formError_ = id.error();
            return;
        }
        formError_.clear();
        text_[0] = '\0';
        ref_[0] = '\0';
        position_.reset();
    }

    void drawEntries(ConsoleState& state) {
        ImGui::BeginChild("entries");
        for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
            const station::LogEntry& e = *it;
            ImGui::PushID(static_cast<int>(e.seq));
            ImGui::TextDisabled("%s  %s", time::formatDisplay(e.time).c_str(), e.station.c_str());
            if (e.releasableTo != std::vector<std::string>{"all"}) {
                std::string groups;
                for (const auto& g : e.releasableTo) groups += (groups.empty() ? "" : ",") + g;
                ImGui::SameLine();
                ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "[%s]", groups.c_str());
            }
            ImGui::TextWrapped("%s", e.text.c_str());
            if (e.lat && e.lon && ImGui::SmallButton("show on map")) {
                constexpr double kHalfDeg = 0.4;
                state.flyTo = geo::GeoBox{*e.lon - kHalfDeg, *e.lat - kHalfDeg, *e.lon + kHalfDeg,
                                          *e.lat + kHalfDeg};
            }
            if (!e.ref.empty()) {
                if (e.lat && e.lon) ImGui::SameLine();
                if (ImGui::SmallButton(e.ref.c_str())) openReference(state, e.ref);
            }
            ImGui::Separator();
            ImGui::PopID();
        }
        ImGui::EndChild();
    }

    // "mmsi:N" selects the vessel; "incident:REF" highlights the incident. Alerts are the
    // station's alert log ids, which this console does not hold: the reference is shown only.
    static void openReference(ConsoleState& state, const std::string& ref) {
        if (ref.starts_with("mmsi:")) {
            ais::Mmsi mmsi = 0;
            const char* begin = ref.data() + 5;
            if (std::from_chars(begin, ref.data() + ref.size(), mmsi).ec == std::errc{})
                state.selection.selectedVessel = mmsi;
        } else if (ref.starts_with("incident:")) {
            state.selection.highlightedIncidents = {ref.substr(9)};
        }
    }

    std::unique_ptr<station::CoordinationLink> link_;
    station::CoordinationState linkState_;
    std::vector<station::LogEntry> entries_;
    std::size_t reportedRefusals_ = 0;
    std::optional<analytics::SharingState> sharing_;
    std::size_t reportedAlertRefusals_ = 0;
    bool failureLogged_ = false;
    bool open_ = true;
    bool picking_ = false;
    std::optional<geo::LonLat> position_;
    char text_[1024] = "";
    char releasable_[128] = "all";
    char ref_[128] = "";
    std::string formError_;
};

}  // namespace

std::unique_ptr<ConsoleModule> makeCoordinationModule(ConsoleState& state,
                                                      const ConsoleOptions& options) {
    if (options.station.empty()) return nullptr;
    // Live feeds' alerts (an exercise shows its own, computed beforehand) are shared too.
    if (state.live && !state.scene) {
        auto alerts = station::AlertLink::open(options.station, station::defaultOutboxPath());
        if (alerts) {
            state.live->shareAlerts(std::move(*alerts));
            spdlog::info("alerts: shared on {}", options.station);
        } else {
            spdlog::error("alerts: not shared: {}", alerts.error());
        }
    }
    auto link = station::CoordinationLink::open(options.station, station::defaultOutboxPath());
    if (!link) {
        spdlog::error("coordination log: {}", link.error());
        return nullptr;
    }
    spdlog::info("coordination log: following {}", options.station);
    return std::make_unique<CoordinationModule>(std::move(*link));
}

}  // namespace seawatch::ui
