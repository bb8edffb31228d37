#include "alert_station.hpp"

#include <cstdio>

#include "commands.hpp"
#include "seawatch/station/coordination_log.hpp"
#include "seawatch/station/outbox.hpp"

namespace seawatch::app {

void addAlertStationOptions(CLI::App* cmd, AlertStationOptions& options) {
    cmd->add_option("--station", options.station,
                    "Share the alerts and their acknowledgements on this station: "
                    "postgresql://… URI or libpq words, no password (docs/STATION.md)");
    cmd->add_option("--releasable-to", options.releasableTo,
                    "With --station: who may read these alerts, all or GROUP,…")
        ->capture_default_str();
}

AlertStationLink shareAlertsOnStation(const AlertStationOptions& options,
                                      analytics::LivePicture& picture, const char* command) {
    AlertStationLink shared;
    if (options.station.empty()) return shared;
    auto groups = station::parseReleasability(options.releasableTo);
    if (!groups) {
        std::fprintf(stderr, "seawatch %s: %s\n", command, groups.error().c_str());
        shared.ok = false;
        return shared;
    }
    station::AlertLinkOptions linkOptions;
    linkOptions.releasableTo = std::move(groups).value();
    auto link =
        station::AlertLink::open(options.station, station::defaultOutboxPath(), linkOptions);
    if (!link) {
        std::fprintf(stderr, "seawatch %s: %s\n", command, link.error().c_str());
        shared.ok = false;
        return shared;
    }
    shared.link = link->get();
    picture.shareAlerts(std::move(*link));
    return shared;
}

int finishAlertSharing(const AlertStationLink& shared, const char* command,
                       std::chrono::milliseconds limit) {
    if (!shared.link) return shared.ok ? kExitOk : kExitFailure;
    const bool sent = shared.link->waitUntilSent(limit);
    const analytics::SharingState state = shared.link->state();
    for (const std::string& why : state.refused)
        std::fprintf(stderr, "seawatch %s: the station refused %s\n", command, why.c_str());
    if (!state.failed.empty()) {
        std::fprintf(stderr, "seawatch %s: alerts not shared: %s\n", command, state.failed.c_str());
        return kExitFailure;
    }
    if (!sent) {
        std::fprintf(stderr,
                     "seawatch %s: %s; they are kept in %s and sent by the next run with "
                     "--station %s\n",
                     command, state.status.c_str(), station::defaultOutboxPath().string().c_str(),
                     shared.link->target().c_str());
        return kExitQueued;
    }
    std::fprintf(stderr, "seawatch %s: alerts shared on the station\n", command);
    return state.refused.empty() ? kExitOk : kExitFailure;
}

}  // namespace seawatch::app
