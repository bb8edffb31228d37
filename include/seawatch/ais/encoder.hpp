#pragma once
// AIS encoding: complete !AIVDM sentences from fixes and static data, used by round-trip
// tests and the scenario exporter. Unknown (NaN) values are sent as "not available".
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/ais/bits.hpp"
#include "seawatch/ais/vessel.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::ais {

// Encodes as complete !AIVDM sentences (multi-part when needed), with checksums.
std::vector<std::string> encodePositionReport(const PositionFix& fix, bool classB = false,
                                              char channel = 'A');
// Type 5 (class A) or type 24 A+B (classB).
std::vector<std::string> encodeStaticData(const VesselStatic& v, char channel = 'A',
                                          int sequenceId = 0);
// Prefixes a tag block with Unix time (c:) and source (s:),
// e.g. "\s:seawatch,c:1239175800*hh\!AIVDM..."
std::string withTagBlock(const std::string& sentence, time::UnixMillis t,
                         std::string_view source = "seawatch");

// Splits any message into sentences of at most `maxPayloadChars` characters each
// (multi-part with sequence id `sequenceId` when it does not fit in one).
std::vector<std::string> encodeSentences(const BitWriter& bits, char channel = 'A',
                                         int sequenceId = 0, std::size_t maxPayloadChars = 60,
                                         std::string_view talkerAndType = "AIVDM");

// Raw field encoders shared by the above: degrees -> 1/10000 minute, with "not available".
std::int64_t encodeLon(double lonDeg);
std::int64_t encodeLat(double latDeg);

}  // namespace seawatch::ais
