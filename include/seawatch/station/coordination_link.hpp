#pragma once
// The console's live link to a station's coordination log: what others post arrives within a
// second (LISTEN/NOTIFY, through followLog), and what this station posts goes through the
// outbox, so a post made while the server is away is kept and sent when it is back.
//
// Threading: the link owns two worker threads, a follower (followLog) and a sender (the
// outbox, flushed on every post and every few seconds while entries wait). post(), drain()
// and state() are called from one other thread (the console's UI thread); they only touch
// data behind the link's mutex and never block on the network. The destructor stops and
// joins both threads (within ~a quarter of a second, or a connect timeout at worst).
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/station/coordination_log.hpp"

namespace seawatch::station {

struct CoordinationState {
    std::string status;                // the last connection news ("connected to …", "lost: …")
    bool following = false;            // connected and live (false while reconnecting)
    std::size_t queued = 0;            // posts not yet confirmed by the server
    std::vector<std::string> refused;  // "id: reason" for posts the server refused
    std::string failed;  // set when following stopped for good (a refused password, …)
};

class CoordinationLink {
  public:
    // Starts following `target` (a postgresql:// URI or libpq words, no password: libpq's
    // ~/.pgpass and PG* variables supply it) with the last `lastN` entries, and opens the
    // outbox at `outboxPath`.
    static Result<std::unique_ptr<CoordinationLink>> open(const std::string& target,
                                                          const std::filesystem::path& outboxPath,
                                                          std::size_t lastN = 50);
    ~CoordinationLink();
    CoordinationLink(const CoordinationLink&) = delete;
    CoordinationLink& operator=(const CoordinationLink&) = delete;

    // Checks the entry (one sentence naming the field when it is wrong), gives it an id, and
    // hands it to the sender, which keeps it in the outbox before it sends it.
    Result<std::string> post(LogEntry entry);
    // Entries that arrived since the last call, in arrival order (this station's own posts
    // come back this way too, stamped by the server).
    std::vector<LogEntry> drain();
    // Whether drain() has something, without taking it (the console wakes for it).
    bool hasArrivals() const;
    CoordinationState state() const;
    const std::string& target() const { return target_; }

    // Only open() makes links (the threads start there); the key keeps the constructor so.
    class Key {
        friend class CoordinationLink;
        Key() = default;
    };
    CoordinationLink(Key, std::string target, std::filesystem::path outboxPath);

  private:
    void runFollower(std::size_t lastN);
    void runSender();

    const std::string target_;
    const std::filesystem::path outboxPath_;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::condition_variable wake_;   // the sender: a new post, or stop
    std::deque<LogEntry> toQueue_;   // posted, not yet in the outbox
    std::vector<LogEntry> arrived_;  // followed, not yet drained
    CoordinationState state_;
    std::thread follower_, sender_;
};

}  // namespace seawatch::station
