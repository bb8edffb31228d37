#pragma once
// gpsd-compatible JSON ("gpsdecode -j", scaled) for decoded AIS messages: the same field
// names, order, scaling, legends and number formats, so output can be diffed against gpsd.
#include <string>
#include <string_view>

#include "seawatch/ais/message.hpp"
#include "seawatch/common/text_buffer.hpp"

namespace seawatch::ais {

// Appends one JSON object and a newline to `out`. The TextBuffer form is the fast one (no
// zero-filling, no per-character checks); the std::string form is for tests and tools.
void appendGpsdJson(const AisMessage& m, std::string_view device, TextBuffer& out);
void appendGpsdJson(const AisMessage& m, std::string_view device, std::string& out);

// gpsd's legends, exposed for the console inspector.
const char* navStatusText(unsigned status);
const char* shipTypeText(unsigned shiptype);
const char* epfdText(unsigned epfd);
const char* aidTypeText(unsigned aidType);

}  // namespace seawatch::ais
