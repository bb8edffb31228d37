// Types other than position and static reports: binary and safety messages, acknowledgements,
// interrogations, link management, and the application payloads of types 6 and 8 that gpsd
// decodes into fields (docs/AIS.md lists which). Bit positions and length rules follow gpsd
// (driver_ais.c), including its quirks, so both accept and reject the same messages.
#include <cstring>

#include "seawatch/ais/message.hpp"

namespace seawatch::ais {
namespace {

bool within(std::size_t bits, std::size_t lo, std::size_t hi) {
    return bits >= lo && bits <= hi;
}

// gpsd copies binary data in whole bytes from the byte holding its first bit, so the last
// byte carries whatever followed the data up to `cutoff` (fill bits included), then zeros;
// for type 8 it masks those trailing bits (`maskTail`).
void copyData(const BitBuffer& b, std::size_t start, std::size_t bitCount, std::size_t cutoff,
              BinaryData& out, bool maskTail = false) {
    out.bitCount = static_cast<std::uint16_t>(bitCount);
    const std::size_t nbytes = (bitCount + 7) / 8;
    for (std::size_t i = 0; i < nbytes; ++i) {
        const std::size_t first = start + 8 * i;
        if (first + 8 <= b.size() && first + 8 <= cutoff) {
            out.bytes[i] = static_cast<std::uint8_t>(b.u(first, 8));
            continue;
        }
        unsigned v = 0;
        for (std::size_t k = 0; k < 8; ++k) {
            const std::size_t bit = first + k;
            v = (v << 1) | ((bit < cutoff && b.b(bit)) ? 1U : 0U);
        }
        out.bytes[i] = static_cast<std::uint8_t>(v);
    }
    if (maskTail && (bitCount & 7) != 0)
        out.bytes[nbytes - 1] &= static_cast<std::uint8_t>(0xFFU << (8 - (bitCount & 7)));
}

std::size_t roundUpToByte(std::size_t bits) {
    return (bits + 7) / 8 * 8;
}

bool decodeAtonMonitoring(const BitBuffer& b, AisMessage& m) {
    if (b.size() != 136) return false;
    AtonMonitoring& a = m.ext.aton;
    a.anaInt = b.u(88, 10);
    a.anaExt1 = b.u(98, 10);
    a.anaExt2 = b.u(108, 10);
    a.racon = b.u(118, 2);
    a.light = b.u(120, 2);
    a.alarm = b.b(122);
    a.statExt = b.u(123, 8);
    a.offPosition = b.b(131);
    return true;
}

void decodeDangerousCargo(const BitBuffer& b, DangerousCargo& c) {
    b.text(88, 5, c.lastport);
    c.lmonth = b.u(118, 4);
    c.lday = b.u(122, 5);
    c.lhour = b.u(127, 5);
    c.lminute = b.u(132, 6);
    b.text(138, 5, c.nextport);
    c.nmonth = b.u(168, 4);
    c.nday = b.u(172, 5);
    c.nhour = b.u(177, 5);
    c.nminute = b.u(182, 6);
    b.text(188, 20, c.dangerous);
    b.text(308, 4, c.imdcat);
    c.unid = b.u(332, 13);
    c.amount = b.u(345, 10);
    c.unit = b.u(355, 2);
}

// The IMO236/289 payloads of DAC 1 that gpsd decodes in a type 6; false leaves it binary.
bool decodeAddressedDac1(const BitBuffer& b, AisMessage& m) {
    switch (m.ext.fid) {
        case 12:
            decodeDangerousCargo(b, m.ext.cargo);
            m.ext.app = AppPayload::DangerousCargo;
            return true;
        case 15:
            m.ext.airdraught = b.u(56, 11);  // gpsd reads bit 56 (inside the header); kept
            m.ext.app = AppPayload::AirDraught;
            return true;
        case 16:
            // IMO289 puts the count after the header; IMO236 (gpsd's reading) at bit 55.
            m.ext.persons = b.size() - 88 == 136 ? b.u(88, 13) : b.u(55, 13);
            m.ext.app = AppPayload::Persons;
            return true;
        case 30:
            m.ext.linkage = b.u(88, 10);
            b.text(98, (b.size() - 98) / 6, m.ext.text);
            m.ext.app = AppPayload::Text;
            return true;
        default:
            return false;
    }
}

void decodeBinaryAddressed(const BitBuffer& b, AisMessage& m) {
    m.ext.seqno = b.u(38, 2);
    m.ext.destMmsi = b.u(40, 30);
    m.ext.retransmit = b.b(70);
    m.ext.dac = b.u(72, 10);
    m.ext.fid = b.u(82, 6);
    if ((m.ext.dac == 235 || m.ext.dac == 250) && m.ext.fid == 10 && decodeAtonMonitoring(b, m)) {
        m.ext.app = AppPayload::AtonMonitoring;
        return;
    }
    if (m.ext.dac == 1 && decodeAddressedDac1(b, m)) return;
    copyData(b, 88, b.size() - 88, roundUpToByte(b.size()), m.ext.data);
}

void decodeMetHydro(const BitBuffer& b, MetHydro& w) {
    w.lat = b.s(56, 24);
    w.lon = b.s(80, 25);
    w.day = b.u(105, 5);
    w.hour = b.u(110, 5);
    w.minute = b.u(115, 6);
    w.wspeed = b.u(121, 7);
    w.wgust = b.u(128, 7);
    w.wdir = b.u(135, 9);
    w.wgustdir = b.u(144, 9);
    w.airtemp = b.u(153, 11);
    w.humidity = b.u(164, 7);
    w.dewpoint = b.u(171, 10);
    w.pressure = b.u(181, 9);
    w.pressuretend = b.u(190, 2);
    w.visibility = b.u(192, 8);
    w.waterlevel = b.u(200, 9);
    w.leveltrend = b.u(209, 2);
    w.cspeed = b.u(211, 8);
    w.cdir = b.u(219, 9);
    w.cspeed2 = b.u(228, 8);
    w.cdir2 = b.u(236, 9);
    w.cdepth2 = b.u(245, 5);
    w.cspeed3 = b.u(250, 8);
    w.cdir3 = b.u(258, 9);
    w.cdepth3 = b.u(267, 5);
    w.waveheight = b.u(272, 8);
    w.waveperiod = b.u(280, 6);
    w.wavedir = b.u(286, 9);
    w.swellheight = b.u(295, 8);
    w.swellperiod = b.u(303, 6);
    w.swelldir = b.u(309, 9);
    w.seastate = b.u(318, 4);
    w.watertemp = b.u(322, 10);
    w.preciptype = b.u(332, 3);
    w.salinity = b.u(335, 9);
    w.ice = b.u(344, 2);
}

// gpsd range-checks the hazard code to tell this payload from others using the same id.
constexpr std::uint32_t kInlandHazardMax = 5;

bool decodeInlandStatic(const BitBuffer& b, InlandStatic& s) {
    if (b.size() != 168) return false;
    b.text(56, 8, s.vin);
    s.length = b.u(104, 13);
    s.beam = b.u(117, 10);
    s.shiptype = b.u(127, 14);
    s.hazard = b.u(141, 3);
    s.draught = b.u(144, 11);
    s.loaded = b.u(155, 2);
    s.speedQuality = b.b(157);
    s.courseQuality = b.b(158);
    s.headingQuality = b.b(159);
    return s.hazard <= kInlandHazardMax;
}

void decodeFairwayClosed(const BitBuffer& b, FairwayClosed& f) {
    b.text(56, 20, f.reason);
    b.text(176, 20, f.closefrom);
    b.text(296, 20, f.closeto);
    f.radius = b.u(416, 10);
    f.extunit = b.u(426, 2);
    f.fday = b.u(428, 5);
    f.fmonth = b.u(433, 4);
    f.fhour = b.u(437, 5);
    f.fminute = b.u(442, 6);
    f.tday = b.u(448, 5);
    f.tmonth = b.u(453, 4);
    f.thour = b.u(457, 5);
    f.tminute = b.u(462, 6);
}

bool decodeBroadcastDac1(const BitBuffer& b, AisMessage& m) {
    const std::size_t dataBits = b.size() - 56;
    switch (m.ext.fid) {
        case 11:
            decodeMetHydro(b, m.ext.met);
            m.ext.app = AppPayload::MetHydro;
            return true;
        case 13:
            decodeFairwayClosed(b, m.ext.fairway);
            m.ext.app = AppPayload::FairwayClosed;
            return true;
        case 15:
            m.ext.airdraught = b.u(56, 11);
            m.ext.app = AppPayload::AirDraught;
            return true;
        case 16:
            // Only the two lengths gpsd recognises (IMO289 and IMO236).
            if (dataBits != 136 && dataBits != 72) return false;
            m.ext.persons = dataBits == 136 ? b.u(88, 13) : b.u(55, 13);
            m.ext.app = AppPayload::Persons;
            return true;
        case 29:
            m.ext.linkage = b.u(56, 10);
            b.text(66, (b.size() - 66) / 6, m.ext.text);
            m.ext.app = AppPayload::Text;
            return true;
        default:
            return false;
    }
}

void decodeBinaryBroadcast(const BitBuffer& b, AisMessage& m) {
    m.ext.dac = b.u(40, 10);
    m.ext.fid = b.u(50, 6);
    if (m.ext.dac == 1 && decodeBroadcastDac1(b, m)) return;
    if (m.ext.dac == 200 && m.ext.fid == 10 && decodeInlandStatic(b, m.ext.inland)) {
        m.ext.app = AppPayload::InlandStatic;
        return;
    }
    m.ext.inland = InlandStatic{};
    copyData(b, 56, b.size() - 56, roundUpToByte(b.size()), m.ext.data, true);
}

void decodeAcknowledge(const BitBuffer& b, AisMessage& m) {
    for (std::size_t i = 0; i < 4; ++i) {
        const std::size_t at = 40 + 32 * i;
        if (at < b.size()) {
            m.ext.ackMmsi[i] = b.u(at, 30);
            // The sequence number follows the MMSI (gpsd reads it 2 bits late, but never
            // prints it).
            m.ext.ackSeqno[i] = b.u(at + 30, 2);
        }
    }
}

void decodeInterrogation(const BitBuffer& b, AisMessage& m) {
    Interrogation& q = m.ext.interrogation;
    q.mmsi1 = b.u(40, 30);
    q.type1_1 = b.u(70, 6);
    q.offset1_1 = b.u(76, 12);
    if (b.size() > 90) {
        q.type1_2 = b.u(90, 6);
        q.offset1_2 = b.u(96, 12);
        if (b.size() > 110) {
            q.mmsi2 = b.u(110, 30);
            q.type2_1 = b.u(140, 6);
            q.offset2_1 = b.u(146, 12);
        }
    }
}

void decodeAssignedMode(const BitBuffer& b, AisMessage& m) {
    AssignedMode& a = m.ext.assignedMode;
    a.mmsi1 = b.u(40, 30);
    a.offset1 = b.u(70, 12);
    a.increment1 = b.u(82, 10);
    if (b.size() >= 144) {
        a.mmsi2 = b.u(92, 30);
        a.offset2 = b.u(122, 12);
        a.increment2 = b.u(134, 10);
    }
}

void decodeDataLinkManagement(const BitBuffer& b, AisMessage& m) {
    for (std::size_t i = 0; i < 4; ++i) {
        const std::size_t at = 40 + 30 * i;
        m.ext.slots[i].offset = b.u(at, 12);
        m.ext.slots[i].number = b.u(at + 12, 4);
        m.ext.slots[i].timeout = b.u(at + 16, 3);
        m.ext.slots[i].increment = b.u(at + 19, 11);
    }
}

void decodeChannelManagement(const BitBuffer& b, AisMessage& m) {
    ChannelManagement& c = m.ext.channelManagement;
    c.channelA = b.u(40, 12);
    c.channelB = b.u(52, 12);
    c.txrx = b.u(64, 4);
    c.power = b.b(68);
    c.addressed = b.b(139);
    if (c.addressed) {
        c.dest1 = b.u(69, 30);
        c.dest2 = b.u(104, 30);
    } else {
        c.area.neLon = b.s(69, 18);
        c.area.neLat = b.s(87, 17);
        c.area.swLon = b.s(104, 18);
        c.area.swLat = b.s(122, 17);
    }
    c.bandA = b.b(140);
    c.bandB = b.b(141);
    c.zonesize = b.u(142, 3);
}

void decodeGroupAssignment(const BitBuffer& b, AisMessage& m) {
    GroupAssignment& g = m.ext.group;
    g.area.neLon = b.s(40, 18);
    g.area.neLat = b.s(58, 17);
    g.area.swLon = b.s(75, 18);
    g.area.swLat = b.s(93, 17);
    g.stationType = b.u(110, 4);
    g.shipType = b.u(114, 8);
    // gpsd reads these three overlapping (144/146/150); kept so the output matches.
    g.txrx = b.u(144, 4);
    g.interval = b.u(146, 4);
    g.quiet = b.u(150, 4);
}

// Types 25 and 26: the data follows the optional destination and application id. gpsd copies
// from the id's byte and shifts the destination out, which is the same as copying from the
// data's first bit with the same whole-byte cutoff.
void decodeBinarySlot(const BitBuffer& b, AisMessage& m, std::size_t trailer) {
    m.ext.addressed = b.b(38);
    m.ext.structured = b.b(39);
    if (m.ext.addressed) m.ext.destMmsi = b.u(40, 30);
    if (m.ext.structured) m.ext.appId = b.u(40 + (m.ext.addressed ? 30 : 0), 16);
    const std::size_t headerBits = 40 + (m.ext.structured ? 16 : 0);
    const std::size_t copied = b.size() - headerBits - trailer;
    const std::size_t cutoff = headerBits + roundUpToByte(copied);
    const std::size_t skip = m.ext.addressed ? 30 : 0;
    copyData(b, headerBits + skip, copied - skip, cutoff, m.ext.data);
}

}  // namespace

PayloadResult decodeOtherPayload(const BitBuffer& b, AisMessage& m) {
    const std::size_t n = b.size();
    switch (m.type) {
        case 6:
            if (!within(n, 88, 1008)) return PayloadResult::BadLength;
            decodeBinaryAddressed(b, m);
            return PayloadResult::Ok;
        case 7:
        case 13:
            if (!within(n, 72, 168)) return PayloadResult::BadLength;
            decodeAcknowledge(b, m);
            return PayloadResult::Ok;
        case 8:
            if (!within(n, 56, 1008)) return PayloadResult::BadLength;
            decodeBinaryBroadcast(b, m);
            return PayloadResult::Ok;
        case 10:
            if (n < 72) return PayloadResult::BadLength;
            m.ext.destMmsi = b.u(40, 30);
            return PayloadResult::Ok;
        case 12:
            if (!within(n, 72, 1008)) return PayloadResult::BadLength;
            m.ext.seqno = b.u(38, 2);
            m.ext.destMmsi = b.u(40, 30);
            m.ext.retransmit = b.b(70);
            b.text(72, (n - 72) / 6, m.ext.text);
            return PayloadResult::Ok;
        case 14:
            if (!within(n, 40, 1008)) return PayloadResult::BadLength;
            b.text(40, (n - 40) / 6, m.ext.text);
            return PayloadResult::Ok;
        case 15:
            if (!within(n, 88, 168)) return PayloadResult::BadLength;
            decodeInterrogation(b, m);
            return PayloadResult::Ok;
        case 16:
            if (!within(n, 96, 168)) return PayloadResult::BadLength;
            decodeAssignedMode(b, m);
            return PayloadResult::Ok;
        case 17:
            if (!within(n, 80, 816)) return PayloadResult::BadLength;
            m.lon = b.s(40, 18);
            m.lat = b.s(58, 17);
            copyData(b, 80, n - 80, roundUpToByte(n), m.ext.data);
            return PayloadResult::Ok;
        case 20:
            if (!within(n, 72, 186)) return PayloadResult::BadLength;
            decodeDataLinkManagement(b, m);
            return PayloadResult::Ok;
        case 22:
            if (n < 168) return PayloadResult::BadLength;
            decodeChannelManagement(b, m);
            return PayloadResult::Ok;
        case 23:
            if (n < 160) return PayloadResult::BadLength;
            decodeGroupAssignment(b, m);
            return PayloadResult::Ok;
        case 25: {
            if (!within(n, 40, 168)) return PayloadResult::BadLength;
            const bool addressed = b.b(38), structured = b.b(39);
            if (n < 40 + (structured ? 16U : 0U) + (addressed ? 30U : 0U))
                return PayloadResult::BadLength;
            decodeBinarySlot(b, m, 0);
            return PayloadResult::Ok;
        }
        case 26: {
            if (!within(n, 60, 1004)) return PayloadResult::BadLength;
            const bool addressed = b.b(38), structured = b.b(39);
            if (n < 40 + (structured ? 16U : 0U) + (addressed ? 30U : 0U) + 20U)
                return PayloadResult::BadLength;
            decodeBinarySlot(b, m, 20);
            return PayloadResult::Ok;
        }
        default:
            return PayloadResult::Unsupported;
    }
}

}  // namespace seawatch::ais
