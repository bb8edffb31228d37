#include "seawatch/station/roles.hpp"

#include <algorithm>

namespace seawatch::station {

namespace {

Error rollbackWith(PgConnection& conn, std::string message) {
    (void)conn.execScript("ROLLBACK");
    return Error{std::move(message)};
}

std::string rightsMessage(const PgConnection& conn) {
    return "role \"" + conn.user() +
           "\" may not create or change roles: run seawatch station add as a role with "
           "CREATEROLE (or a superuser)";
}

// Creates `name` when missing (LOGIN for a station, NOLOGIN for a group); true if created.
Result<bool> ensureRole(PgConnection& conn, const std::string& name, bool login) {
    PgFailure f;
    auto exists = conn.exec("SELECT 1 FROM pg_roles WHERE rolname = $1", {name}, &f);
    if (!exists) return makeError(exists.error());
    if (exists->rows() > 0) return false;
    const std::string sql =
        "CREATE ROLE " + conn.quoteIdentifier(name) + (login ? " LOGIN" : " NOLOGIN");
    if (auto ok = conn.execScript(sql, &f); !ok) {
        return makeError(f.kind == FailureKind::NoRights ? rightsMessage(conn) : ok.error());
    }
    return true;
}

Status grantRole(PgConnection& conn, const std::string& role, const std::string& member) {
    PgFailure f;
    const std::string sql =
        "GRANT " + conn.quoteIdentifier(role) + " TO " + conn.quoteIdentifier(member);
    if (auto ok = conn.execScript(sql, &f); !ok) {
        return makeError(f.kind == FailureKind::NoRights ? rightsMessage(conn) : ok.error());
    }
    return {};
}

Status setPassword(PgConnection& conn, const std::string& station, const std::string& password) {
    // Hashed here, so neither the server log nor pg_stat_activity ever holds the clear text.
    char* hashed = PQencryptPasswordConn(conn.handle(), password.c_str(), station.c_str(), nullptr);
    if (!hashed)
        return makeError("cannot hash the password: " + std::string(PQerrorMessage(conn.handle())));
    const std::string sql =
        "ALTER ROLE " + conn.quoteIdentifier(station) + " PASSWORD " + conn.quoteLiteral(hashed);
    PQfreemem(hashed);
    PgFailure f;
    if (auto ok = conn.execScript(sql, &f); !ok) {
        return makeError(f.kind == FailureKind::NoRights ? rightsMessage(conn) : ok.error());
    }
    return {};
}

}  // namespace

Status validateRoleName(std::string_view name, std::string_view what) {
    const std::string label(what);
    if (name.empty() || name.size() > 63) {
        return makeError(label + " name must have 1 to 63 characters, got '" + std::string(name) +
                         "'");
    }
    if (!(name[0] >= 'a' && name[0] <= 'z')) {
        return makeError(label + " name '" + std::string(name) +
                         "' must start with a lower-case letter");
    }
    for (const char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return makeError(label + " name '" + std::string(name) +
                             "' may only hold lower-case letters, digits and '_'");
        }
    }
    if (name == "all" || name == "public" || name.starts_with("pg_") ||
        name.starts_with("seawatch") || name == "postgres") {
        return makeError(label + " name '" + std::string(name) + "' is reserved");
    }
    return {};
}

Result<StationReport> addStation(PgConnection& conn, const StationRequest& request) {
    if (auto ok = validateRoleName(request.name, "station"); !ok) return makeError(ok.error());
    for (const std::string& g : request.groups) {
        if (auto ok = validateRoleName(g, "group"); !ok) return makeError(ok.error());
        if (g == request.name) return makeError("a station cannot be a member of itself");
    }
    StationReport report;
    if (auto ok = conn.execScript("BEGIN"); !ok) return makeError(ok.error());

    // A station must not turn an existing group into a login, nor a group a station.
    auto kind = conn.exec("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1", {request.name});
    if (!kind) return rollbackWith(conn, kind.error());
    if (kind->rows() > 0 && kind->text(0, 0) != "t") {
        return rollbackWith(conn, "'" + request.name + "' is a group, not a station");
    }
    auto created = ensureRole(conn, request.name, true);
    if (!created) return rollbackWith(conn, created.error());
    report.createdStation = *created;
    if (auto ok = grantRole(conn, "seawatch_station", request.name); !ok) {
        return rollbackWith(conn, ok.error());
    }
    for (const std::string& g : request.groups) {
        auto groupKind = conn.exec("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1", {g});
        if (!groupKind) return rollbackWith(conn, groupKind.error());
        if (groupKind->rows() > 0 && groupKind->text(0, 0) == "t") {
            return rollbackWith(conn, "'" + g + "' is a login role (a station), not a group");
        }
        auto madeGroup = ensureRole(conn, g, false);
        if (!madeGroup) return rollbackWith(conn, madeGroup.error());
        if (*madeGroup) report.createdGroups.push_back(g);
        auto registered =
            conn.exec("INSERT INTO station_groups (name) VALUES ($1) ON CONFLICT DO NOTHING", {g});
        if (!registered) return rollbackWith(conn, registered.error());
        if (auto ok = grantRole(conn, g, request.name); !ok) return rollbackWith(conn, ok.error());
    }
    if (request.password) {
        if (auto ok = setPassword(conn, request.name, *request.password); !ok) {
            return rollbackWith(conn, ok.error());
        }
    }
    if (auto ok = conn.execScript("COMMIT"); !ok) return makeError(ok.error());
    auto groups = stationGroups(conn, request.name);
    if (!groups) return makeError(groups.error());
    report.groups = std::move(groups).value();
    return report;
}

Result<std::vector<std::string>> stationGroups(PgConnection& conn, std::string_view station) {
    auto rows = conn.exec(
        "SELECT g.name FROM station_groups g "
        "WHERE pg_has_role($1::name, (SELECT oid FROM pg_roles WHERE rolname = g.name), "
        "'MEMBER') ORDER BY g.name",
        {std::string(station)});
    if (!rows) return makeError(rows.error());
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(rows->rows()));
    for (int i = 0; i < rows->rows(); ++i) out.emplace_back(rows->text(i, 0));
    return out;
}

std::vector<std::string> splitGroupList(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    for (const char c : text) {
        if (c == ',') {
            out.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    out.push_back(current);
    return out;
}

}  // namespace seawatch::station
