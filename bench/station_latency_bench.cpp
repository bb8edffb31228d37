// Live delivery on one station: N stations each follow the coordination log (followLog, as
// the console and `log tail --follow` do) and each posts R entries a second for S seconds,
// released to all. Every follower must see every entry; the latency is from just before the
// post's INSERT to the follower's hand-over. Run by bench/station_latency.sh on a throwaway
// cluster; figures in docs/PERFORMANCE.md.
//
//   seawatch_station_latency_bench ADMIN_URI [STATIONS=20] [RATE=50] [SECONDS=10]
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "seawatch/station/coordination_log.hpp"
#include "seawatch/station/log_follower.hpp"
#include "seawatch/station/roles.hpp"
#include "seawatch/station/schema.hpp"

namespace {

using namespace seawatch::station;
using Clock = std::chrono::steady_clock;

long long nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

// The admin URI with another user: "…&user=postgres" -> "…&user=NAME".
std::string asUser(const std::string& admin, const std::string& user) {
    const auto at = admin.find("user=");
    if (at == std::string::npos) return admin + "&user=" + user;
    const auto end = admin.find('&', at);
    return admin.substr(0, at) + "user=" + user +
           (end == std::string::npos ? "" : admin.substr(end));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s ADMIN_URI [STATIONS] [RATE] [SECONDS]\n", argv[0]);
        return 2;
    }
    const std::string admin = argv[1];
    const int stations = argc > 2 ? std::atoi(argv[2]) : 20;
    const int rate = argc > 3 ? std::atoi(argv[3]) : 50;
    const int seconds = argc > 4 ? std::atoi(argv[4]) : 10;
    if (stations < 1 || rate < 1 || seconds < 1) return 2;

    // Stations with passwords in a password file, as users would have them.
    const auto passFile = std::filesystem::temp_directory_path() /
                          ("seawatch_latency_pgpass_" + std::to_string(::getpid()));
    {
        std::ofstream(passFile) << "";
        std::filesystem::permissions(
            passFile, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    }
    setenv("PGPASSFILE", passFile.c_str(), 1);
    auto adminConn = PgConnection::open(admin);
    if (!adminConn) {
        std::fprintf(stderr, "%s\n", adminConn.error().c_str());
        return 1;
    }
    std::vector<std::string> names;
    for (int i = 0; i < stations; ++i) {
        const std::string name = "bench_station_" + std::to_string(i);
        auto added = addStation(*adminConn, {name, {}, "pw-" + name});
        if (!added) {
            std::fprintf(stderr, "%s\n", added.error().c_str());
            return 1;
        }
        std::ofstream(passFile, std::ios::app) << "*:*:*:" << name << ":pw-" << name << "\n";
        names.push_back(name);
    }

    const long long expected = static_cast<long long>(stations) * rate * seconds;
    std::mutex mutex;
    std::vector<double> latenciesMs;
    latenciesMs.reserve(static_cast<std::size_t>(expected * stations));
    std::vector<long long> received(static_cast<std::size_t>(stations), 0);
    std::atomic<bool> stop{false};
    std::atomic<int> live{0};
    std::vector<std::thread> followers;
    for (int i = 0; i < stations; ++i) {
        followers.emplace_back([&, i] {
            FollowOptions options;
            options.target = asUser(admin, names[static_cast<std::size_t>(i)]);
            options.lastN = 1;
            bool counted = false;
            auto ended = followLog(
                options, stop,
                [&](const std::vector<LogEntry>& batch) {
                    const long long now = nowNs();
                    std::lock_guard lock(mutex);
                    for (const LogEntry& e : batch) {
                        if (!e.text.starts_with("t=")) continue;
                        latenciesMs.push_back(
                            static_cast<double>(now - std::atoll(e.text.c_str() + 2)) / 1e6);
                        ++received[static_cast<std::size_t>(i)];
                    }
                    return true;
                },
                [&](const std::string& news) {
                    if (!counted && news.starts_with("connected to ")) {
                        counted = true;
                        ++live;
                    }
                });
            if (!ended) std::fprintf(stderr, "follower %d: %s\n", i, ended.error().c_str());
        });
    }
    while (live.load() < stations) std::this_thread::sleep_for(std::chrono::milliseconds(20));

    std::atomic<long long> failedPosts{0};
    std::vector<std::thread> posters;
    const auto start = Clock::now();
    for (int i = 0; i < stations; ++i) {
        posters.emplace_back([&, i] {
            auto conn = openStation(asUser(admin, names[static_cast<std::size_t>(i)]));
            if (!conn) {
                failedPosts += static_cast<long long>(rate) * seconds;
                return;
            }
            const auto period = std::chrono::nanoseconds(1'000'000'000LL / rate);
            // Stations start out of step, as real ones would.
            auto next = start + period * i / stations;
            for (int n = 0; n < rate * seconds; ++n) {
                std::this_thread::sleep_until(next);
                next += period;
                LogEntry e;
                e.id = makeUuid();
                e.text = "t=" + std::to_string(nowNs());
                if (!postEntry(*conn, e)) ++failedPosts;
            }
        });
    }
    for (auto& t : posters) t.join();
    const double postSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    // Let the last deliveries arrive (or show as lost).
    const auto drainEnd = Clock::now() + std::chrono::seconds(5);
    while (Clock::now() < drainEnd) {
        {
            std::lock_guard lock(mutex);
            if (std::all_of(received.begin(), received.end(),
                            [&](long long r) { return r >= expected; }))
                break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    stop = true;
    for (auto& t : followers) t.join();
    std::filesystem::remove(passFile);

    std::sort(latenciesMs.begin(), latenciesMs.end());
    auto pct = [&](double q) {
        return latenciesMs.empty()
                   ? 0.0
                   : latenciesMs[std::min(
                         latenciesMs.size() - 1,
                         static_cast<std::size_t>(q * static_cast<double>(latenciesMs.size())))];
    };
    long long lost = 0;
    for (long long r : received) lost += std::max(0LL, expected - r);
    std::printf(
        "%d stations x %d posts/s for %d s (%.1f s): %lld posts, %lld failed; %zu deliveries, "
        "%lld lost; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
        stations, rate, seconds, postSeconds, expected, failedPosts.load(), latenciesMs.size(),
        lost, pct(0.5), pct(0.99), latenciesMs.empty() ? 0.0 : latenciesMs.back());
    return lost == 0 && failedPosts.load() == 0 ? 0 : 1;
}
