#include "seawatch/ais/feeds.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "seawatch/ais/line_reader.hpp"

namespace seawatch::ais {
namespace {

constexpr int kPollMs = 100;
// Lines a replay decodes before it hands them over when nothing makes it wait.
constexpr std::size_t kReplayBatchLines = 1024;

bool parseHostPort(std::string_view rest, std::string& host, std::uint16_t& port) {
    const std::size_t colon = rest.rfind(':');
    if (colon == std::string_view::npos) return false;
    host = std::string(rest.substr(0, colon));
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);  // [::1]
    const std::string p(rest.substr(colon + 1));
    char* end = nullptr;
    const long v = std::strtol(p.c_str(), &end, 10);
    if (p.empty() || *end != '\0' || v < 0 || v > 65535) return false;
    port = static_cast<std::uint16_t>(v);
    return !host.empty();
}

// "127.0.0.1:10110" or "[::1]:10110".
std::string formatSocketAddress(const sockaddr_storage& addr) {
    char text[INET6_ADDRSTRLEN] = "?";
    if (addr.ss_family == AF_INET6) {
        const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
        ::inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
        return fmt::format("[{}]:{}", text, ntohs(a.sin6_port));
    }
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    ::inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
    return fmt::format("{}:{}", text, ntohs(a.sin_port));
}

std::uint16_t portOf(const sockaddr_storage& addr) {
    if (addr.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6&>(addr).sin6_port);
    return ntohs(reinterpret_cast<const sockaddr_in&>(addr).sin_port);
}

// Host names resolve; IPv4 answers come first, since AIS senders (OpenCPN, rtl-ais, AIS-
// catcher) send to IPv4 addresses and "localhost" must mean 127.0.0.1 to them.
Result<std::vector<addrinfo>> resolve(const std::string& host, std::uint16_t port, int socktype,
                                      bool passive,
                                      std::unique_ptr<addrinfo, void (*)(addrinfo*)>& owner) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = socktype;
    hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0);
    // Something that looks like an address is never sent to a name server.
    if (host.find_first_not_of("0123456789.") == std::string::npos ||
        host.find(':') != std::string::npos)
        hints.ai_flags |= AI_NUMERICHOST;
    addrinfo* res = nullptr;
    const int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res);
    if (rc != 0) return makeError(fmt::format("cannot resolve {}: {}", host, ::gai_strerror(rc)));
    owner.reset(res);
    std::vector<addrinfo> out;
    for (addrinfo* a = res; a; a = a->ai_next) out.push_back(*a);
    std::stable_partition(out.begin(), out.end(),
                          [](const addrinfo& a) { return a.ai_family == AF_INET; });
    return out;
}

// Asks for `bytes` of receive buffer: SO_RCVBUFFORCE where the process may (root, or
// CAP_NET_ADMIN), else SO_RCVBUF, which the kernel caps at net.core.rmem_max. Returns what
// was granted (the kernel reports twice the payload size; half of it is bookkeeping).
int setReceiveBuffer(int s, int bytes) {
    if (::setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes) != 0)
        ::setsockopt(s, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
    int granted = 0;
    socklen_t len = sizeof granted;
    ::getsockopt(s, SOL_SOCKET, SO_RCVBUF, &granted, &len);
    return granted / 2;
}

}  // namespace

const char* feedStateText(FeedState state) {
    switch (state) {
        case FeedState::Starting:
            return "starting";
        case FeedState::Running:
            return "running";
        case FeedState::Reconnecting:
            return "reconnecting";
        case FeedState::Finished:
            return "finished";
        case FeedState::Failed:
            return "failed";
    }
    return "?";
}

time::UnixMillis nowMillis() {
    return time::wallClockNow();
}

AisFeed::~AisFeed() = default;

void AisFeed::start() {
    thread_ = std::jthread([this](std::stop_token st) { run(st); });
    // Named so top -H and the ingest benchmark can tell the feed threads apart (15 chars max).
    const char* threadName = name_.rfind("udp://", 0) == 0   ? "ais-udp"
                             : name_.rfind("tcp://", 0) == 0 ? "ais-tcp"
                                                             : "ais-feed";
    ::pthread_setname_np(thread_.native_handle(), threadName);
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

std::string AisFeed::warning() const {
    const std::lock_guard lock(mutex_);
    return warning_;
}

DecodeStats AisFeed::stats() const {
    const std::lock_guard lock(mutex_);
    return statsCopy_;
}

void AisFeed::setError(std::string message) {
    const std::lock_guard lock(mutex_);
    error_ = std::move(message);
}

void AisFeed::setWarning(std::string message) {
    const std::lock_guard lock(mutex_);
    warning_ = std::move(message);
}

void AisFeed::flushBatch() {
    inbox_.pushBatch(batch_);
    messages_.fetch_add(pendingMessages_, std::memory_order_relaxed);
    sentences_.fetch_add(pendingSentences_, std::memory_order_relaxed);
    pendingMessages_ = 0;
    pendingSentences_ = 0;
    const std::lock_guard lock(mutex_);
    statsCopy_ = decoder_.stats();
}

void AisFeed::decodeLine(std::string_view line, time::UnixMillis fallbackTime) {
    ++pendingSentences_;
    const AisMessage* m = decoder_.decodeLine(line);
    if (!m) return;
    if (auto fix = timedFix(*m, fallbackTime)) batch_.fixes.push_back(*fix);
    if (auto st = toVesselStatic(*m)) batch_.statics.push_back(std::move(*st));
    ++pendingMessages_;
}

void AisFeed::decodeLines(std::string_view text, time::UnixMillis fallbackTime) {
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find_first_of("\r\n", start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) decodeLine(text.substr(start, end - start), fallbackTime);
        start = end + 1;
    }
}

// ---- Replay ----------------------------------------------------------------------------

namespace {
double clampSpeed(double speed) {
    return speed <= kUnpaced ? kUnpaced : std::clamp(speed, 1.0, 3600.0);
}
}  // namespace

ReplayFeed::ReplayFeed(std::string path, TrackInbox& inbox, double speed)
    : AisFeed("replay:" + path, inbox), path_(std::move(path)), speed_(clampSpeed(speed)) {
    start();
}

ReplayFeed::~ReplayFeed() {
    stop();
}

void ReplayFeed::setSpeed(double speed) {
    speed_.store(clampSpeed(speed));
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
    std::size_t batched = 0;
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
                    flushBatch();
                    batched = 0;
                    const auto pauseStart = Clock::now();
                    std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
                    anchorWall += Clock::now() - pauseStart;
                    continue;
                }
                const double sp = speed_.load();
                const auto now = Clock::now();
                if (sp == kUnpaced) {
                    anchorRecorded = t;
                    anchorWall = now;
                    anchorSpeed = sp;
                    break;
                }
                if (sp != anchorSpeed) {
                    // Re-anchor at the current replay position.
                    const double elapsed =
                        std::chrono::duration<double, std::milli>(now - anchorWall).count();
                    if (anchorSpeed != kUnpaced)
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
                // About to wait: what is decoded so far goes out first.
                flushBatch();
                batched = 0;
                std::this_thread::sleep_for(
                    std::min<Clock::duration>(due - now, std::chrono::milliseconds(kPollMs)));
            }
            replayTime_.store(std::max(replayTime_.load(), t));
        }
        const time::UnixMillis fallback =
            decoder_.lastTime() != kNoTime ? decoder_.lastTime() : nowMillis();
        decodeLine(line, fallback);
        if (++batched >= kReplayBatchLines) {
            flushBatch();
            batched = 0;
        }
    }
    if (reader.failed()) setError("read error on " + path_);
    std::fclose(f);
    flushBatch();
    state_ = FeedState::Finished;
}

// ---- UDP -------------------------------------------------------------------------------

Result<std::unique_ptr<UdpFeed>> UdpFeed::open(const std::string& host, std::uint16_t port,
                                               TrackInbox& inbox, int receiveBufferBytes) {
    std::unique_ptr<addrinfo, void (*)(addrinfo*)> owner(nullptr, ::freeaddrinfo);
    auto candidates = resolve(host, port, SOCK_DGRAM, /*passive=*/true, owner);
    if (!candidates) return makeError("udp: " + candidates.error());
    std::string lastError = "no address";
    for (const addrinfo& a : *candidates) {
        const int s = ::socket(a.ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (s < 0) {
            lastError = std::strerror(errno);
            continue;
        }
        const int yes = 1;
        ::setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        // The kernel counts the datagrams it drops for want of buffer and tells us with each
        // datagram received: the operator sees the loss instead of guessing at it.
        ::setsockopt(s, SOL_SOCKET, SO_RXQ_OVFL, &yes, sizeof yes);
        if (::bind(s, a.ai_addr, a.ai_addrlen) != 0) {
            lastError = std::strerror(errno);
            ::close(s);
            continue;
        }
        sockaddr_storage bound{};
        socklen_t len = sizeof bound;
        ::getsockname(s, reinterpret_cast<sockaddr*>(&bound), &len);
        const int granted = setReceiveBuffer(s, receiveBufferBytes);
        auto feed = std::unique_ptr<UdpFeed>(
            new UdpFeed(s, "udp://" + formatSocketAddress(bound), portOf(bound), granted, inbox));
        // The kernel rounds what it grants; a shortfall of more than a page is a cap.
        if (granted + 4096 < receiveBufferBytes) {
            feed->setWarning(fmt::format(
                "receive buffer capped at {} KiB (asked for {} KiB) by net.core.rmem_max: a "
                "burst longer than ~{} ms at 20k sentences/s will be dropped; raise it with "
                "'sysctl -w net.core.rmem_max={}'",
                granted / 1024, receiveBufferBytes / 1024, std::max(1, granted / (20 * 1024)),
                receiveBufferBytes));
        }
        return feed;
    }
    return makeError(fmt::format("udp bind {}:{}: {}", host, port, lastError));
}

UdpFeed::UdpFeed(int socket, std::string boundName, std::uint16_t port, int receiveBuffer,
                 TrackInbox& inbox)
    : AisFeed(std::move(boundName), inbox),
      socket_(socket),
      port_(port),
      receiveBuffer_(receiveBuffer) {
    start();
}

UdpFeed::~UdpFeed() {
    stop();
    ::close(socket_);
}

void UdpFeed::run(std::stop_token stop) {
    state_ = FeedState::Running;
    // One recvmmsg call takes up to kBatch datagrams: a system call per 64 sentences at
    // 100k/s instead of a poll and a recv for each. Buffers are allocated once, here.
    constexpr unsigned kBatch = 64;
    constexpr std::size_t kDatagramBytes = 4096;  // an AIS datagram is one MTU at most
    std::vector<char> buffers(kBatch * kDatagramBytes);
    std::array<iovec, kBatch> iov{};
    std::array<mmsghdr, kBatch> msgs{};
    constexpr std::size_t kControlBytes = CMSG_SPACE(sizeof(std::uint32_t));
    std::vector<char> control(kBatch * kControlBytes);
    std::uint32_t dropsSeen = 0;
    std::uint64_t truncated = 0;
    while (!stop.stop_requested()) {
        pollfd p{socket_, POLLIN, 0};
        const int r = ::poll(&p, 1, kPollMs);
        if (r <= 0) continue;
        // Empty the socket before polling again.
        while (!stop.stop_requested()) {
            for (unsigned i = 0; i < kBatch; ++i) {
                iov[i] = {buffers.data() + i * kDatagramBytes, kDatagramBytes};
                msgs[i].msg_hdr = {};
                msgs[i].msg_hdr.msg_iov = &iov[i];
                msgs[i].msg_hdr.msg_iovlen = 1;
                msgs[i].msg_hdr.msg_control = control.data() + i * kControlBytes;
                msgs[i].msg_hdr.msg_controllen = kControlBytes;
            }
            const int n = ::recvmmsg(socket_, msgs.data(), kBatch, MSG_DONTWAIT, nullptr);
            if (n <= 0) break;
            const time::UnixMillis receivedAt = nowMillis();
            for (int i = 0; i < n; ++i) {
                const msghdr& h = msgs[static_cast<std::size_t>(i)].msg_hdr;
                for (cmsghdr* c = CMSG_FIRSTHDR(&h); c;
                     c = CMSG_NXTHDR(const_cast<msghdr*>(&h), c)) {
                    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
                        std::uint32_t total = 0;
                        std::memcpy(&total, CMSG_DATA(c), sizeof total);
                        // The kernel's count is cumulative for the socket (and wraps).
                        addKernelDrops(static_cast<std::uint32_t>(total - dropsSeen));
                        dropsSeen = total;
                    }
                }
                if (h.msg_flags & MSG_TRUNC) ++truncated;
                const std::size_t len = std::min<std::size_t>(
                    msgs[static_cast<std::size_t>(i)].msg_len, kDatagramBytes);
                // A datagram holds whole sentences; a missing final newline still ends a line.
                decodeLines(
                    std::string_view(
                        static_cast<const char*>(iov[static_cast<std::size_t>(i)].iov_base), len),
                    receivedAt);
            }
            flushBatch();
            if (static_cast<unsigned>(n) < kBatch) break;
        }
        if (truncated > 0)
            setError(fmt::format("{} datagrams longer than {} bytes were cut short", truncated,
                                 kDatagramBytes));
    }
    flushBatch();
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

int TcpFeed::connectOnce() {
    std::unique_ptr<addrinfo, void (*)(addrinfo*)> owner(nullptr, ::freeaddrinfo);
    auto candidates = resolve(host_, port_, SOCK_STREAM, /*passive=*/false, owner);
    if (!candidates) {
        setError("tcp: " + candidates.error());
        return -1;
    }
    for (const addrinfo& a : *candidates) {
        const int s = ::socket(a.ai_family, a.ai_socktype | SOCK_CLOEXEC, a.ai_protocol);
        if (s < 0) continue;
        if (::connect(s, a.ai_addr, a.ai_addrlen) == 0) return s;
        setError("tcp connect " + name() + ": " + std::strerror(errno));
        ::close(s);
    }
    return -1;
}

void TcpFeed::run(std::stop_token stop) {
    int backoffMs = 500;
    std::vector<char> buf(1 << 16);
    std::string carry;  // the unfinished last line of the previous read
    while (!stop.stop_requested()) {
        const int s = connectOnce();
        if (s >= 0) {
            state_ = FeedState::Running;
            backoffMs = 500;
            carry.clear();
            while (!stop.stop_requested()) {
                pollfd p{s, POLLIN, 0};
                const int r = ::poll(&p, 1, kPollMs);
                if (r < 0) break;
                if (r == 0) continue;
                const ssize_t n = ::recv(s, buf.data(), buf.size(), 0);
                if (n <= 0) {
                    setError("tcp " + name() + ": connection closed");
                    break;
                }
                std::string_view data(buf.data(), static_cast<std::size_t>(n));
                const std::size_t lastEnd = data.find_last_of("\r\n");
                const time::UnixMillis receivedAt = nowMillis();
                if (lastEnd == std::string_view::npos) {
                    carry.append(data);
                    if (carry.size() > 64 * 1024) carry.clear();  // no newline in 64 KiB: junk
                    continue;
                }
                // The carried start of a line ends in this read; the rest is decoded in place.
                const std::size_t firstEnd = data.find_first_of("\r\n");
                if (!carry.empty()) {
                    carry.append(data.substr(0, firstEnd));
                    decodeLines(carry, receivedAt);
                    carry.clear();
                    decodeLines(data.substr(firstEnd, lastEnd - firstEnd), receivedAt);
                } else {
                    decodeLines(data.substr(0, lastEnd), receivedAt);
                }
                carry.assign(data.substr(lastEnd + 1));
                flushBatch();
            }
            ::close(s);
            flushBatch();
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

// ---- The set ---------------------------------------------------------------------------

Status FeedSet::add(const std::string& source, double replaySpeed) {
    auto feed = openFeed(source, inbox_, replaySpeed);
    if (!feed) return makeError(feed.error());
    feeds_.push_back(std::move(feed.value()));
    return {};
}

std::uint64_t FeedSet::sentences() const {
    std::uint64_t n = 0;
    for (const auto& f : feeds_) n += f->sentences();
    return n;
}

std::uint64_t FeedSet::kernelDrops() const {
    std::uint64_t n = 0;
    for (const auto& f : feeds_) n += f->kernelDrops();
    return n;
}

bool FeedSet::allFinished() const {
    return std::all_of(feeds_.begin(), feeds_.end(), [](const auto& f) {
        return f->state() == FeedState::Finished || f->state() == FeedState::Failed;
    });
}

void FeedSet::takeAll(InboxBatch& out, std::chrono::steady_clock::time_point now) {
    inbox_.takeAll(out);
    rate_.sample(std::chrono::duration<double>(now - epoch_).count(), sentences());
}

std::size_t FeedSet::drainInto(TrackStore& store, std::chrono::steady_clock::time_point now) {
    InboxBatch taken;
    takeAll(taken, now);
    return storeBatch(taken, store);
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
