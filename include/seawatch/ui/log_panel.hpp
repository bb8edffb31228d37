#pragma once
// The console's log: everything logged through spdlog (chart errors, feed status) is kept
// in a ring buffer that the log panel draws, as well as going to stderr.
#include <spdlog/logger.h>
#include <spdlog/sinks/ringbuffer_sink.h>

#include <cstdint>
#include <memory>

namespace seawatch::ui {

// Counts errors as they are logged, so the console can open the log panel on the first one.
class ErrorCountSink;

struct LogState {
    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> ring;
    std::shared_ptr<ErrorCountSink> errors;
    std::uint64_t errorsSeen = 0;
    std::shared_ptr<spdlog::logger> logger;
    bool autoScroll = true;
    int minimumLevel = 0;  // spdlog level: 0 trace .. 6 off
    char filter[64] = {};
};

// Errors logged so far (any thread).
std::uint64_t errorCount(const LogState& log);

// Makes the console logger (stderr + ring buffer) and installs it as spdlog's default.
LogState makeConsoleLog();
// A floating "Log" window; drawLogContents draws its inside into the current window (the
// console docks it in its left column).
void drawLogPanel(LogState& log, bool* open);
void drawLogContents(LogState& log);

}  // namespace seawatch::ui
