#include "seawatch/station/log_follower.hpp"

#include <algorithm>
#include <thread>

#include "seawatch/station/schema.hpp"

namespace seawatch::station {

namespace {

// Sleeps in short steps so that stop is honoured within ~100 ms.
void sleepUnlessStopped(std::chrono::milliseconds total, const std::atomic<bool>& stop) {
    const auto end = std::chrono::steady_clock::now() + total;
    while (!stop.load() && std::chrono::steady_clock::now() < end) {
        std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(
            std::chrono::milliseconds(100), std::chrono::duration_cast<std::chrono::milliseconds>(
                                                end - std::chrono::steady_clock::now()) +
                                                std::chrono::milliseconds(1)));
    }
}

std::string seconds(std::chrono::milliseconds ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2g s", static_cast<double>(ms.count()) / 1000.0);
    return text;
}

}  // namespace

Status followLog(const FollowOptions& options, const std::atomic<bool>& stop,
                 const EntrySink& onEntries, const StatusSink& onStatus) {
    LogCursor cursor;
    bool started = false;
    auto backoff = options.firstBackoff;
    auto report = [&onStatus](const std::string& text) {
        if (onStatus) onStatus(text);
    };
    while (!stop.load()) {
        PgFailure failure;
        auto conn = openStation(options.target, &failure);
        if (!conn) {
            if (failure.kind != FailureKind::Unreachable) return makeError(conn.error());
            report(conn.error() + "; retrying in " + seconds(backoff));
            sleepUnlessStopped(backoff, stop);
            backoff = std::min(backoff * 2, options.maxBackoff);
            continue;
        }
        // LISTEN before the first fetch: an entry committed in between is then both fetched
        // and notified, and the cursor drops the repeat.
        if (auto ok = listenForLog(*conn); !ok) return makeError(ok.error());
        auto first = started ? cursor.fetchNew(*conn, &failure)
                             : cursor.start(*conn, options.since, options.lastN, &failure);
        if (!first) {
            if (failure.kind != FailureKind::Unreachable) return makeError(first.error());
            continue;
        }
        report((started ? "reconnected to " : "connected to ") + conn->describeTarget());
        started = true;
        backoff = options.firstBackoff;
        if (!first->empty() && !onEntries(*first)) return {};
        while (!stop.load()) {
            auto woke = conn->waitForNotifications(200);
            if (!woke) {
                report(woke.error() + "; reconnecting");
                break;
            }
            if (*woke == 0) continue;
            auto fresh = cursor.fetchNew(*conn, &failure);
            if (!fresh) {
                if (failure.kind != FailureKind::Unreachable) return makeError(fresh.error());
                report(fresh.error() + "; reconnecting");
                break;
            }
            if (!fresh->empty() && !onEntries(*fresh)) return {};
        }
    }
    return {};
}

}  // namespace seawatch::station
