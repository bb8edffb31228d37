#pragma once
// The console's live link to a SHADE plan shared on a station: followPlan on a worker thread,
// so the plan view shows each new version of the plan within a second of its push, and keeps
// showing the last one while the server is away (followPlan reconnects with back-off).
//
// It also pushes this console's edits (push()): pushPlan on a second worker, so the planner's
// Push never waits on the network either; row-level security on the station decides what
// this station may change, and a refusal comes back in words. A push the station cannot be
// reached for waits and is tried again with back-off (250 ms doubling to 5 s) until the
// station answers or a newer push replaces it. It waits in the outbox (outbox.hpp, kind
// "plan"), so a console closed meanwhile sends it when it next follows the plan.
//
// Threading: the link owns two worker threads (following, pushing). take(), hasNewPlan(),
// push() and state() are called from one other thread (the console's UI thread); they only
// touch data behind the link's mutex and never wait on the network. The destructor stops and
// joins the workers within ~a quarter of a second (or a connect timeout, or the push under
// way).
#include <atomic>
#include <condition_variable>
#include <filesystem>
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
    // The last push: under way, then what it did ("2 changed, …") or why it was refused.
    bool pushing = false;
    // The station could not be reached for the last push: it waits and is tried again;
    // pushResult says why.
    bool pushQueued = false;
    int pushesDone = 0;  // pushes finished since open(), sent or refused
    bool pushSent = false;
    std::string pushResult;
};

class PlanLink {
  public:
    // Starts following plan `name` on `target` (a postgresql:// URI or libpq words, no
    // password).
    // `outbox`: where waiting pushes are kept (empty: defaultOutboxPath()).
    static Result<std::unique_ptr<PlanLink>> open(const std::string& target,
                                                  const std::string& name,
                                                  std::filesystem::path outbox = {});
    ~PlanLink();
    PlanLink(const PlanLink&) = delete;
    PlanLink& operator=(const PlanLink&) = delete;

    // The newest version received since the last call, if any (older ones are dropped).
    std::optional<zones::Plan> take();
    bool hasNewPlan() const;
    PlanLinkState state() const;
    // Makes the station's copy of the plan equal to `plan` (one transaction; nothing written
    // when a change touches another nation's record). A push asked while one is under way
    // replaces any push still waiting.
    void push(zones::Plan plan);
    const std::string& name() const { return name_; }

    class Key {
        friend class PlanLink;
        Key() = default;
    };
    PlanLink(Key, std::string target, std::string name, std::filesystem::path outbox);

  private:
    void run();
    void runPushes();

    const std::string target_;
    const std::string name_;
    const std::filesystem::path outboxPath_;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::optional<zones::Plan> latest_;
    PlanLinkState state_;
    std::optional<zones::Plan> toPush_;
    std::condition_variable pushWanted_;
    std::thread thread_;
    std::thread pusher_;
};

}  // namespace seawatch::station
