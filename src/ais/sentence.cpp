#include "seawatch/ais/sentence.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "sentence_digits.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
// ",d-109,S2105,t050056.00,T56.13,r003669946,1325394060,1325394001". One pass, no searches:
// every AMSA satellite line carries one of these.
void parseTrailer(std::string_view trailer, SentenceMeta& meta) {
    // The satellite logs' own trailer, ",<13-digit Unix time in ms>", a word at a time: the
    // first eight digits, then the last eight (three of them read twice).
    std::uint64_t head = 0, tail = 0;
    if (trailer.size() == 14 && trailer[0] == ',' &&
        digits::eightDigits(trailer.data() + 1, head) &&
        digits::eightDigits(trailer.data() + 6, tail)) {
        if (meta.time == kNoTime) {
            meta.time = unixTimeToMillis(static_cast<std::int64_t>(head * 100000 + tail % 100000));
        }
        return;
    }
    const char* p = trailer.data();
    const char* const end = p + trailer.size();
    while (p != end) {
        if (*p == ',') {
            ++p;
            continue;
        }
        const char* const start = p;
        std::int64_t v = 0;
        // The leading digits (up to 18) first: the common field is a Unix time.
        for (; p != end && p - start < 18; ++p) {
            const unsigned d = static_cast<unsigned char>(*p) - unsigned{'0'};
            if (d > 9) break;
            v = v * 10 + d;
        }
        const char* const digitsEnd = p;
        while (p != end && *p != ',') ++p;
        const bool digits = digitsEnd == p;
        const std::string_view field(start, static_cast<std::size_t>(p - start));
        if (field.size() >= 9 && digits) {
            // The first full Unix time wins: USCG lines carry the receiver's time first.
            if (meta.time == kNoTime) meta.time = unixTimeToMillis(v);
        } else if (field.size() >= 7 && field[0] == 't') {
            const std::int32_t tod = parseTimeOfDay(field.substr(1));
            if (tod >= 0) meta.timeOfDayMs = tod;
        }
    }
}

// time::daysFromCivil, here so it inlines into the $PGHP parse (half the lines of a
// Gatehouse log; the call was a noticeable part of framing them).
std::int64_t daysFromCivil(std::int64_t year, std::int64_t month, std::int64_t day) {
    const std::int64_t y = year - (month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (month + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

// $PGHP,1,yyyy,mm,dd,hh,mi,ss,ms,...  (Gatehouse timestamps, type 1 only carries the time)
// One pass over the characters: half the lines of a Gatehouse log are these.
bool parsePghp(std::string_view body, SentenceMeta& meta) {
    std::array<std::int64_t, 8> v{};
    if (body.size() < 6 || body[4] != ',') return false;
    // Pointers, not indexes into the view: with the eight values live, GCC kept reloading
    // the view's data pointer from the stack for every digit.
    const char* p = body.data() + 5;  // just after "PGHP,"
    const char* const end = body.data() + body.size();
    std::size_t field = 0;
    while (field < v.size()) {
        const char* const start = p;
        const char* const limit = end - p > 18 ? p + 18 : end;  // at most 18 digits a field
        std::int64_t value = 0;
        for (; p != limit; ++p) {
            const unsigned d = static_cast<unsigned char>(*p) - unsigned{'0'};
            if (d > 9) break;
            value = value * 10 + d;
        }
        if (p == start) return false;  // an empty field
        v[field++] = value;
        if (p == end) break;
        if (*p != ',') return false;  // a 19th digit or any other character
        ++p;
    }
    if (field < v.size() || v[0] != 1) return false;
    if (v[2] < 1 || v[2] > 12 || v[3] < 1 || v[3] > 31 || v[4] > 23 || v[5] > 59 || v[6] > 60 ||
        v[7] > 999)
        return false;
    // Years past 99999 date as 99999 does: far outside any plausible range (the decoder
    // rejects and counts them), where the year itself would overflow the milliseconds (a
    // fuzzed "201088888888" did).
    const int year = static_cast<int>(std::min<std::int64_t>(v[1], 99999));
    meta.time = daysFromCivil(year, v[2], v[3]) * time::kMillisPerDay +
                ((v[4] * 60 + v[5]) * 60 + v[6]) * 1000 + v[7];
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
    // XOR eight bytes at a time, then fold the word's bytes into one: which byte lane a
    // character went through does not change the fold.
    std::uint64_t acc = 0;
    const char* p = body.data();
    std::size_t n = body.size();
    const bool wordTail = n > 8;
    for (; n >= 8; n -= 8, p += 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        acc ^= w;
    }
    if (n > 0 && wordTail) {
        // The tail as the last eight bytes of the body, the ones already counted shifted out
        // (little-endian: they are the low bytes). One load: a zero-padded copy assembled
        // byte by byte stalled the load that read it back (12 % of parseLine's time).
        std::uint64_t w;
        std::memcpy(&w, p + n - 8, 8);
        if constexpr (std::endian::native == std::endian::little) {
            acc ^= w >> (8 * (8 - n));
        } else {
            acc ^= w << (8 * (8 - n));
        }
    } else {
        for (; n > 0; --n, ++p) acc ^= static_cast<unsigned char>(*p);
    }
    acc ^= acc >> 32;
    acc ^= acc >> 16;
    acc ^= acc >> 8;
    return static_cast<std::uint8_t>(acc);
}

namespace {

// The six VDM/VDO fields after "xxVDM,": count, number, sequence id, channel, payload, fill
// bits. `body` ends before the '*'.
void parseFragment(std::string_view body, ParsedLine& p) {
    Fragment& f = p.fragment;
    f.talker = body.substr(0, 2);
    f.own = body[4] == 'O';
    std::array<std::string_view, 6> fields;
    const std::size_t n = splitFragmentFields(body.substr(6), fields);
    if (n > fields.size()) return malformed(p, "too many fields");
    if (n != fields.size()) return malformed(p, "wrong number of fields");
    const std::string_view count = fields[0], number = fields[1], sequence = fields[2];
    const std::string_view channel = fields[3], fill = fields[5];
    if (count.size() != 1 || number.size() != 1 || !isDigit(count[0]) || !isDigit(number[0]))
        return malformed(p, "bad fragment count or number");
    f.count = static_cast<std::uint8_t>(count[0] - '0');
    f.number = static_cast<std::uint8_t>(number[0] - '0');
    if (f.count == 0 || f.number == 0 || f.number > f.count)
        return malformed(p, "bad fragment number");
    if (!sequence.empty()) {
        if (sequence.size() != 1 || !isDigit(sequence[0])) return malformed(p, "bad sequence id");
        f.sequenceId = static_cast<std::int8_t>(sequence[0] - '0');
    }
    // Some receivers write two-letter channels ("AB"); like gpsd, the first letter counts,
    // except the ambiguous "12", which gpsd drops.
    if (channel == "12") return malformed(p, "ambiguous channel 12");
    f.channel = channel.empty() ? '\0' : channel[0];
    f.payload = fields[4];
    // An empty or non-numeric fill-bit field means no fill bits (gpsd reads it the same way).
    if (fill.size() > 1) return malformed(p, "bad fill bits");
    const char fillChar = fill.empty() ? '0' : fill[0];
    if (fillChar >= '6' && fillChar <= '9') return malformed(p, "bad fill bits");
    f.fillBits =
        (fillChar >= '0' && fillChar <= '5') ? static_cast<std::uint8_t>(fillChar - '0') : 0;
    p.kind = LineKind::Fragment;
}

// What comes before the sentence: a logger's prefix (a receive time or a station name) and
// an NMEA 4.0 tag block. False when the line is finished (Malformed) here.
bool parseLead(std::string_view& line, ParsedLine& p) {
    if (line.front() != '\\' && line.front() != '!' && line.front() != '$') {
        // Loggers often prefix a receive time or a station name; gpsd skips such text too.
        const std::size_t start = line.find_first_of("\\!$");
        if (start == std::string_view::npos) {
            malformed(p, "not an NMEA sentence");
            return false;
        }
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
        if (end == std::string_view::npos) {
            malformed(p, "unterminated tag block");
            return false;
        }
        parseTagBlock(line.substr(1, end - 1), p.meta);
        line.remove_prefix(end + 1);
        if (line.empty()) {
            malformed(p, "tag block without a sentence");
            return false;
        }
    }
    return true;
}

// The offset from `begin` of the first byte in [from, end) outside '0'..'w', the range of an
// armoured payload's characters (',' and '*' are outside it), or end - begin when none is.
std::size_t firstOutsideArmour(const char* begin, const char* from, const char* end) {
    const char* p = from;
#if defined(__SSE2__)
    // Sixteen bytes a step, every load inside [begin, end): the last step re-reads the line's
    // last sixteen bytes and masks off those already checked.
    const __m128i zero = _mm_set1_epi8('0');
    const __m128i span = _mm_set1_epi8('w' - '0');
    const auto outside = [&](const char* at) {
        const __m128i t = _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)), zero);
        const __m128i in = _mm_cmpeq_epi8(_mm_min_epu8(t, span), t);
        return ~static_cast<unsigned>(_mm_movemask_epi8(in)) & 0xFFFFu;
    };
    for (; end - p >= 16; p += 16) {
        if (const unsigned m = outside(p))
            return static_cast<std::size_t>(p - begin) + std::countr_zero(m);
    }
    if (p != end && end - begin >= 16) {
        const char* const last = end - 16;
        const unsigned m = outside(last) & ~((1u << (p - last)) - 1u);
        return m ? static_cast<std::size_t>(last - begin) + std::countr_zero(m)
                 : static_cast<std::size_t>(end - begin);
    }
#endif
    for (; p != end; ++p) {
        if (static_cast<unsigned>(static_cast<unsigned char>(*p) - '0') > unsigned{'w' - '0'})
            break;
    }
    return static_cast<std::size_t>(p - begin);
}

// The common line, "!xxVDM,1,1,,B,<payload>,0*hh" with or without a receiver's trailer, read
// in one pass without searches. Returns false, having written nothing, for any other line
// and for every error, which the general path then reads and reports; for the lines it
// takes, the result is the general path's to the field (parseLineReference is held to it by
// tests and by the fuzz target). Half of a Gatehouse log and most satellite lines are these.
bool parseVdmFast(std::string_view line, ParsedLine& out) {
    const char* const s = line.data();
    const std::size_t n = line.size();
    // The header; a '*' in the talker would be the general path's checksum star.
    if (n < 16 || s[0] != '!' || s[1] == '*' || s[2] == '*' || s[3] != 'V' || s[4] != 'D' ||
        (s[5] != 'M' && s[5] != 'O') || s[6] != ',' || s[8] != ',' || s[10] != ',')
        return false;
    const unsigned count = static_cast<unsigned char>(s[7]) - unsigned{'0'};
    const unsigned number = static_cast<unsigned char>(s[9]) - unsigned{'0'};
    if (count > 9 || number > 9 || count == 0 || number == 0 || number > count) return false;
    std::size_t i = 11;
    std::int8_t sequence = -1;
    if (s[i] != ',') {
        const unsigned d = static_cast<unsigned char>(s[i]) - unsigned{'0'};
        if (d > 9 || s[i + 1] != ',') return false;
        sequence = static_cast<std::int8_t>(d);
        ++i;
    }
    ++i;
    // The channel: up to two characters ("A", "B", "1", "2", "AB"); "12" is the general
    // path's to refuse.
    const std::size_t channelStart = i;
    while (i < n && i < channelStart + 2 && s[i] != ',' && s[i] != '*') ++i;
    if (i >= n || s[i] != ',') return false;
    const std::size_t channelSize = i - channelStart;
    if (channelSize == 2 && s[channelStart] == '1' && s[channelStart + 1] == '2') return false;
    const std::size_t payloadStart = ++i;
    const std::size_t payloadEnd = firstOutsideArmour(s, s + payloadStart, s + n);
    // Then ",f*hh" or ",*hh": the fill bits' field is one character or none.
    if (payloadEnd + 4 > n || s[payloadEnd] != ',') return false;
    std::size_t star = payloadEnd + 1;
    char fillChar = '0';
    if (s[star] != '*') {
        fillChar = s[star++];
        if (fillChar == ',' || (fillChar >= '6' && fillChar <= '9') || s[star] != '*') return false;
    }
    if (star + 2 >= n) return false;
    const int hi = hexDigit(s[star + 1]);
    const int lo = hexDigit(s[star + 2]);
    if (hi < 0 || lo < 0 || hi * 16 + lo != nmeaChecksum(std::string_view(s + 1, star - 1)))
        return false;
    Fragment& f = out.fragment;
    // Views made in place: substr checks its bounds (and keeps a throwing path) each time.
    f.talker = std::string_view(s + 1, 2);
    f.own = s[5] == 'O';
    f.count = static_cast<std::uint8_t>(count);
    f.number = static_cast<std::uint8_t>(number);
    f.sequenceId = sequence;
    f.channel = channelSize == 0 ? '\0' : s[channelStart];
    f.payload = std::string_view(s + payloadStart, payloadEnd - payloadStart);
    f.fillBits =
        (fillChar >= '0' && fillChar <= '5') ? static_cast<std::uint8_t>(fillChar - '0') : 0;
    if (star + 3 < n) parseTrailer(std::string_view(s + star + 3, n - star - 3), out.meta);
    out.kind = LineKind::Fragment;
    return true;
}

// Bit i set where byte i of the 32 at `p` is a ',' (`commas`) or a decimal digit (`digits`).
void commaAndDigitMasks(const char* p, std::uint32_t& commas, std::uint32_t& digits) {
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i zero = _mm_set1_epi8('0');
    const __m128i nine = _mm_set1_epi8(9);
    std::array<std::uint32_t, 2> c{}, d{};
    for (std::size_t half = 0; half < 2; ++half) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * half));
        c[half] = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, comma)));
        const __m128i t = _mm_sub_epi8(bytes, zero);
        d[half] =
            static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, nine), t)));
    }
    commas = c[0] | c[1] << 16;
    digits = d[0] | d[1] << 16;
#else
    commas = digits = 0;
    for (unsigned i = 0; i < 32; ++i) {
        commas |= std::uint32_t{p[i] == ','} << i;
        digits |= std::uint32_t{isDigit(p[i])} << i;
    }
#endif
}

// time::daysFromCivil by a table of month starts for the years 1970-2099 (every fourth one a
// leap year), the $PGHP fast path's dates; the general formula, with its five divisions,
// elsewhere. The reference path keeps the formula, so the tests hold each to the other.
std::int64_t daysFromCivilTable(std::int64_t year, std::int64_t month, std::int64_t day) {
    static constexpr std::array<std::int16_t, 13> kDaysBeforeMonth{
        0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    if (year < 1970 || year > 2099 || month < 1 || month > 12)
        return daysFromCivil(year, month, day);
    const std::int64_t leapDay = (year & 3) == 0 && month > 2 ? 1 : 0;
    return (year - 1970) * 365 + (year - 1969) / 4 +
           kDaysBeforeMonth[static_cast<std::size_t>(month)] + leapDay + day - 1;
}

// "$PGHP,1,yyyy,mm,dd,hh,mi,ss,ms,…*hh" with or without a receiver's trailer, the other half
// of a Gatehouse log. The eight fields are found together: one pass over 32 bytes marks the
// commas and the digits, the eighth comma ends the fields, and each field's value is read
// from the four bytes before its comma. So no field's end is a branch. As parseVdmFast,
// false having written nothing for any other line and for every error.
bool parsePghpFast(std::string_view line, ParsedLine& out) {
    if constexpr (std::endian::native != std::endian::little) return false;
    constexpr std::size_t kFieldsAt = 6;  // just after "$PGHP,"
    constexpr std::size_t kWindow = 32;
    const char* const s = line.data();
    const std::size_t n = line.size();
    if (n < kWindow || std::memcmp(s, "$PGHP,", kFieldsAt) != 0) return false;
    // The 32 bytes from the fields on, or the line's last 32 when it is shorter than that.
    const std::size_t windowAt = std::min(kFieldsAt, n - kWindow);
    std::uint32_t commas = 0, digitBytes = 0;
    commaAndDigitMasks(s + windowAt, commas, digitBytes);
    commas >>= kFieldsAt - windowAt;  // bit i now stands for the byte at kFieldsAt + i
    digitBytes >>= kFieldsAt - windowAt;
    const char* const fields = s + kFieldsAt;
    std::array<std::int64_t, 8> v{};
    std::uint32_t remaining = commas;
    unsigned start = 0, comma = 0;
    for (std::size_t field = 0; field < v.size(); ++field) {
        if (remaining == 0) return false;  // the eight fields run past the window
        comma = static_cast<unsigned>(std::countr_zero(remaining));
        remaining &= remaining - 1;
        const unsigned size = comma - start;
        if (size - 1 > 3) return false;  // empty, or five digits or more: the general path's
        v[field] = digits::digitsEndingAt(fields + comma, size);
        start = comma + 1;
    }
    // Every byte up to the eighth comma a digit or a comma (the empty fields are refused
    // above), so the values just read are numbers.
    const std::uint32_t upToEighth = comma == 31 ? ~std::uint32_t{0} : (2U << comma) - 1;
    if (((commas | digitBytes) & upToEighth) != upToEighth) return false;
    // The first '*' (the fields read so far hold none).
    const char* const afterFields = fields + comma + 1;
    const void* found =
        std::memchr(afterFields, '*', static_cast<std::size_t>(s + n - afterFields));
    if (!found) return false;
    const auto star = static_cast<std::size_t>(static_cast<const char*>(found) - s);
    if (star + 2 >= n) return false;
    const int hi = hexDigit(s[star + 1]);
    const int lo = hexDigit(s[star + 2]);
    if (hi < 0 || lo < 0 || hi * 16 + lo != nmeaChecksum(std::string_view(s + 1, star - 1)))
        return false;
    if (v[0] != 1 || v[2] < 1 || v[2] > 12 || v[3] < 1 || v[3] > 31 || v[4] > 23 || v[5] > 59 ||
        v[6] > 60 || v[7] > 999)
        return false;
    // The line's own time replaces any the trailer gives (as in the general path), so the
    // satellite logs' ",<13-digit Unix time>" trailer leaves nothing to read; any other may
    // carry a time of day.
    if (star + 3 < n) {
        const std::string_view trailer(s + star + 3, n - star - 3);
        if (trailer.size() != 14 || trailer[0] != ',' ||
            !digits::allEightDigits(trailer.data() + 1) ||
            !digits::allEightDigits(trailer.data() + 6))
            parseTrailer(trailer, out.meta);
    }
    out.meta.time = daysFromCivilTable(v[1], v[2], v[3]) * time::kMillisPerDay +
                    ((v[4] * 60 + v[5]) * 60 + v[6]) * 1000 + v[7];
    out.kind = LineKind::Timestamp;
    return true;
}

// The body of parseLine, filling the caller's result in place: every exit is a plain
// return, so parseLine's one `return p` is elided instead of copying ~120 bytes per line.
void parseInto(std::string_view line, ParsedLine& p, bool fast) {
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
    if (fast && (line.front() == '!' ? parseVdmFast(line, p) : parsePghpFast(line, p))) return;
    // The common line starts with its sentence; anything else goes the longer way first.
    if (line.front() != '!' && line.front() != '$' && !parseLead(line, p)) return;
    if (line.front() != '!' && line.front() != '$') return malformed(p, "not an NMEA sentence");
    // memchr for the '*', the checksum eight bytes at a time, the short fields byte by byte
    // and memchr for the payload's end: fewer instructions than one combined scan.
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
    parseFragment(body, p);
}

}  // namespace

ParsedLine parseLine(std::string_view line) {
    ParsedLine p;
    parseInto(line, p, true);
    return p;
}

ParsedLine parseLineReference(std::string_view line) {
    ParsedLine p;
    parseInto(line, p, false);
    return p;
}

}  // namespace seawatch::ais
