#pragma once
// Writing incidents out: a text table for the terminal, CSV, GeoJSON (which the GeoJSON
// importer reads back) and JSON lines.
#include <ostream>
#include <vector>

#include "seawatch/incidents/incident.hpp"

namespace seawatch::incidents {

void writeTable(std::ostream& out, const std::vector<Incident>& rows);
void writeCsv(std::ostream& out, const std::vector<Incident>& rows);
void writeGeoJson(std::ostream& out, const std::vector<Incident>& rows);
void writeJsonLines(std::ostream& out, const std::vector<Incident>& rows);

}  // namespace seawatch::incidents
