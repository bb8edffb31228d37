// A bounded smoke run of the fuzz target under any compiler: a fixed number of mutations of
// real-looking sentences (seeded, so a failure reproduces), no time limit involved.
#include <gtest/gtest.h>

#include <random>

#include "../../fuzz/ais_sentence_fuzz.cpp"
#include "seawatch/ais/encoder.hpp"

TEST(FuzzSmoke, MutatedSentencesNeverCrash) {
    using namespace seawatch::ais;
    std::vector<std::string> seeds = {
        "!AIVDM,1,1,,B,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*33",
        "\\g:1-2-1604,s:rORBCOMM008,c:1418169601*37\\!AIVDM,2,1,6,A,53@o0E000001Q0CG37U8u<Tp4q@"
        "D0000000000001833040000000000,0*63",
        "\\g:2-2-1604*34\\!AIVDM,2,2,6,A,00000000008,2*2A",
        "$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B",
        "!AIVDM,1,1,,A,403Ovl@000Htt<tSF0l4Q@100`Pq,0*28,d-109,S2105,t050056.00,1325394060",
        "!AIVDM,1,1,,B,,0*25",
    };
    VesselStatic v;
    v.mmsi = 1;
    v.name = "X";
    for (auto& s : encodeStaticData(v)) seeds.push_back(s);
    v.classB = true;
    for (auto& s : encodeStaticData(v)) seeds.push_back(s);
    std::mt19937 rng(20261128);
    const std::string alphabet = "!$\\*,:-0123456789ABCDEFVDMOPQRSTUVW`abcw@\n\r ~";
    std::uint64_t runs = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string input;
        const int lines = 1 + static_cast<int>(rng() % 4);
        for (int l = 0; l < lines; ++l) {
            std::string s = seeds[rng() % seeds.size()];
            const int edits = static_cast<int>(rng() % 6);
            for (int e = 0; e < edits && !s.empty(); ++e) {
                const std::size_t pos = rng() % s.size();
                switch (rng() % 4) {
                    case 0:
                        s[pos] = alphabet[rng() % alphabet.size()];
                        break;
                    case 1:
                        s.erase(pos, 1 + rng() % 8);
                        break;
                    case 2:
                        s.insert(pos, 1, alphabet[rng() % alphabet.size()]);
                        break;
                    default:
                        s.insert(pos, s.substr(0, rng() % s.size()));
                        break;
                }
            }
            input += s;
            input += '\n';
        }
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
        ++runs;
    }
    EXPECT_EQ(runs, 20000U);
}
