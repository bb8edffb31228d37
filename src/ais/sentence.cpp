#include "seawatch/ais/sentence.hpp"

#include <array>
#include <cstring>

namespace seawatch::ais {
namespace {

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// Reads "*hh" at `star`; -1 when absent or not hex.
int readChecksum(std::string_view s, std::size_t star) {
    if (star + 2 >= s.size()) return -1;
    const int hi = hexDigit(s[star + 1]);
    const int lo = hexDigit(s[star + 2]);
    if (hi < 0 || lo < 0) return -1;
    return hi * 16 + lo;
}

// Parses a run of digits; false on empty or non-digit text or overflow past 18 digits.
bool parseUnsigned(std::string_view s, std::int64_t& out) {
    if (s.empty() || s.size() > 18) return false;
    std::int64_t v = 0;
    for (char c : s) {
        if (!isDigit(c)) return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

// Seconds or milliseconds since the epoch; values past year 5138 in seconds are read as ms.
time::UnixMillis unixTimeToMillis(std::int64_t v) {
    return v > 100'000'000'000LL ? v : v * 1000;
}

// "hhmmss.ss" -> milliseconds into the day, -1 when malformed.
std::int32_t parseTimeOfDay(std::string_view s) {
    if (s.size() < 6) return -1;
    for (int i = 0; i < 6; ++i)
        if (!isDigit(s[static_cast<std::size_t>(i)])) return -1;
    const int h = (s[0] - '0') * 10 + (s[1] - '0');
    const int m = (s[2] - '0') * 10 + (s[3] - '0');
    const int sec = (s[4] - '0') * 10 + (s[5] - '0');
    if (h > 23 || m > 59 || sec > 60) return -1;
    int ms = 0;
    if (s.size() > 7 && s[6] == '.') {
        int scale = 100;
        for (std::size_t i = 7; i < s.size() && scale > 0; ++i, scale /= 10) {
            if (!isDigit(s[i])) return -1;
            ms += (s[i] - '0') * scale;
        }
    }
    return ((h * 60 + m) * 60 + sec) * 1000 + ms;
}

// NMEA 4.0 tag block content (between the backslashes).
void parseTagBlock(std::string_view block, SentenceMeta& meta) {
    const std::size_t star = block.find('*');
    std::string_view body = block.substr(0, star);
    if (star != std::string_view::npos) {
        const int expected = readChecksum(block, star);
        if (expected < 0 || expected != nmeaChecksum(body)) {
            meta.tagBlockBadChecksum = true;
            return;
        }
    }
    while (!body.empty()) {
        const std::size_t comma = body.find(',');
        const std::string_view item = body.substr(0, comma);
        body = comma == std::string_view::npos ? std::string_view{} : body.substr(comma + 1);
        if (item.size() < 2 || item[1] != ':') continue;
        const std::string_view value = item.substr(2);
        switch (item[0]) {
            case 'c': {
                std::int64_t v = 0;
                if (parseUnsigned(value, v)) meta.time = unixTimeToMillis(v);
                break;
            }
            case 's':
                meta.source = value;
                break;
            case 'g': {
                // n-m-id
                const std::size_t d1 = value.find('-');
                const std::size_t d2 = d1 == std::string_view::npos ? d1 : value.find('-', d1 + 1);
                std::int64_t n = 0, m = 0, id = 0;
                if (d2 != std::string_view::npos && parseUnsigned(value.substr(0, d1), n) &&
                    parseUnsigned(value.substr(d1 + 1, d2 - d1 - 1), m) &&
                    parseUnsigned(value.substr(d2 + 1), id) && n >= 1 && n <= m && m <= 255) {
                    meta.groupIndex = static_cast<std::uint8_t>(n);
                    meta.groupSize = static_cast<std::uint8_t>(m);
                    meta.groupId = static_cast<std::uint32_t>(id);
                }
                break;
            }
            default:
                break;
        }
    }
}

// Receiver metadata after the checksum: ",1328133720087" (Unix ms) or the USCG style
// ",d-109,S2105,t050056.00,T56.13,r003669946,1325394060,1325394001".
void parseTrailer(std::string_view trailer, SentenceMeta& meta) {
    while (!trailer.empty()) {
        if (trailer.front() == ',') {
            trailer.remove_prefix(1);
            continue;
        }
        const std::size_t comma = trailer.find(',');
        const std::string_view field = trailer.substr(0, comma);
        trailer = comma == std::string_view::npos ? std::string_view{} : trailer.substr(comma);
        std::int64_t v = 0;
        if (field.size() >= 9 && parseUnsigned(field, v)) {
            // The first full Unix time wins: USCG lines carry the receiver's time first.
            if (meta.time == kNoTime) meta.time = unixTimeToMillis(v);
        } else if (field.size() >= 7 && field[0] == 't') {
            const std::int32_t tod = parseTimeOfDay(field.substr(1));
            if (tod >= 0) meta.timeOfDayMs = tod;
        }
    }
}

// $PGHP,1,yyyy,mm,dd,hh,mi,ss,ms,...  (Gatehouse timestamps, type 1 only carries the time)
// One pass over the characters: half the lines of a Gatehouse log are these.
bool parsePghp(std::string_view body, SentenceMeta& meta) {
    std::array<std::int64_t, 8> v{};
    if (body.size() < 6 || body[4] != ',') return false;
    const std::size_t n = body.size();
    std::size_t i = 5;  // just after "PGHP,"
    std::size_t field = 0;
    while (field < v.size()) {
        const std::size_t start = i;
        std::int64_t value = 0;
        for (; i < n && body[i] != ','; ++i) {
            if (!isDigit(body[i]) || i - start >= 18) return false;
            value = value * 10 + (body[i] - '0');
        }
        if (i == start) return false;  // an empty field
        v[field++] = value;
        if (i == n) break;
        ++i;  // the comma
    }
    if (field < v.size() || v[0] != 1) return false;
    if (v[2] < 1 || v[2] > 12 || v[3] < 1 || v[3] > 31 || v[4] > 23 || v[5] > 59 || v[6] > 60 ||
        v[7] > 999)
        return false;
    time::CivilTime c;
    c.year = static_cast<int>(v[1]);
    c.month = static_cast<int>(v[2]);
    c.day = static_cast<int>(v[3]);
    c.hour = static_cast<int>(v[4]);
    c.minute = static_cast<int>(v[5]);
    c.second = static_cast<int>(v[6]);
    c.millisecond = static_cast<int>(v[7]);
    meta.time = time::fromCivil(c);
    return true;
}

// Splits the six VDM/VDO fields after "xxVDM,". The four short ones go character by
// character; the payload, the long one, with memchr. Returns the number of fields found, or
// 7 for too many.
std::size_t splitFragmentFields(std::string_view rest, std::array<std::string_view, 6>& fields) {
    const char* const data = rest.data();
    const std::size_t n = rest.size();
    std::size_t pos = 0;
    std::size_t count = 0;
    for (; count < 4; ++count) {
        std::size_t i = pos;
        while (i < n && data[i] != ',') ++i;
        fields[count] = rest.substr(pos, i - pos);
        if (i == n) return count + 1;
        pos = i + 1;
    }
    const void* comma = std::memchr(data + pos, ',', n - pos);
    if (!comma) {
        fields[4] = rest.substr(pos);
        return 5;
    }
    const auto payloadEnd = static_cast<std::size_t>(static_cast<const char*>(comma) - data);
    fields[4] = rest.substr(pos, payloadEnd - pos);
    const std::string_view fill = rest.substr(payloadEnd + 1);
    if (fill.find(',') != std::string_view::npos) return 7;
    fields[5] = fill;
    return 6;
}

void malformed(ParsedLine& p, std::string_view why) {
    p.kind = LineKind::Malformed;
    p.error = why;
}

}  // namespace

time::UnixMillis dateTimeOfDay(time::UnixMillis recent, std::int32_t timeOfDayMs) {
    constexpr time::UnixMillis kDay = time::kMillisPerDay;
    const time::UnixMillis midnight = recent - ((recent % kDay) + kDay) % kDay;
    time::UnixMillis t = midnight + timeOfDayMs;
    if (t < recent - kDay / 2) t += kDay;
    if (t > recent + kDay / 2) t -= kDay;
    return t;
}

std::uint8_t nmeaChecksum(std::string_view body) {
    // XOR eight bytes at a time (the tail as one zero-padded word), then fold to one byte.
    std::uint64_t acc = 0;
    const char* p = body.data();
    std::size_t n = body.size();
    for (; n >= 8; n -= 8, p += 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        acc ^= w;
    }
    if (n > 0) {
        std::uint64_t w = 0;
        std::memcpy(&w, p, n);
        acc ^= w;
    }
    acc ^= acc >> 32;
    acc ^= acc >> 16;
    acc ^= acc >> 8;
    return static_cast<std::uint8_t>(acc);
}

namespace {

// The body of parseLine, filling the caller's result in place: every exit is a plain
// return, so parseLine's one `return p` is elided instead of copying ~120 bytes per line.
void parseInto(std::string_view line, ParsedLine& p) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ' ||
                             line.back() == '\t'))
        line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty()) {
        p.kind = LineKind::Blank;
        return;
    }
    if (line.front() == '#') {
        p.kind = LineKind::Comment;
        return;
    }
    if (line.front() != '\\' && line.front() != '!' && line.front() != '$') {
        // Loggers often prefix a receive time or a station name; gpsd skips such text too.
        const std::size_t start = line.find_first_of("\\!$");
        if (start == std::string_view::npos) return malformed(p, "not an NMEA sentence");
        std::string_view prefix = line.substr(0, start);
        while (!prefix.empty() && (prefix.back() == ' ' || prefix.back() == '\t' ||
                                   prefix.back() == ',' || prefix.back() == ';'))
            prefix.remove_suffix(1);
        std::int64_t v = 0;
        if (prefix.size() >= 9 && parseUnsigned(prefix, v)) p.meta.time = unixTimeToMillis(v);
        line.remove_prefix(start);
    }
    if (line.front() == '\\') {
        const std::size_t end = line.find('\\', 1);
        if (end == std::string_view::npos) return malformed(p, "unterminated tag block");
        parseTagBlock(line.substr(1, end - 1), p.meta);
        line.remove_prefix(end + 1);
        if (line.empty()) return malformed(p, "tag block without a sentence");
    }
    if (line.front() != '!' && line.front() != '$') return malformed(p, "not an NMEA sentence");
    const std::size_t star = line.find('*');
    if (star == std::string_view::npos) return malformed(p, "no checksum");
    const std::string_view body = line.substr(1, star - 1);
    const int expected = readChecksum(line, star);
    if (expected < 0) return malformed(p, "unreadable checksum");
    if (star + 3 < line.size()) parseTrailer(line.substr(star + 3), p.meta);
    if (expected != nmeaChecksum(body)) {
        p.kind = LineKind::BadChecksum;
        p.error = "checksum mismatch";
        return;
    }
    if (body.size() >= 5 && body.substr(0, 4) == "PGHP") {
        if (!parsePghp(body, p.meta)) {
            p.kind = LineKind::OtherNmea;  // other $PGHP record types carry no time
            return;
        }
        p.kind = LineKind::Timestamp;
        return;
    }
    if (body.size() < 6 || body[5] != ',' || body[2] != 'V' || body[3] != 'D' ||
        (body[4] != 'M' && body[4] != 'O')) {
        p.kind = LineKind::OtherNmea;
        return;
    }
    Fragment& f = p.fragment;
    f.talker = body.substr(0, 2);
    f.own = body[4] == 'O';
    // Fields: count, number, sequence id, channel, payload, fill bits.
    std::array<std::string_view, 6> fields;
    const std::size_t n = splitFragmentFields(body.substr(6), fields);
    if (n > fields.size()) return malformed(p, "too many fields");
    if (n != fields.size()) return malformed(p, "wrong number of fields");
    if (fields[0].size() != 1 || fields[1].size() != 1 || !isDigit(fields[0][0]) ||
        !isDigit(fields[1][0]))
        return malformed(p, "bad fragment count or number");
    f.count = static_cast<std::uint8_t>(fields[0][0] - '0');
    f.number = static_cast<std::uint8_t>(fields[1][0] - '0');
    if (f.count == 0 || f.number == 0 || f.number > f.count)
        return malformed(p, "bad fragment number");
    if (!fields[2].empty()) {
        if (fields[2].size() != 1 || !isDigit(fields[2][0])) return malformed(p, "bad sequence id");
        f.sequenceId = static_cast<std::int8_t>(fields[2][0] - '0');
    }
    // Some receivers write two-letter channels ("AB"); like gpsd, the first letter counts,
    // except the ambiguous "12", which gpsd drops.
    if (fields[3] == "12") return malformed(p, "ambiguous channel 12");
    f.channel = fields[3].empty() ? '\0' : fields[3][0];
    f.payload = fields[4];
    // An empty or non-numeric fill-bit field means no fill bits (gpsd reads it the same way).
    if (fields[5].size() > 1) return malformed(p, "bad fill bits");
    const char fill = fields[5].empty() ? '0' : fields[5][0];
    if (fill >= '6' && fill <= '9') return malformed(p, "bad fill bits");
    f.fillBits = (fill >= '0' && fill <= '5') ? static_cast<std::uint8_t>(fill - '0') : 0;
    p.kind = LineKind::Fragment;
    return;
}

}  // namespace

ParsedLine parseLine(std::string_view line) {
    ParsedLine p;
    parseInto(line, p);
    return p;
}

}  // namespace seawatch::ais
