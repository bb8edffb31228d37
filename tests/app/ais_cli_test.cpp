// `seawatch ais decode --json` against `gpsdecode -j` (when installed), message for
// message and field by field, on the shared real-world files and on randomly generated
// messages of every supported type; plus exit codes and the import command.
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include "seawatch/ais/encoder.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct RunResult {
    int exitCode = -1;
    std::string out;
};

RunResult run(const std::string& command) {
    RunResult r;
    std::FILE* p = ::popen(command.c_str(), "r");
    if (!p) return r;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    const int status = ::pclose(p);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string gpsdecode() {
    for (const char* p : {"/usr/bin/gpsdecode", "/usr/local/bin/gpsdecode"})
        if (fs::exists(p)) return p;
    return {};
}

fs::path tempPath(const std::string& name) {
    return fs::temp_directory_path() / ("seawatch_cli_" + std::to_string(::getpid()) + "_" + name);
}

std::vector<json> parseLines(const std::string& text) {
    std::vector<json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(json::parse(line));
    return out;
}

// Every type gpsd decodes (1-27) is decoded.
bool supported(const json& j) {
    const int type = j.at("type").get<int>();
    return type >= 1 && type <= 27;
}

// Type 27 follows current gpsd, not 3.22: "status" a number plus "status_text" (3.22: the
// legend under "status"), positions to 4 decimals (3.22: 1). Rewrites ours the 3.22 way.
json asGpsd322(json ours) {
    if (ours.at("type") != 27) return ours;
    json out;
    for (const auto& [key, value] : ours.items()) {
        if (key == "status_text") continue;
        if (key == "status") {
            out[key] = ours.at("status_text");
        } else if (key == "lon" || key == "lat") {
            out[key] = std::round(value.get<double>() * 10.0) / 10.0;
        } else {
            out[key] = value;
        }
    }
    return out;
}

// Field by field, in order; numbers within the last printed digit.
void expectSameMessage(const json& gpsd, const json& oursAsIs, const std::string& where) {
    const json ours = asGpsd322(oursAsIs);
    ASSERT_EQ(gpsd.size(), ours.size())
        << where << "\n gpsd " << gpsd.dump() << "\n ours " << ours.dump();
    for (const auto& [key, value] : ours.items()) {
        ASSERT_TRUE(gpsd.contains(key)) << where << ": unexpected field " << key;
        const json& expected = gpsd.at(key);
        if (expected.is_number_float() || value.is_number_float()) {
            EXPECT_NEAR(expected.get<double>(), value.get<double>(), 1.5e-6)
                << where << " field " << key;
        } else {
            EXPECT_EQ(expected, value) << where << " field " << key;
        }
    }
}

// Runs both decoders on `file` and compares every supported message.
void compareWithGpsd(const fs::path& file, std::size_t minMessages) {
    const std::string gpsd = gpsdecode();
    if (gpsd.empty()) GTEST_SKIP() << "gpsdecode not installed (Debian package gpsd-clients)";
    // gpsd ignores a last line that has no newline; give both the same, complete input.
    const fs::path input = tempPath("input.nmea");
    fs::copy_file(file, input, fs::copy_options::overwrite_existing);
    if (fs::file_size(input) > 0) {
        char last = '\n';
        std::ifstream in(input, std::ios::binary);
        in.seekg(-1, std::ios::end);
        in.get(last);
        if (last != '\n') std::ofstream(input, std::ios::app) << '\n';
    }
    const auto theirs = run(gpsd + " -j < " + input.string() + " 2>/dev/null");
    const auto ours =
        run(std::string(SEAWATCH_BINARY) + " ais decode --json -q - < " + input.string());
    fs::remove(input);
    ASSERT_EQ(ours.exitCode, 0);
    std::vector<json> expected;
    for (auto& j : parseLines(theirs.out))
        if (supported(j)) expected.push_back(std::move(j));
    const std::vector<json> got = parseLines(ours.out);
    ASSERT_EQ(expected.size(), got.size()) << file;
    EXPECT_GE(got.size(), minMessages);
    for (std::size_t i = 0; i < got.size(); ++i)
        expectSameMessage(expected[i], got[i],
                          file.filename().string() + " message " + std::to_string(i));
    // Raw text equality too: same field order and number formatting as gpsd.
    std::istringstream g(theirs.out), o(ours.out);
    std::string gl, ol;
    std::size_t identical = 0;
    while (std::getline(o, ol)) {
        do {
            if (!std::getline(g, gl)) break;
        } while (!supported(json::parse(gl)));
        if (!gl.empty() && gl.back() == '\r') gl.pop_back();
        if (json::parse(ol).at("type") != 27) {  // 27: its fields are compared above
            EXPECT_EQ(gl, ol);
        }
        ++identical;
    }
    EXPECT_EQ(identical, got.size());
}

fs::path shared(const char* rel) {
    return fs::path(SEAWATCH_SHARED_TESTDATA) / "ais" / rel;
}

}  // namespace

class GpsdCompat : public ::testing::TestWithParam<const char*> {};

TEST_P(GpsdCompat, SameMessagesAsGpsdecode) {
    const fs::path file = shared(GetParam());
    if (!fs::exists(file)) GTEST_SKIP() << "shared testdata absent: " << file;
    compareWithGpsd(file, 1);
}

INSTANTIATE_TEST_SUITE_P(SharedFiles, GpsdCompat,
                         ::testing::Values("libais/typeexamples.nmea", "libais/tagblock.nmea",
                                           "libais/test.aivdm", "pyais/nmea_data_sample.txt",
                                           "pyais/mixed.txt", "pyais/messages.ais",
                                           "pyais/ais_test_messages", "pyais/timestamped.ais",
                                           "tracks/dma_stream_example.txt",
                                           "tracks/amsa_exact-earth-augmented-3.txt",
                                           "tracks/amsa_exact-earth-with-tag-block.txt"));

// Random field values for every supported type, including legends at their edges
// (turn and speed sentinels, every ship type, EPFD, aid type), compared with gpsd.
TEST(GpsdCompatGenerated, RandomMessagesOfEveryType) {
    using seawatch::ais::BitWriter;
    std::mt19937_64 rng(42);
    const auto bits = [&rng](unsigned n) { return rng() & ((1ULL << n) - 1); };
    const fs::path file = tempPath("random.nmea");
    std::ofstream out(file);
    const std::vector<unsigned> types = {1, 2, 3, 4, 5, 9, 11, 18, 19, 21, 24, 27};
    int seq = 0;
    for (int i = 0; i < 3000; ++i) {
        const unsigned type = types[static_cast<std::size_t>(i) % types.size()];
        BitWriter w;
        w.put(type, 6);
        w.put(bits(2), 2);
        const std::uint64_t mmsi = (i % 17 == 0) ? 980000000 + bits(16) : bits(30);
        w.put(mmsi, 30);
        std::size_t length = 168;
        switch (type) {
            case 5:
                length = (i % 7 == 0) ? 420 : 424;
                break;
            case 19:
                length = 312;
                break;
            case 21:
                length = 272 + 6 * (bits(4) % 15);
                break;
            case 27:
                length = (i % 5 == 0) ? 168 : 96;
                break;
            default:
                break;
        }
        // Some messages a little long or short, to check both accept and reject the same.
        if (i % 13 == 0) length += 6;
        if (i % 29 == 0) length -= 12;
        if (type == 24) {
            const bool partB = (i / 12) % 2 == 1;
            w.put(partB ? 1 : 0, 2);
            length = 168;
        }
        // Six-bit text fields decode from any bits; mix in '@' padding and spaces.
        while (w.size() < length) {
            const unsigned n = static_cast<unsigned>(std::min<std::size_t>(length - w.size(), 30));
            w.put(bits(n), n);
        }
        for (const auto& s : seawatch::ais::encodeSentences(w, (i % 2) ? 'A' : 'B', seq++ % 10))
            out << s << "\n";
        if (type == 24 && (i / 12) % 2 == 0) {
            // Follow some part As with their part B, to exercise gpsd's merge.
            BitWriter b;
            b.put(24, 6);
            b.put(0, 2);
            b.put(mmsi, 30);
            b.put(1, 2);
            while (b.size() < 168)
                b.put(bits(8), std::min<unsigned>(8, 168 - static_cast<unsigned>(b.size())));
            for (const auto& s : seawatch::ais::encodeSentences(b)) out << s << "\n";
        }
    }
    out.close();
    compareWithGpsd(file, 2000);
    if (!std::getenv("SEAWATCH_KEEP_TEST_FILES")) fs::remove(file);
}

TEST(AisCli, DecodeSummaryAndExitCodes) {
    const fs::path file = tempPath("summary.nmea");
    std::ofstream(file) << "!AIVDM,1,1,,B,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*33\n"
                        << "!AIVDM,1,1,,B,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*00\n"
                        << "# comment\n\nnot nmea\n";
    const std::string bin = SEAWATCH_BINARY;
    const auto ok = run(bin + " ais decode --json " + file.string() + " 2>&1 >/dev/null");
    EXPECT_EQ(ok.exitCode, 0);
    EXPECT_NE(ok.out.find("bad checksums:         1"), std::string::npos) << ok.out;
    EXPECT_NE(ok.out.find("messages decoded:      1"), std::string::npos) << ok.out;
    EXPECT_NE(ok.out.find(file.filename().string() + ":2:"), std::string::npos) << ok.out;
    EXPECT_NE(ok.out.find("1:1"), std::string::npos) << ok.out;  // messages by type
    const auto decoded = run(bin + " ais decode --json -q " + file.string());
    ASSERT_EQ(decoded.exitCode, 0);
    const auto msgs = parseLines(decoded.out);
    ASSERT_EQ(msgs.size(), 1U);
    EXPECT_EQ(msgs[0]["device"], "stdin");  // as gpsdecode
    const auto named = run(bin + " ais decode --json -q --device '{file}' " + file.string());
    ASSERT_EQ(parseLines(named.out).size(), 1U);
    EXPECT_EQ(parseLines(named.out)[0]["device"], file.string());
    EXPECT_EQ(msgs[0]["class"], "AIS");
    EXPECT_EQ(msgs[0]["type"], 1);
    const auto missing = run(bin + " ais decode /nonexistent/file.nmea 2>/dev/null");
    EXPECT_EQ(missing.exitCode, 1);
    const auto usage = run(bin + " ais decode --no-such-flag 2>/dev/null");
    EXPECT_EQ(usage.exitCode, 2);
    fs::remove(file);
}

TEST(AisCli, ImportTwiceAddsNothing) {
    const fs::path file = tempPath("import.nmea");
    {
        std::ofstream out(file);
        for (int i = 0; i < 50; ++i) {
            seawatch::ais::PositionFix f;
            f.mmsi = 470000009;
            f.time = 1700000000000 + i * 10000;
            f.lat = 12.5;
            f.lon = 45.0 + i * 0.001;
            out << seawatch::ais::withTagBlock(seawatch::ais::encodePositionReport(f)[0], f.time)
                << "\n";
        }
    }
    const fs::path ws = tempPath("ws.sqlite");
    const std::string cmd =
        std::string(SEAWATCH_BINARY) + " ais import " + file.string() + " --db " + ws.string();
    const auto first = run(cmd);
    EXPECT_EQ(first.exitCode, 0);
    EXPECT_NE(first.out.find("50 positions"), std::string::npos) << first.out;
    const auto second = run(cmd);
    EXPECT_EQ(second.exitCode, 0);
    EXPECT_NE(second.out.find("already imported"), std::string::npos) << second.out;
    const auto bad = run(std::string(SEAWATCH_BINARY) + " ais import /nonexistent.nmea --db " +
                         ws.string() + " 2>/dev/null");
    EXPECT_EQ(bad.exitCode, 1);
    fs::remove(file);
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(ws.string() + suffix);
}

TEST(AisCli, WatchReplaysAFileIntoAVesselList) {
    const fs::path file = tempPath("watch.nmea");
    {
        std::ofstream out(file);
        seawatch::ais::VesselStatic v;
        v.mmsi = 470000077;
        v.name = "GULF DHOW";
        v.shipType = 30;
        for (const auto& s : seawatch::ais::encodeStaticData(v)) out << s << "\n";
        for (int i = 0; i < 5; ++i) {
            seawatch::ais::PositionFix f;
            f.mmsi = 470000077;
            f.time = 1700000000000 + i * 60000;  // five minutes of track: 0.08 s at 3600x
            f.lat = 12.5 + i * 0.01;
            f.lon = 45.0;
            f.speedKn = 7.5F;
            f.courseDeg = 0;
            out << seawatch::ais::withTagBlock(seawatch::ais::encodePositionReport(f)[0], f.time)
                << "\n";
        }
    }
    const auto r = run(std::string(SEAWATCH_BINARY) + " ais watch " + file.string() +
                       " --speed 3600 2>/dev/null");
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("470000077  GULF DHOW"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("fishing"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("12.54000"), std::string::npos) << r.out;  // the last fix
    const auto bad = run(std::string(SEAWATCH_BINARY) + " ais watch /nonexistent.nmea 2>/dev/null");
    EXPECT_EQ(bad.exitCode, 1);
    fs::remove(file);
}
