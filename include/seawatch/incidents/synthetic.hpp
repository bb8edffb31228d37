#pragma once
// Reproducible synthetic incidents for benchmarks and tests: plausible positions across the
// western Indian Ocean, dates 2005-2024, every category, narratives with searchable words.
#include <cstdint>
#include <string>
#include <vector>

#include "seawatch/incidents/incident.hpp"

namespace seawatch::incidents {

std::vector<Incident> syntheticIncidents(std::size_t count, std::uint64_t seed);
// The same incidents written as an NGA ASAM CSV export (CRLF, two-line DMS positions,
// trailing empty column), so the real importer path is measured.
std::string syntheticAsamCsv(std::size_t count, std::uint64_t seed);

}  // namespace seawatch::incidents
