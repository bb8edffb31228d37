#include "seawatch/station/plan_link.hpp"

#include <fmt/format.h>

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
// connection kept open for it would only go stale between pushes.
void PlanLink::runPushes() {
    for (;;) {
        zones::Plan plan;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            pushWanted_.wait(lock, [this] { return stop_.load() || toPush_.has_value(); });
            if (stop_.load()) return;
            plan = std::move(*toPush_);
            toPush_.reset();
        }
        bool sent = false;
        std::string result;
        auto conn = openStation(target_);
        if (!conn) {
            result = "not pushed: " + conn.error() + "; the edits stay here";
        } else if (auto report = pushPlan(*conn, plan); !report) {
            result = "not pushed: " + report.error();
        } else {
            sent = true;
            result = fmt::format("pushed: {}{} added, {} changed, {} removed",
                                 report->createdPlan ? "created, " : "", report->inserted,
                                 report->updated, report->removed);
        }
        std::lock_guard<std::mutex> lock(mutex_);
        state_.pushing = toPush_.has_value();
        state_.pushSent = sent;
        state_.pushResult = std::move(result);
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
