#pragma once
// Live and recorded AIS sources. Each feed runs on its own thread, decodes, and pushes
// fixes and static data into a TrackInbox; the UI thread never waits on a feed.
//   file replay  "path/to/log.nmea"   at recorded time, 1x..3600x, pausable
//   UDP          "udp://0.0.0.0:10110"  (OpenCPN's port; port 0 picks a free one)
//   TCP client   "tcp://host:port"      reconnects with back-off
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "seawatch/ais/decoder.hpp"
#include "seawatch/ais/track_store.hpp"
#include "seawatch/common/result.hpp"

namespace seawatch::ais {

enum class FeedState : std::uint8_t { Starting, Running, Reconnecting, Finished, Failed };

class AisFeed {
  public:
    AisFeed(const AisFeed&) = delete;
    AisFeed& operator=(const AisFeed&) = delete;
    virtual ~AisFeed();

    // Stops the thread and waits for it (at most one poll interval, ~100 ms).
    void stop();
    const std::string& name() const { return name_; }
    FeedState state() const { return state_.load(); }
    std::string lastError() const;
    // A copy of the decoder counters, refreshed every few hundred lines and at the end.
    DecodeStats stats() const;
    std::uint64_t messages() const { return messages_.load(); }

  protected:
    AisFeed(std::string name, TrackInbox& inbox) : name_(std::move(name)), inbox_(inbox) {}
    // Starts run() on the feed thread; derived constructors call it last.
    void start();
    virtual void run(std::stop_token stop) = 0;
    // Decodes a line and pushes its content; `fallbackTime` is used when the line has none.
    void handleLine(std::string_view line, time::UnixMillis fallbackTime);
    void publishStats();
    void setError(std::string message);

    std::atomic<FeedState> state_{FeedState::Starting};
    AisDecoder decoder_;

  private:
    std::string name_;
    TrackInbox& inbox_;
    std::jthread thread_;
    mutable std::mutex mutex_;
    DecodeStats statsCopy_;
    std::string error_;
    std::atomic<std::uint64_t> messages_{0};
    std::uint64_t linesSincePublish_ = 0;
};

// Replays a recorded file at its recorded time (tag block c:, trailing Unix ms, $PGHP,
// USCG time of day). Lines timed before the replay clock go out at once; a jump forward of
// more than kMaxReplayGapMs (a recording gap, or one wild satellite timestamp) is skipped.
inline constexpr time::UnixMillis kMaxReplayGapMs = 10 * time::kMillisPerMinute;

class ReplayFeed final : public AisFeed {
  public:
    ReplayFeed(std::string path, TrackInbox& inbox, double speed = 1.0);
    ~ReplayFeed() override;
    void setSpeed(double speed);  // clamped to 1..3600
    double speed() const { return speed_.load(); }
    void setPaused(bool paused) { paused_.store(paused); }
    bool paused() const { return paused_.load(); }
    // The recorded time the replay has reached (kNoTime before the first timed line).
    time::UnixMillis replayTime() const { return replayTime_.load(); }

  private:
    void run(std::stop_token stop) override;
    std::string path_;
    std::atomic<double> speed_;
    std::atomic<bool> paused_{false};
    std::atomic<time::UnixMillis> replayTime_{kNoTime};
};

class UdpFeed final : public AisFeed {
  public:
    // Binds before returning, so the port is known (and errors are reported) at once.
    static Result<std::unique_ptr<UdpFeed>> open(const std::string& host, std::uint16_t port,
                                                 TrackInbox& inbox);
    ~UdpFeed() override;
    std::uint16_t port() const { return port_; }

  private:
    UdpFeed(int socket, std::uint16_t port, TrackInbox& inbox);
    void run(std::stop_token stop) override;
    int socket_;
    std::uint16_t port_;
};

class TcpFeed final : public AisFeed {
  public:
    TcpFeed(std::string host, std::uint16_t port, TrackInbox& inbox);
    ~TcpFeed() override;

  private:
    void run(std::stop_token stop) override;
    std::string host_;
    std::uint16_t port_;
};

// The console's AIS sources: "Add AIS source…" calls add(), each frame calls
// drainInto(store), and the status bar shows messageRate(). Owned by the UI thread.
class FeedSet {
  public:
    FeedSet() = default;
    FeedSet(const FeedSet&) = delete;
    FeedSet& operator=(const FeedSet&) = delete;
    ~FeedSet() { stopAll(); }

    // Opens and starts a source ("udp://…", "tcp://…" or a file to replay).
    Status add(const std::string& source, double replaySpeed = 1.0);
    // Moves everything the feeds produced into the store; returns the item count.
    std::size_t drainInto(TrackStore& store, std::chrono::steady_clock::time_point now =
                                                 std::chrono::steady_clock::now());
    // Reports per second over the last few seconds of drains.
    double messageRate() const { return rate_; }
    const std::vector<std::unique_ptr<AisFeed>>& feeds() const { return feeds_; }
    void stopAll();

  private:
    TrackInbox inbox_;
    std::vector<std::unique_ptr<AisFeed>> feeds_;
    std::chrono::steady_clock::time_point windowStart_{};
    std::uint64_t windowCount_ = 0;
    double rate_ = 0;
};

// Opens a feed from a source string: "udp://HOST:PORT", "tcp://HOST:PORT" or a file path.
Result<std::unique_ptr<AisFeed>> openFeed(const std::string& source, TrackInbox& inbox,
                                          double replaySpeed = 1.0);

// Current wall-clock time in UnixMillis.
time::UnixMillis nowMillis();

}  // namespace seawatch::ais
