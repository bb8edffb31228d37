#include "seawatch/ais/feeds.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "seawatch/ais/line_reader.hpp"

namespace seawatch::ais {
namespace {

constexpr int kPollMs = 100;

// Splits a byte stream into lines across reads.
class LineSplitter {
  public:
    template <typename F>
    void feed(std::string_view bytes, F&& onLine) {
        pending_.append(bytes);
        std::size_t start = 0;
        while (true) {
            const std::size_t nl = pending_.find('\n', start);
            if (nl == std::string::npos) break;
            onLine(std::string_view(pending_).substr(start, nl - start));
            start = nl + 1;
        }
        pending_.erase(0, start);
        if (pending_.size() > 64 * 1024) pending_.clear();  // no newline in 64 KiB: junk
    }
    void clear() { pending_.clear(); }

  private:
    std::string pending_;
};

bool parseHostPort(std::string_view rest, std::string& host, std::uint16_t& port) {
    const std::size_t colon = rest.rfind(':');
    if (colon == std::string_view::npos) return false;
    host = std::string(rest.substr(0, colon));
    const std::string p(rest.substr(colon + 1));
    char* end = nullptr;
    const long v = std::strtol(p.c_str(), &end, 10);
    if (p.empty() || *end != '\0' || v < 0 || v > 65535) return false;
    port = static_cast<std::uint16_t>(v);
    return !host.empty();
}

}  // namespace

time::UnixMillis nowMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

AisFeed::~AisFeed() = default;

void AisFeed::start() {
    thread_ = std::jthread([this](std::stop_token st) { run(st); });
}

void AisFeed::stop() {
    if (thread_.joinable()) {
        thread_.request_stop();
        thread_.join();
    }
}

std::string AisFeed::lastError() const {
    const std::lock_guard lock(mutex_);
    return error_;
}

DecodeStats AisFeed::stats() const {
    const std::lock_guard lock(mutex_);
    return statsCopy_;
}

void AisFeed::setError(std::string message) {
    const std::lock_guard lock(mutex_);
    error_ = std::move(message);
}

void AisFeed::publishStats() {
    const std::lock_guard lock(mutex_);
    statsCopy_ = decoder_.stats();
    linesSincePublish_ = 0;
}

void AisFeed::handleLine(std::string_view line, time::UnixMillis fallbackTime) {
    const AisMessage* m = decoder_.decodeLine(line);
    if (m) {
        const time::UnixMillis t = m->meta.time != kNoTime ? m->meta.time : fallbackTime;
        if (auto fix = toPositionFix(*m, t)) inbox_.push(*fix);
        if (auto st = toVesselStatic(*m)) inbox_.push(*st);
        messages_.fetch_add(1, std::memory_order_relaxed);
    }
    if (++linesSincePublish_ >= 256) publishStats();
}

// ---- Replay ----------------------------------------------------------------------------

ReplayFeed::ReplayFeed(std::string path, TrackInbox& inbox, double speed)
    : AisFeed("replay:" + path, inbox),
      path_(std::move(path)),
      speed_(std::clamp(speed, 1.0, 3600.0)) {
    start();
}

ReplayFeed::~ReplayFeed() {
    stop();
}

void ReplayFeed::setSpeed(double speed) {
    speed_.store(std::clamp(speed, 1.0, 3600.0));
}

void ReplayFeed::run(std::stop_token stop) {
    std::FILE* f = std::fopen(path_.c_str(), "rb");
    if (!f) {
        setError("cannot read " + path_ + ": " + std::strerror(errno));
        state_ = FeedState::Failed;
        return;
    }
    state_ = FeedState::Running;
    LineReader reader(f);
    using Clock = std::chrono::steady_clock;
    // The replay clock: recorded time `anchorRecorded` corresponds to `anchorWall`; it is
    // re-anchored whenever speed changes or a pause ends so neither causes a jump.
    time::UnixMillis anchorRecorded = kNoTime;
    Clock::time_point anchorWall = Clock::now();
    double anchorSpeed = speed_.load();
    std::string_view line;
    while (!stop.stop_requested() && reader.next(line)) {
        const ParsedLine peek = parseLine(line);
        time::UnixMillis t = peek.meta.time;
        if (t == kNoTime && peek.meta.timeOfDayMs >= 0 && decoder_.lastTime() != kNoTime)
            t = dateTimeOfDay(decoder_.lastTime(), peek.meta.timeOfDayMs);
        if (t != kNoTime) {
            if (anchorRecorded == kNoTime) {
                anchorRecorded = t;
                anchorWall = Clock::now();
            }
            while (!stop.stop_requested()) {
                if (paused_.load()) {
                    // Time spent paused does not advance the replay clock.
                    const auto pauseStart = Clock::now();
                    std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
                    anchorWall += Clock::now() - pauseStart;
                    continue;
                }
                const double sp = speed_.load();
                const auto now = Clock::now();
                if (sp != anchorSpeed) {
                    // Re-anchor at the current replay position.
                    const double elapsed =
                        std::chrono::duration<double, std::milli>(now - anchorWall).count();
                    anchorRecorded += static_cast<time::UnixMillis>(elapsed * anchorSpeed);
                    anchorWall = now;
                    anchorSpeed = sp;
                }
                // A recording gap (or one wild timestamp, common in satellite AIS) longer
                // than kMaxReplayGapMs is skipped rather than waited out.
                const double replayNow =
                    static_cast<double>(anchorRecorded) +
                    std::chrono::duration<double, std::milli>(now - anchorWall).count() * sp;
                if (static_cast<double>(t) - replayNow > static_cast<double>(kMaxReplayGapMs)) {
                    anchorRecorded = t;
                    anchorWall = now;
                }
                const double dueMs = static_cast<double>(t - anchorRecorded) / sp;
                const auto due =
                    anchorWall + std::chrono::microseconds(static_cast<std::int64_t>(dueMs * 1000));
                if (due <= now) break;
                std::this_thread::sleep_for(
                    std::min<Clock::duration>(due - now, std::chrono::milliseconds(kPollMs)));
            }
            replayTime_.store(std::max(replayTime_.load(), t));
        }
        const time::UnixMillis fallback =
            decoder_.lastTime() != kNoTime ? decoder_.lastTime() : nowMillis();
        handleLine(line, fallback);
    }
    if (reader.failed()) setError("read error on " + path_);
    std::fclose(f);
    publishStats();
    state_ = FeedState::Finished;
}

// ---- UDP -------------------------------------------------------------------------------

Result<std::unique_ptr<UdpFeed>> UdpFeed::open(const std::string& host, std::uint16_t port,
                                               TrackInbox& inbox) {
    const int s = ::socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0) return makeError(std::string("udp socket: ") + std::strerror(errno));
    const int yes = 1;
    ::setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
        ::close(s);
        return makeError("udp: not an IPv4 address: " + host);
    }
    if (::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        const std::string err = std::strerror(errno);
        ::close(s);
        return makeError("udp bind " + host + ":" + std::to_string(port) + ": " + err);
    }
    socklen_t len = sizeof addr;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
    return std::unique_ptr<UdpFeed>(new UdpFeed(s, ntohs(addr.sin_port), inbox));
}

UdpFeed::UdpFeed(int socket, std::uint16_t port, TrackInbox& inbox)
    : AisFeed("udp://0.0.0.0:" + std::to_string(port), inbox), socket_(socket), port_(port) {
    start();
}

UdpFeed::~UdpFeed() {
    stop();
    ::close(socket_);
}

void UdpFeed::run(std::stop_token stop) {
    state_ = FeedState::Running;
    std::vector<char> buf(65536);
    LineSplitter splitter;
    while (!stop.stop_requested()) {
        pollfd p{socket_, POLLIN, 0};
        const int r = ::poll(&p, 1, kPollMs);
        if (r <= 0) {
            if (r == 0) publishStats();
            continue;
        }
        const ssize_t n = ::recv(socket_, buf.data(), buf.size(), 0);
        if (n <= 0) continue;
        // A datagram holds whole sentences; a missing final newline still ends a line.
        splitter.feed(std::string_view(buf.data(), static_cast<std::size_t>(n)),
                      [&](std::string_view line) { handleLine(line, nowMillis()); });
        splitter.feed("\n", [&](std::string_view line) {
            if (!line.empty()) handleLine(line, nowMillis());
        });
        publishStats();
    }
    publishStats();
    state_ = FeedState::Finished;
}

// ---- TCP -------------------------------------------------------------------------------

TcpFeed::TcpFeed(std::string host, std::uint16_t port, TrackInbox& inbox)
    : AisFeed("tcp://" + host + ":" + std::to_string(port), inbox),
      host_(std::move(host)),
      port_(port) {
    start();
}

TcpFeed::~TcpFeed() {
    stop();
}

void TcpFeed::run(std::stop_token stop) {
    int backoffMs = 500;
    std::vector<char> buf(65536);
    while (!stop.stop_requested()) {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* res = nullptr;
        int s = -1;
        if (::getaddrinfo(host_.c_str(), std::to_string(port_).c_str(), &hints, &res) == 0) {
            for (addrinfo* a = res; a && s < 0; a = a->ai_next) {
                s = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
                if (s >= 0 && ::connect(s, a->ai_addr, a->ai_addrlen) != 0) {
                    setError("tcp connect " + name() + ": " + std::strerror(errno));
                    ::close(s);
                    s = -1;
                }
            }
            ::freeaddrinfo(res);
        } else {
            setError("tcp: cannot resolve " + host_);
        }
        if (s >= 0) {
            state_ = FeedState::Running;
            backoffMs = 500;
            LineSplitter splitter;
            while (!stop.stop_requested()) {
                pollfd p{s, POLLIN, 0};
                const int r = ::poll(&p, 1, kPollMs);
                if (r < 0) break;
                if (r == 0) {
                    publishStats();
                    continue;
                }
                const ssize_t n = ::recv(s, buf.data(), buf.size(), 0);
                if (n <= 0) {
                    setError("tcp " + name() + ": connection closed");
                    break;
                }
                splitter.feed(std::string_view(buf.data(), static_cast<std::size_t>(n)),
                              [&](std::string_view line) { handleLine(line, nowMillis()); });
            }
            ::close(s);
            publishStats();
        }
        if (stop.stop_requested()) break;
        state_ = FeedState::Reconnecting;
        // Back off (0.5 s doubling to 30 s) while staying responsive to stop().
        for (int waited = 0; waited < backoffMs && !stop.stop_requested(); waited += kPollMs)
            std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
        backoffMs = std::min(backoffMs * 2, 30000);
    }
    state_ = FeedState::Finished;
}

Status FeedSet::add(const std::string& source, double replaySpeed) {
    auto feed = openFeed(source, inbox_, replaySpeed);
    if (!feed) return makeError(feed.error());
    feeds_.push_back(std::move(feed.value()));
    return {};
}

std::size_t FeedSet::drainInto(TrackStore& store, std::chrono::steady_clock::time_point now) {
    const std::size_t n = inbox_.drainInto(store);
    // The rate is re-estimated every two seconds so the status bar does not flicker.
    if (windowStart_ == std::chrono::steady_clock::time_point{}) windowStart_ = now;
    windowCount_ += n;
    const double span = std::chrono::duration<double>(now - windowStart_).count();
    if (span >= 2.0) {
        rate_ = static_cast<double>(windowCount_) / span;
        windowStart_ = now;
        windowCount_ = 0;
    }
    return n;
}

void FeedSet::stopAll() {
    for (auto& f : feeds_) f->stop();
}

Result<std::unique_ptr<AisFeed>> openFeed(const std::string& source, TrackInbox& inbox,
                                          double replaySpeed) {
    std::string host;
    std::uint16_t port = 0;
    if (source.rfind("udp://", 0) == 0) {
        if (!parseHostPort(std::string_view(source).substr(6), host, port))
            return makeError("bad UDP source (want udp://HOST:PORT): " + source);
        auto feed = UdpFeed::open(host, port, inbox);
        if (!feed) return makeError(feed.error());
        return std::unique_ptr<AisFeed>(std::move(feed.value()));
    }
    if (source.rfind("tcp://", 0) == 0) {
        if (!parseHostPort(std::string_view(source).substr(6), host, port) || port == 0)
            return makeError("bad TCP source (want tcp://HOST:PORT): " + source);
        return std::unique_ptr<AisFeed>(std::make_unique<TcpFeed>(host, port, inbox));
    }
    std::FILE* probe = std::fopen(source.c_str(), "rb");
    if (!probe) return makeError("cannot read " + source + ": " + std::strerror(errno));
    std::fclose(probe);
    return std::unique_ptr<AisFeed>(std::make_unique<ReplayFeed>(source, inbox, replaySpeed));
}

}  // namespace seawatch::ais
