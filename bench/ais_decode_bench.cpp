// AIS throughput: decode only (framing + de-armouring + fields), decode + gpsd JSON, and
// ingest into the TrackStore. Input: real-looking sentences from the encoder (a Gulf of
// Aden traffic mix: class A/B positions, static data incl. multi-part type 5, base stations).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "seawatch/ais/decoder.hpp"
#include "seawatch/ais/encoder.hpp"
#include "seawatch/ais/gpsd_json.hpp"
#include "seawatch/ais/track_store.hpp"

namespace {

using namespace seawatch::ais;

// `messages` messages of the traffic mix, as sentences (type 5 takes two).
std::vector<std::string> makeCorpus(int messages) {
    std::vector<std::string> out;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lat(10.5, 15.0), lon(43.0, 55.0), sog(0, 22),
        cog(0, 360);
    for (int i = 0; i < messages; ++i) {
        PositionFix f;
        f.mmsi = 200000000 + static_cast<Mmsi>(rng() % 5000) * 1000;
        f.time = 1700000000000 + i * 100;
        f.lat = lat(rng);
        f.lon = lon(rng);
        f.speedKn = static_cast<float>(sog(rng));
        f.courseDeg = static_cast<float>(cog(rng));
        f.headingDeg = f.courseDeg;
        f.navStatus = static_cast<std::uint8_t>(rng() % 9);
        f.messageType = static_cast<std::uint8_t>(1 + rng() % 3);
        const int kind = static_cast<int>(rng() % 100);
        if (kind < 90) {
            for (auto& s : encodePositionReport(f, kind >= 75)) out.push_back(std::move(s));
        } else {
            VesselStatic v;
            v.mmsi = f.mmsi;
            v.name = "MV OCEAN TRADER " + std::to_string(i % 100);
            v.callsign = "A8" + std::to_string(i % 1000);
            v.shipType = 70 + static_cast<int>(rng() % 20);
            v.toBow = 150;
            v.toStern = 30;
            v.toPort = 12;
            v.toStarboard = 12;
            v.destination = "DJIBOUTI";
            v.classB = kind >= 97;
            for (auto& s : encodeStaticData(v, 'B', i % 10)) out.push_back(std::move(s));
        }
    }
    return out;
}

const std::vector<std::string>& corpus() {
    static const std::vector<std::string> lines = makeCorpus(200000);
    return lines;
}

// The real logs of ../shared/testdata (DMA with a $PGHP line before each sentence, AMSA
// satellite with trailing Unix times), repeated to ~1.8 M lines; empty when absent.
// SEAWATCH_SHARED_TESTDATA names another testdata folder (a worktree's ../shared may not
// exist), as for bench/ais_vs_gpsdecode.sh.
const std::vector<std::string>& realLogs() {
    static const std::vector<std::string> lines = [] {
        const char* shared = std::getenv("SEAWATCH_SHARED_TESTDATA");
        const std::filesystem::path dir =
            (shared && *shared
                 ? std::filesystem::path(shared)
                 : std::filesystem::path(SEAWATCH_SOURCE_DIR) / "../shared/testdata") /
            "ais/tracks";
        std::vector<std::string> one;
        for (const char* name : {"dma_stream_example.txt", "amsa_exact-earth-augmented-3.txt"}) {
            std::ifstream in(dir / name);
            for (std::string l; std::getline(in, l);) one.push_back(l);
        }
        std::vector<std::string> out;
        while (!one.empty() && out.size() < 1'800'000)
            out.insert(out.end(), one.begin(), one.end());
        return out;
    }();
    return lines;
}

// The whole line path (framing, reassembly, payload) on real logs, in memory.
void BM_RealLogsLinePath(benchmark::State& state) {
    const auto& lines = realLogs();
    if (lines.empty()) return state.SkipWithError("shared testdata absent");
    AisDecoder decoder;
    std::uint64_t decoded = 0;
    for (auto _ : state)
        for (const auto& l : lines)
            if (decoder.decodeLine(l)) ++decoded;
    benchmark::DoNotOptimize(decoded);
    state.counters["lines/s"] = benchmark::Counter(
        static_cast<double>(state.iterations() * lines.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RealLogsLinePath)->Unit(benchmark::kMillisecond);

// Framing alone over `lines`, counted as `unit` ("lines/s", "sentences/s").
void frameEach(benchmark::State& state, const std::vector<std::string>& lines, const char* unit) {
    if (lines.empty()) return state.SkipWithError("shared testdata absent");
    std::uint64_t n = 0;
    for (auto _ : state)
        for (const auto& l : lines) n += parseLine(l).fragment.payload.size();
    benchmark::DoNotOptimize(n);
    state.counters[unit] = benchmark::Counter(
        static_cast<double>(state.iterations() * lines.size()), benchmark::Counter::kIsRate);
}

// Framing alone on the same lines.
void BM_RealLogsParseLine(benchmark::State& state) {
    frameEach(state, realLogs(), "lines/s");
}
BENCHMARK(BM_RealLogsParseLine)->Unit(benchmark::kMillisecond);

// The lines of the real logs that are single-part sentences: those whose payloads the
// payload-only pass below decodes. (The others are mostly $PGHP timestamp records, which have
// no payload.)
const std::vector<std::string>& realSentences() {
    static const std::vector<std::string> sentences = [] {
        std::vector<std::string> out;
        for (const auto& l : realLogs()) {
            const ParsedLine p = parseLine(l);
            if (p.kind == LineKind::Fragment && p.fragment.count == 1) out.push_back(l);
        }
        return out;
    }();
    return sentences;
}

// Framing alone on those sentences, per sentence: the same lines as the payload-only pass,
// so the two compare sentence for sentence ("sentences/s" in both).
void BM_RealLogsParseSentences(benchmark::State& state) {
    frameEach(state, realSentences(), "sentences/s");
}
BENCHMARK(BM_RealLogsParseSentences)->Unit(benchmark::kMillisecond);

// The payload decode alone (de-armouring and fields) of the same logs' single-part
// sentences, framed beforehand; per line of the log, so it compares with the line path and
// framing above, and per sentence, so it compares with BM_RealLogsParseSentences.
void BM_RealLogsPayloadOnly(benchmark::State& state) {
    const auto& lines = realLogs();
    if (lines.empty()) return state.SkipWithError("shared testdata absent");
    std::vector<Fragment> fragments;
    for (const auto& l : realSentences()) fragments.push_back(parseLine(l).fragment);
    BitBuffer bits;
    AisMessage m;
    std::uint64_t ok = 0;
    for (auto _ : state) {
        for (const auto& f : fragments) {
            bits.clear();
            bits.appendArmoured(f.payload);
            bits.trimBits(f.fillBits);
            static_cast<AisMessageCore&>(m) = AisMessageCore{};
            if (decodePayload(bits, m) == PayloadResult::Ok) ++ok;
        }
    }
    benchmark::DoNotOptimize(ok);
    state.counters["lines/s"] = benchmark::Counter(
        static_cast<double>(state.iterations() * lines.size()), benchmark::Counter::kIsRate);
    state.counters["sentences/s"] = benchmark::Counter(
        static_cast<double>(state.iterations() * fragments.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RealLogsPayloadOnly)->Unit(benchmark::kMillisecond);

// The line path plus gpsd JSON, as `ais decode --json` does it, without the file I/O.
void BM_RealLogsJson(benchmark::State& state) {
    const auto& lines = realLogs();
    if (lines.empty()) return state.SkipWithError("shared testdata absent");
    DecoderOptions options;
    options.gpsdCompatible = true;  // as in JSON mode
    AisDecoder decoder(options);
    seawatch::TextBuffer out(std::size_t{1} << 21);
    std::uint64_t bytes = 0;
    for (auto _ : state) {
        for (const auto& l : lines) {
            if (const AisMessage* m = decoder.decodeLine(l)) appendGpsdJson(*m, "stdin", out);
            if (out.size() > (std::size_t{1} << 20)) {
                bytes += out.size();
                out.clear();
            }
        }
    }
    benchmark::DoNotOptimize(bytes);
    state.counters["lines/s"] = benchmark::Counter(
        static_cast<double>(state.iterations() * lines.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RealLogsJson)->Unit(benchmark::kMillisecond);

void BM_DecodeOnly(benchmark::State& state) {
    const auto& lines = corpus();
    AisDecoder decoder;
    std::uint64_t decoded = 0;
    for (auto _ : state) {
        for (const auto& l : lines)
            if (decoder.decodeLine(l)) ++decoded;
    }
    benchmark::DoNotOptimize(decoded);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines.size()));
    state.counters["sentences/s"] = benchmark::Counter(
        static_cast<double>(state.iterations() * lines.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DecodeOnly)->Unit(benchmark::kMillisecond);

void BM_ParseLineOnly(benchmark::State& state) {
    const auto& lines = corpus();
    std::uint64_t n = 0;
    for (auto _ : state)
        for (const auto& l : lines) n += parseLine(l).fragment.payload.size();
    benchmark::DoNotOptimize(n);
    state.counters["sentences/s"] = benchmark::Counter(
        static_cast<double>(state.iterations() * lines.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseLineOnly)->Unit(benchmark::kMillisecond);

void BM_DecodeAndGpsdJson(benchmark::State& state) {
    const auto& lines = corpus();
    AisDecoder decoder;
    seawatch::TextBuffer out(std::size_t{1} << 20);
    for (auto _ : state) {
        for (const auto& l : lines) {
            if (const AisMessage* m = decoder.decodeLine(l)) appendGpsdJson(*m, "stdin", out);
            if (out.size() > (1 << 19)) out.clear();
        }
    }
    benchmark::DoNotOptimize(out.view().data());
    state.counters["sentences/s"] = benchmark::Counter(
        static_cast<double>(state.iterations() * lines.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DecodeAndGpsdJson)->Unit(benchmark::kMillisecond);

void BM_TrackStoreIngest(benchmark::State& state) {
    const auto& lines = corpus();
    for (auto _ : state) {
        AisDecoder decoder;
        TrackStore store;
        std::int64_t t = 1700000000000;
        for (const auto& l : lines)
            if (const AisMessage* m = decoder.decodeLine(l)) store.ingest(*m, t += 100);
        benchmark::DoNotOptimize(store.totalFixes());
    }
    state.counters["sentences/s"] = benchmark::Counter(
        static_cast<double>(state.iterations() * lines.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TrackStoreIngest)->Unit(benchmark::kMillisecond);

void BM_DecimatedTrail(benchmark::State& state) {
    TrackStore store;
    for (int i = 0; i < 1000000; ++i) {
        PositionFix f;
        f.mmsi = 1 + static_cast<Mmsi>(i % 100);
        f.time = 1700000000000 + i * 1000LL;
        const int step = i / 100;  // whole steps along each trail
        f.lat = 12.0 + (i % 100) * 0.01 + step * 1e-5;
        f.lon = 45.0 + step * 1e-4;
        store.addFix(f);
    }
    std::vector<TrailPoint> trail;
    std::size_t vertices = 0;
    for (auto _ : state) {
        vertices = 0;
        for (std::size_t v = 0; v < store.vesselCount(); ++v) {
            store.decimatedTrail(v, 0, INT64_MAX, 0.002, trail);  // ~1 px at a 4 km/512 px view
            vertices += trail.size();
        }
    }
    state.counters["fixes"] = static_cast<double>(store.totalFixes());
    state.counters["vertices"] = static_cast<double>(vertices);
}
BENCHMARK(BM_DecimatedTrail)->Unit(benchmark::kMillisecond);

}  // namespace

// `seawatch_ais_decode_bench --write-corpus FILE N` writes N messages of the same mix,
// one sentence a line with a tag-block time, for the end-to-end CLI comparison
// (scripts/bench_ais.sh); otherwise the usual Google Benchmark main.
int main(int argc, char** argv) {
    if (argc == 4 && std::string(argv[1]) == "--write-corpus") {
        std::FILE* f = std::fopen(argv[2], "wb");
        if (!f) {
            std::perror(argv[2]);
            return 1;
        }
        const auto lines = makeCorpus(std::atoi(argv[3]));
        std::int64_t t = 1700000000000;
        for (const auto& l : lines) {
            const std::string line = withTagBlock(l, t += 50);
            std::fwrite(line.data(), 1, line.size(), f);
            std::fputc('\n', f);
        }
        std::fclose(f);
        std::printf("%zu sentences written to %s\n", lines.size(), argv[2]);
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
