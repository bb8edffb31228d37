// The fuzz targets' bodies, run under any compiler on their seed files and a bounded number
// of seeded mutations of them, so their invariants hold in every build (scripts/test --fuzz
// runs them under libFuzzer for as long as it is given).
#include <gtest/gtest.h>
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#define SEAWATCH_FUZZ_NO_ENTRY
#include "../../fuzz/incident_import_fuzz.cpp"
#include "../../fuzz/scenario_fuzz.cpp"
#include "../../fuzz/zones_fuzz.cpp"

namespace fs = std::filesystem;
using namespace seawatch;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The seed, then `count` copies each with a few bytes changed, inserted or deleted.
template <typename Fn>
void runMutations(const std::string& seed, int count, Fn&& target) {
    std::mt19937 rng(20261201);
    const auto run = [&](const std::string& s) {
        target(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
    };
    run(seed);
    const std::string alphabet = "{}[]\",:0123456789-.eE\\ \n\r\xC3\xA9\xE9NSEWTZ";
    for (int i = 0; i < count && !seed.empty(); ++i) {
        std::string s = seed;
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits && !s.empty(); ++e) {
            const std::size_t at = rng() % s.size();
            const char c = alphabet[rng() % alphabet.size()];
            switch (rng() % 3) {
                case 0:
                    s[at] = c;
                    break;
                case 1:
                    s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), c);
                    break;
                default:
                    s.erase(at, 1 + rng() % 8);
                    break;
            }
        }
        run(s);
    }
}

const fs::path kData = fs::path(SEAWATCH_SOURCE_DIR) / "data";
const fs::path kShared = SEAWATCH_SHARED_TESTDATA;

}  // namespace

TEST(FuzzTargets, ScenarioSeedsAndMutations) {
    runMutations(slurp(kData / "scenarios/gulf_of_aden_2009.json"), 60, fuzz::fuzzScenario);
}

TEST(FuzzTargets, ZoneAndScheduleSeedsAndMutations) {
    runMutations(slurp(kData / "zones/patrol_sectors.geojson"), 40, fuzz::fuzzZones);
    runMutations(slurp(kData / "zones/irtc.geojson"), 40, fuzz::fuzzZones);
    runMutations(slurp(kData / "zones/schedule_gulf_of_aden_2009.json"), 200, fuzz::fuzzSchedule);
}

TEST(FuzzTargets, IncidentImportSeedsAndMutations) {
    const auto target = [](incidents::ImportFormat f) {
        return [f](const std::uint8_t* d, std::size_t n) { fuzz::fuzzIncidentImport(f, d, n); };
    };
    runMutations(slurp(kData / "incidents/sample_incidents.geojson"), 20,
                 target(incidents::ImportFormat::GeoJson));
    // An IMB-style file and a Latin-1 ASAM row, always available.
    runMutations(
        "date,time,longitude,latitude,attack_type,vessel_name\n"
        "2009-11-15,04:10,51.4,13.9,Boarded,ASTRAEA\n2010-01-02,,45.2,12.1,Attempted,NA\n",
        200, target(incidents::ImportFormat::ImbCsv));
    runMutations(
        "reference,date,position,navArea,subreg,hostility,victim,description\n"
        "2009-101,2009-11-15,\"12\xB0"
        "00'N 045\xB0"
        "00'E\",IX,62,PIRATES,CARGO SHIP,"
        "\"Fired upon, caf\xE9\"\n",
        200, target(incidents::ImportFormat::AsamCsv));
    if (!fs::exists(kShared / "incidents")) GTEST_SKIP() << "no shared testdata at " << kShared;
    const std::string csv = slurp(kShared / "incidents/asam_export_sample.csv");
    runMutations(csv.substr(0, 20000), 40, target(incidents::ImportFormat::AsamCsv));
    runMutations(slurp(kShared / "incidents/nga_msi_api_asams_sample.json"), 100,
                 target(incidents::ImportFormat::AsamJson));
}
