#include "seawatch/workspace/workspace.hpp"

#include <string>

#include "seawatch/workspace/gpkg.hpp"

namespace seawatch::workspace {

Result<Workspace> Workspace::open(const Location& location, Access access) {
    switch (location.kind()) {
        case BackendKind::GeoPackage: {
            auto backend = GpkgBackend::open(location.file(), access);
            if (!backend) return makeError(backend.error());
            return Workspace(std::move(backend).value());
        }
        case BackendKind::PostgreSQL:
            // The PostgreSQL backend (issue 11) plugs in here: a Backend opened through
            // libpq from location.target(). Until it does, say so instead of treating the
            // URI as a file name.
            return makeError(location.display() +
                             ": this seawatch was built without the PostgreSQL workspace backend");
    }
    return makeError(location.display() + ": unknown workspace kind");
}

Workspace::Workspace(std::unique_ptr<Backend> backend) : backend_(std::move(backend)) {
    if (auto* gpkg = backendAs<GpkgBackend>()) path_ = gpkg->file();
}

sqlite3* Workspace::handle() const {
    const auto* gpkg = backendAs<GpkgBackend>();
    return gpkg ? gpkg->db() : nullptr;
}

int Workspace::schemaVersion(std::string_view component) const {
    auto version = backend_->schemaVersion(component);
    return version ? *version : 0;
}

namespace {

Status checkReadOnlySchema(const std::string& name, std::string_view component, int stored,
                           int latest) {
    if (stored >= latest) return {};
    if (stored == 0) {
        return makeError(name + " has no seawatch " + std::string(component) +
                         " tables yet (it was made by another program, or nothing was imported "
                         "into it); it is opened read-only here, so nothing is added to it");
    }
    return makeError(name + " holds " + std::string(component) + " schema version " +
                     std::to_string(stored) + " and this seawatch reads version " +
                     std::to_string(latest) +
                     "; open it once with a command that writes (an import) to upgrade it");
}

}  // namespace

Status Workspace::migrate(std::string_view component, const std::vector<Migration>& steps) {
    const int latest = steps.empty() ? 0 : steps.back().version;
    auto stored = backend_->schemaVersion(component);
    if (!stored) return makeError(name() + ": " + stored.error());
    if (*stored > latest) {
        return makeError(name() + " holds " + std::string(component) + " schema version " +
                         std::to_string(*stored) + ", newer than this seawatch knows (" +
                         std::to_string(latest) + "): use a newer seawatch");
    }
    if (readOnly()) return checkReadOnlySchema(name(), component, *stored, latest);
    for (const Migration& step : steps) {
        if (step.version <= *stored) continue;
        Transaction tx(*this);
        if (!tx.active()) return makeError(tx.beginError());
        // Re-read inside the write lock: another process may have migrated meanwhile.
        auto now = backend_->schemaVersion(component);
        if (!now) return makeError(name() + ": " + now.error());
        if (step.version <= *now) continue;
        if (auto s = backend_->applyMigration(component, step); !s) {
            return makeError(name() + ": " + std::string(component) + " migration " +
                             std::to_string(step.version) + " failed: " + s.error());
        }
        if (auto s = tx.commit(); !s) return s;
    }
    return {};
}

Transaction::Transaction(Workspace& ws) : ws_(ws) {
    if (ws_.readOnly()) {
        beginError_ = ws_.name() + " is open read-only: cannot write to it";
    } else if (auto s = ws_.backend().begin(); s) {
        active_ = true;
    } else {
        beginError_ = "cannot start a transaction on " + ws_.name() + ": " + s.error();
    }
}

Transaction::~Transaction() {
    rollback();
}

void Transaction::rollback() {
    if (active_) (void)ws_.backend().rollback();
    active_ = false;
}

Status Transaction::commit() {
    if (!active_) return makeError("no transaction to commit");
    if (auto s = ws_.backend().commit(); !s) return s;
    active_ = false;
    return {};
}

}  // namespace seawatch::workspace
