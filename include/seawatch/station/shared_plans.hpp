#pragma once
// SHADE plans shared on a station (schema version 4): every station reads the whole plan,
// each nation edits only its own records, and followers re-read the plan when it changes.
//
// A plan is stored as its header (name, version, window; owned by the station that first
// pushed it) and one row per record (reference-nation period, convoy, sector assignment,
// sortie) with the record's nation and its JSON as the plan file writes it
// (zones::writePlan). Row-level security decides who may change a row: a station that is a
// member of the nation's group, whose name the server derives from the nation
// (plan_nation_group: "South Korea" -> south_korea, "CTF-151" -> ctf_151). So `station add
// jds_takanami --member-of japan` lets that station edit Japan's convoys and nothing else.
#include <atomic>
#include <chrono>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/station/pg.hpp"
#include "seawatch/zones/plan.hpp"

namespace seawatch::station {

// One record of a plan as the station stores it.
struct PlanRow {
    std::string kind;    // reference_nation, convoy, sector_assignment, sortie
    std::string key;     // unique within the plan and kind (an id, or unit|sector|from, …)
    std::string nation;  // whose group may change it
    std::string body;    // the record's JSON, as in the plan file
    int order = 0;       // its place in the file's list, for pulling it back in that order
};

// The plan's records as rows, or the first duplicate key as an error.
Result<std::vector<PlanRow>> planRows(const zones::Plan& plan);

struct PushReport {
    bool createdPlan = false;
    std::size_t inserted = 0;
    std::size_t updated = 0;
    std::size_t removed = 0;
    std::size_t unchanged = 0;
};

// Makes the station's copy of the plan equal to `plan`, in one transaction: records that are
// new, changed or gone are inserted, updated or deleted; unchanged ones (other nations'
// included) are not touched. When any change concerns a nation whose group the connection's
// role is not in, nothing is written and the error names the record, its nation and the
// group (failure->kind NoRights). A plan with skipped records is refused (pushing it would
// delete them on the station).
Result<PushReport> pushPlan(PgConnection& conn, const zones::Plan& plan,
                            PgFailure* failure = nullptr);

// The station's copy of plan `name`, loaded (and checked against `zones`, when given) as a
// plan file would be.
Result<zones::Plan> pullPlan(PgConnection& conn, const std::string& name,
                             std::span<const zones::Zone> zones = {}, PgFailure* failure = nullptr);

// LISTEN seawatch_plans: a notification (no payload) whenever any plan changes.
Status listenForPlans(PgConnection& conn);

struct PlanFollowOptions {
    std::string target;
    std::string name;
    std::chrono::milliseconds firstBackoff{250};
    std::chrono::milliseconds maxBackoff{5000};
};
// Return false to stop following.
using PlanSink = std::function<bool(const zones::Plan&)>;
using PlanStatusSink = std::function<void(const std::string&)>;

// Hands over the plan once, then again each time it changes (within a second), reconnecting
// with back-off when the server goes away. Blocks until stop is set, the sink returns false,
// or a failure that waiting will not fix (a refused password, no such plan).
Status followPlan(const PlanFollowOptions& options, const std::atomic<bool>& stop,
                  const PlanSink& onPlan, const PlanStatusSink& onStatus = {});

}  // namespace seawatch::station
