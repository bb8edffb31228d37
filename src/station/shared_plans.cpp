#include "seawatch/station/shared_plans.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <utility>

#include "seawatch/station/schema.hpp"
#include "wait_steps.hpp"

namespace seawatch::station {

namespace {

using json = nlohmann::json;

// The plan file's list of each kind, and how a record of it is keyed.
struct KindSpec {
    const char* kind;
    const char* list;
};
constexpr KindSpec kKinds[] = {{"reference_nation", "reference_nations"},
                               {"convoy", "convoys"},
                               {"sector_assignment", "sector_assignments"},
                               {"sortie", "sorties"}};

std::string field(const json& record, const char* key) {
    const auto it = record.find(key);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string recordKey(const std::string& kind, const json& r) {
    if (kind == "convoy" || kind == "sortie") return field(r, "id");
    if (kind == "sector_assignment")
        return field(r, "unit") + "|" + field(r, "sector") + "|" + field(r, "from");
    return field(r, "nation") + "|" + field(r, "from");
}

// What the plan file holds besides its records: version and window.
json planHeader(const json& doc) {
    json header = json::object();
    header["version"] = doc.value("version", zones::kPlanFormatVersion);
    header["window"] = doc.value("window", json::object());
    return header;
}

std::string kindLabel(const std::string& kind) {
    if (kind == "reference_nation") return "reference-nation period";
    if (kind == "sector_assignment") return "sector assignment";
    return kind;
}

// A PostgreSQL text[] literal: every element quoted, quotes and backslashes escaped.
std::string textArray(const std::set<std::string>& values) {
    std::string out = "{";
    bool first = true;
    for (const std::string& v : values) {
        if (!first) out += ',';
        first = false;
        out += '"';
        for (const char c : v) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

bool oneRowAffected(const PgResult& result) {
    const char* affected = PQcmdTuples(result.get());
    return affected && std::atoi(affected) == 1;
}

enum class Op { Insert, Update, Delete };

struct Change {
    Op op = Op::Insert;
    std::string kind;
    std::string key;
    std::string oldNation;  // update, delete
    std::string newNation;  // insert, update
    const PlanRow* row = nullptr;
};

struct Rights {
    bool mayEdit = false;
    std::string group;
};

Result<std::map<std::string, Rights>> nationRights(PgConnection& conn,
                                                   const std::set<std::string>& nations,
                                                   PgFailure* failure) {
    std::map<std::string, Rights> out;
    if (nations.empty()) return out;
    auto rows = conn.exec(
        "SELECT n, public.plan_may_edit(n), public.plan_nation_group(n) "
        "FROM unnest($1::text[]) AS n",
        {textArray(nations)}, failure);
    if (!rows) return makeError(rows.error());
    for (int i = 0; i < rows->rows(); ++i)
        out[std::string(rows->text(i, 0))] = {rows->text(i, 1) == "t",
                                              std::string(rows->text(i, 2))};
    return out;
}

std::string refusal(const PgConnection& conn, const Change& c, const std::string& nation,
                    const Rights& rights) {
    const char* verb = c.op == Op::Insert ? "add" : c.op == Op::Update ? "change" : "remove";
    std::string text = "station \"" + conn.user() + "\" may not " + verb + " " + kindLabel(c.kind) +
                       " \"" + c.key + "\" of " + nation + ": only stations in group \"" +
                       rights.group + "\" edit " + nation + "'s records";
    if (c.op == Op::Delete) text += " (it is not in your copy of the plan: pull the plan first)";
    return text;
}

}  // namespace

Result<std::vector<PlanRow>> planRows(const zones::Plan& plan) {
    const json doc = json::parse(zones::writePlan(plan));
    std::vector<PlanRow> rows;
    std::set<std::pair<std::string, std::string>> seen;
    for (const KindSpec& spec : kKinds) {
        const auto list = doc.find(spec.list);
        if (list == doc.end() || !list->is_array()) continue;
        int order = 0;
        for (const json& record : *list) {
            PlanRow row;
            row.kind = spec.kind;
            row.key = recordKey(row.kind, record);
            row.nation = field(record, "nation");
            row.body = record.dump();
            row.order = order++;
            if (!seen.insert({row.kind, row.key}).second) {
                return makeError("the plan has two " + kindLabel(row.kind) + "s keyed \"" +
                                 row.key + "\": the station keeps one");
            }
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

Result<PushReport> pushPlan(PgConnection& conn, const zones::Plan& plan, PgFailure* failure) {
    PgFailure f;
    auto refuse = [&](FailureKind kind, const std::string& message) -> Result<PushReport> {
        if (failure) *failure = {kind, message, ""};
        return makeError(message);
    };
    if (!plan.errors.empty()) {
        return refuse(FailureKind::BadInput,
                      "the plan has " + std::to_string(plan.errors.size()) +
                          " skipped records (first: " + plan.errors.front() +
                          "): fix them before pushing, or the station's copies would be removed");
    }
    if (plan.name.empty()) {
        return refuse(FailureKind::BadInput,
                      "the plan has no name, and the station keeps plans by name");
    }
    auto rows = planRows(plan);
    if (!rows) return refuse(FailureKind::BadInput, rows.error());
    const json header = planHeader(json::parse(zones::writePlan(plan)));

    if (auto ok = conn.execScript("BEGIN", &f); !ok) return refuse(f.kind, ok.error());
    auto fail = [&](FailureKind kind, const std::string& message) -> Result<PushReport> {
        (void)conn.execScript("ROLLBACK");
        return refuse(kind, message);
    };
    auto failWith = [&](const std::string& message) { return fail(f.kind, message); };
    // Pushes of one plan queue up, so two stations of one nation never interleave.
    if (auto locked = conn.exec("SELECT pg_advisory_xact_lock(hashtext($1))",
                                {"seawatch plan " + plan.name}, &f);
        !locked) {
        return failWith(locked.error());
    }
    PushReport report;
    auto existing =
        conn.exec("SELECT header::text, created_by FROM plans WHERE name = $1", {plan.name}, &f);
    if (!existing) return failWith(existing.error());
    if (existing->rows() == 0) {
        auto made = conn.exec("INSERT INTO plans (name, header) VALUES ($1, $2::jsonb)",
                              {plan.name, header.dump()}, &f);
        if (!made) return failWith(made.error());
        report.createdPlan = true;
    } else if (json::parse(existing->text(0, 0), nullptr, false) != header) {
        const std::string author(existing->text(0, 1));
        auto changed =
            conn.exec("UPDATE plans SET header = $2::jsonb, updated_at = now() WHERE name = $1",
                      {plan.name, header.dump()}, &f);
        if (!changed) return failWith(changed.error());
        if (!oneRowAffected(*changed)) {
            return fail(FailureKind::NoRights, "station \"" + conn.user() +
                                                   "\" may not change the window of plan \"" +
                                                   plan.name + "\": it belongs to station \"" +
                                                   author + "\", which pushed the plan first");
        }
    }

    auto stored = conn.exec(
        "SELECT kind, key, nation, body::text FROM plan_records WHERE plan = $1", {plan.name}, &f);
    if (!stored) return failWith(stored.error());
    std::map<std::pair<std::string, std::string>, std::pair<std::string, json>> onServer;
    for (int i = 0; i < stored->rows(); ++i) {
        onServer[{std::string(stored->text(i, 0)), std::string(stored->text(i, 1))}] = {
            std::string(stored->text(i, 2)), json::parse(stored->text(i, 3), nullptr, false)};
    }
    std::vector<Change> changes;
    std::set<std::string> nations;
    for (const PlanRow& row : *rows) {
        const auto it = onServer.find({row.kind, row.key});
        if (it == onServer.end()) {
            changes.push_back({Op::Insert, row.kind, row.key, "", row.nation, &row});
            nations.insert(row.nation);
            continue;
        }
        if (it->second.first != row.nation || it->second.second != json::parse(row.body)) {
            changes.push_back({Op::Update, row.kind, row.key, it->second.first, row.nation, &row});
            nations.insert(it->second.first);
            nations.insert(row.nation);
        } else {
            ++report.unchanged;
        }
        onServer.erase(it);
    }
    for (const auto& [id, value] : onServer) {
        changes.push_back({Op::Delete, id.first, id.second, value.first, "", nullptr});
        nations.insert(value.first);
    }

    auto rights = nationRights(conn, nations, &f);
    if (!rights) return failWith(rights.error());
    std::vector<std::string> refused;
    for (const Change& c : changes) {
        std::vector<std::string> concerned;
        if (c.op != Op::Insert) concerned.push_back(c.oldNation);
        if (c.op == Op::Insert || (c.op == Op::Update && c.newNation != c.oldNation))
            concerned.push_back(c.newNation);
        for (const std::string& nation : concerned) {
            const Rights& r = (*rights)[nation];
            if (!r.mayEdit) {
                refused.push_back(refusal(conn, c, nation, r));
                break;
            }
        }
    }
    if (!refused.empty()) {
        std::string message = refused.front();
        if (refused.size() > 1)
            message += "; and " + std::to_string(refused.size() - 1) + " more such changes";
        return fail(FailureKind::NoRights, message + "; nothing was pushed");
    }

    for (const Change& c : changes) {
        Result<PgResult> done = makeError("");
        if (c.op == Op::Insert) {
            done = conn.exec(
                "INSERT INTO plan_records (plan, kind, key, nation, body, ord) "
                "VALUES ($1, $2, $3, $4, $5::jsonb, $6::int)",
                {plan.name, c.kind, c.key, c.row->nation, c.row->body,
                 std::to_string(c.row->order)},
                &f);
            ++report.inserted;
        } else if (c.op == Op::Update) {
            done = conn.exec(
                "UPDATE plan_records SET nation = $4, body = $5::jsonb, ord = $6::int "
                "WHERE plan = $1 AND kind = $2 AND key = $3",
                {plan.name, c.kind, c.key, c.row->nation, c.row->body,
                 std::to_string(c.row->order)},
                &f);
            ++report.updated;
        } else {
            done = conn.exec("DELETE FROM plan_records WHERE plan = $1 AND kind = $2 AND key = $3",
                             {plan.name, c.kind, c.key}, &f);
            ++report.removed;
        }
        if (!done) return failWith(kindLabel(c.kind) + " \"" + c.key + "\": " + done.error());
        // Row-level security skips a row it hides instead of failing: say so.
        if (!oneRowAffected(*done)) {
            return fail(FailureKind::NoRights, "station \"" + conn.user() + "\" may not change " +
                                                   kindLabel(c.kind) + " \"" + c.key +
                                                   "\"; nothing was pushed");
        }
    }
    if (auto ok = conn.execScript("COMMIT", &f); !ok) return refuse(f.kind, ok.error());
    return report;
}

Result<zones::Plan> pullPlan(PgConnection& conn, const std::string& name,
                             std::span<const zones::Zone> zones, PgFailure* failure) {
    auto header = conn.exec("SELECT header::text FROM plans WHERE name = $1", {name}, failure);
    if (!header) return makeError(header.error());
    if (header->rows() == 0) {
        const std::string message =
            "the station " + conn.describeTarget() + " has no plan named \"" + name + "\"";
        if (failure) *failure = {FailureKind::BadInput, message, ""};
        return makeError(message);
    }
    json doc = json::parse(header->text(0, 0), nullptr, false);
    if (!doc.is_object()) doc = json::object();
    doc["name"] = name;
    for (const KindSpec& spec : kKinds) doc[spec.list] = json::array();
    auto rows = conn.exec(
        "SELECT kind, body::text FROM plan_records WHERE plan = $1 ORDER BY kind, ord, key", {name},
        failure);
    if (!rows) return makeError(rows.error());
    for (int i = 0; i < rows->rows(); ++i) {
        const std::string kind(rows->text(i, 0));
        for (const KindSpec& spec : kKinds)
            if (kind == spec.kind)
                doc[spec.list].push_back(json::parse(rows->text(i, 1), nullptr, false));
    }
    return zones::parsePlan(doc.dump(1), "plan \"" + name + "\" on " + conn.describeTarget(),
                            zones);
}

Status listenForPlans(PgConnection& conn) {
    return conn.execScript("LISTEN seawatch_plans");
}

Status followPlan(const PlanFollowOptions& options, const std::atomic<bool>& stop,
                  const PlanSink& onPlan, const PlanStatusSink& onStatus) {
    auto report = [&onStatus](const std::string& text) {
        if (onStatus) onStatus(text);
    };
    std::string lastText;  // the plan as last handed over, to skip re-reads that changed nothing
    bool started = false;
    auto backoff = options.firstBackoff;
    while (!stop.load()) {
        PgFailure failure;
        auto conn = openStation(options.target, &failure);
        if (!conn) {
            if (failure.kind != FailureKind::Unreachable) return makeError(conn.error());
            report(conn.error() + "; retrying");
            sleepUnlessStopped(backoff, stop);
            backoff = std::min(backoff * 2, options.maxBackoff);
            continue;
        }
        // LISTEN before reading: a change committed in between is read and notified both.
        if (auto ok = listenForPlans(*conn); !ok) {
            report(ok.error() + "; retrying");
            sleepUnlessStopped(backoff, stop);
            continue;
        }
        bool reread = true;
        report((started ? "reconnected to " : "following plan \"" + options.name + "\" on ") +
               conn->describeTarget());
        started = true;
        backoff = options.firstBackoff;
        while (!stop.load()) {
            if (reread) {
                auto plan = pullPlan(*conn, options.name, {}, &failure);
                if (!plan) {
                    if (failure.kind != FailureKind::Unreachable) return makeError(plan.error());
                    report(plan.error() + "; reconnecting");
                    break;
                }
                std::string text = zones::writePlan(*plan);
                if (text != lastText) {
                    lastText = std::move(text);
                    if (!onPlan(*plan)) return {};
                }
            }
            auto woke = conn->waitForNotifications(200);
            if (!woke) {
                report(woke.error() + "; reconnecting");
                break;
            }
            reread = *woke > 0;
        }
    }
    return {};
}

}  // namespace seawatch::station
