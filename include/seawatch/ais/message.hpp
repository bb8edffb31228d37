#pragma once
// A decoded AIS message with the raw integer fields gpsd keeps (scaling happens on output),
// for every type gpsd decodes (1-27) and the application payloads of types 6 and 8 listed in
// docs/AIS.md. One flat struct, reused by the decoder, so decoding allocates nothing: text
// and binary fields are fixed arrays.
#include <array>
#include <cstdint>
#include <optional>

#include "seawatch/ais/bits.hpp"
#include "seawatch/ais/sentence.hpp"
#include "seawatch/ais/vessel.hpp"

namespace seawatch::ais {

// Raw "not available" sentinels, as transmitted.
inline constexpr std::int32_t kLonNotAvailable = 181 * 600000;  // 1/10000 minute
inline constexpr std::int32_t kLatNotAvailable = 91 * 600000;
inline constexpr std::int32_t kLon27NotAvailable = 181 * 600;  // type 27: 1/10 minute
inline constexpr std::int32_t kLat27NotAvailable = 91 * 600;
inline constexpr std::uint32_t kSpeedNotAvailable = 1023;   // 1/10 knot
inline constexpr std::uint32_t kCourseNotAvailable = 3600;  // 1/10 degree
inline constexpr std::uint32_t kHeadingNotAvailable = 511;
inline constexpr std::int32_t kTurnNotAvailable = -128;

enum class Type24Part : std::uint8_t { A, B, Both };

// Binary data as gpsd prints it ("bits:hex"): the bits from the data's first bit, padded to
// whole bytes with whatever bits followed them on the air (gpsd copies whole bytes).
struct BinaryData {
    static constexpr std::size_t kMaxBytes = 128;  // 1008 bits, the longest legal message
    std::uint16_t bitCount = 0;
    std::array<std::uint8_t, kMaxBytes> bytes;  // only the first (bitCount + 7) / 8 are set
};

// Which application payload of a type 6 or 8 was decoded into structured fields; None leaves
// it as BinaryData.
enum class AppPayload : std::uint8_t {
    None,
    AtonMonitoring,  // type 6, DAC 235/250 FI 10: GLA AtoN monitoring data
    MetHydro,        // type 8, DAC 1 FI 11: IMO236 meteorological and hydrological data
    InlandStatic,    // type 8, DAC 200 FI 10: inland ship static and voyage data
    DangerousCargo,  // type 6, DAC 1 FI 12: IMO236 dangerous cargo indication
    FairwayClosed,   // type 8, DAC 1 FI 13: IMO236 fairway closed
    AirDraught,      // types 6 and 8, DAC 1 FI 15: IMO236 extended ship static data
    Persons,         // types 6 and 8, DAC 1 FI 16: number of persons on board
    Text,            // type 6 DAC 1 FI 30, type 8 DAC 1 FI 29: IMO289 text description
};

struct DangerousCargo {
    char lastport[6] = {}, nextport[6] = {}, dangerous[21] = {}, imdcat[5] = {};
    std::uint32_t lmonth = 0, lday = 0, lhour = 0, lminute = 0;  // departure
    std::uint32_t nmonth = 0, nday = 0, nhour = 0, nminute = 0;  // arrival at next port
    std::uint32_t unid = 0, amount = 0, unit = 0;
};

struct FairwayClosed {
    char reason[21] = {}, closefrom[21] = {}, closeto[21] = {};
    std::uint32_t radius = 0, extunit = 0;
    std::uint32_t fday = 0, fmonth = 0, fhour = 0, fminute = 0;
    std::uint32_t tday = 0, tmonth = 0, thour = 0, tminute = 0;
};

struct AtonMonitoring {
    std::uint32_t anaInt = 0, anaExt1 = 0, anaExt2 = 0;  // 0.05 V
    std::uint32_t racon = 0, light = 0, statExt = 0;
    bool alarm = false, offPosition = false;
};

// Raw IMO236 met/hydro values; offsets and scales are applied on output as gpsd does.
struct MetHydro {
    std::int32_t lat = 0, lon = 0;  // 1/1000 minute
    std::uint32_t day = 0, hour = 0, minute = 0;
    std::uint32_t wspeed = 0, wgust = 0, wdir = 0, wgustdir = 0;
    std::uint32_t airtemp = 0, humidity = 0, dewpoint = 0, pressure = 0, pressuretend = 0;
    std::uint32_t visibility = 0, waterlevel = 0, leveltrend = 0;
    std::uint32_t cspeed = 0, cdir = 0, cspeed2 = 0, cdir2 = 0, cdepth2 = 0;
    std::uint32_t cspeed3 = 0, cdir3 = 0, cdepth3 = 0;
    std::uint32_t waveheight = 0, waveperiod = 0, wavedir = 0;
    std::uint32_t swellheight = 0, swellperiod = 0, swelldir = 0;
    std::uint32_t seastate = 0, watertemp = 0, preciptype = 0, salinity = 0, ice = 0;
};

struct InlandStatic {
    char vin[9] = {};                    // European vessel identification number
    std::uint32_t length = 0, beam = 0;  // decimetres
    std::uint32_t shiptype = 0;          // ERI code
    std::uint32_t hazard = 0, draught = 0, loaded = 0;
    bool speedQuality = false, courseQuality = false, headingQuality = false;
};

struct Interrogation {  // type 15
    std::uint32_t mmsi1 = 0, type1_1 = 0, offset1_1 = 0, type1_2 = 0, offset1_2 = 0;
    std::uint32_t mmsi2 = 0, type2_1 = 0, offset2_1 = 0;
};

struct AssignedMode {  // type 16
    std::uint32_t mmsi1 = 0, offset1 = 0, increment1 = 0;
    std::uint32_t mmsi2 = 0, offset2 = 0, increment2 = 0;
};

struct SlotReservation {  // type 20, four per message
    std::uint32_t offset = 0, number = 0, timeout = 0, increment = 0;
};

// Types 22 (channel management) and 23 (group assignment): an area in 1/10 minute.
struct ChannelArea {
    std::int32_t neLon = 0, neLat = 0, swLon = 0, swLat = 0;
};

struct ChannelManagement {  // type 22
    std::uint32_t channelA = 0, channelB = 0, txrx = 0;
    bool power = false, addressed = false, bandA = false, bandB = false;
    ChannelArea area;                    // when not addressed
    std::uint32_t dest1 = 0, dest2 = 0;  // when addressed
    std::uint32_t zonesize = 0;
};

struct GroupAssignment {  // type 23
    ChannelArea area;
    std::uint32_t stationType = 0, shipType = 0, txrx = 0, interval = 0, quiet = 0;
};

// The fields of the frequent types (positions, static data): reset for every message.
struct AisMessageCore {
    std::uint8_t type = 0;
    std::uint8_t repeat = 0;
    Mmsi mmsi = 0;

    // Position reports (1-3, 4, 9, 11, 18, 19, 21, 27).
    std::uint32_t status = 0;  // navigation status
    std::int32_t turn = kTurnNotAvailable;
    std::uint32_t speed = kSpeedNotAvailable;  // 1/10 kn (type 9: knots; type 27: knots)
    bool accuracy = false;
    std::int32_t lon = kLonNotAvailable;  // 1/10000 min (type 27: 1/10 min)
    std::int32_t lat = kLatNotAvailable;
    std::uint32_t course = kCourseNotAvailable;  // 1/10 deg (type 27: degrees)
    std::uint32_t heading = kHeadingNotAvailable;
    std::uint32_t second = 60;
    std::uint32_t maneuver = 0;
    bool raim = false;
    std::uint32_t radio = 0;

    // Base station / UTC response (4, 11).
    std::uint32_t year = 0, month = 0, day = 0, hour = 24, minute = 60;
    std::uint32_t epfd = 0;

    // Static and voyage data (5, 19, 24).
    std::uint32_t aisVersion = 0;
    std::uint32_t imo = 0;
    char callsign[8] = {};
    char shipname[21] = {};
    std::uint32_t shiptype = 0;
    std::uint32_t toBow = 0, toStern = 0, toPort = 0, toStarboard = 0;
    std::uint32_t etaMonth = 0, etaDay = 0, etaHour = 24, etaMinute = 60;
    std::uint32_t draught = 0;  // 1/10 m
    char destination[21] = {};
    std::uint32_t dte = 1;

    // SAR aircraft (9), class B (18, 19).
    std::uint32_t altitude = 4095;
    std::uint32_t regional = 0;
    bool assigned = false;
    std::uint32_t reserved = 0;
    bool cs = false, display = false, dsc = false, band = false, msg22 = false;

    // Aid to navigation (21): name plus its extension, up to 34 characters.
    std::uint32_t aidType = 0;
    char name[35] = {};
    bool offPosition = false;
    bool virtualAid = false;

    // Class B static (24).
    Type24Part part = Type24Part::A;
    char vendorid[8] = {};
    std::uint32_t model = 0;
    std::uint32_t serial = 0;
    std::uint32_t mothershipMmsi = 0;

    // Long-range broadcast (27).
    bool gnss = false;

    // Where and when it was received.
    SentenceMeta meta;
    char channel = 0;
    std::uint32_t bitLength = 0;
};

// The fields of the other types (6, 7, 8, 10, 12-17, 20, 22, 23, 25, 26), kept apart so the
// decoder clears them only after a message that used them.
struct AisExtendedFields {
    // Addressed and binary messages (6, 8, 10, 12, 25, 26). (Type 17 keeps its reference
    // station position in the core lon/lat, in 1/10 minute as type 27 does.)
    std::uint32_t seqno = 0;
    Mmsi destMmsi = 0;
    bool retransmit = false;
    std::uint32_t dac = 0, fid = 0;
    bool addressed = false, structured = false;  // 25, 26
    std::uint32_t appId = 0;                     // 25, 26 when structured
    AppPayload app = AppPayload::None;
    BinaryData data;

    // Safety texts (12, 14): up to 161 six-bit characters.
    char text[162] = {};

    // Acknowledgements (7, 13).
    std::array<Mmsi, 4> ackMmsi{};
    std::array<std::uint32_t, 4> ackSeqno{};

    Interrogation interrogation;             // 15
    AssignedMode assignedMode;               // 16
    std::array<SlotReservation, 4> slots{};  // 20
    ChannelManagement channelManagement;     // 22
    GroupAssignment group;                   // 23
    AtonMonitoring aton;                     // 6 / 235, 250 / 10
    MetHydro met;                            // 8 / 1 / 11
    InlandStatic inland;                     // 8 / 200 / 10
    DangerousCargo cargo;                    // 6 / 1 / 12
    FairwayClosed fairway;                   // 8 / 1 / 13
    std::uint32_t airdraught = 0;            // 6, 8 / 1 / 15
    std::uint32_t persons = 0;               // 6, 8 / 1 / 16
    std::uint32_t linkage = 0;               // text descriptions (in `text`)
};

struct AisMessage : AisMessageCore {
    AisExtendedFields ext;  // meaningful for the types above only
};

enum class PayloadResult : std::uint8_t { Ok, Unsupported, BadLength, Empty };

// Decodes the bits of one complete message into `out` (type 24 part B is not merged here;
// the decoder merges it with a remembered part A).
PayloadResult decodePayload(const BitBuffer& bits, AisMessage& out);

// True for the message types the decoder fully decodes (1-27).
bool isSupportedType(unsigned type);

// Decodes the types other than position and static reports (6, 7, 8, 10, 12-17, 20, 22, 23,
// 25, 26) with gpsd's length rules; in message_binary.cpp.
PayloadResult decodeOtherPayload(const BitBuffer& bits, AisMessage& out);

// True for the types whose fields live in AisMessage::ext.
inline bool usesExtendedFields(unsigned type) {
    switch (type) {
        case 6:
        case 7:
        case 8:
        case 10:
        case 12:
        case 13:
        case 14:
        case 15:
        case 16:
        case 17:
        case 20:
        case 22:
        case 23:
        case 25:
        case 26:
            return true;
        default:
            return false;
    }
}

// True for a safety-related text (types 12 and 14).
inline bool isSafetyText(const AisMessage& m) {
    return m.type == 12 || m.type == 14;
}

// Scaled values with "not available" as nullopt/NaN, for the track store and analytics.
bool hasPosition(const AisMessage& m);
double latitudeDeg(const AisMessage& m);   // NaN when not available
double longitudeDeg(const AisMessage& m);  // NaN when not available
std::optional<PositionFix> toPositionFix(const AisMessage& m, time::UnixMillis receivedAt);
// Static data carried by types 5, 19 and 24 (part A fills the name only, part B the rest).
std::optional<VesselStatic> toVesselStatic(const AisMessage& m);

// AIS "auxiliary craft" MMSIs (98MIDxxxx) carry a mothership MMSI instead of dimensions.
inline bool isAuxiliaryMmsi(Mmsi mmsi) {
    return mmsi / 10000000U == 98U;
}

}  // namespace seawatch::ais
