#pragma once
// The console's live link to a SHADE plan shared on a station: followPlan on a worker thread,
// so the plan view shows each new version of the plan within a second of its push, and keeps
// showing the last one while the server is away (followPlan reconnects with back-off).
//
// Threading: the link owns one worker thread. take(), hasNewPlan() and state() are called
// from one other thread (the console's UI thread); they only touch data behind the link's
// mutex and never wait on the network. The destructor stops and joins the worker within
// ~a quarter of a second (or a connect timeout).
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "seawatch/common/result.hpp"
#include "seawatch/zones/plan.hpp"

namespace seawatch::station {

struct PlanLinkState {
    std::string status;  // connection news ("following plan …", "…; reconnecting")
    int versions = 0;    // plans received since open()
    std::string failed;  // set when following stopped for good (no such plan, …)
};

class PlanLink {
  public:
    // Starts following plan `name` on `target` (a postgresql:// URI or libpq words, no
    // password).
    static Result<std::unique_ptr<PlanLink>> open(const std::string& target,
                                                  const std::string& name);
    ~PlanLink();
    PlanLink(const PlanLink&) = delete;
    PlanLink& operator=(const PlanLink&) = delete;

    // The newest version received since the last call, if any (older ones are dropped).
    std::optional<zones::Plan> take();
    bool hasNewPlan() const;
    PlanLinkState state() const;
    const std::string& name() const { return name_; }

    class Key {
        friend class PlanLink;
        Key() = default;
    };
    PlanLink(Key, std::string target, std::string name);

  private:
    void run();

    const std::string target_;
    const std::string name_;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::optional<zones::Plan> latest_;
    PlanLinkState state_;
    std::thread thread_;
};

}  // namespace seawatch::station
