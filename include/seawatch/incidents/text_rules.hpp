#pragma once
// Turning the free text of real reports into the model: DMS positions, category and
// vessel fields. The rules are documented in docs/INCIDENTS.md; keep the two in step.
#include <optional>
#include <string>
#include <string_view>

#include "seawatch/common/result.hpp"
#include "seawatch/incidents/incident.hpp"

namespace seawatch::incidents {

struct LatLon {
    double lat = 0.0;
    double lon = 0.0;
};

// One coordinate such as `27°07'57.64"N`, `5°60'00"N` (60 minutes carries into the degree),
// `23°02'010"N` (zero-padded seconds), `12°33'00"N ` or `12°33.5'N`. The sign comes from
// the hemisphere letter, which is required.
Result<double> parseDmsCoordinate(std::string_view text, bool latitude);
// An ASAM position: latitude and longitude separated by a line break (CRLF or LF), a
// comma or spaces.
Result<LatLon> parseDmsPosition(std::string_view text);

// Category from ASAM hostility text with the narrative as a tie-breaker.
Category categoryFromReport(std::string_view hostility, std::string_view narrative);
// Category from an IMB attack_type (Attempted, Boarded, Hijacked, Fired Upon, ...).
Category categoryFromImbAttackType(std::string_view attackType, std::string_view narrative);
// Normalised vessel type ("bulk carrier", "tanker", "yacht", ...) from ASAM victim text;
// empty when the text names no type.
std::string vesselTypeFromVictim(std::string_view victim);
// The vessel's name in victim text such as "Malta-flagged bulk carrier TZAREVNA" (the
// trailing upper-case words of a mixed-case text, or an all-capitals text naming no type).
std::string vesselNameFromVictim(std::string_view victim);
// "Marshall Islands" from "... Marshall Islands-flagged ..."; empty when absent.
std::string flagFromText(std::string_view text);
// Vessel status from narrative words ("berthed", "at anchor", "underway"...).
VesselStatus vesselStatusFromText(std::string_view text);

}  // namespace seawatch::incidents
