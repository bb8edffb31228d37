#pragma once
// Waiting in a station worker thread (the log follower, the alert link, the incident
// mirror): sleep in short steps so that a stop request is honoured within ~50 ms, and say
// how long a retry waits in words.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

namespace seawatch::station {

inline void sleepUnlessStopped(std::chrono::milliseconds total, const std::atomic<bool>& stop) {
    const auto end = std::chrono::steady_clock::now() + total;
    while (!stop.load()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            end - std::chrono::steady_clock::now());
        if (left.count() <= 0) return;
        std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(50)));
    }
}

// "0.25 s", "4 s".
inline std::string describeSeconds(std::chrono::milliseconds ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2g s", static_cast<double>(ms.count()) / 1000.0);
    return text;
}

}  // namespace seawatch::station
