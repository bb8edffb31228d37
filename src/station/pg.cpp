#include "seawatch/station/pg.hpp"

#include <poll.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

#include "seawatch/workspace/location.hpp"

namespace seawatch::station {

namespace {

// libpq's messages end in a newline and sometimes carry a second line of detail; the first
// line is the sentence.
std::string firstLine(const char* text) {
    std::string s = text ? text : "";
    const auto end = s.find('\n');
    if (end != std::string::npos) s.resize(end);
    while (!s.empty() && (s.back() == ' ' || s.back() == '.')) s.pop_back();
    return s;
}

bool contains(const std::string& haystack, const char* needle) {
    return haystack.find(needle) != std::string::npos;
}

FailureKind kindFromSqlState(std::string_view state) {
    if (state.size() != 5) return FailureKind::Other;
    if (state.substr(0, 2) == "08" || state == "57P01" || state == "57P02" || state == "57P03") {
        return FailureKind::Unreachable;
    }
    if (state == "42501") return FailureKind::NoRights;
    if (state.substr(0, 2) == "22" || state.substr(0, 2) == "23") return FailureKind::BadInput;
    if (state == "42P01" || state == "42883" || state == "3F000") return FailureKind::Schema;
    if (state == "28P01" || state == "28000") return FailureKind::Refused;
    return FailureKind::Other;
}

}  // namespace

bool isPostgresTarget(std::string_view target) {
    return workspace::isPostgresUri(target);
}

Status rejectPasswordInTarget(const std::string& target) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(target.c_str(), &error);
    if (!options) {
        std::string message = "not a PostgreSQL connection string: " + firstLine(error);
        PQfreemem(error);
        return makeError(message);
    }
    bool hasPassword = false;
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        if (std::strcmp(o->keyword, "password") == 0 && o->val && *o->val) hasPassword = true;
    }
    PQconninfoFree(options);
    if (hasPassword) {
        return makeError(
            "the connection string carries a password, which would show in the process list; "
            "put it in ~/.pgpass (or PGPASSFILE) or a service file instead");
    }
    return {};
}

PgFailure explainConnectFailure(PGconn* conn, const std::string& target) {
    const std::string raw = conn ? PQerrorMessage(conn) : "out of memory";
    const std::string user = conn && PQuser(conn) ? PQuser(conn) : "";
    const std::string db = conn && PQdb(conn) ? PQdb(conn) : "";
    std::string where = target;
    if (conn && PQhost(conn)) {
        where = std::string(PQhost(conn)) + ":" + (PQport(conn) ? PQport(conn) : "");
    }
    PgFailure f;
    if (contains(raw, "password authentication failed")) {
        f = {FailureKind::Refused,
             "the server at " + where + " refused the password of role \"" + user +
                 "\" (check ~/.pgpass, PGPASSFILE or the service file)",
             "28P01"};
    } else if (contains(raw, "no password supplied") || contains(raw, "password is required")) {
        f = {FailureKind::Refused,
             "the server at " + where + " wants a password for role \"" + user +
                 "\" and none was found in ~/.pgpass, PGPASSFILE or the service file",
             "28P01"};
    } else if (contains(raw, "role \"") && contains(raw, "does not exist")) {
        f = {FailureKind::Refused,
             "the server at " + where + " has no role \"" + user +
                 "\" (create it with seawatch station add)",
             "28000"};
    } else if (contains(raw, "database \"") && contains(raw, "does not exist")) {
        f = {FailureKind::Refused, "the server at " + where + " has no database \"" + db + "\"",
             "3D000"};
    } else if (contains(raw, "pg_hba.conf")) {
        f = {FailureKind::Refused,
             "the server at " + where + " does not accept role \"" + user +
                 "\" from here (pg_hba.conf)",
             "28000"};
    } else if (contains(raw, "certificate") || contains(raw, "SSL")) {
        f = {FailureKind::Refused,
             "the TLS connection to " + where + " failed: " + firstLine(raw.c_str()), "08006"};
    } else {
        // Refused, timed out, no such socket, unknown host, server starting or stopping: all
        // of them pass when the server comes back, so the caller may retry or queue.
        f = {FailureKind::Unreachable,
             "cannot reach the PostgreSQL server at " + where + ": " + firstLine(raw.c_str()),
             "08001"};
        const auto colon = f.message.rfind("failed: ");
        if (colon != std::string::npos) {
            // libpq repeats the address ("connection to server on socket … failed: …").
            f.message = "cannot reach the PostgreSQL server at " + where + ": " +
                        f.message.substr(colon + 8);
        }
    }
    return f;
}

Result<PgConnection> PgConnection::open(const std::string& target,
                                        const std::string& applicationName, PgFailure* failure) {
    if (auto ok = rejectPasswordInTarget(target); !ok) {
        if (failure) *failure = {FailureKind::BadInput, ok.error(), ""};
        return makeError(ok.error());
    }
    // Earlier keywords are defaults: the expanded dbname (URI or key=value words) overrides
    // them. PGCONNECT_TIMEOUT is only consulted when no keyword sets a timeout.
    std::vector<const char*> keys;
    std::vector<const char*> values;
    if (!std::getenv("PGCONNECT_TIMEOUT")) {
        keys.push_back("connect_timeout");
        values.push_back("10");
    }
    if (!std::getenv("PGAPPNAME")) {
        keys.push_back("application_name");
        values.push_back(applicationName.c_str());
    }
    keys.push_back("dbname");
    values.push_back(target.c_str());
    keys.push_back(nullptr);
    values.push_back(nullptr);
    PGconn* raw = PQconnectdbParams(keys.data(), values.data(), 1);
    PgConnection conn(raw);
    // NOTICEs ("already a member", "already exists, skipping") are what idempotent commands
    // expect to happen; warnings and errors still arrive as results.
    if (raw)
        PQsetNoticeProcessor(
            raw, [](void*, const char*) {}, nullptr);
    if (!raw || PQstatus(raw) != CONNECTION_OK) {
        PgFailure f = explainConnectFailure(raw, target);
        if (failure) *failure = f;
        return makeError(f.message);
    }
    // Times go over the wire in UTC so that parsing them never depends on the server's zone.
    PgFailure f;
    if (auto ok = conn.execScript("SET TIME ZONE 'UTC'", &f); !ok) {
        if (failure) *failure = f;
        return makeError(ok.error());
    }
    return conn;
}

PgFailure PgConnection::failureFrom(const PGresult* result, std::string_view sql) const {
    PgFailure f;
    if (PQstatus(conn_.get()) == CONNECTION_BAD) {
        f.kind = FailureKind::Unreachable;
        f.message = "the connection to the PostgreSQL server was lost: " +
                    firstLine(PQerrorMessage(conn_.get()));
        f.sqlState = "08006";
        return f;
    }
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    f.sqlState = state ? state : "";
    f.kind = kindFromSqlState(f.sqlState);
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    f.message = primary ? firstLine(primary) : firstLine(PQerrorMessage(conn_.get()));
    if (f.message.empty()) f.message = "statement failed: " + std::string(sql.substr(0, 60));
    return f;
}

Result<PgResult> PgConnection::exec(std::string_view sql,
                                    const std::vector<std::optional<std::string>>& params,
                                    PgFailure* failure) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    const std::string query(sql);
    PgResult result(PQexecParams(conn_.get(), query.c_str(), static_cast<int>(values.size()),
                                 nullptr, values.data(), nullptr, nullptr, 0));
    const auto status = result.get() ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
    PgFailure f = failureFrom(result.get(), sql);
    if (failure) *failure = f;
    return makeError(f.message);
}

Status PgConnection::execScript(std::string_view sql, PgFailure* failure) {
    const std::string script(sql);
    PgResult result(PQexec(conn_.get(), script.c_str()));
    const auto status = result.get() ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return {};
    PgFailure f = failureFrom(result.get(), sql);
    if (failure) *failure = f;
    return makeError(f.message);
}

Status PgConnection::copyIn(std::string_view copySql, const std::string& data, PgFailure* failure) {
    if (auto ok = copyStart(copySql, failure); !ok) return ok;
    constexpr std::size_t kChunk = 1 << 20;
    Status sent;
    for (std::size_t at = 0; at < data.size() && sent.ok(); at += kChunk) {
        sent = copyPut(std::string_view(data).substr(at, kChunk));
    }
    return copyEnd(sent.ok() ? nullptr : sent.error().c_str(), failure);
}

Status PgConnection::copyStart(std::string_view copySql, PgFailure* failure) {
    copySql_ = std::string(copySql);
    PgResult start(PQexec(conn_.get(), copySql_.c_str()));
    if (!start.get() || PQresultStatus(start.get()) != PGRES_COPY_IN) {
        PgFailure f = failureFrom(start.get(), copySql_);
        if (failure) *failure = f;
        return makeError(f.message);
    }
    return {};
}

Status PgConnection::copyPut(std::string_view data) {
    if (data.empty()) return {};
    // Blocking mode: libpq returns once the bytes are with the kernel, so the server parses
    // one chunk while the caller prepares the next.
    if (PQputCopyData(conn_.get(), data.data(), static_cast<int>(data.size())) != 1) {
        return makeError("COPY data could not be sent: " + firstLine(PQerrorMessage(conn_.get())));
    }
    return {};
}

Status PgConnection::copyEnd(const char* abortReason, PgFailure* failure) {
    PQputCopyEnd(conn_.get(), abortReason);
    Status outcome;
    while (PGresult* raw = PQgetResult(conn_.get())) {
        PgResult r(raw);
        if (PQresultStatus(raw) != PGRES_COMMAND_OK && outcome.ok()) {
            PgFailure f = failureFrom(raw, copySql_);
            if (failure) *failure = f;
            outcome = makeError(abortReason ? std::string(abortReason) : f.message);
        }
    }
    return outcome;
}

Result<int> PgConnection::waitForNotifications(int timeoutMs) {
    PGconn* c = conn_.get();
    int received = 0;
    auto drain = [&] {
        while (PGnotify* n = PQnotifies(c)) {
            ++received;
            PQfreemem(n);
        }
    };
    drain();  // a previous command may have brought some along
    if (received > 0) return received;
    pollfd fd{PQsocket(c), POLLIN, 0};
    if (fd.fd < 0) return makeError("the connection to the PostgreSQL server was lost");
    const int ready = ::poll(&fd, 1, timeoutMs);
    if (ready < 0) return received;  // EINTR: let the caller loop
    if (ready == 0) return 0;
    if (PQconsumeInput(c) == 0 || PQstatus(c) == CONNECTION_BAD) {
        return makeError("the connection to the PostgreSQL server was lost: " +
                         firstLine(PQerrorMessage(c)));
    }
    drain();
    return received;
}

bool PgConnection::healthy() const {
    return conn_ && PQstatus(conn_.get()) == CONNECTION_OK;
}

std::string PgConnection::user() const {
    const char* u = PQuser(conn_.get());
    return u ? u : "";
}

std::string PgConnection::describeTarget() const {
    const char* host = PQhost(conn_.get());
    const char* port = PQport(conn_.get());
    const char* db = PQdb(conn_.get());
    return std::string(host ? host : "") + ":" + (port ? port : "") + "/" + (db ? db : "");
}

std::string PgConnection::quoteIdentifier(std::string_view name) const {
    char* quoted = PQescapeIdentifier(conn_.get(), name.data(), name.size());
    std::string out = quoted ? quoted : "";
    PQfreemem(quoted);
    return out;
}

std::string PgConnection::quoteLiteral(std::string_view text) const {
    char* quoted = PQescapeLiteral(conn_.get(), text.data(), text.size());
    std::string out = quoted ? quoted : "";
    PQfreemem(quoted);
    return out;
}

std::optional<std::string> PgResult::optionalText(int row, int column) const {
    if (isNull(row, column)) return std::nullopt;
    return std::string(text(row, column));
}

long long PgResult::integer(int row, int column) const {
    return std::strtoll(PQgetvalue(result_.get(), row, column), nullptr, 10);
}

double PgResult::real(int row, int column) const {
    return std::strtod(PQgetvalue(result_.get(), row, column), nullptr);
}

void appendCopyEscaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += c;
        }
    }
}

}  // namespace seawatch::station
