// libFuzzer target for zone files (GeoJSON through OGR, with seawatch's checks: dates,
// plausible years, polygon validity and area) and, with SEAWATCH_FUZZ_SCHEDULE, for
// schedule JSON. Invariant: a loaded zone has the geometry its kind needs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "seawatch/zones/schedule.hpp"
#include "seawatch/zones/zone_loader.hpp"

namespace seawatch::fuzz {

inline int fuzzZones(const std::uint8_t* data, std::size_t size) {
    // From memory through GDAL's /vsimem/: the loader's own code, without a temporary file,
    // and GeoJSON only (zone files are GeoJSON; GDAL's other drivers are not ours to fuzz).
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto load = zones::loadZonesFromText(text, "fuzz.geojson", {"GeoJSON"});
    if (!load) return 0;
    for (const auto& z : load->zones) {
        if (z.kind == zones::ZoneKind::PatrolSector) {
            require(z.geometry == zones::GeometryType::Polygon && !z.polygons.empty());
        }
        if (z.validFrom && z.validTo) require(*z.validFrom < *z.validTo);
    }
    return 0;
}

inline int fuzzSchedule(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto schedule = zones::parseSchedule(text, "fuzz.json");
    if (schedule) require(schedule->windowFrom < schedule->windowTo);
    return 0;
}

}  // namespace seawatch::fuzz

#ifndef SEAWATCH_FUZZ_NO_ENTRY
#include <spdlog/spdlog.h>

// GDAL's complaints about a malformed file go to the log (common/gdal_init.cpp): for a
// fuzzer that is a line or two per input, gigabytes over 10 M executions and a good part of
// the time. They are the loader's expected answer, not findings, so the log is off.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    spdlog::set_level(spdlog::level::off);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
#ifdef SEAWATCH_FUZZ_SCHEDULE
    return seawatch::fuzz::fuzzSchedule(data, size);
#else
    return seawatch::fuzz::fuzzZones(data, size);
#endif
}
#endif
