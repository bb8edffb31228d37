#include "seawatch/station/coordination_link.hpp"

#include <chrono>
#include <utility>

#include "seawatch/station/log_follower.hpp"
#include "seawatch/station/outbox.hpp"
#include "seawatch/station/schema.hpp"

namespace seawatch::station {

namespace {
// While posts wait for an unreachable server, the sender tries again this often.
constexpr auto kResendEvery = std::chrono::seconds(3);
}  // namespace

CoordinationLink::CoordinationLink(Key, std::string target, std::filesystem::path outboxPath)
    : target_(std::move(target)), outboxPath_(std::move(outboxPath)) {}

Result<std::unique_ptr<CoordinationLink>> CoordinationLink::open(
    const std::string& target, const std::filesystem::path& outboxPath, std::size_t lastN) {
    if (auto ok = rejectPasswordInTarget(target); !ok) return makeError(ok.error());
    // Opened here once so a bad outbox path is a sentence now, not a silent sender later.
    if (auto outbox = Outbox::open(outboxPath); !outbox) return makeError(outbox.error());
    auto link = std::make_unique<CoordinationLink>(Key{}, target, outboxPath);
    link->state_.status = "connecting to the station…";
    link->follower_ = std::thread([raw = link.get(), lastN] { raw->runFollower(lastN); });
    link->sender_ = std::thread([raw = link.get()] { raw->runSender(); });
    return link;
}

CoordinationLink::~CoordinationLink() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (follower_.joinable()) follower_.join();
    if (sender_.joinable()) sender_.join();
}

Result<std::string> CoordinationLink::post(LogEntry entry) {
    if (entry.id.empty()) entry.id = makeUuid();
    entry.station.clear();  // the server stamps who wrote it
    if (auto ok = validateEntry(entry); !ok) return makeError(ok.error());
    std::string id = entry.id;
    {
        std::lock_guard lock(mutex_);
        toQueue_.push_back(std::move(entry));
        ++state_.queued;
    }
    wake_.notify_all();
    return id;
}

std::vector<LogEntry> CoordinationLink::drain() {
    std::lock_guard lock(mutex_);
    return std::exchange(arrived_, {});
}

bool CoordinationLink::hasArrivals() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return !arrived_.empty();
}

CoordinationState CoordinationLink::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

void CoordinationLink::runFollower(std::size_t lastN) {
    FollowOptions options;
    options.target = target_;
    options.lastN = lastN;
    const Status ended = followLog(
        options, stop_,
        [this](const std::vector<LogEntry>& entries) {
            std::lock_guard lock(mutex_);
            arrived_.insert(arrived_.end(), entries.begin(), entries.end());
            return true;
        },
        [this](const std::string& news) {
            std::lock_guard lock(mutex_);
            state_.status = news;
            state_.following =
                news.starts_with("connected to ") || news.starts_with("reconnected to ");
        });
    if (!ended) {
        std::lock_guard lock(mutex_);
        state_.failed = ended.error();
        state_.status = ended.error();
    }
}

void CoordinationLink::runSender() {
    auto outbox = Outbox::open(outboxPath_);
    if (!outbox) {
        std::lock_guard lock(mutex_);
        state_.failed = outbox.error();
        return;
    }
    std::unique_lock lock(mutex_);
    while (!stop_) {
        // Into the outbox first, so a post survives a crash from here on.
        std::deque<LogEntry> batch = std::exchange(toQueue_, {});
        lock.unlock();
        std::vector<std::string> problems;
        for (const LogEntry& e : batch)
            if (auto ok = outbox->add({target_, e}); !ok)
                problems.push_back(e.id + ": " + ok.error());
        const FlushReport report = outbox->flush(target_);
        auto pending = outbox->pending(target_);
        lock.lock();
        state_.refused.insert(state_.refused.end(), report.refused.begin(), report.refused.end());
        state_.refused.insert(state_.refused.end(), problems.begin(), problems.end());
        state_.queued = (pending ? pending->size() : report.remaining) + toQueue_.size();
        if (!report.unreachable.empty()) state_.status = report.unreachable + "; posts are queued";
        if (!toQueue_.empty()) continue;
        if (state_.queued > 0) {
            wake_.wait_for(lock, kResendEvery, [this] { return stop_ || !toQueue_.empty(); });
        } else {
            wake_.wait(lock, [this] { return stop_ || !toQueue_.empty(); });
        }
    }
}

}  // namespace seawatch::station
