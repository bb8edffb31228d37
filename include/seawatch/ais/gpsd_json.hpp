#pragma once
// gpsd-compatible JSON ("gpsdecode -j", scaled) for decoded AIS messages: the same field
// names, order, scaling, legends and number formats, so output can be diffed against gpsd.
#include <string>
#include <string_view>

#include "seawatch/ais/message.hpp"

namespace seawatch::ais {

// Appends one JSON object and a newline to `out`.
void appendGpsdJson(const AisMessage& m, std::string_view device, std::string& out);

// gpsd's legends, exposed for the console inspector.
const char* navStatusText(unsigned status);
const char* shipTypeText(unsigned shiptype);
const char* epfdText(unsigned epfd);
const char* aidTypeText(unsigned aidType);

}  // namespace seawatch::ais
