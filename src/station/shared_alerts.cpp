#include "seawatch/station/shared_alerts.hpp"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "seawatch/station/roles.hpp"

namespace seawatch::station {

namespace {

std::string groupsLiteral(const std::vector<std::string>& groups) {
    std::string out = "{";
    for (std::size_t i = 0; i < groups.size(); ++i) out += (i ? "," : "") + groups[i];
    return out + "}";
}

std::string coordinate(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6f", v);
    return buffer;
}

// A refused write names what the role lacks rather than quoting the policy.
PgFailure explainWrite(const PgConnection& conn, PgFailure f, const char* what) {
    if (f.kind == FailureKind::NoRights) {
        f.message = "role \"" + conn.user() + "\" may not store " + what +
                    " on this station (it is not a station: run seawatch station add " +
                    conn.user() + ")";
    }
    return f;
}

bool affectedRows(const PgResult& result) {
    const char* affected = PQcmdTuples(result.get());
    return affected && std::atoi(affected) > 0;
}

}  // namespace

StationAlert stationAlertFrom(const analytics::Event& event,
                              const std::vector<std::string>& releasableTo) {
    StationAlert a;
    a.event = analytics::toJsonLine(event);
    a.type = analytics::eventTypeName(event.type);
    a.time = event.time;
    // Schedule events (a sector without a unit) have no place; they carry 0,0.
    if (event.lat != 0.0 || event.lon != 0.0) {
        a.lat = event.lat;
        a.lon = event.lon;
    }
    a.releasableTo = releasableTo.empty() ? std::vector<std::string>{"all"} : releasableTo;
    return a;
}

Result<bool> storeAlert(PgConnection& conn, const StationAlert& alert, PgFailure* failure) {
    std::optional<std::string> lat, lon;
    if (alert.lat && alert.lon) {
        lat = coordinate(*alert.lat);
        lon = coordinate(*alert.lon);
    }
    PgFailure f;
    auto result = conn.exec(
        "INSERT INTO alerts (event, type, time, geom, releasable_to) "
        "VALUES ($1, $2, to_timestamp($3::bigint / 1000.0), "
        "CASE WHEN $4::float8 IS NULL THEN NULL "
        "ELSE ST_SetSRID(ST_MakePoint($5::float8, $4::float8), 4326) END, $6::text[]) "
        "ON CONFLICT (event) DO NOTHING",
        {alert.event, alert.type, std::to_string(alert.time), lat, lon,
         groupsLiteral(alert.releasableTo)},
        &f);
    if (!result) {
        f = explainWrite(conn, f, "alerts");
        if (failure) *failure = f;
        return makeError(f.message);
    }
    return affectedRows(*result);
}

Result<bool> storeAck(PgConnection& conn, const StationAck& ack, PgFailure* failure) {
    PgFailure f;
    auto result = conn.exec(
        "INSERT INTO alert_acks (id, event, acknowledged_by, acknowledged_at) "
        "VALUES ($1::uuid, $2, $3, to_timestamp($4::bigint / 1000.0)) "
        "ON CONFLICT (id) DO NOTHING",
        {ack.id, ack.event, ack.by, std::to_string(ack.at)}, &f);
    if (!result) {
        f = explainWrite(conn, f, "acknowledgements");
        if (f.sqlState == "23503") {
            f.kind = FailureKind::BadInput;
            f.message = "the station has no such alert to acknowledge";
        }
        if (failure) *failure = f;
        return makeError(f.message);
    }
    return affectedRows(*result);
}

Result<std::vector<StationAlert>> listAlerts(PgConnection& conn, PgFailure* failure) {
    auto rows = conn.exec(
        "SELECT event, type, (extract(epoch FROM time) * 1000)::bigint, ST_Y(geom), ST_X(geom), "
        "array_to_string(releasable_to, ','), raised_by FROM alerts ORDER BY time, event",
        {}, failure);
    if (!rows) return makeError(rows.error());
    std::vector<StationAlert> out;
    out.reserve(static_cast<std::size_t>(rows->rows()));
    for (int i = 0; i < rows->rows(); ++i) {
        StationAlert a;
        a.event = std::string(rows->text(i, 0));
        a.type = std::string(rows->text(i, 1));
        a.time = rows->integer(i, 2);
        if (!rows->isNull(i, 3)) {
            a.lat = rows->real(i, 3);
            a.lon = rows->real(i, 4);
        }
        a.releasableTo = splitGroupList(rows->text(i, 5));
        a.raisedBy = std::string(rows->text(i, 6));
        out.push_back(std::move(a));
    }
    return out;
}

namespace {
Result<std::vector<StationAck>> acksOf(Result<ArrivalCursor::Batch> batch) {
    if (!batch) return makeError(batch.error());
    std::vector<StationAck> out;
    out.reserve(batch->fresh.size());
    for (const int row : batch->fresh) {
        const PgResult& r = batch->rows;
        StationAck a;
        a.seq = r.integer(row, 0);
        a.id = std::string(r.text(row, 1));
        a.event = std::string(r.text(row, 2));
        a.station = std::string(r.text(row, 3));
        a.by = std::string(r.text(row, 4));
        a.at = r.integer(row, 5);
        out.push_back(std::move(a));
    }
    return out;
}
}  // namespace

Result<std::vector<StationAck>> AckCursor::start(PgConnection& conn, time::UnixMillis since,
                                                 PgFailure* failure) {
    return acksOf(cursor_.start(conn, "WHERE received_at >= to_timestamp($1::bigint / 1000.0)",
                                {std::to_string(since)}, failure));
}

Result<std::vector<StationAck>> AckCursor::fetchNew(PgConnection& conn, PgFailure* failure) {
    return acksOf(cursor_.fetchNew(conn, failure));
}

Status listenForAlertAcks(PgConnection& conn) {
    return conn.execScript("LISTEN seawatch_alert_acks");
}

std::string alertPayload(const StationAlert& alert) {
    nlohmann::ordered_json j;
    j["event"] = alert.event;
    j["type"] = alert.type;
    j["time"] = alert.time;
    if (alert.lat && alert.lon) {
        j["lat"] = *alert.lat;
        j["lon"] = *alert.lon;
    }
    j["releasable_to"] = alert.releasableTo;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<StationAlert> alertFromPayload(std::string_view payload) {
    const auto j = nlohmann::json::parse(payload, nullptr, false);
    if (!j.is_object() || !j.contains("event") || !j["event"].is_string() || !j.contains("type") ||
        !j["type"].is_string() || !j.contains("time") || !j["time"].is_number_integer() ||
        !j.contains("releasable_to") || !j["releasable_to"].is_array()) {
        return makeError("a queued alert is unreadable");
    }
    StationAlert a;
    a.event = j["event"].get<std::string>();
    a.type = j["type"].get<std::string>();
    a.time = j["time"].get<time::UnixMillis>();
    if (j.contains("lat") && j["lat"].is_number() && j.contains("lon") && j["lon"].is_number()) {
        a.lat = j["lat"].get<double>();
        a.lon = j["lon"].get<double>();
    }
    a.releasableTo.clear();
    for (const auto& g : j["releasable_to"])
        if (g.is_string()) a.releasableTo.push_back(g.get<std::string>());
    return a;
}

std::string ackPayload(const StationAck& ack) {
    nlohmann::ordered_json j;
    j["id"] = ack.id;
    j["event"] = ack.event;
    j["by"] = ack.by;
    j["at"] = ack.at;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<StationAck> ackFromPayload(std::string_view payload) {
    const auto j = nlohmann::json::parse(payload, nullptr, false);
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string() || !j.contains("event") ||
        !j["event"].is_string() || !j.contains("by") || !j["by"].is_string() || !j.contains("at") ||
        !j["at"].is_number_integer()) {
        return makeError("a queued acknowledgement is unreadable");
    }
    StationAck a;
    a.id = j["id"].get<std::string>();
    a.event = j["event"].get<std::string>();
    a.by = j["by"].get<std::string>();
    a.at = j["at"].get<time::UnixMillis>();
    return a;
}

}  // namespace seawatch::station
