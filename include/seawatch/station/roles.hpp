#pragma once
// Stations and groups are PostgreSQL roles: a station is a LOGIN role that is a member of
// `seawatch_station` and of the groups (NOLOGIN roles such as nato, eu, ctf151) it belongs
// to. Releasability policies ask the server about these memberships, so who may read a row
// is decided where the row is, not by the client.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/station/pg.hpp"

namespace seawatch::station {

// Lower-case letters, digits and '_', starting with a letter, at most 63 bytes; not `all`
// (reserved for "every station") and not a PostgreSQL or seawatch internal name.
Status validateRoleName(std::string_view name, std::string_view what);
// A stored list of group names ("nato,eu") back into its names, as written (no trimming):
// the outbox and the shared alerts keep releasability that way.
std::vector<std::string> splitGroupList(std::string_view text);

struct StationRequest {
    std::string name;
    std::vector<std::string> groups;
    // When set, the password is hashed on this side (SCRAM) before it goes to the server.
    std::optional<std::string> password;
};

struct StationReport {
    bool createdStation = false;
    std::vector<std::string> createdGroups;
    std::vector<std::string> groups;  // every group the station is now a member of
};

// Creates the station role (or updates an existing one), the groups that do not exist yet,
// and the memberships, in one transaction. Needs CREATEROLE (or a superuser).
Result<StationReport> addStation(PgConnection& conn, const StationRequest& request);

// The groups `station` is a member of, sorted.
Result<std::vector<std::string>> stationGroups(PgConnection& conn, std::string_view station);

}  // namespace seawatch::station
