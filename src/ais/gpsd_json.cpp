#include "seawatch/ais/gpsd_json.hpp"

#include <fmt/format.h>

#include <array>
#include <iterator>

namespace seawatch::ais {
namespace {

constexpr std::array<const char*, 16> kNavStatus = {
    "Under way using engine", "At anchor", "Not under command", "Restricted manoeuverability",
    "Constrained by her draught", "Moored", "Aground", "Engaged in fishing",
    "Under way sailing", "Reserved for HSC", "Reserved for WIG", "Reserved", "Reserved",
    "Reserved", "Reserved", "Not defined"};

constexpr std::array<const char*, 9> kEpfd = {
    "Undefined", "GPS", "GLONASS", "Combined GPS/GLONASS", "Loran-C", "Chayka",
    "Integrated navigation system", "Surveyed", "Galileo"};

constexpr std::array<const char*, 32> kAidType = {
    "Unspecified", "Reference point", "RACON", "Fixed offshore structure",
    "Spare, Reserved for future use.", "Light, without sectors", "Light, with sectors",
    "Leading Light Front", "Leading Light Rear", "Beacon, Cardinal N", "Beacon, Cardinal E",
    "Beacon, Cardinal S", "Beacon, Cardinal W", "Beacon, Port hand", "Beacon, Starboard hand",
    "Beacon, Preferred Channel port hand", "Beacon, Preferred Channel starboard hand",
    "Beacon, Isolated danger", "Beacon, Safe water", "Beacon, Special mark", "Cardinal Mark N",
    "Cardinal Mark E", "Cardinal Mark S", "Cardinal Mark W", "Port hand Mark",
    "Starboard hand Mark", "Preferred Channel Port hand", "Preferred Channel Starboard hand",
    "Isolated danger", "Safe Water", "Special Mark", "Light Vessel / LANBY / Rigs"};

// Ship type legends for the hazard-category decades (20, 40, 60, 70, 80, 90).
const char* decadeText(unsigned t, const char* prefixAll, const char* const* cats,
                       const char* reserved, const char* noInfo) {
    const unsigned d = t % 10;
    if (d == 0) return prefixAll;
    if (d <= 4) return cats[d - 1];
    if (d == 9 && noInfo) return noInfo;
    return reserved;
}

// Writes JSON string content the way gpsd's json_stringify does.
void appendEscaped(std::string& out, std::string_view s) {
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out += c;
        }
    }
}

const char* boolText(bool b) { return b ? "true" : "false"; }

template <typename... Args>
void put(std::string& out, fmt::format_string<Args...> f, Args&&... args) {
    char buf[512];
    const auto r = fmt::format_to_n(buf, sizeof buf, f, std::forward<Args>(args)...);
    out.append(buf, r.size <= sizeof buf ? r.size : sizeof buf);
}

void putText(std::string& out, std::string_view key, const char* value) {
    out += ",\"";
    out += key;
    out += "\":\"";
    appendEscaped(out, value);
    out += '"';
}

double latlon(std::int32_t v) { return v / 600000.0; }

// Rate of turn as gpsd prints it: the legend strings, or the squared value (sign lost, as
// in gpsd 3.22).
void putTurn(std::string& out, std::int32_t turn) {
    if (turn == -128) {
        out += "\"nan\"";
    } else if (turn == -127) {
        out += "\"fastleft\"";
    } else if (turn == 127) {
        out += "\"fastright\"";
    } else {
        const double r = turn / 4.733;
        put(out, "{:.0f}", r * r);
    }
}

void putClassA(const AisMessage& m, std::string& out) {
    put(out, ",\"status\":{},\"status_text\":\"{}\",\"turn\":", m.status, navStatusText(m.status));
    putTurn(out, m.turn);
    out += ",\"speed\":";
    if (m.speed == 1023) {
        out += "\"nan\"";
    } else if (m.speed == 1022) {
        out += "\"fast\"";
    } else {
        put(out, "{:.1f}", m.speed / 10.0);
    }
    put(out,
        ",\"accuracy\":{},\"lon\":{:.6f},\"lat\":{:.6f},\"course\":{:.1f},\"heading\":{},"
        "\"second\":{},\"maneuver\":{},\"raim\":{},\"radio\":{}}}",
        boolText(m.accuracy), latlon(m.lon), latlon(m.lat), m.course / 10.0, m.heading, m.second,
        m.maneuver, boolText(m.raim), m.radio);
}

void putBaseStation(const AisMessage& m, std::string& out) {
    put(out,
        ",\"timestamp\":\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z\",\"accuracy\":{},\"lon\":{:.6f},"
        "\"lat\":{:.6f},\"epfd\":{},\"epfd_text\":\"{}\",\"raim\":{},\"radio\":{}}}",
        m.year, m.month, m.day, m.hour, m.minute, m.second, boolText(m.accuracy), latlon(m.lon),
        latlon(m.lat), m.epfd, epfdText(m.epfd), boolText(m.raim), m.radio);
}

void putDimensions(const AisMessage& m, std::string& out) {
    put(out, ",\"to_bow\":{},\"to_stern\":{},\"to_port\":{},\"to_starboard\":{}", m.toBow,
        m.toStern, m.toPort, m.toStarboard);
}

void putStaticVoyage(const AisMessage& m, std::string& out) {
    put(out, ",\"imo\":{},\"ais_version\":{}", m.imo, m.aisVersion);
    putText(out, "callsign", m.callsign);
    putText(out, "shipname", m.shipname);
    put(out, ",\"shiptype\":{},\"shiptype_text\":\"{}\"", m.shiptype, shipTypeText(m.shiptype));
    putDimensions(m, out);
    put(out, ",\"epfd\":{},\"epfd_text\":\"{}\",\"eta\":\"{:02}-{:02}T{:02}:{:02}Z\",\"draught\":{:.1f}",
        m.epfd, epfdText(m.epfd), m.etaMonth, m.etaDay, m.etaHour, m.etaMinute, m.draught / 10.0);
    putText(out, "destination", m.destination);
    put(out, ",\"dte\":{}}}", m.dte);
}

// Type 9 altitude and speed: numbers, or gpsd's legends for "not available" and "high".
void putSar(const AisMessage& m, std::string& out) {
    out += ",\"alt\":";
    if (m.altitude == 4095) {
        out += "\"nan\"";
    } else if (m.altitude == 4094) {
        out += "4094";
    } else {
        put(out, "{}", m.altitude);
    }
    out += ",\"speed\":";
    if (m.speed == 1023) {
        out += "\"nan\"";
    } else if (m.speed == 1022) {
        out += "\"fast\"";
    } else {
        put(out, "{}", m.speed);
    }
    put(out,
        ",\"accuracy\":{},\"lon\":{:.6f},\"lat\":{:.6f},\"course\":{:.1f},\"second\":{},"
        "\"regional\":{},\"dte\":{},\"raim\":{},\"radio\":{}}}",
        boolText(m.accuracy), latlon(m.lon), latlon(m.lat), m.course / 10.0, m.second, m.regional,
        m.dte, boolText(m.raim), m.radio);
}

void putClassBHead(const AisMessage& m, std::string& out) {
    put(out,
        ",\"reserved\":{},\"speed\":{:.1f},\"accuracy\":{},\"lon\":{:.6f},\"lat\":{:.6f},"
        "\"course\":{:.1f},\"heading\":{},\"second\":{},\"regional\":{}",
        m.reserved, m.speed / 10.0, boolText(m.accuracy), latlon(m.lon), latlon(m.lat),
        m.course / 10.0, m.heading, m.second, m.regional);
}

void putClassB(const AisMessage& m, std::string& out) {
    putClassBHead(m, out);
    put(out,
        ",\"cs\":{},\"display\":{},\"dsc\":{},\"band\":{},\"msg22\":{},\"raim\":{},\"radio\":{}}}",
        boolText(m.cs), boolText(m.display), boolText(m.dsc), boolText(m.band),
        boolText(m.msg22), boolText(m.raim), m.radio);
}

void putClassBExtended(const AisMessage& m, std::string& out) {
    putClassBHead(m, out);
    putText(out, "shipname", m.shipname);
    put(out, ",\"shiptype\":{},\"shiptype_text\":\"{}\"", m.shiptype, shipTypeText(m.shiptype));
    putDimensions(m, out);
    put(out, ",\"epfd\":{},\"epfd_text\":\"{}\",\"raim\":{},\"dte\":{},\"assigned\":{}}}", m.epfd,
        epfdText(m.epfd), boolText(m.raim), m.dte, boolText(m.assigned));
}

void putAidToNavigation(const AisMessage& m, std::string& out) {
    put(out, ",\"aid_type\":{},\"aid_type_text\":\"{}\"", m.aidType, aidTypeText(m.aidType));
    putText(out, "name", m.name);
    put(out, ",\"lon\":{:.6f},\"lat\":{:.6f},\"accuracy\":{}", latlon(m.lon), latlon(m.lat),
        boolText(m.accuracy));
    putDimensions(m, out);
    put(out,
        ",\"epfd\":{},\"epfd_text\":\"{}\",\"second\":{},\"regional\":{},\"off_position\":{},"
        "\"raim\":{},\"virtual_aid\":{}}}",
        m.epfd, epfdText(m.epfd), m.second, m.regional, boolText(m.offPosition), boolText(m.raim),
        boolText(m.virtualAid));
}

void putStaticB(const AisMessage& m, std::string& out) {
    // An unmerged part says which it is (gpsd prints this only with --split24).
    if (m.part == Type24Part::A) out += ",\"part\":\"A\"";
    if (m.part == Type24Part::B) out += ",\"part\":\"B\"";
    if (m.part != Type24Part::B) putText(out, "shipname", m.shipname);
    if (m.part != Type24Part::A) {
        put(out, ",\"shiptype\":{},\"shiptype_text\":\"{}\"", m.shiptype, shipTypeText(m.shiptype));
        putText(out, "vendorid", m.vendorid);
        put(out, ",\"model\":{},\"serial\":{}", m.model, m.serial);
        putText(out, "callsign", m.callsign);
        if (isAuxiliaryMmsi(m.mmsi)) {
            put(out, ",\"mothership_mmsi\":{}", m.mothershipMmsi);
        } else {
            putDimensions(m, out);
        }
    }
    out += '}';
}

void putLongRange(const AisMessage& m, std::string& out) {
    // gpsd 3.22 writes the status legend (not the number) under "status" here.
    put(out,
        ",\"status\":\"{}\",\"accuracy\":{},\"lon\":{:.1f},\"lat\":{:.1f},\"speed\":{},"
        "\"course\":{},\"raim\":{},\"gnss\":{}}}",
        navStatusText(m.status), boolText(m.accuracy), m.lon / 600.0, m.lat / 600.0, m.speed,
        m.course, boolText(m.raim), boolText(m.gnss));
}

}  // namespace

const char* navStatusText(unsigned status) { return status < 16 ? kNavStatus[status] : "Reserved"; }

const char* epfdText(unsigned epfd) { return epfd < kEpfd.size() ? kEpfd[epfd] : "INVALID EPFD"; }

const char* aidTypeText(unsigned aidType) {
    return aidType < kAidType.size() ? kAidType[aidType] : "INVALID";
}

const char* shipTypeText(unsigned t) {
    static const char* const wig[] = {
        "Wing in ground (WIG) - Hazardous category A", "Wing in ground (WIG) - Hazardous category B",
        "Wing in ground (WIG) - Hazardous category C", "Wing in ground (WIG) - Hazardous category D"};
    static const char* const hsc[] = {
        "High speed craft (HSC) - Hazardous category A", "High speed craft (HSC) - Hazardous category B",
        "High speed craft (HSC) - Hazardous category C", "High speed craft (HSC) - Hazardous category D"};
    static const char* const passenger[] = {
        "Passenger - Hazardous category A", "Passenger - Hazardous category B",
        "Passenger - Hazardous category C", "Passenger - Hazardous category D"};
    static const char* const cargo[] = {"Cargo - Hazardous category A", "Cargo - Hazardous category B",
                                        "Cargo - Hazardous category C", "Cargo - Hazardous category D"};
    static const char* const tanker[] = {
        "Tanker - Hazardous category A", "Tanker - Hazardous category B",
        "Tanker - Hazardous category C", "Tanker - Hazardous category D"};
    static const char* const other[] = {
        "Other Type - Hazardous category A", "Other Type - Hazardous category B",
        "Other Type - Hazardous category C", "Other Type - Hazardous category D"};
    static const char* const thirties[] = {
        "Fishing", "Towing", "Towing: length exceeds 200m or breadth exceeds 25m",
        "Dredging or underwater ops", "Diving ops", "Military ops", "Sailing", "Pleasure Craft",
        "Reserved", "Reserved"};
    static const char* const fifties[] = {
        "Pilot Vessel", "Search and Rescue vessel", "Tug", "Port Tender",
        "Anti-pollution equipment", "Law Enforcement", "Spare - Local Vessel",
        "Spare - Local Vessel", "Medical Transport", "Ship according to RR Resolution No. 18"};
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
                          "Passenger - Reserved for future use", "Passenger - No additional information");
    if (t < 80)
        return decadeText(t, "Cargo - all ships of this type", cargo, "Cargo - Reserved for future use",
                          "Cargo - No additional information");
    if (t < 90)
        return decadeText(t, "Tanker - all ships of this type", tanker,
                          "Tanker - Reserved for future use", "Tanker - No additional information");
    if (t < 100)
        return decadeText(t, "Other Type - all ships of this type", other,
                          "Other Type - Reserved for future use",
                          "Other Type - no additional information");
    return "INVALID SHIP TYPE";
}

void appendGpsdJson(const AisMessage& m, std::string_view device, std::string& out) {
    out += "{\"class\":\"AIS\",\"device\":\"";
    appendEscaped(out, device);
    put(out, "\",\"type\":{},\"repeat\":{},\"mmsi\":{},\"scaled\":true", m.type, m.repeat, m.mmsi);
    switch (m.type) {
        case 1: case 2: case 3: putClassA(m, out); break;
        case 4: case 11: putBaseStation(m, out); break;
        case 5: putStaticVoyage(m, out); break;
        case 9: putSar(m, out); break;
        case 18: putClassB(m, out); break;
        case 19: putClassBExtended(m, out); break;
        case 21: putAidToNavigation(m, out); break;
        case 24: putStaticB(m, out); break;
        case 27: putLongRange(m, out); break;
        default: out += '}'; break;
    }
    out += '\n';
}

}  // namespace seawatch::ais
