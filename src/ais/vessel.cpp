#include "seawatch/ais/vessel.hpp"

namespace seawatch::ais {

ShipClass classifyShipType(int t) {
    if (t >= 70 && t <= 79) return ShipClass::Cargo;
    if (t >= 80 && t <= 89) return ShipClass::Tanker;
    if (t >= 60 && t <= 69) return ShipClass::Passenger;
    if (t == 30) return ShipClass::Fishing;
    if (t == 35 || t == 55) return ShipClass::MilitaryLaw;
    if (t == 51) return ShipClass::SearchRescue;
    if (t == 36 || t == 37) return ShipClass::Pleasure;
    if (t <= 0 || t > 99) return ShipClass::Unknown;
    return ShipClass::Other;
}

const char* shipClassName(ShipClass c) {
    switch (c) {
        case ShipClass::Cargo:
            return "cargo";
        case ShipClass::Tanker:
            return "tanker";
        case ShipClass::Passenger:
            return "passenger";
        case ShipClass::Fishing:
            return "fishing";
        case ShipClass::MilitaryLaw:
            return "military/law enforcement";
        case ShipClass::SearchRescue:
            return "search and rescue";
        case ShipClass::Pleasure:
            return "pleasure";
        case ShipClass::Other:
            return "other";
        case ShipClass::Unknown:
            break;
    }
    return "unknown";
}

void mergeStatic(VesselStatic& into, const VesselStatic& from) {
    if (into.mmsi == 0) into.mmsi = from.mmsi;
    if (!from.name.empty()) into.name = from.name;
    if (!from.callsign.empty()) into.callsign = from.callsign;
    if (from.imo) into.imo = from.imo;
    if (from.shipType) into.shipType = from.shipType;
    if (from.toBow || from.toStern || from.toPort || from.toStarboard) {
        into.toBow = from.toBow;
        into.toStern = from.toStern;
        into.toPort = from.toPort;
        into.toStarboard = from.toStarboard;
    }
    if (isKnown(from.draughtM)) into.draughtM = from.draughtM;
    if (!from.destination.empty()) into.destination = from.destination;
    into.classB = into.classB || from.classB;
}

}  // namespace seawatch::ais
