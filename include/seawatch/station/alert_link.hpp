#pragma once
// A live picture's link to a station for its alerts: every alert it raises and every
// acknowledgement made here are stored on the station, and acknowledgements made at other
// stations arrive within a second (LISTEN/NOTIFY, then a cursor re-read as the coordination
// log does). What cannot be sent waits in the local outbox (a GeoPackage) and is sent when
// the server is back, on this run or the next one given the same station: nothing is lost,
// and client-made keys make every resend harmless.
//
// Threading: the link owns two worker threads, a follower (acknowledgements from the
// station, reconnecting with back-off) and a sender (the outbox). publish(), acknowledge(),
// drainAcks() and state() are called from one other thread (the live picture's owner); they
// only touch data behind the link's mutex and never wait on the network. The destructor
// stops and joins both threads (within ~a quarter of a second, or a connect timeout).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "seawatch/analytics/alert_acks.hpp"
#include "seawatch/station/outbox.hpp"
#include "seawatch/station/shared_alerts.hpp"

namespace seawatch::station {

struct AlertLinkOptions {
    // Who may read the alerts this station stores: "all", or station groups.
    std::vector<std::string> releasableTo{"all"};
    // Acknowledgements stored at most this long ago are read when the link starts; older ones
    // are in the local alert log already, or concern alerts long gone.
    std::chrono::hours ackHistory{24 * 7};
    std::chrono::milliseconds firstBackoff{250};
    std::chrono::milliseconds maxBackoff{5000};
    std::chrono::milliseconds resendEvery{3000};
};

// Sends the alerts and acknowledgements queued in `outbox` for `target` (what a console,
// `analyze` or `ais watch` kept while the server was away), as the link's sender does, and
// returns what happened: `seawatch log sync` calls it after the log entries, so one command
// sends everything a desk holds for a station. Refused items leave the outbox; an unreachable
// server leaves the rest queued.
FlushReport sendQueuedAlerts(Outbox& outbox, const std::string& target);

class AlertLink final : public analytics::AlertSharing {
  public:
    // Starts following `target` (a postgresql:// URI or libpq words, no password) and
    // sending what waits for it in the outbox at `outboxPath`.
    static Result<std::unique_ptr<AlertLink>> open(const std::string& target,
                                                   const std::filesystem::path& outboxPath,
                                                   AlertLinkOptions options = {});
    ~AlertLink() override;

    void publish(std::span<const analytics::Event> events) override;
    void acknowledge(const std::string& eventKey, const std::string& by,
                     time::UnixMillis at) override;
    std::vector<analytics::SharedAck> drainAcks() override;
    analytics::SharingState state() const override;

    // For commands about to exit: waits until nothing is queued, the server is found
    // unreachable, or `limit` passes. True when everything was sent.
    bool waitUntilSent(std::chrono::milliseconds limit);
    const std::string& target() const { return target_; }

    // Only open() makes links (the threads start there); the key keeps the constructor so.
    class Key {
        friend class AlertLink;
        Key() = default;
    };
    AlertLink(Key, std::string target, std::filesystem::path outboxPath, AlertLinkOptions options);

  private:
    void runFollower();
    void runSender();
    // Sends what the outbox holds for the target over `conn` (opened when empty); false when
    // the server could not be reached.
    bool sendQueued(Outbox& outbox, std::optional<PgConnection>& conn,
                    std::vector<std::string>& refused, std::string& why);

    const std::string target_;
    const std::filesystem::path outboxPath_;
    const AlertLinkOptions options_;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::condition_variable wake_;      // the sender: something to queue, or stop
    std::condition_variable progress_;  // waitUntilSent: the sender finished a round
    std::deque<OutboxItem> toQueue_;    // published or acknowledged, not yet in the outbox
    std::vector<analytics::SharedAck> arrived_;
    analytics::SharingState state_;
    bool unreachable_ = false;  // the sender's last round could not reach the server
    bool busy_ = true;          // the sender is in a round (the first starts at once)
    std::thread follower_, sender_;
};

}  // namespace seawatch::station
