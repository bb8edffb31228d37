#pragma once
// Live and recorded AIS sources. Each feed runs on its own thread, decodes, and pushes
// fixes and static data into a TrackInbox in batches; the UI thread never waits on a feed
// and a feed never waits on the UI.
//   file replay  "path/to/log.nmea"   at recorded time, 1x..3600x, pausable (or unpaced)
//   UDP          "udp://0.0.0.0:10110"  (OpenCPN's port; port 0 picks a free one; host names
//                                        such as localhost resolve)
//   TCP client   "tcp://host:port"      reconnects with back-off
//
// Threading: everything a feed counts is an atomic or copied under the feed's mutex once
// per batch (a recvmmsg call, a TCP read, 1024 replayed lines), never once per sentence.
// Another source (an archive replay, say) derives from AisFeed, fills its batch with
// addFix()/addStatic() or decodeLine(), and calls flushBatch().
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
#include "seawatch/ais/vessel_picking.hpp"
#include "seawatch/common/result.hpp"

namespace seawatch::ais {

enum class FeedState : std::uint8_t { Starting, Running, Reconnecting, Finished, Failed };
const char* feedStateText(FeedState state);

class AisFeed {
  public:
    AisFeed(const AisFeed&) = delete;
    AisFeed& operator=(const AisFeed&) = delete;
    virtual ~AisFeed();

    // Stops the thread and waits for it (at most one poll interval, ~100 ms).
    void stop();
    // What the feed really is: a UDP feed names the address it bound, not the one asked for.
    const std::string& name() const { return name_; }
    FeedState state() const { return state_.load(); }
    std::string lastError() const;
    // Something the operator should know that is not a failure (a capped receive buffer).
    std::string warning() const;
    // A copy of the decoder counters, refreshed once per batch and at the end.
    DecodeStats stats() const;
    std::uint64_t messages() const { return messages_.load(std::memory_order_relaxed); }
    // Sentences (non-empty lines) received: what the socket or file delivered.
    std::uint64_t sentences() const { return sentences_.load(std::memory_order_relaxed); }
    // Datagrams the kernel dropped because the receive buffer was full (UDP, SO_RXQ_OVFL).
    std::uint64_t kernelDrops() const { return kernelDrops_.load(std::memory_order_relaxed); }

  protected:
    AisFeed(std::string name, TrackInbox& inbox) : name_(std::move(name)), inbox_(inbox) {}
    // Starts run() on the feed thread; derived constructors call it last.
    void start();
    virtual void run(std::stop_token stop) = 0;
    // Decodes a line into the batch; `fallbackTime` is used when the line has no time.
    void decodeLine(std::string_view line, time::UnixMillis fallbackTime);
    // Decodes every line of a buffer (split at CR or LF, empty lines skipped).
    void decodeLines(std::string_view text, time::UnixMillis fallbackTime);
    void addFix(const PositionFix& fix) { batch_.fixes.push_back(fix); }
    void addStatic(const VesselStatic& info) { batch_.statics.push_back(info); }
    // Hands the batch to the inbox and publishes the counters.
    void flushBatch();
    void setError(std::string message);
    void setWarning(std::string message);
    void setName(std::string name) { name_ = std::move(name); }  // before start() only
    void addKernelDrops(std::uint64_t n) { kernelDrops_.fetch_add(n, std::memory_order_relaxed); }

    std::atomic<FeedState> state_{FeedState::Starting};
    AisDecoder decoder_;

  private:
    std::string name_;
    TrackInbox& inbox_;
    InboxBatch batch_;
    std::jthread thread_;
    mutable std::mutex mutex_;
    DecodeStats statsCopy_;
    std::string error_;
    std::string warning_;
    std::atomic<std::uint64_t> messages_{0};
    std::atomic<std::uint64_t> sentences_{0};
    std::atomic<std::uint64_t> kernelDrops_{0};
    std::uint64_t pendingMessages_ = 0;
    std::uint64_t pendingSentences_ = 0;
};

// Replays a recorded file at its recorded time (tag block c:, trailing Unix ms, $PGHP,
// USCG time of day). Lines timed before the replay clock go out at once; a jump forward of
// more than kMaxReplayGapMs (a recording gap, or one wild satellite timestamp) is skipped.
// A speed of kUnpaced reads the file as fast as it decodes (a batch analysis, a test).
inline constexpr time::UnixMillis kMaxReplayGapMs = 10 * time::kMillisPerMinute;
inline constexpr double kUnpaced = 0.0;

class ReplayFeed final : public AisFeed {
  public:
    ReplayFeed(std::string path, TrackInbox& inbox, double speed = 1.0);
    ~ReplayFeed() override;
    void setSpeed(double speed);  // clamped to 1..3600; kUnpaced: no pacing
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

// What the UDP feed asks the kernel for: 8 MiB is about 80 ms of traffic at 100k sentences
// a second (each datagram costs its size plus ~700 bytes of kernel bookkeeping).
inline constexpr int kDefaultUdpReceiveBuffer = 8 << 20;

class UdpFeed final : public AisFeed {
  public:
    // Resolves `host` (a name or an address), binds before returning, so the port is known
    // (and errors are reported) at once.
    static Result<std::unique_ptr<UdpFeed>> open(const std::string& host, std::uint16_t port,
                                                 TrackInbox& inbox,
                                                 int receiveBufferBytes = kDefaultUdpReceiveBuffer);
    ~UdpFeed() override;
    std::uint16_t port() const { return port_; }
    // The receive buffer the kernel granted, in bytes of payload.
    int receiveBufferBytes() const { return receiveBuffer_; }

  private:
    UdpFeed(int socket, std::string boundName, std::uint16_t port, int receiveBuffer,
            TrackInbox& inbox);
    void run(std::stop_token stop) override;
    int socket_;
    std::uint16_t port_;
    int receiveBuffer_;
};

class TcpFeed final : public AisFeed {
  public:
    TcpFeed(std::string host, std::uint16_t port, TrackInbox& inbox);
    ~TcpFeed() override;

  private:
    void run(std::stop_token stop) override;
    int connectOnce();
    std::string host_;
    std::uint16_t port_;
};

// The one set of AIS sources a live picture has: add() opens them, takeAll() hands what they
// decoded to the picture, and messageRate() is what the sockets and files delivered per
// second over the last ten seconds. Owned by one thread (the UI or the command's).
class FeedSet {
  public:
    FeedSet() = default;
    FeedSet(const FeedSet&) = delete;
    FeedSet& operator=(const FeedSet&) = delete;
    ~FeedSet() { stopAll(); }

    // Opens and starts a source ("udp://…", "tcp://…" or a file to replay).
    Status add(const std::string& source, double replaySpeed = 1.0);
    // Another kind of source, built over inbox().
    void adopt(std::unique_ptr<AisFeed> feed) { feeds_.push_back(std::move(feed)); }
    TrackInbox& inbox() { return inbox_; }
    // Everything the feeds produced so far, and a rate sample at `now`.
    void takeAll(InboxBatch& out,
                 std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
    // takeAll() straight into a store; returns the item count.
    std::size_t drainInto(TrackStore& store, std::chrono::steady_clock::time_point now =
                                                 std::chrono::steady_clock::now());
    // Sentences per second the sources delivered over the last ten seconds.
    double messageRate() const { return rate_.ratePerSecond(); }
    std::uint64_t sentences() const;
    std::uint64_t kernelDrops() const;
    const std::vector<std::unique_ptr<AisFeed>>& feeds() const { return feeds_; }
    bool allFinished() const;
    void stopAll();

  private:
    // The inbox outlives the feeds that push into it (members die in reverse order).
    TrackInbox inbox_;
    std::vector<std::unique_ptr<AisFeed>> feeds_;
    MessageRateMeter rate_{10.0};
    std::chrono::steady_clock::time_point epoch_ = std::chrono::steady_clock::now();
};

// Opens a feed from a source string: "udp://HOST:PORT", "tcp://HOST:PORT" or a file path.
Result<std::unique_ptr<AisFeed>> openFeed(const std::string& source, TrackInbox& inbox,
                                          double replaySpeed = 1.0);

// The wall clock in UnixMillis (time::wallClockNow()).
time::UnixMillis nowMillis();

}  // namespace seawatch::ais
