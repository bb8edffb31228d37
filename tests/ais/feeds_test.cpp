// Feeds over loopback only: UDP listener, TCP client (with a local server), file replay.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "seawatch/ais/encoder.hpp"
#include "seawatch/ais/feeds.hpp"

using namespace seawatch::ais;
using namespace std::chrono_literals;

namespace {

PositionFix fix(Mmsi mmsi, double lat, double lon) {
    PositionFix f;
    f.mmsi = mmsi;
    f.lat = lat;
    f.lon = lon;
    f.speedKn = 8;
    f.courseDeg = 45;
    return f;
}

// Drains the inbox until `done` holds or two seconds pass.
template <typename Pred>
bool drainUntil(TrackInbox& inbox, TrackStore& store, Pred done) {
    for (int i = 0; i < 200; ++i) {
        inbox.drainInto(store);
        if (done()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return false;
}

}  // namespace

TEST(Feeds, UdpSentencesAppearInTheStore) {
    TrackInbox inbox;
    auto feed = UdpFeed::open("127.0.0.1", 0, inbox);
    ASSERT_TRUE(feed) << feed.error();
    const std::uint16_t port = (*feed)->port();
    ASSERT_NE(port, 0);

    const int s = ::socket(AF_INET, SOCK_DGRAM, 0);
    ASSERT_GE(s, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    const auto send = [&](const std::string& datagram) {
        ::sendto(s, datagram.data(), datagram.size(), 0, reinterpret_cast<sockaddr*>(&to),
                 sizeof to);
    };
    // Several vessels, one of them in a datagram carrying two sentences, one with static data.
    send(encodePositionReport(fix(470000001, 12.5, 45.0))[0] + "\r\n");
    send(encodePositionReport(fix(470000002, 12.6, 45.1))[0] + "\r\n" +
         encodePositionReport(fix(470000003, 12.7, 45.2), true)[0] + "\r\n");
    VesselStatic v;
    v.mmsi = 470000001;
    v.name = "AL AMAL";
    std::string both;
    for (const auto& line : encodeStaticData(v)) both += line + "\n";
    send(both);
    send("garbage that is not NMEA\n");
    ::close(s);

    TrackStore store;
    ASSERT_TRUE(drainUntil(inbox, store,
                           [&] {
                               const auto i = store.indexOf(470000001);
                               return store.vesselCount() == 3 && i &&
                                      store.staticData(*i).name == "AL AMAL";
                           }))
        << "vessels seen: " << store.vesselCount();
    const auto st = store.stateAtMmsi(470000002, seawatch::ais::nowMillis());
    ASSERT_TRUE(st);
    EXPECT_NEAR(st->lat, 12.6, 0.01);
    (*feed)->stop();
    const auto stats = (*feed)->stats();
    EXPECT_EQ(stats.decoded, 4U);
    EXPECT_EQ(stats.malformed, 1U);
    EXPECT_EQ((*feed)->messages(), 4U);
}

namespace {
int udpSender(std::uint16_t port, sockaddr_in& to) {
    const int s = ::socket(AF_INET, SOCK_DGRAM, 0);
    to = {};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    return s;
}
}  // namespace

TEST(Feeds, UdpNamesTheAddressItBoundAndResolvesHostNames) {
    TrackInbox inbox;
    auto feed = openFeed("udp://localhost:0", inbox);
    ASSERT_TRUE(feed) << feed.error();
    auto* udp = dynamic_cast<UdpFeed*>(feed->get());
    ASSERT_NE(udp, nullptr);
    // Not the 0.0.0.0 or the name asked for: the address and port the socket really has.
    EXPECT_EQ((*feed)->name(), "udp://127.0.0.1:" + std::to_string(udp->port()));
    sockaddr_in to{};
    const int s = udpSender(udp->port(), to);
    // Sentences separated by a bare CR, as some receivers send them, are two sentences.
    const std::string two = encodePositionReport(fix(470000011, 12.5, 45.0))[0] + "\r" +
                            encodePositionReport(fix(470000012, 12.6, 45.0))[0];
    ::sendto(s, two.data(), two.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    ::close(s);
    TrackStore store;
    EXPECT_TRUE(drainUntil(inbox, store, [&] { return store.vesselCount() == 2; }));
    EXPECT_EQ((*feed)->sentences(), 2U);
}

TEST(Feeds, UdpCountsWhatTheKernelDroppedSoEveryDatagramIsAccountedFor) {
    TrackInbox inbox;
    // The smallest buffer the kernel allows: a burst overflows it.
    auto feed = UdpFeed::open("127.0.0.1", 0, inbox, 1);
    ASSERT_TRUE(feed) << feed.error();
    const int requested = 64 << 20;
    auto big = UdpFeed::open("127.0.0.1", 0, inbox, requested);
    ASSERT_TRUE(big) << big.error();
    if ((*big)->receiveBufferBytes() + 4096 < requested) {
        EXPECT_NE((*big)->warning().find("net.core.rmem_max"), std::string::npos);
    } else {
        EXPECT_EQ((*big)->warning(), "");  // granted (a privileged process forces it)
    }
    sockaddr_in to{};
    const int s = udpSender((*feed)->port(), to);
    const std::string sentence = encodePositionReport(fix(470000021, 12.5, 45.0))[0] + "\r\n";
    constexpr int kBurst = 20000;
    for (int i = 0; i < kBurst; ++i)
        ::sendto(s, sentence.data(), sentence.size(), 0, reinterpret_cast<sockaddr*>(&to),
                 sizeof to);
    // The kernel reports its drop count with the next datagram received: one more, later.
    std::this_thread::sleep_for(100ms);
    ::sendto(s, sentence.data(), sentence.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    ::close(s);
    TrackStore store;
    const bool accounted = drainUntil(
        inbox, store, [&] { return (*feed)->sentences() + (*feed)->kernelDrops() == kBurst + 1; });
    EXPECT_TRUE(accounted) << (*feed)->sentences() << " received, " << (*feed)->kernelDrops()
                           << " dropped";
}

TEST(Feeds, UdpBindFailureIsAnError) {
    TrackInbox inbox;
    EXPECT_FALSE(UdpFeed::open("not-an-address", 0, inbox));
    EXPECT_FALSE(openFeed("udp://nohostport", inbox));
    EXPECT_FALSE(openFeed("/nonexistent/ais.log", inbox));
}

TEST(Feeds, TcpClientReadsAndReconnects) {
    const int server = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(server, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    ASSERT_EQ(::bind(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(server, reinterpret_cast<sockaddr*>(&addr), &len);
    ASSERT_EQ(::listen(server, 4), 0);
    const std::uint16_t port = ntohs(addr.sin_port);

    TrackInbox inbox;
    auto feed = openFeed("tcp://127.0.0.1:" + std::to_string(port), inbox);
    ASSERT_TRUE(feed) << feed.error();
    TrackStore store;
    // First connection: one vessel, then the server hangs up.
    int c = ::accept(server, nullptr, nullptr);
    ASSERT_GE(c, 0);
    std::string a = encodePositionReport(fix(1001, 1, 1))[0] + "\r\n";
    ::send(c, a.data(), a.size(), 0);
    ASSERT_TRUE(drainUntil(inbox, store, [&] { return store.vesselCount() == 1; }));
    ::close(c);
    // The client reconnects; a second vessel arrives on the new connection.
    c = ::accept(server, nullptr, nullptr);
    ASSERT_GE(c, 0);
    std::string b = encodePositionReport(fix(1002, 2, 2))[0] + "\r\n";
    ::send(c, b.data(), b.size(), 0);
    EXPECT_TRUE(drainUntil(inbox, store, [&] { return store.vesselCount() == 2; }));
    ::close(c);
    (*feed)->stop();
    ::close(server);
}

TEST(Feeds, ReplayFollowsRecordedTime) {
    const auto path = std::filesystem::temp_directory_path() / "seawatch_replay_test.nmea";
    {
        std::FILE* f = std::fopen(path.c_str(), "w");
        ASSERT_TRUE(f);
        // Three fixes one minute apart (tag-block time), then one with trailing ms time.
        const std::int64_t t0 = 1700000000000;
        for (int i = 0; i < 3; ++i) {
            auto line = withTagBlock(encodePositionReport(fix(2001, 12.0 + i * 0.01, 45.0))[0],
                                     t0 + i * 60000);
            std::fprintf(f, "%s\n", line.c_str());
        }
        std::fprintf(f, "%s,%lld\n", encodePositionReport(fix(2002, 13, 46))[0].c_str(),
                     static_cast<long long>(t0 + 180000));
        std::fclose(f);
    }
    TrackInbox inbox;
    // 3 recorded minutes at 3600x take 50 ms.
    auto feed = openFeed(path.string(), inbox, 3600);
    ASSERT_TRUE(feed) << feed.error();
    TrackStore store;
    ASSERT_TRUE(drainUntil(inbox, store, [&] { return store.totalFixes() == 4; }));
    const auto i = store.indexOf(2001);
    ASSERT_TRUE(i);
    EXPECT_EQ(store.fixCount(*i), 3U);
    EXPECT_EQ(store.firstFixTime(*i), 1700000000000);
    EXPECT_EQ(store.lastFixTime(*i), 1700000120000);
    EXPECT_EQ(store.lastFixTime(*store.indexOf(2002)), 1700000180000);
    auto* replay = dynamic_cast<ReplayFeed*>(feed->get());
    ASSERT_NE(replay, nullptr);
    EXPECT_EQ(replay->replayTime(), 1700000180000);
    for (int k = 0; k < 100 && replay->state() != FeedState::Finished; ++k)
        std::this_thread::sleep_for(10ms);
    EXPECT_EQ(replay->state(), FeedState::Finished);
    std::filesystem::remove(path);
}

TEST(Feeds, ReplayPausesAndHonoursSpeed) {
    const auto path = std::filesystem::temp_directory_path() / "seawatch_replay_pause.nmea";
    {
        std::FILE* f = std::fopen(path.c_str(), "w");
        ASSERT_TRUE(f);
        const std::int64_t t0 = 1700000000000;
        // Second fix five recorded minutes later (within the gap limit): five minutes at 1x.
        std::fprintf(f, "%s\n", withTagBlock(encodePositionReport(fix(3001, 1, 1))[0], t0).c_str());
        std::fprintf(f, "%s\n",
                     withTagBlock(encodePositionReport(fix(3001, 1.1, 1))[0], t0 + 300000).c_str());
        std::fclose(f);
    }
    TrackInbox inbox;
    ReplayFeed replay(path.string(), inbox, 1.0);
    TrackStore store;
    ASSERT_TRUE(drainUntil(inbox, store, [&] { return store.totalFixes() == 1; }));
    std::this_thread::sleep_for(150ms);
    inbox.drainInto(store);
    EXPECT_EQ(store.totalFixes(), 1U);  // still waiting for the recorded five minutes
    replay.setPaused(true);
    replay.setSpeed(1e9);  // clamped to 3600x: five minutes now take 83 ms
    EXPECT_DOUBLE_EQ(replay.speed(), 3600.0);
    std::this_thread::sleep_for(150ms);
    inbox.drainInto(store);
    EXPECT_EQ(store.totalFixes(), 1U);  // paused
    replay.setPaused(false);
    EXPECT_TRUE(drainUntil(inbox, store, [&] { return store.totalFixes() == 2; }));
    replay.stop();
    std::filesystem::remove(path);
}

TEST(Feeds, FeedSetDrainsAllSourcesAndMeasuresTheRate) {
    const auto path = std::filesystem::temp_directory_path() / "seawatch_feedset.nmea";
    {
        std::FILE* f = std::fopen(path.c_str(), "w");
        ASSERT_TRUE(f);
        for (int i = 0; i < 10; ++i)
            std::fprintf(f, "%s\n", encodePositionReport(fix(4000 + i, 12, 45))[0].c_str());
        std::fclose(f);
    }
    FeedSet set;
    TrackStore store;
    const auto t0 = std::chrono::steady_clock::now();
    set.drainInto(store, t0);  // the rate window opens with nothing delivered
    ASSERT_TRUE(set.add(path.string(), 3600));
    EXPECT_FALSE(set.add("/nonexistent/x.nmea"));
    EXPECT_FALSE(set.add("udp://999.0.0.1:1"));
    std::size_t drained = 0;
    for (int i = 0; i < 200 && store.vesselCount() < 10; ++i) {
        drained += set.drainInto(store, t0);
        std::this_thread::sleep_for(10ms);
    }
    EXPECT_EQ(store.vesselCount(), 10U);
    EXPECT_EQ(drained, 10U);
    // The rate is what the sources delivered: 10 sentences over a 4 s window.
    set.drainInto(store, t0 + std::chrono::seconds(4));
    EXPECT_DOUBLE_EQ(set.messageRate(), 2.5);
    EXPECT_EQ(set.sentences(), 10U);
    EXPECT_EQ(set.feeds().size(), 1U);
    set.stopAll();
    std::filesystem::remove(path);
}

TEST(Feeds, ReplaySkipsLongGapsInsteadOfWaiting) {
    const auto path = std::filesystem::temp_directory_path() / "seawatch_replay_gap.nmea";
    {
        std::FILE* f = std::fopen(path.c_str(), "w");
        ASSERT_TRUE(f);
        const std::int64_t t0 = 1700000000000;
        const std::int64_t later = t0 + 6 * 3600000LL;  // a six-hour hole: six hours at 1x
        std::fprintf(f, "%s\n", withTagBlock(encodePositionReport(fix(5001, 1, 1))[0], t0).c_str());
        std::fprintf(f, "%s\n",
                     withTagBlock(encodePositionReport(fix(5001, 1.1, 1))[0], later).c_str());
        std::fprintf(f, "%s\n",
                     withTagBlock(encodePositionReport(fix(5002, 2, 2))[0], later).c_str());
        std::fclose(f);
    }
    TrackInbox inbox;
    ReplayFeed replay(path.string(), inbox, 1.0);
    TrackStore store;
    EXPECT_TRUE(drainUntil(inbox, store, [&] { return store.totalFixes() == 3; }));
    EXPECT_EQ(replay.replayTime(), 1700000000000 + 6 * 3600000LL);
    replay.stop();
    std::filesystem::remove(path);
}
