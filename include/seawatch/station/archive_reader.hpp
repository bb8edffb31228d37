#pragma once
// The console's reader of the station's AIS archive: "Replay around" an incident and the
// archive window read the fixes on the server (queryAisArchive) when the workspace is a
// station, on a worker thread, so the console never waits on the network.
//
// One read at a time, each on a fresh connection: a replay is a rare, deliberate act, and
// a connection kept for it would only go stale between reads. A read asked for while one is
// under way waits; a newer one replaces it (the user asked again), and the answer says which
// request it is for.
//
// Threading: the reader owns one worker thread. request(), take() and busy() are called from
// one other thread (the console's UI thread); they only touch data behind the reader's mutex
// and never wait on the network. The destructor joins the worker after the read under way
// (bounded by the connect timeout and the server's answer).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "seawatch/ais/archive_query.hpp"
#include "seawatch/common/result.hpp"

namespace seawatch::station {

struct ArchiveAnswer {
    std::uint64_t ticket = 0;  // request()'s number for the read this answers
    Result<ais::ArchiveQueryResult> fixes = makeError("not read");
};

class ArchiveReader {
  public:
    // Reads from `target` (a postgresql:// URI or libpq words, no password). Connects only
    // when asked to read.
    static Result<std::unique_ptr<ArchiveReader>> open(const std::string& target);
    ~ArchiveReader();
    ArchiveReader(const ArchiveReader&) = delete;
    ArchiveReader& operator=(const ArchiveReader&) = delete;

    // Asks for the fixes matching `q`; returns the ticket its answer will carry.
    std::uint64_t request(const ais::ArchiveQuery& q);
    // The answer to the newest request, once it is in (older answers are dropped).
    std::optional<ArchiveAnswer> take();
    // A read is waiting or under way.
    bool busy() const;
    const std::string& target() const { return target_; }

    class Key {
        friend class ArchiveReader;
        Key() = default;
    };
    ArchiveReader(Key, std::string target);

  private:
    void run();

    const std::string target_;
    mutable std::mutex mutex_;
    std::condition_variable wanted_;
    std::atomic<bool> stop_{false};
    std::optional<ais::ArchiveQuery> toRead_;
    std::uint64_t lastTicket_ = 0;
    std::uint64_t readingTicket_ = 0;  // 0: none under way
    std::optional<ArchiveAnswer> answer_;
    std::thread thread_;
};

}  // namespace seawatch::station
