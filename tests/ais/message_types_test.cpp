// The types beyond position and static reports, crafted bit by bit with known values and
// decoded back: safety texts, acknowledgements, binary data (as gpsd copies it), the
// application payloads we decode, link management, and current gpsd's type 27 output.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "seawatch/ais/decoder.hpp"
#include "seawatch/ais/encoder.hpp"
#include "seawatch/ais/gpsd_json.hpp"

using namespace seawatch::ais;
using nlohmann::json;

namespace {

void header(BitWriter& w, unsigned type, std::uint32_t mmsi, unsigned repeat = 0) {
    w.put(type, 6);
    w.put(repeat, 2);
    w.put(mmsi, 30);
}

// Decodes the sentences of one message; the last line completes it.
AisMessage decodeAll(const BitWriter& w) {
    AisDecoder d;
    const AisMessage* last = nullptr;
    for (const auto& s : encodeSentences(w)) last = d.decodeLine(s);
    EXPECT_NE(last, nullptr) << d.lastError();
    return last ? *last : AisMessage{};
}

json toJson(const AisMessage& m) {
    std::string out;
    appendGpsdJson(m, "stdin", out);
    return json::parse(out);
}

}  // namespace

TEST(MessageTypes, SafetyBroadcastText) {
    BitWriter w;
    header(w, 14, 366123456);
    w.put(0, 2);
    w.putText("PIRATES ATTACKING MV IN POSITION 1230N 04510E", 46);
    const AisMessage m = decodeAll(w);
    EXPECT_EQ(m.type, 14);
    EXPECT_TRUE(isSafetyText(m));
    EXPECT_STREQ(m.ext.text, "PIRATES ATTACKING MV IN POSITION 1230N 04510E");
    const json j = toJson(m);
    EXPECT_EQ(j["text"], "PIRATES ATTACKING MV IN POSITION 1230N 04510E");
    EXPECT_EQ(j.size(), 7U);  // class, device, type, repeat, mmsi, scaled, text
}

TEST(MessageTypes, AddressedSafetyTextKeepsSequenceAndAddressee) {
    BitWriter w;
    header(w, 12, 366000001);
    w.put(2, 2);           // seqno
    w.put(538003422, 30);  // destination
    w.put(1, 1);           // retransmit
    w.put(0, 1);
    w.putText("SUSPICIOUS SKIFF 2NM", 20);
    const AisMessage m = decodeAll(w);
    EXPECT_EQ(m.ext.seqno, 2U);
    EXPECT_EQ(m.ext.destMmsi, 538003422U);
    EXPECT_TRUE(m.ext.retransmit);
    EXPECT_STREQ(m.ext.text, "SUSPICIOUS SKIFF 2NM");
    const json j = toJson(m);
    EXPECT_EQ(j["dest_mmsi"], 538003422);
    EXPECT_EQ(j["retransmit"], true);
}

TEST(MessageTypes, AcknowledgementsUpToFour) {
    BitWriter w;
    header(w, 7, 2190001);
    w.put(0, 2);
    for (std::uint32_t i = 0; i < 2; ++i) {
        w.put(211000000 + i, 30);
        w.put(i + 1, 2);
    }
    const AisMessage m = decodeAll(w);  // 104 bits: two acknowledgements
    EXPECT_EQ(m.ext.ackMmsi[0], 211000000U);
    EXPECT_EQ(m.ext.ackSeqno[1], 2U);
    EXPECT_EQ(m.ext.ackMmsi[1], 211000001U);
    EXPECT_EQ(m.ext.ackMmsi[2], 0U);
    EXPECT_EQ(toJson(m)["mmsi4"], 0);
}

TEST(MessageTypes, BinaryBroadcastKeepsDataAsGpsdPrintsIt) {
    BitWriter w;
    header(w, 8, 2655619);
    w.put(0, 2);
    w.put(366, 10);  // DAC without a payload we decode
    w.put(33, 6);
    w.put(0xABCDE, 20);  // 20 data bits
    const AisMessage m = decodeAll(w);
    EXPECT_EQ(m.ext.dac, 366U);
    EXPECT_EQ(m.ext.fid, 33U);
    EXPECT_EQ(m.ext.app, AppPayload::None);
    EXPECT_EQ(m.ext.data.bitCount, 20U);
    // Three whole bytes; type 8 masks the bits after the data in the last one.
    EXPECT_EQ(toJson(m)["data"], "20:abcde0");
}

TEST(MessageTypes, MetHydroScaledLikeGpsd) {
    BitWriter w;
    header(w, 8, 2300057);
    w.put(0, 2);
    w.put(1, 10);
    w.put(11, 6);
    w.putSigned(60 * 1000 * 12 + 30 * 1000, 24);  // lat 12.5
    w.putSigned(60 * 1000 * 45, 25);              // lon 45.0
    w.put(14, 5);                                 // day
    w.put(6, 5);                                  // hour
    w.put(30, 6);                                 // minute
    w.put(14, 7);                                 // wind 14 kn
    w.put(16, 7);
    w.put(100, 9);
    w.put(98, 9);
    w.put(600 + 287, 11);  // air 28.7 C
    w.put(69, 7);
    w.put(200 + 215, 10);  // dew point 21.5
    w.put(1007 - 800, 9);  // 1007 hPa
    w.put(2, 2);           // decreasing
    while (w.size() < 352) w.put(0, 1);
    const AisMessage m = decodeAll(w);
    ASSERT_EQ(m.ext.app, AppPayload::MetHydro);
    const json j = toJson(m);
    EXPECT_EQ(j["lat"], 12.5);
    EXPECT_EQ(j["lon"], 45.0);
    EXPECT_EQ(j["timestamp"], "14T06:30Z");
    EXPECT_EQ(j["wspeed"], 14);
    EXPECT_DOUBLE_EQ(j["airtemp"].get<double>(), 28.7);
    EXPECT_DOUBLE_EQ(j["dewpoint"].get<double>(), 21.5);
    EXPECT_EQ(j["pressure"], 1007);
    EXPECT_EQ(j["pressuretend"], "decreasing");
}

TEST(MessageTypes, AtonMonitoringOnlyAtItsLength) {
    const auto make = [](std::size_t bits) {
        BitWriter w;
        header(w, 6, 992351000);
        w.put(0, 2);
        w.put(0, 30);
        w.put(0, 2);
        w.put(235, 10);
        w.put(10, 6);
        w.put(250, 10);  // 12.5 V
        w.put(0, 20);
        w.put(2, 2);  // RACON operational
        w.put(1, 2);  // light on
        while (w.size() < bits) w.put(0, 1);
        return decodeAll(w);
    };
    const AisMessage ok = make(136);
    ASSERT_EQ(ok.ext.app, AppPayload::AtonMonitoring);
    const json j = toJson(ok);
    EXPECT_EQ(j["ana_int"], 12.5);
    EXPECT_EQ(j["ana_ext1"], 0);
    EXPECT_EQ(j["racon_text"], "RACON operational");
    EXPECT_EQ(j["light_text"], "Light ON");
    const AisMessage longer = make(168);  // gpsd leaves other lengths binary
    EXPECT_EQ(longer.ext.app, AppPayload::None);
    EXPECT_EQ(toJson(longer)["data"].get<std::string>().substr(0, 3), "80:");
}

TEST(MessageTypes, FieldsPastTheEndReadFillBitsAsGpsdDoes) {
    // A type 20 of 100 bits: reservation 3 starts at bit 100, so gpsd reads it from the fill
    // bits of the last armoured character. "0" fills with 0, "1" with 1.
    BitWriter w;
    header(w, 20, 3669702);
    w.put(0, 2);
    w.put(1000, 12);
    w.put(2, 4);
    w.put(7, 3);
    w.put(10, 11);
    while (w.size() < 100) w.put(0, 1);
    int fill = 0;
    std::string payload = w.armoured(&fill);
    ASSERT_EQ(fill, 2);
    payload.back() = armourChar(static_cast<unsigned>(dearmourChar(payload.back()) | 3));
    std::string body = "AIVDM,1,1,,A," + payload + ",2";
    char star[8];
    std::snprintf(star, sizeof star, "*%02X", nmeaChecksum(body));
    AisDecoder d;
    const AisMessage* m = d.decodeLine("!" + body + star);
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->ext.slots[0].offset, 1000U);
    EXPECT_EQ(m->ext.slots[0].increment, 10U);
    EXPECT_EQ(m->ext.slots[2].offset, 3U << 10);  // the two fill bits, then zeros
}

TEST(MessageTypes, AddressedSingleSlotBinarySkipsTheDestination) {
    BitWriter w;
    header(w, 25, 440123000);
    w.put(1, 1);  // addressed
    w.put(1, 1);  // structured
    w.put(273501299, 30);
    w.put(0x1234, 16);  // application id
    w.put(0xF0F0, 16);  // data
    const AisMessage m = decodeAll(w);
    EXPECT_TRUE(m.ext.addressed);
    EXPECT_EQ(m.ext.destMmsi, 273501299U);
    EXPECT_EQ(m.ext.appId, 0x1234U);
    EXPECT_EQ(toJson(m)["data"], "16:f0f0");
}

TEST(MessageTypes, ChannelManagementAreaOrAddressees) {
    BitWriter w;
    header(w, 22, 3160122);
    w.put(0, 2);
    w.put(2087, 12);
    w.put(2088, 12);
    w.put(0, 4);
    w.put(1, 1);
    w.putSigned(-66 * 600, 18);  // NE lon
    w.putSigned(44 * 600, 17);
    w.putSigned(-67 * 600, 18);
    w.putSigned(43 * 600 + 300, 17);
    w.put(0, 1);  // not addressed
    w.put(1, 1);
    w.put(0, 1);
    w.put(4, 3);
    while (w.size() < 168) w.put(0, 1);
    const AisMessage m = decodeAll(w);
    const json j = toJson(m);
    EXPECT_EQ(j["channel_a"], 2087);
    EXPECT_EQ(j["power"], true);
    EXPECT_EQ(j["ne_lon"], "-66.000000");
    EXPECT_EQ(j["sw_lat"], "43.500000");
    EXPECT_EQ(j["band_a"], true);
    EXPECT_EQ(j["zonesize"], 4);
}

TEST(MessageTypes, LongRangeFollowsCurrentGpsd) {
    BitWriter w;
    header(w, 27, 412345678);
    w.put(1, 1);  // accuracy
    w.put(0, 1);
    w.put(5, 4);                       // moored
    w.putSigned(45 * 600 + 7, 18);     // 45.011667
    w.putSigned(-(12 * 600 + 1), 17);  // -12.001667
    w.put(12, 6);
    w.put(270, 9);
    w.put(1, 1);  // gnss
    w.put(0, 1);
    const AisMessage m = decodeAll(w);
    std::string out;
    appendGpsdJson(m, "stdin", out);
    EXPECT_NE(out.find("\"status\":5,\"status_text\":\"Moored\""), std::string::npos) << out;
    EXPECT_NE(out.find("\"lon\":45.0117,\"lat\":-12.0017"), std::string::npos) << out;
    EXPECT_NE(out.find("\"speed\":12,\"course\":270"), std::string::npos) << out;
}

TEST(MessageTypes, EveryTypeOneToTwentySevenIsSupported) {
    for (unsigned t = 1; t <= 27; ++t) EXPECT_TRUE(isSupportedType(t)) << t;
    EXPECT_FALSE(isSupportedType(0));
    EXPECT_FALSE(isSupportedType(28));
}
