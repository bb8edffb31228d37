#include "seawatch/station/plan_link.hpp"

#include <utility>

#include "seawatch/station/pg.hpp"
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
    return link;
}

PlanLink::~PlanLink() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
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
