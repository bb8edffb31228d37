#include "seawatch/incidents/synthetic.hpp"

#include <cmath>
#include <cstdio>
#include <random>

namespace seawatch::incidents {

namespace {

constexpr const char* kActors[] = {"PIRATES",
                                   "Robbers",
                                   "SUSPICIOUS APPROACH",
                                   "Pirates",
                                   "Boarding",
                                   "Attempted boarding",
                                   "Shots fired at vessel",
                                   "Kidnappers",
                                   "detained by coast guard",
                                   ""};
constexpr const char* kVictims[] = {"Bulk carrier",    "TANKER",
                                    "Container Ship",  "YACHT",
                                    "Chemical tanker", "Fishing vessel",
                                    "MERCHANT VESSEL", "Malta-flagged bulk carrier NORTHERN STAR"};
constexpr const char* kWords[] = {
    "skiff",      "ladder",   "citadel", "alarm",     "guards",  "warship", "helicopter", "dhow",
    "mothership", "hostages", "ransom",  "anchorage", "evasive", "flares",  "rpg",        "rifles"};
constexpr const char* kPlaces[] = {"GULF OF ADEN", "SOMALIA", "ARABIAN SEA", "RED SEA",
                                   "INDIAN OCEAN", "OMAN",    "KENYA",       "TANZANIA"};

std::string dms(double value, bool latitude) {
    const char hemisphere = latitude ? (value < 0 ? 'S' : 'N') : (value < 0 ? 'W' : 'E');
    double a = std::abs(value);
    int degrees = static_cast<int>(a);
    double minutesFull = (a - degrees) * 60.0;
    int minutes = static_cast<int>(minutesFull);
    double seconds = (minutesFull - minutes) * 60.0;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%d\xC2\xB0%02d'%05.2f\"\"%c", degrees, minutes, seconds,
                  hemisphere);
    return buffer;
}

}  // namespace

std::vector<Incident> syntheticIncidents(std::size_t count, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> lon(32.0, 78.0), lat(-15.0, 28.0), unit(0.0, 1.0);
    std::uniform_int_distribution<int> category(0, kCategoryCount - 1), word(0, 15),
        day(0, 20 * 365 - 1), minute(0, 24 * 60 - 1), pick(0, 7);
    const time::UnixMillis start = time::fromCivil({2005, 1, 1, 0, 0, 0, 0});
    std::vector<Incident> out;
    out.reserve(count);
    for (std::size_t k = 0; k < count; ++k) {
        Incident r;
        r.source = Source::Scenario;
        r.sourceRef = "SYN-" + std::to_string(seed) + "-" + std::to_string(k);
        r.occurredAt =
            start + day(rng) * time::kMillisPerDay + minute(rng) * time::kMillisPerMinute;
        r.lon = lon(rng);
        r.lat = lat(rng);
        r.positionPrecision =
            unit(rng) < 0.8 ? PositionPrecision::Exact : PositionPrecision::Estimated;
        r.category = static_cast<Category>(category(rng));
        r.vesselType = kVictims[pick(rng)];
        r.aggressor = kActors[pick(rng)];
        r.vesselStatus = static_cast<VesselStatus>(pick(rng) % 4);
        r.narrative = std::string(kPlaces[pick(rng)]) + ": a " + kWords[word(rng)] + " and a " +
                      kWords[word(rng)] + " were reported near the vessel; the " +
                      kWords[word(rng)] + " was seen by the crew, who used the " +
                      kWords[word(rng)] + ". Report ref" + std::to_string(k % 20000) + ".";
        r.navarea = "IX";
        r.subregion = std::to_string(60 + pick(rng));
        out.push_back(std::move(r));
    }
    return out;
}

std::string syntheticAsamCsv(std::size_t count, std::uint64_t seed) {
    const auto incidents = syntheticIncidents(count, seed);
    std::string csv = "reference,date,position,navArea,subreg,hostility,victim,description,\r\n";
    csv.reserve(count * 260);
    std::mt19937_64 rng(seed ^ 0x5eedULL);
    std::uniform_int_distribution<int> pick(0, 9), victim(0, 7);
    for (std::size_t k = 0; k < incidents.size(); ++k) {
        const Incident& r = incidents[k];
        const time::CivilTime c = time::toCivil(r.occurredAt);
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", c.year, c.month, c.day);
        csv += std::to_string(c.year) + "-" + std::to_string(k + 1) + "," + date + ",\"" +
               dms(r.lat, true) + "\n" + dms(r.lon, false) + "\",IX," + r.subregion + "," +
               kActors[pick(rng)] + "," + kVictims[victim(rng)] + ",\"" + r.narrative + "\",\r\n";
    }
    return csv;
}

}  // namespace seawatch::incidents
