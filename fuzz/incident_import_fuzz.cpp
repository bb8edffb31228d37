// libFuzzer target for the incident importers (ASAM CSV and MSI JSON, IMB CSV, GeoJSON):
// the importers' own readers (readIncidentText: what readIncidentFile runs once it has the
// file, fed from memory instead of a temporary file), without a workspace. SEAWATCH_FUZZ_FORMAT
// picks the format (0 asam-csv, 1 asam-json, 2 imb-csv, 3 geojson); one binary per format.
// Invariants: every row is counted once (inserted or rejected), nothing throws or
// crashes, and every text field handed on is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "seawatch/incidents/import.hpp"

namespace seawatch::fuzz {

inline int fuzzIncidentImport(incidents::ImportFormat format, const std::uint8_t* data,
                              std::size_t size) {
    static const std::string kNames[] = {"fuzz.csv", "fuzz.json", "fuzz.csv", "fuzz.geojson"};
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    incidents::ImportOptions options;
    options.format = format;
    options.maxReportedRejections = 4;
    std::int64_t handed = 0;
    const incidents::IncidentSink sink = [&](const incidents::Incident& r) {
        ++handed;
        for (const std::string* text :
             {&r.sourceRef, &r.vesselName, &r.vesselType, &r.flag, &r.aggressor, &r.narrative,
              &r.navarea, &r.subregion, &r.sourceNote})
            requireUtf8(*text);
        require(r.lat >= -90 && r.lat <= 90 && r.lon >= -180 && r.lon <= 180);
        incidents::SinkResult out;
        out.outcome = incidents::UpsertOutcome::Inserted;
        return out;
    };
    auto summary =
        incidents::readIncidentText(input, kNames[static_cast<int>(format)], options, sink);
    if (summary) {
        require(summary->inserted == handed);
        require(summary->read == summary->inserted + summary->rejected);
        for (const auto& row : summary->rejections) requireUtf8(row.where);
    }
    return 0;
}

}  // namespace seawatch::fuzz

#ifndef SEAWATCH_FUZZ_NO_ENTRY
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return seawatch::fuzz::fuzzIncidentImport(
        static_cast<seawatch::incidents::ImportFormat>(SEAWATCH_FUZZ_FORMAT), data, size);
}
#endif
