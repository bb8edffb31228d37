#include "seawatch/ais/gpsd_json.hpp"

#include "gpsd_json_writer.hpp"

#include <array>

namespace seawatch::ais {
namespace {

using json_detail::Json;

// string_views: the class A legend goes into every position report, its length known.
constexpr std::array<std::string_view, 16> kNavStatus = {"Under way using engine",
                                                         "At anchor",
                                                         "Not under command",
                                                         "Restricted manoeuverability",
                                                         "Constrained by her draught",
                                                         "Moored",
                                                         "Aground",
                                                         "Engaged in fishing",
                                                         "Under way sailing",
                                                         "Reserved for HSC",
                                                         "Reserved for WIG",
                                                         "Reserved",
                                                         "Reserved",
                                                         "Reserved",
                                                         "Reserved",
                                                         "Not defined"};

constexpr std::array<const char*, 9> kEpfd = {"Undefined",
                                              "GPS",
                                              "GLONASS",
                                              "Combined GPS/GLONASS",
                                              "Loran-C",
                                              "Chayka",
                                              "Integrated navigation system",
                                              "Surveyed",
                                              "Galileo"};

constexpr std::array<const char*, 32> kAidType = {"Unspecified",
                                                  "Reference point",
                                                  "RACON",
                                                  "Fixed offshore structure",
                                                  "Spare, Reserved for future use.",
                                                  "Light, without sectors",
                                                  "Light, with sectors",
                                                  "Leading Light Front",
                                                  "Leading Light Rear",
                                                  "Beacon, Cardinal N",
                                                  "Beacon, Cardinal E",
                                                  "Beacon, Cardinal S",
                                                  "Beacon, Cardinal W",
                                                  "Beacon, Port hand",
                                                  "Beacon, Starboard hand",
                                                  "Beacon, Preferred Channel port hand",
                                                  "Beacon, Preferred Channel starboard hand",
                                                  "Beacon, Isolated danger",
                                                  "Beacon, Safe water",
                                                  "Beacon, Special mark",
                                                  "Cardinal Mark N",
                                                  "Cardinal Mark E",
                                                  "Cardinal Mark S",
                                                  "Cardinal Mark W",
                                                  "Port hand Mark",
                                                  "Starboard hand Mark",
                                                  "Preferred Channel Port hand",
                                                  "Preferred Channel Starboard hand",
                                                  "Isolated danger",
                                                  "Safe Water",
                                                  "Special Mark",
                                                  "Light Vessel / LANBY / Rigs"};

// Ship type legends for the hazard-category decades (20, 40, 60, 70, 80, 90).
const char* decadeText(unsigned t, const char* prefixAll, const char* const* cats,
                       const char* reserved, const char* noInfo) {
    const unsigned d = t % 10;
    if (d == 0) return prefixAll;
    if (d <= 4) return cats[d - 1];
    if (d == 9 && noInfo) return noInfo;
    return reserved;
}

// The squared rate of turn as gpsd prints it ("%.0f" of (turn / 4.733)^2), for every value
// that is not a legend: formatted once, so a class A report costs a table look-up.
struct TurnTable {
    std::array<std::array<char, 8>, 256> text{};  // indexed by turn + 128
    std::array<std::uint8_t, 256> size{};
    TurnTable() {
        for (int turn = -126; turn <= 126; ++turn) {
            const double r = turn / 4.733;
            const int index = turn + 128;
            auto& t = text[static_cast<std::size_t>(index)];
            const auto out = fmt::format_to_n(t.data(), t.size(), "{:.0f}", r * r);
            size[static_cast<std::size_t>(index)] = static_cast<std::uint8_t>(out.size);
        }
    }
};

// Rate of turn as gpsd prints it: the legend strings, or the squared value (sign lost, as
// in gpsd 3.22).
void putTurn(Json& j, std::int32_t turn) {
    static const TurnTable kTurns;
    if (turn == -128) {
        j.raw("\"nan\"");
    } else if (turn == -127) {
        j.raw("\"fastleft\"");
    } else if (turn == 127) {
        j.raw("\"fastright\"");
    } else if (turn == 0) {
        j.ch('0');
    } else if (turn > -127 && turn < 127) {
        const int index = turn + 128;
        const auto i = static_cast<std::size_t>(index);
        j.raw(std::string_view(kTurns.text[i].data(), kTurns.size[i]));
    } else {
        const double r = turn / 4.733;
        j.format("{:.0f}", r * r);
    }
}

void putClassA(const AisMessage& m, Json& j) {
    const std::string_view status = m.status < 16 ? kNavStatus[m.status] : "Reserved";
    j.u("status", m.status).text("status_text", status).key("turn");
    putTurn(j, m.turn);
    if (m.speed == 1023) {
        j.key("speed").raw("\"nan\"");
    } else if (m.speed == 1022) {
        j.key("speed").raw("\"fast\"");
    } else {
        j.tenths("speed", m.speed);
    }
    j.b("accuracy", m.accuracy).deg6("lon", m.lon).deg6("lat", m.lat).tenths("course", m.course);
    j.u("heading", m.heading).u("second", m.second).u("maneuver", m.maneuver).b("raim", m.raim);
    j.u("radio", m.radio).raw("}");
}

void putBaseStation(const AisMessage& m, Json& j) {
    // "%04u-%02u-%02uT%02u:%02u:%02uZ"
    j.key("timestamp").ch('"').padded(m.year, 4).ch('-').padded(m.month, 2).ch('-');
    j.padded(m.day, 2).ch('T').padded(m.hour, 2).ch(':').padded(m.minute, 2).ch(':');
    j.padded(m.second, 2).raw("Z\"");
    j.b("accuracy", m.accuracy).deg6("lon", m.lon).deg6("lat", m.lat).u("epfd", m.epfd);
    j.text("epfd_text", epfdText(m.epfd)).b("raim", m.raim).u("radio", m.radio).raw("}");
}

void putDimensions(const AisMessage& m, Json& j) {
    j.u("to_bow", m.toBow)
        .u("to_stern", m.toStern)
        .u("to_port", m.toPort)
        .u("to_starboard", m.toStarboard);
}

void putStaticVoyage(const AisMessage& m, Json& j) {
    j.u("imo", m.imo).u("ais_version", m.aisVersion).str("callsign", m.callsign);
    j.str("shipname", m.shipname)
        .u("shiptype", m.shiptype)
        .text("shiptype_text", shipTypeText(m.shiptype));
    putDimensions(m, j);
    j.u("epfd", m.epfd).text("epfd_text", epfdText(m.epfd));
    // "%02u-%02uT%02u:%02uZ"
    j.key("eta").ch('"').padded(m.etaMonth, 2).ch('-').padded(m.etaDay, 2).ch('T');
    j.padded(m.etaHour, 2).ch(':').padded(m.etaMinute, 2).raw("Z\"");
    j.tenths("draught", m.draught).str("destination", m.destination).u("dte", m.dte).raw("}");
}

// Type 9 altitude and speed: numbers, or gpsd's legends for "not available" and "high".
void putSar(const AisMessage& m, Json& j) {
    if (m.altitude == 4095) {
        j.key("alt").raw("\"nan\"");
    } else {
        j.u("alt", m.altitude);
    }
    if (m.speed == 1023) {
        j.key("speed").raw("\"nan\"");
    } else if (m.speed == 1022) {
        j.key("speed").raw("\"fast\"");
    } else {
        j.u("speed", m.speed);
    }
    j.b("accuracy", m.accuracy).deg6("lon", m.lon).deg6("lat", m.lat).tenths("course", m.course);
    j.u("second", m.second).u("regional", m.regional).u("dte", m.dte).b("raim", m.raim);
    j.u("radio", m.radio).raw("}");
}

void putClassBHead(const AisMessage& m, Json& j) {
    j.u("reserved", m.reserved).tenths("speed", m.speed).b("accuracy", m.accuracy);
    j.deg6("lon", m.lon).deg6("lat", m.lat).tenths("course", m.course).u("heading", m.heading);
    j.u("second", m.second).u("regional", m.regional);
}

void putClassB(const AisMessage& m, Json& j) {
    putClassBHead(m, j);
    j.b("cs", m.cs).b("display", m.display).b("dsc", m.dsc).b("band", m.band).b("msg22", m.msg22);
    j.b("raim", m.raim).u("radio", m.radio).raw("}");
}

void putClassBExtended(const AisMessage& m, Json& j) {
    putClassBHead(m, j);
    j.str("shipname", m.shipname)
        .u("shiptype", m.shiptype)
        .text("shiptype_text", shipTypeText(m.shiptype));
    putDimensions(m, j);
    j.u("epfd", m.epfd).text("epfd_text", epfdText(m.epfd)).b("raim", m.raim).u("dte", m.dte);
    j.b("assigned", m.assigned).raw("}");
}

void putAidToNavigation(const AisMessage& m, Json& j) {
    j.u("aid_type", m.aidType).text("aid_type_text", aidTypeText(m.aidType)).str("name", m.name);
    j.deg6("lon", m.lon).deg6("lat", m.lat).b("accuracy", m.accuracy);
    putDimensions(m, j);
    j.u("epfd", m.epfd).text("epfd_text", epfdText(m.epfd)).u("second", m.second);
    j.u("regional", m.regional).b("off_position", m.offPosition).b("raim", m.raim);
    j.b("virtual_aid", m.virtualAid).raw("}");
}

void putStaticB(const AisMessage& m, Json& j) {
    // An unmerged part says which it is (gpsd prints these only with --split24).
    if (m.part == Type24Part::A) j.text("part", "A");
    if (m.part == Type24Part::B) j.text("part", "B");
    if (m.part != Type24Part::B) j.str("shipname", m.shipname);
    if (m.part != Type24Part::A) {
        j.u("shiptype", m.shiptype).text("shiptype_text", shipTypeText(m.shiptype));
        j.str("vendorid", m.vendorid)
            .u("model", m.model)
            .u("serial", m.serial)
            .str("callsign", m.callsign);
        if (isAuxiliaryMmsi(m.mmsi)) {
            j.u("mothership_mmsi", m.mothershipMmsi);
        } else {
            putDimensions(m, j);
        }
    }
    j.raw("}");
}

void putLongRange(const AisMessage& m, Json& j) {
    // Current gpsd, not 3.22: the status as a number plus its legend (3.22 put the legend
    // under "status"), positions to 4 decimals (3.22: 1), which the 1/10 minute resolution
    // carries. fmt rounds like printf.
    j.u("status", m.status).text("status_text", navStatusText(m.status)).b("accuracy", m.accuracy);
    j.format(",\"lon\":{:.4f},\"lat\":{:.4f}", m.lon / 600.0, m.lat / 600.0);
    j.u("speed", m.speed).u("course", m.course).b("raim", m.raim).b("gnss", m.gnss).raw("}");
}

}  // namespace

const char* navStatusText(unsigned status) {
    return status < 16 ? kNavStatus[status].data() : "Reserved";
}

const char* epfdText(unsigned epfd) {
    return epfd < kEpfd.size() ? kEpfd[epfd] : "INVALID EPFD";
}

const char* aidTypeText(unsigned aidType) {
    return aidType < kAidType.size() ? kAidType[aidType] : "INVALID";
}

const char* shipTypeText(unsigned t) {
    static const char* const wig[] = {"Wing in ground (WIG) - Hazardous category A",
                                      "Wing in ground (WIG) - Hazardous category B",
                                      "Wing in ground (WIG) - Hazardous category C",
                                      "Wing in ground (WIG) - Hazardous category D"};
    static const char* const hsc[] = {"High speed craft (HSC) - Hazardous category A",
                                      "High speed craft (HSC) - Hazardous category B",
                                      "High speed craft (HSC) - Hazardous category C",
                                      "High speed craft (HSC) - Hazardous category D"};
    static const char* const passenger[] = {
        "Passenger - Hazardous category A", "Passenger - Hazardous category B",
        "Passenger - Hazardous category C", "Passenger - Hazardous category D"};
    static const char* const cargo[] = {
        "Cargo - Hazardous category A", "Cargo - Hazardous category B",
        "Cargo - Hazardous category C", "Cargo - Hazardous category D"};
    static const char* const tanker[] = {
        "Tanker - Hazardous category A", "Tanker - Hazardous category B",
        "Tanker - Hazardous category C", "Tanker - Hazardous category D"};
    static const char* const other[] = {
        "Other Type - Hazardous category A", "Other Type - Hazardous category B",
        "Other Type - Hazardous category C", "Other Type - Hazardous category D"};
    static const char* const thirties[] = {"Fishing",
                                           "Towing",
                                           "Towing: length exceeds 200m or breadth exceeds 25m",
                                           "Dredging or underwater ops",
                                           "Diving ops",
                                           "Military ops",
                                           "Sailing",
                                           "Pleasure Craft",
                                           "Reserved",
                                           "Reserved"};
    static const char* const fifties[] = {"Pilot Vessel",
                                          "Search and Rescue vessel",
                                          "Tug",
                                          "Port Tender",
                                          "Anti-pollution equipment",
                                          "Law Enforcement",
                                          "Spare - Local Vessel",
                                          "Spare - Local Vessel",
                                          "Medical Transport",
                                          "Ship according to RR Resolution No. 18"};
    if (t == 0) return "Not available";
    if (t < 20) return "Reserved for future use";
    if (t < 30)
        return decadeText(t, "Wing in ground (WIG) - all ships of this type", wig,
                          "Wing in ground (WIG) - Reserved for future use", nullptr);
    if (t < 40) return thirties[t - 30];
    if (t < 50)
        return decadeText(t, "High speed craft (HSC) - all ships of this type", hsc,
                          "High speed craft (HSC) - Reserved for future use",
                          "High speed craft (HSC) - No additional information");
    if (t < 60) return fifties[t - 50];
    if (t < 70)
        return decadeText(t, "Passenger - all ships of this type", passenger,
                          "Passenger - Reserved for future use",
                          "Passenger - No additional information");
    if (t < 80)
        return decadeText(t, "Cargo - all ships of this type", cargo,
                          "Cargo - Reserved for future use", "Cargo - No additional information");
    if (t < 90)
        return decadeText(t, "Tanker - all ships of this type", tanker,
                          "Tanker - Reserved for future use", "Tanker - No additional information");
    if (t < 100)
        return decadeText(t, "Other Type - all ships of this type", other,
                          "Other Type - Reserved for future use",
                          "Other Type - no additional information");
    return "INVALID SHIP TYPE";
}

void appendGpsdJson(const AisMessage& m, std::string_view device, TextBuffer& out) {
    Json j(out);
    j.raw("{\"class\":\"AIS\",\"device\":\"").escaped(device);
    j.raw("\"").u("type", m.type).u("repeat", m.repeat).u("mmsi", m.mmsi).raw(",\"scaled\":true");
    switch (m.type) {
        case 1:
        case 2:
        case 3:
            putClassA(m, j);
            break;
        case 4:
        case 11:
            putBaseStation(m, j);
            break;
        case 5:
            putStaticVoyage(m, j);
            break;
        case 9:
            putSar(m, j);
            break;
        case 18:
            putClassB(m, j);
            break;
        case 19:
            putClassBExtended(m, j);
            break;
        case 21:
            putAidToNavigation(m, j);
            break;
        case 24:
            putStaticB(m, j);
            break;
        case 27:
            putLongRange(m, j);
            break;
        default:
            if (!json_detail::putOtherType(m, j)) j.ch('}');
            break;
    }
    j.ch('\n');
}

void appendGpsdJson(const AisMessage& m, std::string_view device, std::string& out) {
    TextBuffer buffer;
    appendGpsdJson(m, device, buffer);
    out.append(buffer.view());
}

}  // namespace seawatch::ais
