#include "seawatch/station/log_follower.hpp"

#include <algorithm>
#include <thread>

#include "seawatch/station/schema.hpp"
#include "wait_steps.hpp"

namespace seawatch::station {

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
            report(conn.error() + "; retrying in " + describeSeconds(backoff));
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
