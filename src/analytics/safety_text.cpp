#include "seawatch/analytics/safety_text.hpp"

#include "seawatch/analytics/engine.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

namespace seawatch::analytics {
namespace {

constexpr std::array<std::string_view, 9> kPiracyWords = {
    "pirate", "piracy", "attack", "skiff", "hijack", "armed", "suspicious", "boarding", "mayday"};

// The endings by which a piracy word is still the same whole word: "PIRATES", "ATTACKED",
// "HIJACKING", "HIJACKERS". A longer word that merely begins with one ("ARMEDIA"), or that
// holds one inside it ("DISARMED", "UNARMED"), is another word.
constexpr std::array<std::string_view, 7> kInflections = {"", "s", "es", "ed", "ing", "er", "ers"};

bool equalsIgnoringCase(std::string_view word, std::string_view lower) {
    if (word.size() != lower.size()) return false;
    for (std::size_t i = 0; i < lower.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(word[i])) != lower[i]) return false;
    return true;
}

bool isFormOf(std::string_view word, std::string_view piracyWord) {
    if (word.size() < piracyWord.size()) return false;
    if (!equalsIgnoringCase(word.substr(0, piracyWord.size()), piracyWord)) return false;
    const std::string_view ending = word.substr(piracyWord.size());
    return std::any_of(kInflections.begin(), kInflections.end(),
                       [&](std::string_view e) { return equalsIgnoringCase(ending, e); });
}

}  // namespace

std::optional<SafetyText> safetyTextOf(const ais::AisMessage& m, time::UnixMillis t) {
    if (!ais::isSafetyText(m)) return std::nullopt;
    SafetyText s;
    s.time = t;
    s.mmsi = m.mmsi;
    s.destMmsi = m.type == 12 ? m.ext.destMmsi : 0;
    s.messageType = m.type;
    s.text = m.ext.text;
    return s;
}

std::vector<std::string> piracyWordsIn(std::string_view text) {
    std::array<bool, kPiracyWords.size()> found{};
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
        const std::size_t start = i;
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
        const std::string_view word = text.substr(start, i - start);
        for (std::size_t k = 0; k < kPiracyWords.size(); ++k)
            if (!word.empty() && isFormOf(word, kPiracyWords[k])) found[k] = true;
    }
    std::vector<std::string> out;
    for (std::size_t k = 0; k < kPiracyWords.size(); ++k)
        if (found[k]) out.emplace_back(kPiracyWords[k]);
    return out;
}

Event safetyTextEvent(const SafetyText& s, std::optional<double> lat, std::optional<double> lon) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    Event e;
    e.type = EventType::SafetyText;
    e.time = s.time;
    e.mmsi.push_back(s.mmsi);
    if (s.destMmsi != 0) e.mmsi.push_back(s.destMmsi);
    e.lat = lat.value_or(kNaN);
    e.lon = lon.value_or(kNaN);
    e.text = s.text;
    // "piracy" says in the event logs what severityOf(event) reads from the text.
    e.numbers = {{"message_type", s.messageType},
                 {"piracy", piracyWordsIn(s.text).empty() ? 0.0 : 1.0}};
    return e;
}

// Engine's side, here with the rest of the rule: the event goes out at the text's time,
// placed at the sender's last fix when that fix is still fresh.
void Engine::ingestSafetyText(const SafetyText& text) {
    advanceTo(text.time);
    std::optional<double> lat, lon;
    if (const std::uint32_t slot = slots_.find(text.mmsi); slot != kNoSlot) {
        // A slot with no fix yet holds the minimum time: test before subtracting.
        const time::UnixMillis seen = lastTime_[slot];
        if (seen != std::numeric_limits<time::UnixMillis>::min() && seen <= text.time &&
            text.time - seen <= inputs_.config.staleAfterMs) {
            lat = lat_[slot];
            lon = lon_[slot];
        }
    }
    emit(safetyTextEvent(text, lat, lon));
}

}  // namespace seawatch::analytics
