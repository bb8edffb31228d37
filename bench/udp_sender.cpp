// The sender of bench/udp_ingest.sh: real AIS sentences, one per datagram, at a steady rate to
// a UDP port on this machine, the way a receiver (rtl-ais, AIS-catcher, a SHADE relay) sends
// them. Paced by the clock in sendmmsg batches, so 200k datagrams a second cost it little.
//
//   udp_sender PORT RATE SECONDS FILE...     prints "offered N" when done
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: udp_sender PORT RATE SECONDS FILE...\n");
        return 2;
    }
    const int port = std::atoi(argv[1]);
    const double rate = std::atof(argv[2]);
    const double seconds = std::atof(argv[3]);
    std::vector<std::string> sentences;
    for (int i = 4; i < argc; ++i) {
        std::ifstream in(argv[i]);
        if (!in) {
            std::fprintf(stderr, "udp_sender: cannot read %s\n", argv[i]);
            return 1;
        }
        std::string line;
        while (std::getline(in, line)) {
            while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
            if (!line.empty()) sentences.push_back(line + "\r\n");
        }
    }
    if (sentences.empty() || port <= 0 || rate <= 0 || seconds <= 0) {
        std::fprintf(stderr, "udp_sender: nothing to send\n");
        return 2;
    }
    const int s = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);

    constexpr unsigned kBatch = 64;
    std::vector<iovec> iov(kBatch);
    std::vector<mmsghdr> msgs(kBatch);
    const auto total = static_cast<std::uint64_t>(rate * seconds);
    std::uint64_t sent = 0;
    std::size_t next = 0;
    const auto start = std::chrono::steady_clock::now();
    while (sent < total) {
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto due = std::min(total, static_cast<std::uint64_t>(elapsed * rate));
        while (sent < due) {
            const auto n = static_cast<unsigned>(std::min<std::uint64_t>(kBatch, due - sent));
            for (unsigned i = 0; i < n; ++i) {
                const std::string& line = sentences[next];
                next = (next + 1) % sentences.size();
                iov[i] = {const_cast<char*>(line.data()), line.size()};
                msgs[i].msg_hdr = {};
                msgs[i].msg_hdr.msg_name = &to;
                msgs[i].msg_hdr.msg_namelen = sizeof to;
                msgs[i].msg_hdr.msg_iov = &iov[i];
                msgs[i].msg_hdr.msg_iovlen = 1;
            }
            const int done = ::sendmmsg(s, msgs.data(), n, 0);
            if (done <= 0) break;
            sent += static_cast<std::uint64_t>(done);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    ::close(s);
    std::printf("offered %llu\n", static_cast<unsigned long long>(sent));
    return 0;
}
