#pragma once
// --station for the commands that run a live picture (analyze, ais watch): their alerts and
// acknowledgements are shared on a PostgreSQL station through station::AlertLink, exactly as
// the console shares them.
#include <CLI/CLI.hpp>

#include <chrono>
#include <string>

#include "seawatch/analytics/live_picture.hpp"
#include "seawatch/station/alert_link.hpp"

namespace seawatch::app {

struct AlertStationOptions {
    std::string station;
    std::string releasableTo = "all";
};

void addAlertStationOptions(CLI::App* cmd, AlertStationOptions& options);

// Attaches a link to `picture` when --station was given. Returns the link (owned by the
// picture), nullptr without --station; false-y with a message on stderr when it cannot open.
struct AlertStationLink {
    station::AlertLink* link = nullptr;
    bool ok = true;
};
AlertStationLink shareAlertsOnStation(const AlertStationOptions& options,
                                      analytics::LivePicture& picture, const char* command);

// Before exit: waits (up to `limit`) for the queue to drain and says what happened. Returns
// kExitOk, kExitQueued (kept in the outbox, sent by the next run with this station) or
// kExitFailure (the station refused something, or sharing failed).
int finishAlertSharing(const AlertStationLink& shared, const char* command,
                       std::chrono::milliseconds limit);

}  // namespace seawatch::app
