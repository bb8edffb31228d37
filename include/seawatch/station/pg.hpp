#pragma once
// A thin RAII layer over libpq for the shared station store: one connection, parameterised
// statements, and failures turned into one sentence a user can act on.
//
// Connection strings follow libpq's conventions: a postgresql:// URI or key=value words,
// completed from PG* environment variables, service files (PGSERVICEFILE, ~/.pg_service.conf)
// and ~/.pgpass. A password written in the string itself is refused: it would show in the
// process list and the shell history.
//
// Threading: a PgConnection is used by one thread at a time (libpq's own rule).
#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/common/result.hpp"

namespace seawatch::station {

// What --db takes as a server rather than a GeoPackage path: workspace::isPostgresUri's rule
// (a postgresql:// URI or libpq key=value words), so the workspace layer and the station
// commands never disagree about the same text.
bool isPostgresTarget(std::string_view target);

// Why a connection or a statement failed, for callers that act differently on each:
// only Unreachable is worth retrying (and queueing writes for).
enum class FailureKind {
    None,
    Unreachable,  // no server answered, or the connection broke
    Refused,      // authentication, unknown role or database
    NoRights,     // SQLSTATE 42501 and friends
    BadInput,     // the server rejected the values (check constraints, unknown group)
    Schema,       // missing or incompatible seawatch schema, missing PostGIS
    Other,
};

struct PgFailure {
    FailureKind kind = FailureKind::Other;
    std::string message;  // one sentence, no trailing newline
    std::string sqlState;
};

class PgResult {
  public:
    PgResult() = default;
    explicit PgResult(PGresult* r) : result_(r) {}
    int rows() const { return result_ ? PQntuples(result_.get()) : 0; }
    bool isNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
    std::string_view text(int row, int column) const {
        return {PQgetvalue(result_.get(), row, column),
                static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
    }
    std::optional<std::string> optionalText(int row, int column) const;
    long long integer(int row, int column) const;
    double real(int row, int column) const;
    PGresult* get() const { return result_.get(); }

  private:
    struct Clear {
        void operator()(PGresult* r) const { PQclear(r); }
    };
    std::unique_ptr<PGresult, Clear> result_;
};

class PgConnection {
  public:
    // Connects; `applicationName` shows in pg_stat_activity unless the string sets one.
    // A connect_timeout of 10 s applies unless the string or PGCONNECT_TIMEOUT sets one.
    static Result<PgConnection> open(const std::string& target,
                                     const std::string& applicationName = "seawatch",
                                     PgFailure* failure = nullptr);

    // Runs one statement with text parameters (std::nullopt = SQL NULL). The error is one
    // sentence; `failure` (optional) says what kind.
    Result<PgResult> exec(std::string_view sql,
                          const std::vector<std::optional<std::string>>& params = {},
                          PgFailure* failure = nullptr);
    // Several statements, no parameters, no rows (DDL, BEGIN/COMMIT).
    Status execScript(std::string_view sql, PgFailure* failure = nullptr);

    // COPY … FROM STDIN: start, send chunks, finish.
    Status copyIn(std::string_view copySql, const std::string& data, PgFailure* failure = nullptr);
    // The same in steps, for data made while it is sent: copyStart, copyPut any number of
    // times, then always copyEnd, with the reason when the COPY must fail (the server then
    // discards what it received) or nullptr to finish it.
    Status copyStart(std::string_view copySql, PgFailure* failure = nullptr);
    Status copyPut(std::string_view data);
    Status copyEnd(const char* abortReason, PgFailure* failure = nullptr);

    // LISTEN support: waits up to timeoutMs for the socket to become readable and collects
    // notifications. Returns the number received (0 on timeout), or an error when the
    // connection broke.
    Result<int> waitForNotifications(int timeoutMs);

    bool healthy() const;
    std::string user() const;
    std::string describeTarget() const;  // "host:port/db" for messages
    PGconn* handle() const { return conn_.get(); }

    std::string quoteIdentifier(std::string_view name) const;
    std::string quoteLiteral(std::string_view text) const;

  private:
    struct Finish {
        void operator()(PGconn* c) const { PQfinish(c); }
    };
    explicit PgConnection(PGconn* c) : conn_(c) {}
    PgFailure failureFrom(const PGresult* result, std::string_view sql) const;
    std::unique_ptr<PGconn, Finish> conn_;
    std::string copySql_;  // the COPY under way, for its error message
};

// COPY's text format: `text` with backslash, tab, newline and carriage return escaped (an
// empty text stays empty; the caller writes \N for NULL).
void appendCopyEscaped(std::string& out, std::string_view text);

// Refuses connection strings that carry a password (see the top of this file).
Status rejectPasswordInTarget(const std::string& target);

// The one-sentence explanation of a failed connection attempt.
PgFailure explainConnectFailure(PGconn* conn, const std::string& target);

}  // namespace seawatch::station
