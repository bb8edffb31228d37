#pragma once
// Reads NMEA AIS logs into what the engine consumes: timed position fixes and merged
// static data per MMSI. A fix takes its time from its own sentence (tag block c:, trailing
// Unix time) or else from the last $PGHP/tag time seen in the file; fixes with no time at
// all cannot be placed and are counted, not guessed.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/ais/archive_query.hpp"
#include "seawatch/ais/decoder.hpp"
#include "seawatch/analytics/safety_text.hpp"
#include "seawatch/common/result.hpp"

namespace seawatch::analytics {

struct AisInput {
    std::vector<ais::PositionFix> fixes;     // in file order
    std::vector<ais::VesselStatic> statics;  // one per MMSI, ascending
    std::uint64_t untimedFixes = 0;          // position reports with no time to place them
    std::vector<SafetyText> safetyTexts;     // types 12 and 14 with a time, in file order
    std::uint64_t untimedTexts = 0;          // safety texts with no time to place them
    std::uint64_t lines = 0;
    std::uint64_t rejectedLines = 0;  // bad checksum, malformed, bad length
    // First few rejected lines, "file:line: reason", for the operator.
    std::vector<std::string> rejections;
};

// Fails only when a file cannot be opened or read.
Result<AisInput> loadAisFiles(const std::vector<std::filesystem::path>& paths);
// The same over NMEA text in memory (a scenario's synthesized feed); `name` labels errors.
Result<AisInput> loadAisText(std::string_view nmea, const std::string& name);

// What an archive answered (a GeoPackage workspace's or a station's, asked withStatics), as
// the engine's input: each fix a position report, the static data as stored. The archive
// keeps neither safety texts nor the lines it rejected, so those stay empty.
AisInput aisInputFromArchive(const ais::ArchiveQueryResult& archived);
// Adds `more` to `into` (fixes and texts after into's, statics merged per MMSI, counts
// summed): analysing logs and an archive window together.
void appendAisInput(AisInput& into, AisInput&& more);

}  // namespace seawatch::analytics
