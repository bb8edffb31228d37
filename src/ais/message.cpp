#include "seawatch/ais/message.hpp"

#include <cmath>
#include <cstring>
#include <limits>

namespace seawatch::ais {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Length rules follow gpsd so both accept and reject the same messages: most types must
// reach their nominal length (longer is tolerated), some have a legal range.
bool atLeast(std::size_t bits, std::size_t nominal) {
    return bits >= nominal;
}
bool within(std::size_t bits, std::size_t lo, std::size_t hi) {
    return bits >= lo && bits <= hi;
}

void decodeClassAPosition(const BitBuffer& b, AisMessage& m) {
    m.status = b.u(38, 4);
    m.turn = b.s(42, 8);
    m.speed = b.u(50, 10);
    m.accuracy = b.b(60);
    m.lon = b.s(61, 28);
    m.lat = b.s(89, 27);
    m.course = b.u(116, 12);
    m.heading = b.u(128, 9);
    m.second = b.u(137, 6);
    m.maneuver = b.u(143, 2);
    m.raim = b.b(148);
    m.radio = b.u(149, 19);
}

void decodeBaseStation(const BitBuffer& b, AisMessage& m) {
    m.year = b.u(38, 14);
    m.month = b.u(52, 4);
    m.day = b.u(56, 5);
    m.hour = b.u(61, 5);
    m.minute = b.u(66, 6);
    m.second = b.u(72, 6);
    m.accuracy = b.b(78);
    m.lon = b.s(79, 28);
    m.lat = b.s(107, 27);
    m.epfd = b.u(134, 4);
    m.raim = b.b(148);
    m.radio = b.u(149, 19);
}

void decodeStaticVoyage(const BitBuffer& b, AisMessage& m) {
    m.aisVersion = b.u(38, 2);
    m.imo = b.u(40, 30);
    b.text(70, 7, m.callsign);
    b.text(112, 20, m.shipname);
    m.shiptype = b.u(232, 8);
    m.toBow = b.u(240, 9);
    m.toStern = b.u(249, 9);
    m.toPort = b.u(258, 6);
    m.toStarboard = b.u(264, 6);
    m.epfd = b.u(270, 4);
    m.etaMonth = b.u(274, 4);
    m.etaDay = b.u(278, 5);
    m.etaHour = b.u(283, 5);
    m.etaMinute = b.u(288, 6);
    m.draught = b.u(294, 8);
    b.text(302, 20, m.destination);
    m.dte = b.u(422, 1);
}

void decodeSar(const BitBuffer& b, AisMessage& m) {
    m.altitude = b.u(38, 12);
    m.speed = b.u(50, 10);
    m.accuracy = b.b(60);
    m.lon = b.s(61, 28);
    m.lat = b.s(89, 27);
    m.course = b.u(116, 12);
    m.second = b.u(128, 6);
    m.regional = b.u(134, 8);
    m.dte = b.u(142, 1);
    m.assigned = b.b(146);
    m.raim = b.b(147);
    m.radio = b.u(148, 20);
}

void decodeClassBCommon(const BitBuffer& b, AisMessage& m) {
    m.reserved = b.u(38, 8);
    m.speed = b.u(46, 10);
    m.accuracy = b.b(56);
    m.lon = b.s(57, 28);
    m.lat = b.s(85, 27);
    m.course = b.u(112, 12);
    m.heading = b.u(124, 9);
    m.second = b.u(133, 6);
}

void decodeClassB(const BitBuffer& b, AisMessage& m) {
    decodeClassBCommon(b, m);
    m.regional = b.u(139, 2);
    m.cs = b.b(141);
    m.display = b.b(142);
    m.dsc = b.b(143);
    m.band = b.b(144);
    m.msg22 = b.b(145);
    m.assigned = b.b(146);
    m.raim = b.b(147);
    m.radio = b.u(148, 20);
}

void decodeClassBExtended(const BitBuffer& b, AisMessage& m) {
    decodeClassBCommon(b, m);
    m.regional = b.u(139, 4);
    b.text(143, 20, m.shipname);
    m.shiptype = b.u(263, 8);
    m.toBow = b.u(271, 9);
    m.toStern = b.u(280, 9);
    m.toPort = b.u(289, 6);
    m.toStarboard = b.u(295, 6);
    m.epfd = b.u(301, 4);
    m.raim = b.b(305);
    m.dte = b.u(306, 1);
    m.assigned = b.b(307);
}

void decodeAidToNavigation(const BitBuffer& b, AisMessage& m) {
    m.aidType = b.u(38, 5);
    b.text(43, 20, m.name, false);
    m.accuracy = b.b(163);
    m.lon = b.s(164, 28);
    m.lat = b.s(192, 27);
    m.toBow = b.u(219, 9);
    m.toStern = b.u(228, 9);
    m.toPort = b.u(237, 6);
    m.toStarboard = b.u(243, 6);
    m.epfd = b.u(249, 4);
    m.second = b.u(253, 6);
    m.offPosition = b.b(259);
    m.regional = b.u(260, 8);
    m.raim = b.b(268);
    m.virtualAid = b.b(269);
    m.assigned = b.b(270);
    // The name extension only counts when the main name is 20 characters before trimming
    // (gpsd's rule); the whole name is trimmed afterwards.
    std::size_t len = std::strlen(m.name);
    if (len == 20 && b.size() > 272) {
        const std::size_t extraChars = (b.size() - 272) / 6;
        b.text(272, extraChars > 14 ? 14 : extraChars, m.name + 20, false);
        len = std::strlen(m.name);
    }
    while (len > 0 && (m.name[len - 1] == ' ' || m.name[len - 1] == '@')) m.name[--len] = '\0';
}

PayloadResult decodeStaticB(const BitBuffer& b, AisMessage& m) {
    const std::uint32_t partNumber = b.u(38, 2);
    if (partNumber == 0) {
        if (b.size() != 160 && b.size() != 168) return PayloadResult::BadLength;
        m.part = Type24Part::A;
        b.text(40, 20, m.shipname);
        return PayloadResult::Ok;
    }
    if (partNumber != 1) return PayloadResult::Unsupported;
    if (b.size() != 168) return PayloadResult::BadLength;
    m.part = Type24Part::B;
    m.shiptype = b.u(40, 8);
    b.text(48, 7, m.vendorid);
    m.model = b.u(66, 4);
    m.serial = b.u(70, 20);
    b.text(90, 7, m.callsign);
    if (isAuxiliaryMmsi(m.mmsi)) {
        m.mothershipMmsi = b.u(132, 30);
    } else {
        m.toBow = b.u(132, 9);
        m.toStern = b.u(141, 9);
        m.toPort = b.u(150, 6);
        m.toStarboard = b.u(156, 6);
    }
    return PayloadResult::Ok;
}

void decodeLongRange(const BitBuffer& b, AisMessage& m) {
    m.accuracy = b.b(38);
    m.raim = b.b(39);
    m.status = b.u(40, 4);
    m.lon = b.s(44, 18);
    m.lat = b.s(62, 17);
    m.speed = b.u(79, 6);
    m.course = b.u(85, 9);
    m.gnss = b.b(94);
}

}  // namespace

bool isSupportedType(unsigned type) {
    return type >= 1 && type <= 27;
}

PayloadResult decodePayload(const BitBuffer& b, AisMessage& m) {
    const std::size_t n = b.size();
    m.bitLength = static_cast<std::uint32_t>(n);
    if (n < 6) return PayloadResult::Empty;
    m.type = static_cast<std::uint8_t>(b.u(0, 6));
    if (n < 38)
        return isSupportedType(m.type) ? PayloadResult::BadLength : PayloadResult::Unsupported;
    m.repeat = static_cast<std::uint8_t>(b.u(6, 2));
    m.mmsi = b.u(8, 30);
    switch (m.type) {
        case 1:
        case 2:
        case 3:
            if (!atLeast(n, 168)) return PayloadResult::BadLength;
            decodeClassAPosition(b, m);
            return PayloadResult::Ok;
        case 4:
        case 11:
            if (!atLeast(n, 168)) return PayloadResult::BadLength;
            decodeBaseStation(b, m);
            return PayloadResult::Ok;
        case 5:
            // Many transmitters send 420 or 422 bits; gpsd accepts them and so do we.
            if (!atLeast(n, 420)) return PayloadResult::BadLength;
            decodeStaticVoyage(b, m);
            return PayloadResult::Ok;
        case 9:
            if (!atLeast(n, 168)) return PayloadResult::BadLength;
            decodeSar(b, m);
            return PayloadResult::Ok;
        case 18:
            if (!atLeast(n, 168)) return PayloadResult::BadLength;
            decodeClassB(b, m);
            return PayloadResult::Ok;
        case 19:
            if (!atLeast(n, 312)) return PayloadResult::BadLength;
            decodeClassBExtended(b, m);
            return PayloadResult::Ok;
        case 21:
            if (!within(n, 272, 368)) return PayloadResult::BadLength;
            decodeAidToNavigation(b, m);
            return PayloadResult::Ok;
        case 24:
            return decodeStaticB(b, m);
        case 27:
            // One slot (96 bits), or 168 from stations that pad to a full slot.
            if (n != 96 && n != 168) return PayloadResult::BadLength;
            decodeLongRange(b, m);
            return PayloadResult::Ok;
        default:
            return decodeOtherPayload(b, m);
    }
}

bool hasPosition(const AisMessage& m) {
    switch (m.type) {
        case 1:
        case 2:
        case 3:
        case 4:
        case 9:
        case 11:
        case 18:
        case 19:
        case 21:
        case 27:
            return !std::isnan(latitudeDeg(m)) && !std::isnan(longitudeDeg(m));
        default:
            return false;
    }
}

namespace {
// Types 17 and 27 carry positions in 1/10 minute, the others in 1/10000 minute.
double positionDivisor(const AisMessage& m) {
    return (m.type == 27 || m.type == 17) ? 600.0 : 600000.0;
}
}  // namespace

double latitudeDeg(const AisMessage& m) {
    const double div = positionDivisor(m);
    const double v = m.lat / div;
    return (v < -90.0 || v > 90.0) ? kNaN : v;
}

double longitudeDeg(const AisMessage& m) {
    const double div = positionDivisor(m);
    const double v = m.lon / div;
    return (v < -180.0 || v > 180.0) ? kNaN : v;
}

std::optional<PositionFix> toPositionFix(const AisMessage& m, time::UnixMillis receivedAt) {
    if (!hasPosition(m)) return std::nullopt;
    PositionFix f;
    f.mmsi = m.mmsi;
    f.time = receivedAt;
    f.lat = latitudeDeg(m);
    f.lon = longitudeDeg(m);
    f.messageType = m.type;
    switch (m.type) {
        case 1:
        case 2:
        case 3:
        case 18:
        case 19:
            if (m.speed < kSpeedNotAvailable) f.speedKn = static_cast<float>(m.speed) / 10.0F;
            if (m.course < kCourseNotAvailable) f.courseDeg = static_cast<float>(m.course) / 10.0F;
            if (m.heading < 360) f.headingDeg = static_cast<float>(m.heading);
            break;
        case 9:
            if (m.speed < 1023) f.speedKn = static_cast<float>(m.speed);
            if (m.course < kCourseNotAvailable) f.courseDeg = static_cast<float>(m.course) / 10.0F;
            break;
        case 27:
            if (m.speed < 63) f.speedKn = static_cast<float>(m.speed);
            if (m.course < 511 && m.course < 360) f.courseDeg = static_cast<float>(m.course);
            break;
        default:
            break;
    }
    if (m.type <= 3) {
        f.navStatus = static_cast<std::uint8_t>(m.status);
        if (m.turn != kTurnNotAvailable && m.turn > -127 && m.turn < 127) {
            // ROT_AIS = 4.733 * sqrt(ROT_sensor), sign preserved.
            const double r = m.turn / 4.733;
            f.turnDegPerMin = static_cast<float>(m.turn < 0 ? -r * r : r * r);
        }
    } else if (m.type == 27) {
        f.navStatus = static_cast<std::uint8_t>(m.status);
    }
    return f;
}

std::optional<VesselStatic> toVesselStatic(const AisMessage& m) {
    VesselStatic v;
    v.mmsi = m.mmsi;
    if (m.type == 5) {
        v.name = m.shipname;
        v.callsign = m.callsign;
        v.imo = m.imo;
        v.shipType = static_cast<int>(m.shiptype);
        v.draughtM = m.draught > 0 ? static_cast<float>(m.draught) / 10.0F : kUnknown;
        v.destination = m.destination;
    } else if (m.type == 19) {
        v.name = m.shipname;
        v.shipType = static_cast<int>(m.shiptype);
        v.classB = true;
    } else if (m.type == 24) {
        v.classB = true;
        if (m.part != Type24Part::B) v.name = m.shipname;
        if (m.part == Type24Part::A) return v;
        v.callsign = m.callsign;
        v.shipType = static_cast<int>(m.shiptype);
        if (isAuxiliaryMmsi(m.mmsi)) return v;
    } else {
        return std::nullopt;
    }
    v.toBow = static_cast<int>(m.toBow);
    v.toStern = static_cast<int>(m.toStern);
    v.toPort = static_cast<int>(m.toPort);
    v.toStarboard = static_cast<int>(m.toStarboard);
    return v;
}

}  // namespace seawatch::ais
