#include "seawatch/station/plan_link.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "seawatch/station/outbox.hpp"
#include "seawatch/station/pg.hpp"
#include "seawatch/station/schema.hpp"
#include "seawatch/station/shared_plans.hpp"

namespace seawatch::station {

PlanLink::PlanLink(Key, std::string target, std::string name, std::filesystem::path outbox)
    : target_(std::move(target)), name_(std::move(name)), outboxPath_(std::move(outbox)) {}

Result<std::unique_ptr<PlanLink>> PlanLink::open(const std::string& target, const std::string& name,
                                                 std::filesystem::path outbox) {
    if (auto ok = rejectPasswordInTarget(target); !ok) return makeError(ok.error());
    if (name.empty()) return makeError("which plan to follow: its name is empty");
    if (outbox.empty()) outbox = defaultOutboxPath();
    auto link = std::make_unique<PlanLink>(Key{}, target, name, std::move(outbox));
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

namespace {

constexpr const char* kPlanKind = "plan";

// A waiting push of plan `name` in the outbox: its items are "NAME#N", N unique per push.
class WaitingPushes {
  public:
    WaitingPushes(Outbox* outbox, std::string target, const std::string& name)
        : outbox_(outbox), target_(std::move(target)), prefix_(name + "#") {}

    // The newest push kept by an earlier run, if any.
    std::optional<zones::Plan> newest(std::string& note) const {
        if (!outbox_) return std::nullopt;
        auto items = mine();
        if (!items || items->empty()) return std::nullopt;
        auto plan = zones::parsePlan(items->back().payload, "outbox " + items->back().id);
        if (!plan) {
            note = "a push kept in the outbox could not be read: " + plan.error();
            return std::nullopt;
        }
        return std::move(plan).value();
    }
    // Keeps `plan` as the one waiting push (a newer one first, then the older ones go, so a
    // crash in between leaves two and the newer wins).
    void keep(const zones::Plan& plan) {
        if (!outbox_) return;
        const std::string id =
            prefix_ + std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
        if (!outbox_->addItems({{0, kPlanKind, id, target_, zones::writePlan(plan)}})) return;
        auto items = mine();
        if (!items || items->empty()) return;
        std::vector<std::int64_t> older;
        for (std::size_t i = 0; i + 1 < items->size(); ++i) older.push_back((*items)[i].queueNo);
        (void)outbox_->removeItems(older);
    }
    // The push is done (sent or refused): none waits any more.
    void clear() {
        if (!outbox_) return;
        auto items = mine();
        if (!items) return;
        std::vector<std::int64_t> all;
        for (const auto& item : *items) all.push_back(item.queueNo);
        (void)outbox_->removeItems(all);
    }

  private:
    Result<std::vector<OutboxItem>> mine() const {
        auto items = outbox_->pendingItems(target_, 1000, {kPlanKind});
        if (!items) return items;
        std::erase_if(*items, [&](const OutboxItem& i) { return !i.id.starts_with(prefix_); });
        return items;
    }

    Outbox* outbox_;
    std::string target_;
    std::string prefix_;
};

}  // namespace

// One push at a time, each on a fresh connection: a push is a rare, deliberate act, and a
// connection kept open for it would only go stale between pushes. A push the station could
// not be reached for is kept in the outbox and tried again after a back-off; a newer push
// replaces it.
void PlanLink::runPushes() {
    constexpr auto kFirstRetry = std::chrono::milliseconds(250);
    constexpr auto kLastRetry = std::chrono::milliseconds(5000);
    auto retryAfter = std::chrono::milliseconds(0);
    auto outbox = Outbox::open(outboxPath_);
    WaitingPushes kept(outbox ? &*outbox : nullptr, target_, name_);
    std::string note =
        outbox ? "" : "; it is not kept if the console closes (" + outbox.error() + ")";
    // A push an earlier run could not send goes first.
    std::optional<zones::Plan> waiting = kept.newest(note);
    bool waitingKept = waiting.has_value();
    if (waiting) {
        std::lock_guard<std::mutex> lock(mutex_);
        state_.pushQueued = true;
        state_.pushResult = "sending the push kept while the station was away";
    }
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
                waitingKept = false;
            } else {
                plan = std::move(*waiting);
                retryAfter = std::clamp(retryAfter * 2, kFirstRetry, kLastRetry);
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
        const bool unreachable = !sent && failure.kind == FailureKind::Unreachable;
        // The outbox is written outside the lock: the UI thread never waits on the disk.
        if (unreachable && !waitingKept) {
            kept.keep(plan);
            waitingKept = true;
        } else if (!unreachable) {
            kept.clear();
        }
        std::lock_guard<std::mutex> lock(mutex_);
        state_.pushing = toPush_.has_value();
        if (unreachable) {
            state_.pushQueued = true;
            state_.pushResult = "not pushed yet: " + result +
                                "; it is pushed when the station answers" +
                                (note.empty() ? " (kept in the outbox)" : note);
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
