// Creating, migrating and checking the station schema; the SQL of each version is in
// schema_migrations.cpp.
#include "seawatch/station/schema.hpp"

#include <string>

namespace seawatch::station {

namespace {

constexpr const char* kSchemaTable = R"sql(
CREATE TABLE IF NOT EXISTS seawatch_schema (
  component text PRIMARY KEY,
  version integer NOT NULL,
  migrated_at timestamptz NOT NULL DEFAULT now());
)sql";

// Any fixed number: held for the migration transaction so concurrent inits queue up.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7438001)";

Result<int> storedVersion(PgConnection& conn, PgFailure* failure) {
    auto exists =
        conn.exec("SELECT to_regclass('public.seawatch_schema') IS NOT NULL", {}, failure);
    if (!exists) return makeError(exists.error());
    if (exists->text(0, 0) != "t") return 0;
    auto row =
        conn.exec("SELECT version FROM seawatch_schema WHERE component = 'station'", {}, failure);
    if (!row) return makeError(row.error());
    return row->rows() == 0 ? 0 : static_cast<int>(row->integer(0, 0));
}

Status ensurePostgis(PgConnection& conn, bool& created) {
    auto present = conn.exec("SELECT extversion FROM pg_extension WHERE extname = 'postgis'");
    if (!present) return makeError(present.error());
    if (present->rows() > 0) return {};
    auto available = conn.exec("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'");
    if (!available) return makeError(available.error());
    if (available->rows() == 0) {
        return makeError(
            "the server has no PostGIS to install (install postgresql-15-postgis-3 "
            "on the server, then run seawatch station init again)");
    }
    PgFailure f;
    if (auto ok = conn.execScript("CREATE EXTENSION IF NOT EXISTS postgis", &f); !ok) {
        if (f.kind == FailureKind::NoRights) {
            return makeError("role \"" + conn.user() +
                             "\" may not create the PostGIS extension: run seawatch station "
                             "init as a superuser (or ask one to CREATE EXTENSION postgis)");
        }
        return makeError("cannot create the PostGIS extension: " + ok.error());
    }
    created = true;
    return {};
}

}  // namespace

Result<InitReport> initSchema(PgConnection& conn) {
    InitReport report;
    PgFailure f;
    if (auto ok = conn.execScript("BEGIN", &f); !ok) return makeError(ok.error());
    auto fail = [&conn](std::string message) -> Result<InitReport> {
        (void)conn.execScript("ROLLBACK");
        return makeError(std::move(message));
    };
    if (auto ok = conn.execScript(kMigrationLock); !ok) return fail(ok.error());
    if (auto ok = ensurePostgis(conn, report.createdPostgis); !ok) return fail(ok.error());
    if (auto ok = conn.execScript(kSchemaTable, &f); !ok) {
        if (f.kind == FailureKind::NoRights) {
            return fail("role \"" + conn.user() +
                        "\" may not create tables in this database: run seawatch station init "
                        "as a superuser or the database owner");
        }
        return fail(ok.error());
    }
    auto version = storedVersion(conn, &f);
    if (!version) return fail(version.error());
    report.fromVersion = *version;
    if (*version > kStationSchemaVersion) {
        return fail("the database's seawatch schema is version " + std::to_string(*version) +
                    ", newer than this program's " + std::to_string(kStationSchemaVersion) +
                    ": upgrade seawatch");
    }
    for (const PgMigration& step : stationMigrations()) {
        if (step.version <= *version) continue;
        if (auto ok = conn.execScript(step.sql, &f); !ok) {
            if (f.kind == FailureKind::NoRights) {
                return fail("role \"" + conn.user() +
                            "\" lacks the rights to create the seawatch schema (it needs to "
                            "create roles and tables): run seawatch station init as a superuser");
            }
            return fail("schema migration to version " + std::to_string(step.version) +
                        " failed: " + ok.error());
        }
    }
    auto recorded = conn.exec(
        "INSERT INTO seawatch_schema (component, version) VALUES ('station', $1::int) "
        "ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, migrated_at = now()",
        {std::to_string(kStationSchemaVersion)});
    if (!recorded) return fail(recorded.error());
    if (auto ok = conn.execScript("COMMIT", &f); !ok) return makeError(ok.error());
    report.toVersion = kStationSchemaVersion;
    return report;
}

Status checkSchema(PgConnection& conn) {
    PgFailure f;
    auto version = storedVersion(conn, &f);
    if (!version) {
        if (f.kind == FailureKind::NoRights) {
            return makeError("role \"" + conn.user() +
                             "\" is not a seawatch station in this database: run seawatch "
                             "station add " +
                             conn.user() + " first");
        }
        return makeError(version.error());
    }
    if (*version == 0) {
        return makeError("the database " + conn.describeTarget() +
                         " has no seawatch schema: run seawatch station init on it first");
    }
    if (*version < kStationSchemaVersion) {
        return makeError("the database's seawatch schema is version " + std::to_string(*version) +
                         ", older than this program's " + std::to_string(kStationSchemaVersion) +
                         ": run seawatch station init to migrate it");
    }
    if (*version > kStationSchemaVersion) {
        return makeError("the database's seawatch schema is version " + std::to_string(*version) +
                         ", newer than this program's " + std::to_string(kStationSchemaVersion) +
                         ": upgrade seawatch");
    }
    return {};
}

Result<PgConnection> openStation(const std::string& target, PgFailure* failure) {
    auto conn = PgConnection::open(target, "seawatch", failure);
    if (!conn) return conn;
    if (auto ok = checkSchema(*conn); !ok) {
        const bool rights = ok.error().find("is not a seawatch station") != std::string::npos;
        if (failure)
            *failure = {rights ? FailureKind::NoRights : FailureKind::Schema, ok.error(), ""};
        return makeError(ok.error());
    }
    return conn;
}

}  // namespace seawatch::station
