#include "seawatch/station/plan_link.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include <utility>

#include "seawatch/station/pg.hpp"
#include "seawatch/station/schema.hpp"
#include "seawatch/station/shared_plans.hpp"

namespace seawatch::station {

PlanLink::PlanLink(Key, std::string target, std::string name)
    : target_(std::move(target)), name_(std::move(name)) {}

Result<std::unique_ptr<PlanLink>> PlanLink::open(const std::string& target,
                                                 const std::string& name) {
    if (auto ok = rejectPasswordInTarget(target); !ok) return makeError(ok.error());
    if (name.empty()) return makeError("which plan to follow: its name is empty");
    auto link = std::make_unique<PlanLink>(Key{}, target, name);
    link->thread_ = std::thread([l = link.get()] { l->run(); });
    link->pusher_ = std::thread([l = link.get()] { l->runPushes(); });
    return link;
}

PlanLink::~PlanLink() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_.store(true);
    }
    pushWanted_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (pusher_.joinable()) pusher_.join();
}

void PlanLink::push(zones::Plan plan) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        toPush_ = std::move(plan);
        state_.pushing = true;
    }
    pushWanted_.notify_one();
}

// One push at a time, each on a fresh connection: a push is a rare, deliberate act, and a
// connection kept open for it would only go stale between pushes. A push the station could
// not be reached for is kept and tried again after a back-off; a newer push replaces it.
void PlanLink::runPushes() {
    constexpr auto kFirstRetry = std::chrono::milliseconds(250);
    constexpr auto kLastRetry = std::chrono::milliseconds(5000);
    auto retryAfter = kFirstRetry;
    std::optional<zones::Plan> waiting;  // the station was away for it
    for (;;) {
        zones::Plan plan;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            const auto wanted = [this] { return stop_.load() || toPush_.has_value(); };
            if (waiting) {
                pushWanted_.wait_for(lock, retryAfter, wanted);
            } else {
                pushWanted_.wait(lock, wanted);
            }
            if (stop_.load()) return;
            if (toPush_) {
                plan = std::move(*toPush_);
                toPush_.reset();
                retryAfter = kFirstRetry;
            } else {
                plan = std::move(*waiting);
                retryAfter = std::min(retryAfter * 2, kLastRetry);
            }
            waiting.reset();
            state_.pushing = true;
        }
        bool sent = false;
        std::string result;
        PgFailure failure;
        auto conn = openStation(target_, &failure);
        if (!conn) {
            result = conn.error();
        } else if (auto report = pushPlan(*conn, plan, &failure); !report) {
            result = report.error();
        } else {
            sent = true;
            result = fmt::format("pushed: {}{} added, {} changed, {} removed",
                                 report->createdPlan ? "created, " : "", report->inserted,
                                 report->updated, report->removed);
        }
        std::lock_guard<std::mutex> lock(mutex_);
        state_.pushing = toPush_.has_value();
        if (!sent && failure.kind == FailureKind::Unreachable) {
            state_.pushQueued = true;
            state_.pushResult = "not pushed yet: " + result +
                                "; it is pushed when the station answers (the edits stay here)";
            waiting = std::move(plan);
            continue;
        }
        state_.pushQueued = false;
        state_.pushSent = sent;
        state_.pushResult = sent ? std::move(result) : "not pushed: " + result;
        ++state_.pushesDone;
    }
}

std::optional<zones::Plan> PlanLink::take() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(latest_, std::nullopt);
}

bool PlanLink::hasNewPlan() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return latest_.has_value();
}

PlanLinkState PlanLink::state() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return state_;
}

void PlanLink::run() {
    PlanFollowOptions options;
    options.target = target_;
    options.name = name_;
    const Status followed = followPlan(
        options, stop_,
        [this](const zones::Plan& plan) {
            std::lock_guard<std::mutex> lock(mutex_);
            latest_ = plan;
            ++state_.versions;
            return true;
        },
        [this](const std::string& status) {
            std::lock_guard<std::mutex> lock(mutex_);
            state_.status = status;
        });
    if (!followed) {
        std::lock_guard<std::mutex> lock(mutex_);
        state_.failed = followed.error();
    }
}

}  // namespace seawatch::station
