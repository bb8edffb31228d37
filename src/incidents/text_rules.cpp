#include "seawatch/incidents/text_rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

namespace seawatch::incidents {

namespace {

// ASCII only, as std::tolower is in the "C" locale, without a libc call per byte.
std::string lower(std::string_view text) {
    std::string out(text);
    for (char& ch : out) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return out;
}

// Text lowered once, with a filter of the byte pairs it holds, so that the fifty-odd
// needles of the rules below mostly cost a few bit tests instead of a scan of a 400-byte
// narrative each (std::string::find stopped at every occurrence of a needle's first letter:
// most of an import's classification time, docs/PERFORMANCE.md). A needle whose pairs are all
// present is confirmed with memmem.
class Lowered {
  public:
    explicit Lowered(std::string_view text) : text_(lower(text)) {
        for (std::size_t i = 0; i + 1 < text_.size(); ++i) {
            const unsigned k = pairKey(text_[i], text_[i + 1]);
            pairs_[k >> 6] |= std::uint64_t{1} << (k & 63);
        }
    }
    // `needle` is in lower case.
    bool contains(std::string_view needle) const {
        if (needle.size() > text_.size()) return false;
        for (std::size_t i = 0; i + 1 < needle.size(); ++i) {
            const unsigned k = pairKey(needle[i], needle[i + 1]);
            if (((pairs_[k >> 6] >> (k & 63)) & 1) == 0) return false;
        }
        return ::memmem(text_.data(), text_.size(), needle.data(), needle.size()) != nullptr;
    }

  private:
    // The low six bits of each byte: distinct for letters, digits and most punctuation.
    static unsigned pairKey(char a, char b) {
        return ((static_cast<unsigned char>(a) & 63u) << 6) | (static_cast<unsigned char>(b) & 63u);
    }
    std::string text_;
    std::array<std::uint64_t, 64> pairs_{};
};

bool containsAny(const Lowered& haystack, std::initializer_list<std::string_view> needles) {
    return std::any_of(needles.begin(), needles.end(),
                       [&](std::string_view n) { return haystack.contains(n); });
}

bool isSpace(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

// Symbols that may separate degrees, minutes and seconds, in UTF-8 and ASCII.
std::size_t separatorLength(std::string_view s, std::size_t i) {
    constexpr std::string_view kMultiByte[] = {
        "\xC2\xB0",      // ° degree sign
        "\xC2\xBA",      // º masculine ordinal, a common stand-in for the degree sign
        "\xE2\x80\xB2",  // ′ prime
        "\xE2\x80\xB3",  // ″ double prime
        "\xE2\x80\x99",  // ’ right single quote (word processors)
        "\xE2\x80\x9D",  // ” right double quote
    };
    for (std::string_view sym : kMultiByte) {
        if (s.substr(i, sym.size()) == sym) return sym.size();
    }
    const char ch = s[i];
    if (ch == '\'' || ch == '"' || isSpace(ch) || ch == '-' || ch == ':') return 1;
    return 0;
}

}  // namespace

Result<double> parseDmsCoordinate(std::string_view text, bool latitude) {
    double parts[3] = {0, 0, 0};
    bool fractional[3] = {false, false, false};
    int count = 0;
    char hemisphere = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const char ch = text[i];
        if (std::isdigit(static_cast<unsigned char>(ch)) || ch == '.') {
            if (hemisphere) return makeError("text after the hemisphere letter");
            if (count == 3) return makeError("more than degrees, minutes and seconds");
            std::size_t end = i;
            while (end < text.size() &&
                   (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) {
                ++end;
            }
            double value = 0;
            const auto [ptr, ec] = std::from_chars(text.data() + i, text.data() + end, value);
            if (ec != std::errc() || ptr != text.data() + end) {
                return makeError("bad number '" + std::string(text.substr(i, end - i)) + "'");
            }
            fractional[count] = text.substr(i, end - i).find('.') != std::string_view::npos;
            parts[count++] = value;
            i = end;
            continue;
        }
        const char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (upper == 'N' || upper == 'S' || upper == 'E' || upper == 'W') {
            if (hemisphere) return makeError("two hemisphere letters");
            hemisphere = upper;
            ++i;
            continue;
        }
        // "12-30N" uses '-' as a separator, but before the degrees it is a sign, and a
        // sign with a hemisphere letter ("-12°00'00\"N") cannot be told N from S.
        if (ch == '-' && count == 0) return makeError("a minus sign before the degrees");
        const std::size_t sep = separatorLength(text, i);
        if (sep == 0) {
            return makeError("unexpected character '" + std::string(1, ch) + "'");
        }
        i += sep;
    }
    if (count == 0) return makeError("no degrees");
    if (!hemisphere) return makeError("no hemisphere letter");
    const bool latHemisphere = hemisphere == 'N' || hemisphere == 'S';
    if (latHemisphere != latitude) {
        return makeError(std::string("hemisphere '") + hemisphere + "' on a " +
                         (latitude ? "latitude" : "longitude"));
    }
    for (int k = 0; k + 1 < count; ++k) {
        if (fractional[k]) return makeError("a fraction before the last field");
    }
    // 60 minutes or seconds appears in real ASAM data (`5°60'00"N`) and means a carry.
    if (count >= 2 && parts[1] > 60.0) return makeError("minutes over 60");
    if (count == 3 && parts[2] > 60.0) return makeError("seconds over 60");
    const double magnitude = parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
    const double limit = latitude ? 90.0 : 180.0;
    if (magnitude > limit) {
        return makeError(std::string(latitude ? "latitude" : "longitude") + " beyond " +
                         (latitude ? "90" : "180") + " degrees");
    }
    return (hemisphere == 'S' || hemisphere == 'W') ? -magnitude : magnitude;
}

Result<LatLon> parseDmsPosition(std::string_view text) {
    // The latitude ends at its hemisphere letter; the longitude is the rest.
    std::size_t split = std::string_view::npos;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
        if (upper == 'N' || upper == 'S') {
            split = i + 1;
            break;
        }
    }
    if (split == std::string_view::npos) return makeError("no N/S latitude");
    std::string_view latText = text.substr(0, split);
    std::string_view lonText = text.substr(split);
    while (!lonText.empty() && (isSpace(lonText.front()) || lonText.front() == ',' ||
                                lonText.front() == ';' || lonText.front() == '/')) {
        lonText.remove_prefix(1);
    }
    if (lonText.empty()) return makeError("no longitude");
    auto lat = parseDmsCoordinate(latText, true);
    if (!lat) return makeError("latitude: " + lat.error());
    auto lon = parseDmsCoordinate(lonText, false);
    if (!lon) return makeError("longitude: " + lon.error());
    return LatLon{*lat, *lon};
}

namespace {

bool mentionsRobbery(const Lowered& t) {
    return containsAny(
        t, {"robber", "robbed", "stole", "theft", "thief", "thieve", "pilfer", "burglar"});
}

// The narrative decides when the hostility field only names the actor ("PIRATES").
// Order follows IMB's precedence: the gravest outcome wins.
Category categoryFromNarrative(const Lowered& n) {
    if (containsAny(n, {"hijack", "seized control", "took control", "taken control"})) {
        return Category::Hijacked;
    }
    if (containsAny(n, {"kidnap", "abduct", "taken hostage", "held hostage"})) {
        return Category::Kidnapping;
    }
    if (containsAny(n,
                    {"detained by", "was detained", "were detained", "arrested by", "seized by"})) {
        return Category::Detention;
    }
    if (containsAny(n, {"boarded", "climbed on board", "gained access", "got onboard"})) {
        return mentionsRobbery(n) ? Category::Robbery : Category::Boarded;
    }
    if (containsAny(n, {"fired upon", "fired on", "fired at", "opened fire", "shot at",
                        "shots were fired", "rpg", "gunfire", "fired a rocket"})) {
        return Category::FiredUpon;
    }
    if (containsAny(n, {"attempted to board", "attempt to board", "attempted boarding",
                        "tried to board", "attempting to board"})) {
        return Category::Attempted;
    }
    if (containsAny(n, {"disrupt", "pirate action group", "intercepted by"})) {
        return Category::Disruption;
    }
    if (mentionsRobbery(n)) return Category::Robbery;
    if (containsAny(n, {"suspicious"})) return Category::SuspiciousApproach;
    if (containsAny(n, {"approach", "chased", "closed in", "closing in"})) {
        return Category::Approach;
    }
    if (containsAny(n, {"attack"})) return Category::Attack;
    return Category::Unclassified;
}

}  // namespace

Category categoryFromReport(std::string_view hostility, std::string_view narrative) {
    const Lowered h(hostility);
    if (containsAny(h, {"detain", "seiz", "arrest", "revolutionary guard", "authorities", "militia",
                        "coast guard", "navy"})) {
        return Category::Detention;
    }
    if (containsAny(h, {"hijack"})) return Category::Hijacked;
    if (containsAny(h, {"kidnap"})) return Category::Kidnapping;
    if (containsAny(h, {"fired", "shots", "shot at", "gunfire", "rpg"})) {
        return Category::FiredUpon;
    }
    if (containsAny(h, {"explosion", "drone", "missile", "mine ", "limpet", "attack"})) {
        return Category::Attack;
    }
    // "susp" catches the typos real exports carry ("Suspicous", "SUSPICIOPUS").
    if (containsAny(h, {"susp"})) return Category::SuspiciousApproach;
    if (containsAny(h, {"attempt"})) return Category::Attempted;
    if (containsAny(h, {"robber", "robebr", "thie", "theft"})) return Category::Robbery;
    if (containsAny(h, {"boarding", "boarder", "intruder", "stowaway"})) {
        return Category::Boarded;
    }
    if (containsAny(h, {"approach"})) return Category::Approach;
    if (containsAny(h, {"disrupt"})) return Category::Disruption;
    if (containsAny(h, {"military activity"})) return Category::Unclassified;
    return categoryFromNarrative(Lowered(narrative));
}

Category categoryFromImbAttackType(std::string_view attackType, std::string_view narrative) {
    const std::string t = lower(attackType);
    if (t.find("hijack") != std::string::npos) return Category::Hijacked;
    if (t.find("board") != std::string::npos && t.find("attempt") == std::string::npos) {
        return Category::Boarded;
    }
    if (t.find("fired") != std::string::npos) return Category::FiredUpon;
    if (t.find("attempt") != std::string::npos) return Category::Attempted;
    if (t.find("susp") != std::string::npos) return Category::SuspiciousApproach;
    if (t.find("approach") != std::string::npos) return Category::Approach;
    if (t.find("kidnap") != std::string::npos) return Category::Kidnapping;
    if (t.find("detain") != std::string::npos) return Category::Detention;
    if (t.find("robber") != std::string::npos) return Category::Robbery;
    if (t.find("disrupt") != std::string::npos) return Category::Disruption;
    if (auto parsed = parseCategory(attackType)) return *parsed;
    return categoryFromNarrative(Lowered(narrative));
}

std::string vesselTypeFromVictim(std::string_view victim) {
    const Lowered v(victim);
    struct Rule {
        std::initializer_list<std::string_view> words;
        std::string_view type;
    };
    // First match wins: specific kinds before the generic ones.
    static const Rule kRules[] = {
        {{"chemical"}, "chemical tanker"},
        {{"product tanker", "products tanker"}, "product tanker"},
        {{"lpg", "lng", "gas carrier"}, "gas carrier"},
        {{"crude", "oil tanker"}, "crude oil tanker"},
        {{"tanker"}, "tanker"},
        {{"bulk"}, "bulk carrier"},
        {{"container"}, "container ship"},
        {{"ro-ro", "roro", "vehicle carrier", "car carrier"}, "ro-ro"},
        {{"reefer", "refrigerated"}, "reefer"},
        {{"tug"}, "tug"},
        {{"yacht", "sailing", "catamaran", "sailboat"}, "yacht"},
        {{"dhow"}, "dhow"},
        {{"fishing", "trawler", "fishermen"}, "fishing vessel"},
        {{"supply", "offshore", "survey", "research", "seismic", "platform"},
         "offshore support vessel"},
        {{"passenger", "ferry", "cruise"}, "passenger ship"},
        {{"barge"}, "barge"},
        {{"warship", "navy", "naval", "frigate"}, "naval vessel"},
        {{"general cargo", "cargo"}, "general cargo"},
        {{"merchant", "motor vessel", "vessel", "ship"}, "merchant vessel"},
    };
    for (const Rule& rule : kRules) {
        if (containsAny(v, rule.words)) return std::string(rule.type);
    }
    return {};
}

namespace {

std::vector<std::string_view> splitWords(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (isSpace(text[i]) || text[i] == ',')) ++i;
        std::size_t end = i;
        while (end < text.size() && !isSpace(text[end]) && text[end] != ',') ++end;
        if (end > i) words.push_back(text.substr(i, end - i));
        i = end;
    }
    return words;
}

bool hasLower(std::string_view word) {
    return std::any_of(word.begin(), word.end(),
                       [](char c) { return std::islower(static_cast<unsigned char>(c)); });
}
bool hasUpper(std::string_view word) {
    return std::any_of(word.begin(), word.end(),
                       [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
}

}  // namespace

std::string vesselNameFromVictim(std::string_view victim) {
    const auto words = splitWords(victim);
    if (words.empty()) return {};
    if (!hasLower(victim)) {
        // All capitals: a name only when no vessel type or placeholder is named.
        const Lowered l(victim);
        if (!vesselTypeFromVictim(victim).empty() ||
            containsAny(l, {"unidentified", "unknown", "n/a", "vessels"})) {
            return {};
        }
        return std::string(victim);
    }
    std::size_t first = words.size();
    while (first > 0 && !hasLower(words[first - 1]) &&
           (hasUpper(words[first - 1]) ||
            std::all_of(words[first - 1].begin(), words[first - 1].end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))) {
        --first;
    }
    // A trailing number alone ("... 55") is not a name.
    if (first == words.size() || !hasUpper(words[first])) return {};
    std::string name;
    for (std::size_t k = first; k < words.size(); ++k) {
        if (!name.empty()) name += ' ';
        name += words[k];
    }
    return name;
}

std::string flagFromText(std::string_view text) {
    const std::size_t at = text.find("-flagged");
    if (at == std::string_view::npos) return {};
    const auto words = splitWords(text.substr(0, at));
    static constexpr std::string_view kNotCountries[] = {"a",    "an",   "the", "two",    "three",
                                                         "four", "five", "one", "several"};
    std::vector<std::string_view> picked;
    for (std::size_t k = words.size(); k > 0 && picked.size() < 3; --k) {
        const std::string_view w = words[k - 1];
        if (!std::isupper(static_cast<unsigned char>(w.front()))) break;
        const std::string l = lower(w);
        if (std::find(std::begin(kNotCountries), std::end(kNotCountries), l) !=
            std::end(kNotCountries)) {
            break;
        }
        picked.push_back(w);
    }
    std::string flag;
    for (auto it = picked.rbegin(); it != picked.rend(); ++it) {
        const std::string_view w = *it;
        if (!flag.empty()) flag += ' ';
        flag += w;
    }
    return flag;
}

VesselStatus vesselStatusFromText(std::string_view text) {
    const Lowered t(text);
    if (containsAny(t, {"berthed", "alongside", "at berth", "moored", "docked"})) {
        return VesselStatus::Berthed;
    }
    if (containsAny(t, {"anchored", "at anchor"})) return VesselStatus::Anchored;
    if (containsAny(t, {"underway", "under way", "steaming", "transiting", "en route"})) {
        return VesselStatus::Steaming;
    }
    return VesselStatus::Unknown;
}

}  // namespace seawatch::incidents
