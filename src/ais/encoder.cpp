#include "seawatch/ais/encoder.hpp"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>

#include "seawatch/ais/sentence.hpp"

namespace seawatch::ais {

void BitWriter::putText(std::string_view text, std::size_t chars) {
    for (std::size_t i = 0; i < chars; ++i) {
        unsigned code = 0;  // '@' pads
        if (i < text.size()) {
            const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
            const std::size_t pos = kSixbitText.find(c);
            code = pos == std::string_view::npos ? 32U /* space */ : static_cast<unsigned>(pos);
        }
        put(code, 6);
    }
}

std::string BitWriter::armoured(int* fillBits) const {
    const unsigned fill = (6U - pendingBits_) % 6U;
    std::string out;
    out.reserve(sixBits_.size() + 1);
    for (const std::uint8_t v : sixBits_) out += armourChar(v);
    if (pendingBits_ > 0) out += armourChar(pending_ << fill);
    if (fillBits) *fillBits = static_cast<int>(fill);
    return out;
}

std::int64_t encodeLon(double lonDeg) {
    if (!std::isfinite(lonDeg) || lonDeg < -180.0 || lonDeg > 180.0) return 181 * 600000;
    return std::llround(lonDeg * 600000.0);
}

std::int64_t encodeLat(double latDeg) {
    if (!std::isfinite(latDeg) || latDeg < -90.0 || latDeg > 90.0) return 91 * 600000;
    return std::llround(latDeg * 600000.0);
}

namespace {

unsigned encodeSpeed(float kn) {
    if (!isKnown(kn) || kn < 0) return 1023;
    return static_cast<unsigned>(std::min(1022L, std::lround(kn * 10.0F)));
}

unsigned encodeCourse(float deg) {
    if (!isKnown(deg)) return 3600;
    const double d = std::fmod(std::fmod(static_cast<double>(deg), 360.0) + 360.0, 360.0);
    return static_cast<unsigned>(std::lround(d * 10.0)) % 3600U;
}

unsigned encodeHeading(float deg) {
    if (!isKnown(deg)) return 511;
    const double d = std::fmod(std::fmod(static_cast<double>(deg), 360.0) + 360.0, 360.0);
    return static_cast<unsigned>(std::lround(d)) % 360U;
}

int encodeTurn(float degPerMin) {
    if (!isKnown(degPerMin)) return -128;
    const double r = 4.733 * std::sqrt(std::fabs(static_cast<double>(degPerMin)));
    const int v = static_cast<int>(std::lround(std::min(126.0, r)));
    return degPerMin < 0 ? -v : v;
}

unsigned utcSecond(time::UnixMillis t) {
    if (t == 0) return 60;
    return static_cast<unsigned>(((t / 1000) % 60 + 60) % 60);
}

}  // namespace

namespace {

// Appends a checksum as two upper-case hex digits. The encoders build every sentence by
// appending: the scene's NMEA round trip writes about 250k of them at console start-up, and
// fmt::format with its run-time format strings was a fifth of that start-up.
void appendHex(std::string& out, std::uint8_t sum) {
    constexpr std::string_view kHex = "0123456789ABCDEF";
    out += kHex[sum >> 4];
    out += kHex[sum & 0x0F];
}

void appendNumber(std::string& out, std::int64_t value) {
    char digits[24];
    const auto [end, ec] = std::to_chars(std::begin(digits), std::end(digits), value);
    out.append(digits, ec == std::errc{} ? end : digits);
}

}  // namespace

std::vector<std::string> encodeSentences(const BitWriter& bits, char channel, int sequenceId,
                                         std::size_t maxPayloadChars,
                                         std::string_view talkerAndType) {
    int fill = 0;
    const std::string payload = bits.armoured(&fill);
    const std::size_t parts =
        std::max<std::size_t>(1, (payload.size() + maxPayloadChars - 1) / maxPayloadChars);
    std::vector<std::string> out;
    out.reserve(parts);
    for (std::size_t i = 0; i < parts; ++i) {
        const std::string_view chunk =
            std::string_view(payload).substr(i * maxPayloadChars, maxPayloadChars);
        std::string sentence;
        sentence.reserve(chunk.size() + talkerAndType.size() + 24);
        sentence += '!';
        sentence += talkerAndType;
        sentence += ',';
        appendNumber(sentence, static_cast<std::int64_t>(parts));
        sentence += ',';
        appendNumber(sentence, static_cast<std::int64_t>(i + 1));
        sentence += ',';
        if (parts > 1) appendNumber(sentence, sequenceId % 10);
        sentence += ',';
        sentence += channel;
        sentence += ',';
        sentence += chunk;
        sentence += ',';
        appendNumber(sentence, i + 1 == parts ? fill : 0);
        const std::uint8_t sum = nmeaChecksum(std::string_view(sentence).substr(1));
        sentence += '*';
        appendHex(sentence, sum);
        out.push_back(std::move(sentence));
    }
    return out;
}

std::vector<std::string> encodePositionReport(const PositionFix& fix, bool classB, char channel) {
    BitWriter w;
    if (!classB) {
        const unsigned type = fix.messageType >= 1 && fix.messageType <= 3 ? fix.messageType : 1;
        w.put(type, 6);
        w.put(0, 2);
        w.put(fix.mmsi, 30);
        w.put(fix.navStatus & 15U, 4);
        w.putSigned(encodeTurn(fix.turnDegPerMin), 8);
        w.put(encodeSpeed(fix.speedKn), 10);
        w.putBool(false);
        w.putSigned(encodeLon(fix.lon), 28);
        w.putSigned(encodeLat(fix.lat), 27);
        w.put(encodeCourse(fix.courseDeg), 12);
        w.put(encodeHeading(fix.headingDeg), 9);
        w.put(utcSecond(fix.time), 6);
        w.put(0, 2);       // maneuver
        w.put(0, 3);       // spare
        w.putBool(false);  // RAIM
        w.put(0, 19);      // radio
    } else {
        w.put(18, 6);
        w.put(0, 2);
        w.put(fix.mmsi, 30);
        w.put(0, 8);
        w.put(encodeSpeed(fix.speedKn), 10);
        w.putBool(false);
        w.putSigned(encodeLon(fix.lon), 28);
        w.putSigned(encodeLat(fix.lat), 27);
        w.put(encodeCourse(fix.courseDeg), 12);
        w.put(encodeHeading(fix.headingDeg), 9);
        w.put(utcSecond(fix.time), 6);
        w.put(0, 2);
        w.putBool(true);   // CS unit
        w.putBool(false);  // display
        w.putBool(false);  // DSC
        w.putBool(true);   // whole band
        w.putBool(true);   // message 22
        w.putBool(false);  // assigned
        w.putBool(false);  // RAIM
        w.put(0b1100000000000000110ULL, 20);
    }
    return encodeSentences(w, channel);
}

std::vector<std::string> encodeStaticData(const VesselStatic& v, char channel, int sequenceId) {
    const auto dim = [](int x, unsigned bits) {
        const int max = (1 << bits) - 1;
        return static_cast<unsigned>(std::clamp(x, 0, max));
    };
    if (!v.classB) {
        BitWriter w;
        w.put(5, 6);
        w.put(0, 2);
        w.put(v.mmsi, 30);
        w.put(0, 2);  // AIS version
        w.put(v.imo, 30);
        w.putText(v.callsign, 7);
        w.putText(v.name, 20);
        w.put(dim(v.shipType, 8), 8);
        w.put(dim(v.toBow, 9), 9);
        w.put(dim(v.toStern, 9), 9);
        w.put(dim(v.toPort, 6), 6);
        w.put(dim(v.toStarboard, 6), 6);
        w.put(1, 4);  // EPFD: GPS
        w.put(0, 4);  // ETA month: not available
        w.put(0, 5);
        w.put(24, 5);
        w.put(60, 6);
        w.put(isKnown(v.draughtM) ? dim(static_cast<int>(std::lround(v.draughtM * 10.0F)), 8) : 0,
              8);
        w.putText(v.destination, 20);
        w.put(0, 1);  // DTE ready
        w.put(0, 1);
        return encodeSentences(w, channel, sequenceId);
    }
    BitWriter a;
    a.put(24, 6);
    a.put(0, 2);
    a.put(v.mmsi, 30);
    a.put(0, 2);
    a.putText(v.name, 20);
    a.put(0, 8);  // spare to 168 bits
    BitWriter b;
    b.put(24, 6);
    b.put(0, 2);
    b.put(v.mmsi, 30);
    b.put(1, 2);
    b.put(dim(v.shipType, 8), 8);
    b.putText("", 7);  // vendor id
    b.putText(v.callsign, 7);
    b.put(dim(v.toBow, 9), 9);
    b.put(dim(v.toStern, 9), 9);
    b.put(dim(v.toPort, 6), 6);
    b.put(dim(v.toStarboard, 6), 6);
    b.put(0, 6);  // spare to 168 bits
    std::vector<std::string> out = encodeSentences(a, channel);
    for (auto& s : encodeSentences(b, channel)) out.push_back(std::move(s));
    return out;
}

std::string withTagBlock(const std::string& sentence, time::UnixMillis t, std::string_view source) {
    std::string out;
    out.reserve(sentence.size() + source.size() + 24);
    out += "\\s:";
    out += source;
    out += ",c:";
    appendNumber(out, t / 1000);
    const std::uint8_t sum = nmeaChecksum(std::string_view(out).substr(1));
    out += '*';
    appendHex(out, sum);
    out += '\\';
    out += sentence;
    return out;
}

}  // namespace seawatch::ais
