// gpsd JSON ("gpsdecode -j", scaled) for the binary, safety and link-management types and
// the application payloads decoded in message_binary.cpp: gpsd 3.22's field names, order,
// legends and number formats.
#include <array>

#include "gpsd_json_writer.hpp"
#include "seawatch/ais/gpsd_json.hpp"

namespace seawatch::ais::json_detail {
namespace {

constexpr std::array<const char*, 4> kRaconStatus = {"No RACON installed", "RACON not monitored",
                                                     "RACON operational", "RACON ERROR"};
constexpr std::array<const char*, 4> kLightStatus = {"No light or no monitoring", "Light ON",
                                                     "Light OFF", "Light ERROR"};
constexpr std::array<const char*, 4> kTrends = {"steady", "increasing", "decreasing", "N/A"};
constexpr std::array<const char*, 8> kPrecipTypes = {
    "reserved", "rain", "thunderstorm", "freezing rain", "mixed/ice", "snow", "reserved", "N/A"};
constexpr std::array<const char*, 4> kIce = {"no", "yes", "reserved", "N/A"};
constexpr std::array<const char*, 6> kHazards = {
    "0 blue cones/lights", "1 blue cone/light", "2 blue cones/lights",
    "3 blue cones/lights", "4 B-Flag",          "Unknown"};
constexpr std::array<const char*, 3> kLoaded = {"N/A (default)", "Unloaded", "Loaded"};
constexpr std::array<const char*, 16> kStationTypes = {"All types of mobiles",
                                                       "Reserved for future use",
                                                       "All types of Class B mobile stations",
                                                       "SAR airborne mobile station",
                                                       "Aid to Navigation station",
                                                       "Class B shipborne mobile station",
                                                       "Regional use and inland waterways",
                                                       "Regional use and inland waterways",
                                                       "Regional use and inland waterways",
                                                       "Regional use and inland waterways",
                                                       "Reserved for future use",
                                                       "Reserved for future use",
                                                       "Reserved for future use",
                                                       "Reserved for future use",
                                                       "Reserved for future use",
                                                       "Reserved for future use"};

// ERI inland ship types with the AIS type each maps to. gpsd takes the first row whose ERI
// code *or* AIS type equals the transmitted value (so 79 reads as "Motor freighter"), and the
// last row catches the rest. The legends are gpsd's, typos included, so output matches.
struct EriShipType {
    std::uint32_t code;
    std::uint32_t ais;
    const char* legend;
};
constexpr EriShipType kEriShipTypes[] = {
    {8000, 99, "Vessel, type unknown"},
    {8010, 79, "Motor freighter"},
    {8020, 89, "Motor tanker"},
    {8021, 80, "Motor tanker, liquid cargo, type N"},
    {8022, 80, "Motor tanker, liquid cargo, type C"},
    {8023, 89, "Motor tanker, dry cargo as if liquid (e.g. cement)"},
    {8030, 79, "Container vessel"},
    {8040, 80, "Gas tanker"},
    {8050, 79, "Motor freighter, tug"},
    {8060, 89, "Motor tanker, tug"},
    {8070, 79, "Motor freighter with one or more ships alongside"},
    {8080, 89, "Motor freighter with tanker"},
    {8090, 79, "Motor freighter pushing one or more freighters"},
    {8100, 89, "Motor freighter pushing at least one tank-ship"},
    {8110, 79, "Tug, freighter"},
    {8120, 89, "Tug, tanker"},
    {8130, 31, "Tug freighter, coupled"},
    {8140, 31, "Tug, freighter/tanker, coupled"},
    {8150, 99, "Freightbarge"},
    {8160, 99, "Tankbarge"},
    {8161, 90, "Tankbarge, liquid cargo, type N"},
    {8162, 90, "Tankbarge, liquid cargo, type C"},
    {8163, 99, "Tankbarge, dry cargo as if liquid (e.g. cement)"},
    {8170, 99, "Freightbarge with containers"},
    {8180, 90, "Tankbarge, gas"},
    {8210, 79, "Pushtow, one cargo barge"},
    {8220, 79, "Pushtow, two cargo barges"},
    {8230, 79, "Pushtow, three cargo barges"},
    {8240, 79, "Pushtow, four cargo barges"},
    {8250, 79, "Pushtow, five cargo barges"},
    {8260, 79, "Pushtow, six cargo barges"},
    {8270, 79, "Pushtow, seven cargo barges"},
    {8280, 79, "Pushtow, eigth cargo barges"},
    {8290, 79, "Pushtow, nine or more barges"},
    {8310, 80, "Pushtow, one tank/gas barge"},
    {8320, 80, "Pushtow, two barges at least one tanker or gas barge"},
    {8330, 80, "Pushtow, three barges at least one tanker or gas barge"},
    {8340, 80, "Pushtow, four barges at least one tanker or gas barge"},
    {8350, 80, "Pushtow, five barges at least one tanker or gas barge"},
    {8360, 80, "Pushtow, six barges at least one tanker or gas barge"},
    {8370, 80, "Pushtow, seven barges at least one tanker or gas barg"},
    {0, 0, "Illegal ship type value."},
};

const char* eriShipTypeText(std::uint32_t t) {
    for (const auto& row : kEriShipTypes)
        if (row.code == t || row.ais == t || row.code == 0) return row.legend;
    return "Illegal ship type value.";
}

template <std::size_t N>
const char* legend(const std::array<const char*, N>& table, std::uint32_t i, const char* invalid) {
    return i < N ? table[i] : invalid;
}

// "bits:hex", lower-case hex of the whole bytes (gpsd's gps_hexdump).
void putData(const BinaryData& d, Json& j) {
    static constexpr char kHex[] = "0123456789abcdef";
    j.key("data").raw("\"").u(d.bitCount).raw(":");
    for (std::size_t i = 0; i < (d.bitCount + 7U) / 8U; ++i)
        j.ch(kHex[d.bytes[i] >> 4]).ch(kHex[d.bytes[i] & 15]);
    j.ch('"');
}

// A value with offset and scale as "%.1f" (temperatures, levels, speeds).
void putScaled1(Json& j, std::string_view k, double v) {
    j.key(k);
    j.format("{:.1f}", v);
}

void putAtonMonitoring(const AtonMonitoring& a, Json& j) {
    j.b("off_pos", a.offPosition).b("alarm", a.alarm).u("stat_ext", a.statExt);
    // gpsd prints a zero reading as an integer and others in volts.
    const auto volts = [&j](std::string_view k, std::uint32_t v) {
        if (v == 0) {
            j.u(k, 0);
        } else {
            j.key(k);
            j.format("{:.2f}", v * 0.05);
        }
    };
    volts("ana_int", a.anaInt);
    volts("ana_ext1", a.anaExt1);
    volts("ana_ext2", a.anaExt2);
    j.u("racon", a.racon).text("racon_text", kRaconStatus[a.racon & 3U]);
    j.u("light", a.light).text("light_text", kLightStatus[a.light & 3U]);
}

void putMetHydro(const MetHydro& w, Json& j) {
    j.format(",\"lat\":{:.4f},\"lon\":{:.4f}", w.lat / 60000.0, w.lon / 60000.0);
    j.format(",\"timestamp\":\"{:02}T{:02}:{:02}Z\"", w.day, w.hour, w.minute);
    j.u("wspeed", w.wspeed).u("wgust", w.wgust).u("wdir", w.wdir).u("wgustdir", w.wgustdir);
    j.u("humidity", w.humidity);
    const auto signedOf = [](std::uint32_t v) { return static_cast<int>(v); };
    putScaled1(j, "airtemp", (signedOf(w.airtemp) - 600) / 10.0);
    putScaled1(j, "dewpoint", (signedOf(w.dewpoint) - 200) / 10.0);
    j.u("pressure", w.pressure + 800).str("pressuretend", kTrends[w.pressuretend & 3U]);
    putScaled1(j, "visibility", w.visibility / 10.0);
    putScaled1(j, "waterlevel", (signedOf(w.waterlevel) - 100) / 10.0);
    j.str("leveltrend", kTrends[w.leveltrend & 3U]);
    putScaled1(j, "cspeed", w.cspeed / 10.0);
    j.u("cdir", w.cdir);
    putScaled1(j, "cspeed2", w.cspeed2 / 10.0);
    j.u("cdir2", w.cdir2).u("cdepth2", w.cdepth2);
    putScaled1(j, "cspeed3", w.cspeed3 / 10.0);
    j.u("cdir3", w.cdir3).u("cdepth3", w.cdepth3);
    putScaled1(j, "waveheight", w.waveheight / 10.0);
    j.u("waveperiod", w.waveperiod).u("wavedir", w.wavedir);
    putScaled1(j, "swellheight", w.swellheight / 10.0);
    j.u("swellperiod", w.swellperiod).u("swelldir", w.swelldir).u("seastate", w.seastate);
    putScaled1(j, "watertemp", (signedOf(w.watertemp) - 100) / 10.0);
    j.u("preciptype", w.preciptype).text("preciptype_text", kPrecipTypes[w.preciptype & 7U]);
    putScaled1(j, "salinity", w.salinity / 10.0);
    j.u("ice", w.ice).text("ice_text", kIce[w.ice & 3U]);
}

void putInlandStatic(const InlandStatic& s, Json& j) {
    j.str("vin", s.vin).u("length", s.length).u("beam", s.beam).u("shiptype", s.shiptype);
    j.text("shiptype_text", eriShipTypeText(s.shiptype)).u("hazard", s.hazard);
    j.text("hazard_text", legend(kHazards, s.hazard, "INVALID HAZARD TYPE"));
    j.u("draught", s.draught).u("loaded", s.loaded);
    j.text("loaded_text", legend(kLoaded, s.loaded, "INVALID LOAD STATUS"));
    j.b("speed_q", s.speedQuality).b("course_q", s.courseQuality);
    j.b("heading_q", s.headingQuality);
}

void putDangerousCargo(const DangerousCargo& c, Json& j) {
    j.str("lastport", c.lastport);
    j.format(",\"departure\":\"{:02}-{:02}T{:02}:{:02}Z\"", c.lmonth, c.lday, c.lhour, c.lminute);
    j.str("nextport", c.nextport);
    j.format(",\"eta\":\"{:02}-{:02}T{:02}:{:02}Z\"", c.nmonth, c.nday, c.nhour, c.nminute);
    j.str("dangerous", c.dangerous).str("imdcat", c.imdcat).u("unid", c.unid);
    j.u("amount", c.amount).u("unit", c.unit);
}

void putFairwayClosed(const FairwayClosed& f, Json& j) {
    j.str("reason", f.reason).str("closefrom", f.closefrom).str("closeto", f.closeto);
    j.u("radius", f.radius).u("extunit", f.extunit);
    j.format(",\"from\":\"{:02}-{:02}T{:02}:{:02}\"", f.fmonth, f.fday, f.fhour, f.fminute);
    j.format(",\"to\":\"{:02}-{:02}T{:02}:{:02}\"", f.tmonth, f.tday, f.thour, f.tminute);
}

// The application payloads both type 6 and 8 can carry; false when `m.ext.app` is another.
bool putSharedPayload(const AisMessage& m, Json& j) {
    switch (m.ext.app) {
        case AppPayload::AirDraught:
            j.u("airdraught", m.ext.airdraught);
            return true;
        case AppPayload::Persons:
            // gpsd prints a type 8's count from its type 6 fields, which are zero then. The
            // count is decoded (m.ext.persons); the JSON says what gpsd says.
            j.u("persons", m.type == 8 ? 0 : m.ext.persons);
            return true;
        case AppPayload::Text:
            j.u("linkage", m.ext.linkage).str("text", m.ext.text);
            return true;
        default:
            return false;
    }
}

// Types 22 and 23 print the area corners as quoted "%f" strings (a gpsd quirk).
void putArea(const ChannelArea& a, Json& j) {
    j.format(",\"ne_lon\":\"{:.6f}\",\"ne_lat\":\"{:.6f}\"", a.neLon / 600.0, a.neLat / 600.0);
    j.format(",\"sw_lon\":\"{:.6f}\",\"sw_lat\":\"{:.6f}\"", a.swLon / 600.0, a.swLat / 600.0);
}

void putChannelManagement(const ChannelManagement& c, Json& j) {
    j.u("channel_a", c.channelA).u("channel_b", c.channelB).u("txrx", c.txrx);
    j.b("power", c.power);
    if (c.addressed) {
        j.u("dest1", c.dest1).u("dest2", c.dest2);
    } else {
        putArea(c.area, j);
    }
    j.b("addressed", c.addressed).b("band_a", c.bandA).b("band_b", c.bandB);
    j.u("zonesize", c.zonesize);
}

void putGroupAssignment(const GroupAssignment& g, Json& j) {
    putArea(g.area, j);
    j.u("stationtype", g.stationType).text("stationtype_text", kStationTypes[g.stationType & 15U]);
    j.u("shiptype", g.shipType).text("shiptype_text", shipTypeText(g.shipType));
    j.u("interval", g.interval).u("quiet", g.quiet);
}

}  // namespace

bool putOtherType(const AisMessage& m, Json& j) {
    switch (m.type) {
        case 6:
            j.u("seqno", m.ext.seqno)
                .u("dest_mmsi", m.ext.destMmsi)
                .b("retransmit", m.ext.retransmit);
            j.u("dac", m.ext.dac).u("fid", m.ext.fid);
            if (m.ext.app == AppPayload::AtonMonitoring) {
                putAtonMonitoring(m.ext.aton, j);
            } else if (m.ext.app == AppPayload::DangerousCargo) {
                putDangerousCargo(m.ext.cargo, j);
            } else if (!putSharedPayload(m, j)) {
                putData(m.ext.data, j);
            }
            break;
        case 7:
        case 13:
            j.u("mmsi1", m.ext.ackMmsi[0])
                .u("mmsi2", m.ext.ackMmsi[1])
                .u("mmsi3", m.ext.ackMmsi[2]);
            j.u("mmsi4", m.ext.ackMmsi[3]);
            break;
        case 8:
            j.u("dac", m.ext.dac).u("fid", m.ext.fid);
            if (m.ext.app == AppPayload::MetHydro) {
                putMetHydro(m.ext.met, j);
            } else if (m.ext.app == AppPayload::InlandStatic) {
                putInlandStatic(m.ext.inland, j);
            } else if (m.ext.app == AppPayload::FairwayClosed) {
                putFairwayClosed(m.ext.fairway, j);
            } else if (!putSharedPayload(m, j)) {
                putData(m.ext.data, j);
            }
            break;
        case 10:
            j.u("dest_mmsi", m.ext.destMmsi);
            break;
        case 12:
            j.u("seqno", m.ext.seqno)
                .u("dest_mmsi", m.ext.destMmsi)
                .b("retransmit", m.ext.retransmit);
            j.str("text", m.ext.text);
            break;
        case 14:
            j.str("text", m.ext.text);
            break;
        case 15: {
            const Interrogation& q = m.ext.interrogation;
            j.u("mmsi1", q.mmsi1).u("type1_1", q.type1_1).u("offset1_1", q.offset1_1);
            j.u("type1_2", q.type1_2).u("offset1_2", q.offset1_2).u("mmsi2", q.mmsi2);
            j.u("type2_1", q.type2_1).u("offset2_1", q.offset2_1);
            break;
        }
        case 16: {
            const AssignedMode& a = m.ext.assignedMode;
            j.u("mmsi1", a.mmsi1).u("offset1", a.offset1).u("increment1", a.increment1);
            j.u("mmsi2", a.mmsi2).u("offset2", a.offset2).u("increment2", a.increment2);
            break;
        }
        case 17:
            j.format(",\"lon\":{:.1f},\"lat\":{:.1f}", m.lon / 600.0, m.lat / 600.0);
            putData(m.ext.data, j);
            break;
        case 20: {
            static constexpr const char* kKeys[4][4] = {
                {"offset1", "number1", "timeout1", "increment1"},
                {"offset2", "number2", "timeout2", "increment2"},
                {"offset3", "number3", "timeout3", "increment3"},
                {"offset4", "number4", "timeout4", "increment4"}};
            for (std::size_t i = 0; i < 4; ++i) {
                const SlotReservation& s = m.ext.slots[i];
                j.u(kKeys[i][0], s.offset).u(kKeys[i][1], s.number);
                j.u(kKeys[i][2], s.timeout).u(kKeys[i][3], s.increment);
            }
            break;
        }
        case 22:
            putChannelManagement(m.ext.channelManagement, j);
            break;
        case 23:
            putGroupAssignment(m.ext.group, j);
            break;
        case 25:
        case 26:
            j.b("addressed", m.ext.addressed).b("structured", m.ext.structured);
            j.u("dest_mmsi", m.ext.destMmsi).u("app_id", m.ext.appId);
            putData(m.ext.data, j);
            // gpsd never fills type 26's communication state, so it prints 0.
            if (m.type == 26) j.u("radio", 0);
            break;
        default:
            return false;
    }
    j.raw("}");
    return true;
}

}  // namespace seawatch::ais::json_detail
