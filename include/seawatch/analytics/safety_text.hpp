#pragma once
// Safety-related texts (AIS types 12 and 14) as analytics events. In the Gulf of Aden these
// carried piracy warnings ("PIRATES ATTACKING", "SUSPICIOUS SKIFF"), so a text that uses one
// of the piracy words raises the event's severity to alarm (number "piracy" = 1).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/ais/message.hpp"
#include "seawatch/analytics/event.hpp"

namespace seawatch::analytics {

struct SafetyText {
    time::UnixMillis time = 0;
    ais::Mmsi mmsi = 0;
    ais::Mmsi destMmsi = 0;  // type 12 only; 0 for a broadcast (14)
    std::uint8_t messageType = 14;
    std::string text;
};

// The text of a type 12 or 14 message received at `t`; nullopt for other types.
std::optional<SafetyText> safetyTextOf(const ais::AisMessage& m, time::UnixMillis t);

// The piracy words (pirate, piracy, attack, skiff, hijack, armed, suspicious, boarding,
// mayday) found in `text`, each once, in that order. Whole words, ignoring case: a word of the
// text counts when it is one of them or one of them with an ending (-s, -es, -ed, -ing, -er,
// -ers: "PIRATES", "ATTACKED"); "DISARMED" or "SKIFFLE" do not.
std::vector<std::string> piracyWordsIn(std::string_view text);

// The event: sender (and addressee), the text (in `text`), the sender's last position when
// the caller knows it, numbers {message_type, piracy}. Its severity (severityOf) is an
// alarm when the text speaks of piracy.
Event safetyTextEvent(const SafetyText& s, std::optional<double> lat = std::nullopt,
                      std::optional<double> lon = std::nullopt);

}  // namespace seawatch::analytics
