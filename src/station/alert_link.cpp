#include "seawatch/station/alert_link.hpp"

#include <algorithm>
#include <utility>

#include "seawatch/station/coordination_log.hpp"
#include "seawatch/station/schema.hpp"
#include "wait_steps.hpp"

namespace seawatch::station {

namespace {

constexpr const char* kAlertKind = "alert";
constexpr const char* kAckKind = "ack";
// The outbox items this link sends (a plan link queues its own kind in the same outbox).
const std::vector<std::string> kAlertKinds{kAlertKind, kAckKind};
// Items sent per server transaction.
constexpr std::size_t kSendBatch = 500;

}  // namespace

AlertLink::AlertLink(Key, std::string target, std::filesystem::path outboxPath,
                     AlertLinkOptions options)
    : target_(std::move(target)),
      outboxPath_(std::move(outboxPath)),
      options_(std::move(options)) {}

Result<std::unique_ptr<AlertLink>> AlertLink::open(const std::string& target,
                                                   const std::filesystem::path& outboxPath,
                                                   AlertLinkOptions options) {
    if (auto ok = rejectPasswordInTarget(target); !ok) return makeError(ok.error());
    for (const std::string& g : options.releasableTo) {
        if (g == "all" && options.releasableTo.size() == 1) continue;
        if (auto ok = parseReleasability(g); !ok) return makeError(ok.error());
    }
    // Opened here once so a bad outbox path is a sentence now, not a silent sender later.
    if (auto outbox = Outbox::open(outboxPath); !outbox) return makeError(outbox.error());
    auto link = std::make_unique<AlertLink>(Key{}, target, outboxPath, std::move(options));
    link->state_.status = "connecting to the station…";
    link->follower_ = std::thread([raw = link.get()] { raw->runFollower(); });
    link->sender_ = std::thread([raw = link.get()] { raw->runSender(); });
    return link;
}

AlertLink::~AlertLink() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    progress_.notify_all();
    if (follower_.joinable()) follower_.join();
    if (sender_.joinable()) sender_.join();
}

void AlertLink::publish(std::span<const analytics::Event> events) {
    if (events.empty()) return;
    {
        std::lock_guard lock(mutex_);
        for (const analytics::Event& e : events) {
            const StationAlert alert = stationAlertFrom(e, options_.releasableTo);
            toQueue_.push_back({0, kAlertKind, alert.event, target_, alertPayload(alert)});
        }
        state_.queued += events.size();
    }
    wake_.notify_all();
}

void AlertLink::acknowledge(const std::string& eventKey, const std::string& by,
                            time::UnixMillis at) {
    StationAck ack;
    ack.id = makeUuid();
    ack.event = eventKey;
    ack.by = by.empty() ? std::string("watch officer") : by;
    ack.at = at;
    {
        std::lock_guard lock(mutex_);
        toQueue_.push_back({0, kAckKind, ack.id, target_, ackPayload(ack)});
        ++state_.queued;
    }
    wake_.notify_all();
}

std::vector<analytics::SharedAck> AlertLink::drainAcks() {
    std::lock_guard lock(mutex_);
    return std::exchange(arrived_, {});
}

analytics::SharingState AlertLink::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

bool AlertLink::waitUntilSent(std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    progress_.wait_for(lock, limit, [this] {
        return stop_ || !state_.failed.empty() ||
               (!busy_ && toQueue_.empty() && (state_.queued == 0 || unreachable_));
    });
    return !busy_ && toQueue_.empty() && state_.queued == 0;
}

void AlertLink::runFollower() {
    AckCursor cursor;
    bool started = false;
    auto backoff = options_.firstBackoff;
    auto report = [this](const std::string& news, bool live) {
        std::lock_guard lock(mutex_);
        state_.status = news;
        state_.live = live;
    };
    auto fail = [this](const std::string& why) {
        std::lock_guard lock(mutex_);
        state_.failed = why;
        state_.status = why;
        state_.live = false;
        progress_.notify_all();
    };
    auto deliver = [this](const std::vector<StationAck>& acks) {
        if (acks.empty()) return;
        std::lock_guard lock(mutex_);
        for (const StationAck& a : acks) arrived_.push_back({a.event, a.station, a.by, a.at});
    };
    while (!stop_.load()) {
        PgFailure failure;
        auto conn = openStation(target_, &failure);
        if (!conn) {
            if (failure.kind != FailureKind::Unreachable) return fail(conn.error());
            report(conn.error() + "; retrying", false);
            sleepUnlessStopped(backoff, stop_);
            backoff = std::min(backoff * 2, options_.maxBackoff);
            continue;
        }
        // LISTEN before the first fetch: an acknowledgement stored in between is both fetched
        // and notified, and the cursor drops the repeat.
        if (auto ok = listenForAlertAcks(*conn); !ok) {
            report(ok.error() + "; reconnecting", false);
            continue;
        }
        const auto history =
            std::chrono::duration_cast<std::chrono::milliseconds>(options_.ackHistory).count();
        auto first = started ? cursor.fetchNew(*conn, &failure)
                             : cursor.start(*conn, time::wallClockNow() - history, &failure);
        if (!first) {
            if (failure.kind != FailureKind::Unreachable) return fail(first.error());
            continue;
        }
        report(
            (started ? "alerts: reconnected to " : "alerts: shared on ") + conn->describeTarget(),
            true);
        started = true;
        backoff = options_.firstBackoff;
        deliver(*first);
        while (!stop_.load()) {
            auto woke = conn->waitForNotifications(200);
            if (!woke) {
                report("alerts: " + woke.error() + "; reconnecting", false);
                break;
            }
            if (*woke == 0) continue;
            auto fresh = cursor.fetchNew(*conn, &failure);
            if (!fresh) {
                if (failure.kind != FailureKind::Unreachable) return fail(fresh.error());
                report("alerts: " + fresh.error() + "; reconnecting", false);
                break;
            }
            deliver(*fresh);
        }
    }
}

namespace {

// The sender's round: batches until the outbox holds nothing for `target`, `stop` is set, or
// the server cannot be reached (false). `sent` counts what the server confirmed.
bool sendOutboxItems(Outbox& outbox, const std::string& target, std::optional<PgConnection>& conn,
                     std::vector<std::string>& refused, std::string& why,
                     const std::atomic<bool>& stop, std::size_t& sent) {
    while (!stop.load()) {
        auto items = outbox.pendingItems(target, kSendBatch, kAlertKinds);
        if (!items) {
            refused.push_back(items.error());
            return true;
        }
        if (items->empty()) return true;
        if (!conn || !conn->healthy()) {
            conn.reset();
            PgFailure f;
            auto opened = openStation(target, &f);
            if (!opened) {
                why = opened.error();
                return false;
            }
            conn.emplace(std::move(opened).value());
        }
        // One server transaction per batch (one commit, not one per alert); each item in a
        // savepoint, so an item the server refuses is dropped alone.
        PgFailure f;
        auto lost = [&](const std::string& message) {
            (void)conn->execScript("ROLLBACK");
            if (f.kind == FailureKind::Unreachable) conn.reset();
            why = message;
            return false;
        };
        if (auto ok = conn->execScript("BEGIN", &f); !ok) return lost(ok.error());
        std::vector<std::int64_t> done;
        for (const OutboxItem& item : *items) {
            if (auto ok = conn->execScript("SAVEPOINT item", &f); !ok) return lost(ok.error());
            Result<bool> stored = makeError("unknown kind of queued item '" + item.kind + "'");
            f = {FailureKind::BadInput, "", ""};
            if (item.kind == kAlertKind) {
                auto alert = alertFromPayload(item.payload);
                stored = alert ? storeAlert(*conn, *alert, &f) : makeError(alert.error());
            } else if (item.kind == kAckKind) {
                auto ack = ackFromPayload(item.payload);
                stored = ack ? storeAck(*conn, *ack, &f) : makeError(ack.error());
            }
            if (!stored && f.kind != FailureKind::BadInput) return lost(stored.error());
            if (!stored) {
                refused.push_back(item.kind + " " + item.id.substr(0, 80) + ": " + stored.error());
                if (auto ok = conn->execScript("ROLLBACK TO SAVEPOINT item", &f); !ok)
                    return lost(ok.error());
            }
            done.push_back(item.queueNo);
            if (stored) ++sent;
        }
        if (auto ok = conn->execScript("COMMIT", &f); !ok) return lost(ok.error());
        // Only now: what the server confirmed leaves the outbox. A crash between the commit
        // and here sends it again, which stores nothing twice.
        if (auto ok = outbox.removeItems(done); !ok) {
            refused.push_back(ok.error());
            return true;
        }
    }
    return true;
}

}  // namespace

bool AlertLink::sendQueued(Outbox& outbox, std::optional<PgConnection>& conn,
                           std::vector<std::string>& refused, std::string& why) {
    std::size_t sent = 0;
    return sendOutboxItems(outbox, target_, conn, refused, why, stop_, sent);
}

FlushReport sendQueuedAlerts(Outbox& outbox, const std::string& target) {
    FlushReport report;
    std::optional<PgConnection> conn;
    const std::atomic<bool> never{false};
    if (!sendOutboxItems(outbox, target, conn, report.refused, report.unreachable, never,
                         report.sent)) {
        auto left = outbox.countItems(target, kAlertKinds);
        report.remaining = left ? *left : 0;
    }
    return report;
}

void AlertLink::runSender() {
    auto outbox = Outbox::open(outboxPath_);
    if (!outbox) {
        std::lock_guard lock(mutex_);
        state_.failed = outbox.error();
        busy_ = false;
        progress_.notify_all();
        return;
    }
    std::optional<PgConnection> conn;
    std::unique_lock lock(mutex_);
    while (!stop_) {
        // Into the outbox first, so an alert or acknowledgement survives a crash from here on.
        std::deque<OutboxItem> batch = std::exchange(toQueue_, {});
        busy_ = true;
        lock.unlock();
        std::vector<std::string> refused;
        if (auto ok = outbox->addItems(std::vector<OutboxItem>(batch.begin(), batch.end())); !ok)
            refused.push_back(ok.error());
        std::string why;
        const bool reached = sendQueued(*outbox, conn, refused, why);
        auto count = outbox->countItems(target_, kAlertKinds);
        lock.lock();
        state_.refused.insert(state_.refused.end(), refused.begin(), refused.end());
        state_.queued = (count ? *count : 0) + toQueue_.size();
        unreachable_ = !reached;
        if (!reached)
            state_.status = "alerts: " + why + "; " + std::to_string(state_.queued) + " queued";
        busy_ = false;
        progress_.notify_all();
        if (!toQueue_.empty()) continue;
        auto ready = [this] { return stop_ || !toQueue_.empty(); };
        if (state_.queued > 0) {
            wake_.wait_for(lock, options_.resendEvery, ready);
        } else {
            wake_.wait(lock, ready);
        }
    }
}

}  // namespace seawatch::station
