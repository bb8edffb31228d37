#pragma once
// Where a workspace lives, as the user wrote it after --db or --workspace: a GeoPackage file
// path (the embedded default, one desk) or a PostgreSQL connection URI (a shared station,
// issue 11). Parsing is the only thing done here: nothing is opened.
#include <filesystem>
#include <string>
#include <string_view>

namespace seawatch::workspace {

enum class BackendKind {
    GeoPackage,  // one SQLite file that is also an OGC GeoPackage
    PostgreSQL,  // a PostgreSQL + PostGIS database reached through libpq
};

const char* backendName(BackendKind kind);

// Implicit from every spelling a caller holds (a path, a string, a literal), so that
// `Workspace::open(dir / "w.gpkg")` and `Workspace::open(opt.db)` read the same.
// `postgresql://…`, `postgres://…` (libpq's URI prefixes) and libpq key=value words
// (`service=hub`) select PostgreSQL; anything else is a file path.
class Location {
  public:
    Location(std::string_view text);              // NOLINT(google-explicit-constructor)
    Location(const char* text);                   // NOLINT(google-explicit-constructor)
    Location(const std::string& text);            // NOLINT(google-explicit-constructor)
    Location(const std::filesystem::path& file);  // NOLINT(google-explicit-constructor)

    BackendKind kind() const { return kind_; }
    // The text as given, password included: hand it to the backend, never print it.
    const std::string& target() const { return target_; }
    // For messages and logs: the file path, or the URI with any password replaced by ***.
    std::string display() const;
    // The GeoPackage file; empty for PostgreSQL.
    std::filesystem::path file() const;

  private:
    BackendKind kind_ = BackendKind::GeoPackage;
    std::string target_;
};

// Whether --db names a PostgreSQL server rather than a GeoPackage file: a postgresql:// or
// postgres:// URI, or libpq key=value words starting with a key libpq knows ("service=hub",
// "host=hub dbname=shade"); "run=3.gpkg" stays a file. The one rule for every command
// (station::isPostgresTarget is this).
bool isPostgresUri(std::string_view text);
// `postgresql://user:secret@host/db` -> `postgresql://user:***@host/db`; also
// `?password=secret` and `password=secret` words.
std::string redactPassword(std::string_view uri);

}  // namespace seawatch::workspace
