#pragma once
// The shared station schema on PostgreSQL + PostGIS: versioned migrations, the roles every
// station inherits from, and the check each command makes before it reads or writes.
//
// Layout (docs/STATION.md has the why):
//   seawatch_schema(component, version)  one row per component, like the GeoPackage side
//   station_groups(name)                 the group roles rows may be released to
//   coordination_log                     the MERCURY-style log, row-level security on
//   incidents                            PostGIS point layer (geometry(Point,4326)), read
//                                        in arrival order by seq (version 6)
//   alerts, alert_acks                   live alerts and who acknowledged them (version 3)
//   plans, plan_records                  shared SHADE plans, edited per nation (version 4)
//   annotations                          drawings over an exercise, per station (version 7)
//   role seawatch_station                NOLOGIN; every station role is a member
#include <string>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/station/pg.hpp"

namespace seawatch::station {

// The version of the `station` component this program reads and writes.
inline constexpr int kStationSchemaVersion = 7;

struct PgMigration {
    int version = 0;
    std::string sql;
};
const std::vector<PgMigration>& stationMigrations();

struct InitReport {
    int fromVersion = 0;
    int toVersion = 0;
    bool createdPostgis = false;
};

// Creates PostGIS when missing, then runs every migration newer than the stored version,
// all in one transaction under an advisory lock, so two concurrent inits do not collide and a
// failure leaves the database as it was. Needs a role that may create extensions and roles.
Result<InitReport> initSchema(PgConnection& conn);

// Checks that the database holds the schema this program expects: one sentence naming what
// to do when it is missing, older or newer.
Status checkSchema(PgConnection& conn);

// open() + checkSchema(): what every station command does first.
Result<PgConnection> openStation(const std::string& target, PgFailure* failure = nullptr);

}  // namespace seawatch::station
