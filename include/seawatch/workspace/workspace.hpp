#pragma once
// The workspace layer: the one way any seawatch domain reaches stored data.
//
// A Workspace is a handle opened from a Location (a GeoPackage file or a PostgreSQL URI),
// read-write or read-only. It owns one Backend: the connection and the things whose
// spelling depends on the engine (transactions, running SQL, recording schema versions).
// Domains (incidents, ais archive, alert log, and the shared-station tables of issue 11)
// never open a connection themselves:
//
//   auto ws = workspace::Workspace::open(opt.db, workspace::Access::ReadOnly);
//   auto store = incidents::IncidentStore::open(*ws);   // runs or checks its migrations
//
// Seam for a new engine (PostgreSQL): derive from Backend, open it in Workspace::open
// (src/workspace/workspace.cpp, the one switch on BackendKind), and give each domain's store
// an implementation for it beside the GeoPackage one. Callers of the domains do not change.
// The per-domain SQL differs between engines, so each domain keeps one migration list per
// engine; versions are counted per domain ("component") and stored by the backend
// (GeoPackage: table seawatch_schema, since GeoPackage claims user_version for itself).
//
// Threading: a Workspace and everything opened on it belong to one thread at a time. A
// second thread (the console's query worker) opens its own Workspace on the same location;
// the GeoPackage backend runs in WAL mode so readers never wait for a writer.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/workspace/location.hpp"

struct sqlite3;

namespace seawatch::workspace {

enum class Access {
    ReadWrite,  // creates the file or schema when absent; migrations run
    ReadOnly,   // never writes, never migrates: queries, stats, the console's readers
};

// One migration step: the SQL that takes a component from version-1 to version, written in
// the dialect of the backend it is handed to.
struct Migration {
    int version = 0;
    std::string sql;
};

// What an engine provides. Implementations: GpkgBackend (seawatch/workspace/gpkg.hpp).
class Backend {
  public:
    virtual ~Backend() = default;
    Backend() = default;
    Backend(const Backend&) = delete;
    Backend& operator=(const Backend&) = delete;

    virtual BackendKind kind() const = 0;
    virtual Access access() const = 0;
    // The location for messages (password redacted).
    virtual const std::string& name() const = 0;

    // 0 when the component has never been migrated (or the workspace has no seawatch
    // tables at all, as in a GeoPackage made by another program).
    virtual Result<int> schemaVersion(std::string_view component) const = 0;
    // Runs `sql` and records `version` for `component`, inside the caller's transaction.
    virtual Status applyMigration(std::string_view component, const Migration& step) = 0;

    // SQL with no parameters and no result rows (DDL, BEGIN/COMMIT).
    virtual Status exec(std::string_view sql) = 0;
    // A write transaction that takes the write lock at once (SQLite: BEGIN IMMEDIATE).
    virtual Status begin() = 0;
    virtual Status commit() = 0;
    virtual Status rollback() = 0;
};

class Workspace {
  public:
    // Opens the workspace at `location`. Read-write creates a missing GeoPackage file with
    // the GeoPackage core tables; read-only never writes a byte, also to a foreign file, and
    // works on a write-protected file in a write-protected folder.
    static Result<Workspace> open(const Location& location, Access access = Access::ReadWrite);
    // Wraps a backend opened elsewhere (tests, or a backend with extra options).
    explicit Workspace(std::unique_ptr<Backend> backend);

    BackendKind kind() const { return backend_->kind(); }
    Access access() const { return backend_->access(); }
    bool readOnly() const { return access() == Access::ReadOnly; }
    // For messages: the file path or the redacted URI.
    const std::string& name() const { return backend_->name(); }
    // The GeoPackage file; empty for other backends.
    const std::filesystem::path& path() const { return path_; }

    Backend& backend() const { return *backend_; }
    // The backend as its concrete type, or nullptr when the workspace uses another engine.
    template <typename B>
    B* backendAs() const {
        return dynamic_cast<B*>(backend_.get());
    }
    // The SQLite connection of a GeoPackage workspace; nullptr for other backends. Only
    // GeoPackage implementations of the domains' stores use it.
    sqlite3* handle() const;

    // Brings `component` to the last of `steps` (versions ascending from 1), each step in
    // its own transaction. Read-only: checks instead, and says in one sentence what is
    // missing (no seawatch tables yet, or an older schema that a writer must upgrade).
    // Either way a schema newer than `steps` knows is refused: this program is too old.
    Status migrate(std::string_view component, const std::vector<Migration>& steps);
    // 0 when the component has never been migrated.
    int schemaVersion(std::string_view component) const;

    Status exec(std::string_view sql) { return backend_->exec(sql); }

  private:
    std::unique_ptr<Backend> backend_;
    std::filesystem::path path_;
};

// A write transaction: begins on construction; rolls back on destruction unless commit()
// succeeded, so an early return never leaves half a file imported.
class Transaction {
  public:
    explicit Transaction(Workspace& ws);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool active() const { return active_; }
    const std::string& beginError() const { return beginError_; }
    Status commit();
    // Ends the transaction now, dropping its writes (what the destructor would do).
    void rollback();

  private:
    Workspace& ws_;
    bool active_ = false;
    std::string beginError_;
};

}  // namespace seawatch::workspace
