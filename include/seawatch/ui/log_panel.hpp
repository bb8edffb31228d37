#pragma once
// The console's log: everything logged through spdlog (chart errors, feed status) is kept
// in a ring buffer that the log panel draws, as well as going to stderr.
#include <spdlog/logger.h>
#include <spdlog/sinks/ringbuffer_sink.h>

#include <memory>

namespace seawatch::ui {

struct LogState {
    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> ring;
    std::shared_ptr<spdlog::logger> logger;
    bool autoScroll = true;
    int minimumLevel = 0;  // spdlog level: 0 trace .. 6 off
    char filter[64] = {};
};

// Makes the console logger (stderr + ring buffer) and installs it as spdlog's default.
LogState makeConsoleLog();
void drawLogPanel(LogState& log, bool* open);

}  // namespace seawatch::ui
