// seawatch station init|add: set up the shared PostgreSQL + PostGIS store and its stations.
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "seawatch/station/roles.hpp"
#include "seawatch/station/schema.hpp"

namespace seawatch::app {

namespace {

using namespace seawatch::station;

struct StationOptions {
    std::string target;
    std::string name;
    std::vector<std::string> groups;
    bool passwordFromStdin = false;
};

int runInit(const StationOptions& o) {
    auto conn = PgConnection::open(o.target);
    if (!conn) {
        std::fprintf(stderr, "seawatch station init: %s\n", conn.error().c_str());
        return kExitFailure;
    }
    auto report = initSchema(*conn);
    if (!report) {
        std::fprintf(stderr, "seawatch station init: %s\n", report.error().c_str());
        return kExitFailure;
    }
    if (report->fromVersion == report->toVersion) {
        std::printf("%s: seawatch schema already at version %d\n", conn->describeTarget().c_str(),
                    report->toVersion);
    } else {
        std::printf("%s: seawatch schema version %d -> %d%s\n", conn->describeTarget().c_str(),
                    report->fromVersion, report->toVersion,
                    report->createdPostgis ? " (PostGIS extension created)" : "");
    }
    return kExitOk;
}

int runAdd(const StationOptions& o) {
    StationRequest request{o.name, o.groups, std::nullopt};
    if (o.passwordFromStdin) {
        std::string line;
        if (!std::getline(std::cin, line) || line.empty()) {
            std::fprintf(stderr, "seawatch station add: --password-stdin read no password\n");
            return kExitUsage;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        request.password = line;
    }
    if (auto ok = validateRoleName(o.name, "station"); !ok) {
        std::fprintf(stderr, "seawatch station add: %s\n", ok.error().c_str());
        return kExitUsage;
    }
    for (const std::string& g : o.groups) {
        if (auto ok = validateRoleName(g, "group"); !ok) {
            std::fprintf(stderr, "seawatch station add: --member-of: %s\n", ok.error().c_str());
            return kExitUsage;
        }
    }
    auto conn = openStation(o.target);
    if (!conn) {
        std::fprintf(stderr, "seawatch station add: %s\n", conn.error().c_str());
        return kExitFailure;
    }
    auto report = addStation(*conn, request);
    if (!report) {
        std::fprintf(stderr, "seawatch station add: %s\n", report.error().c_str());
        return kExitFailure;
    }
    std::string groups;
    for (const std::string& g : report->groups) groups += (groups.empty() ? "" : ",") + g;
    std::printf("station %s %s; member of: %s\n", o.name.c_str(),
                report->createdStation ? "created" : "updated",
                groups.empty() ? "(no groups)" : groups.c_str());
    for (const std::string& g : report->createdGroups) std::printf("group %s created\n", g.c_str());
    return kExitOk;
}

}  // namespace

void registerStationCommand(CLI::App& app, int& exitCode) {
    auto options = std::make_shared<StationOptions>();
    auto* station = app.add_subcommand(
        "station", "Set up a shared PostgreSQL + PostGIS store and its stations (roles)");
    station->require_subcommand(1, 1);

    auto* init = station->add_subcommand(
        "init", "Create or migrate the seawatch schema (needs a role that may create extensions)");
    init->add_option("uri", options->target,
                     "postgresql://… URI or libpq words (service=…); passwords come from "
                     "~/.pgpass, PGPASSFILE or a service file, never the command line")
        ->required();
    init->callback([options, &exitCode] { exitCode = runInit(*options); });

    auto* add = station->add_subcommand(
        "add", "Create a station's login role and the groups it belongs to (e.g. nato,eu,ctf151)");
    add->add_option("name", options->name, "Station (role) name: a-z, 0-9, _")->required();
    add->add_option("--member-of", options->groups, "Groups, comma separated")->delimiter(',');
    add->add_option("--db", options->target, "postgresql://… URI of the shared store")->required();
    add->add_flag("--password-stdin", options->passwordFromStdin,
                  "Read the station's password from the first line of stdin (hashed before "
                  "it is sent)");
    add->callback([options, &exitCode] { exitCode = runAdd(*options); });
}

}  // namespace seawatch::app
