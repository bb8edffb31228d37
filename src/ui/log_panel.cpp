#include "seawatch/ui/log_panel.hpp"

#include <imgui.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <spdlog/sinks/base_sink.h>

#include <atomic>
#include <mutex>
#include <string>

namespace seawatch::ui {

class ErrorCountSink final : public spdlog::sinks::base_sink<std::mutex> {
  public:
    std::atomic<std::uint64_t> errors{0};

  protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        if (msg.level >= spdlog::level::err) errors.fetch_add(1);
    }
    void flush_() override {}
};

std::uint64_t errorCount(const LogState& log) {
    return log.errors ? log.errors->errors.load() : 0;
}

LogState makeConsoleLog() {
    LogState log;
    log.ring = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(2000);
    log.ring->set_pattern("%H:%M:%S %^%l%$ %v");
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    log.errors = std::make_shared<ErrorCountSink>();
    log.logger = std::make_shared<spdlog::logger>(
        "seawatch", spdlog::sinks_init_list{console, log.ring, log.errors});
    spdlog::set_default_logger(log.logger);
    return log;
}

void drawLogPanel(LogState& log, bool* open) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + 10, vp->Pos.y + vp->Size.y - 330),
                            ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(560, 220), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("Log", open)) drawLogContents(log);
    ImGui::End();
}

void drawLogContents(LogState& log) {
    static const char* kLevels[] = {"trace", "debug", "info", "warning", "error", "critical"};
    ImGui::SetNextItemWidth(110);
    ImGui::Combo("level", &log.minimumLevel, kLevels, IM_ARRAYSIZE(kLevels));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(180);
    ImGui::InputTextWithHint("##filter", "filter", log.filter, sizeof log.filter);
    ImGui::SameLine();
    ImGui::Checkbox("auto-scroll", &log.autoScroll);
    ImGui::Separator();
    ImGui::BeginChild("lines", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    const auto messages = log.ring->last_raw();
    const std::string filter = log.filter;
    for (const auto& m : messages) {
        if (static_cast<int>(m.level) < log.minimumLevel) continue;
        const std::string_view text(m.payload.data(), m.payload.size());
        if (!filter.empty() && text.find(filter) == std::string_view::npos) continue;
        ImVec4 color(0.85f, 0.87f, 0.9f, 1.0f);
        if (m.level >= spdlog::level::err) {
            color = ImVec4(1.0f, 0.45f, 0.4f, 1.0f);
        } else if (m.level == spdlog::level::warn) {
            color = ImVec4(1.0f, 0.8f, 0.35f, 1.0f);
        }
        const auto seconds =
            std::chrono::duration_cast<std::chrono::seconds>(m.time.time_since_epoch()).count();
        const int sod = static_cast<int>(seconds % 86400);
        ImGui::TextDisabled("%02d:%02d:%02dZ", sod / 3600, sod / 60 % 60, sod % 60);
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, color);
        ImGui::TextUnformatted(text.data(), text.data() + text.size());
        ImGui::PopStyleColor();
    }
    if (log.autoScroll && ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4)
        ImGui::SetScrollHereY(1.0f);
    ImGui::EndChild();
}

}  // namespace seawatch::ui
