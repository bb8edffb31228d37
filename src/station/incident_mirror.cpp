#include "seawatch/station/incident_mirror.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <utility>
#include <vector>

#include "seawatch/common/resources.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/station/arrival_cursor.hpp"
#include "seawatch/station/pg_incidents.hpp"
#include "seawatch/station/schema.hpp"
#include "seawatch/workspace/location.hpp"
#include "seawatch/workspace/sqlite_statement.hpp"
#include "wait_steps.hpp"

namespace seawatch::station {

namespace {

namespace fs = std::filesystem;

// Rows a catch-up page brings: ~2.5 MB of real ASAM rows.
constexpr int kPageRows = 5000;
constexpr std::chrono::milliseconds kFirstBackoff{250};
constexpr std::chrono::milliseconds kMaxBackoff{5000};

// The copy's own bookkeeping, beside the incidents layer: which station it copies and how
// far it got (the cursor's highest seq and horizon), written with the rows they cover.
const std::vector<workspace::Migration>& copyMigrations() {
    static const std::vector<workspace::Migration> steps = {
        {1,
         "CREATE TABLE seawatch_station_copy (id INTEGER PRIMARY KEY CHECK (id = 1), "
         "target TEXT NOT NULL, seq INTEGER NOT NULL, horizon TEXT NOT NULL)"}};
    return steps;
}

struct Progress {
    std::int64_t seq = 0;
    std::string horizon;
};

}  // namespace

// What the worker thread owns: the copy (its own connection) and the cursor.
struct IncidentMirror::Worker {
    std::unique_ptr<workspace::Workspace> ws;
    std::optional<incidents::IncidentStore> incidentStore;
    ArrivalCursor cursor{"incidents", incidentArrivalColumns()};
    std::string target;

    static Result<std::unique_ptr<Worker>> open(const fs::path& path, std::string target) {
        std::error_code ec;
        if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
        auto opened = workspace::Workspace::open(path);
        if (!opened) return makeError(opened.error());
        auto worker = std::make_unique<Worker>();
        worker->target = std::move(target);
        worker->ws = std::make_unique<workspace::Workspace>(std::move(opened.value()));
        auto store = incidents::IncidentStore::open(*worker->ws);
        if (!store) return makeError(path.string() + ": " + store.error());
        worker->incidentStore.emplace(std::move(store.value()));
        if (auto ok = worker->ws->migrate("station_copy", copyMigrations()); !ok)
            return makeError(path.string() + ": " + ok.error());
        return worker;
    }

    // Where the copy got to; nothing when it is new or copies another station (the same
    // file name for two targets is unlikely, but a copy is never mixed with another).
    Result<std::optional<Progress>> progress() const {
        auto select = workspace::Statement::prepare(
            ws->handle(), "SELECT target, seq, horizon FROM seawatch_station_copy WHERE id = 1");
        if (!select) return makeError(select.error());
        if (select->step() != SQLITE_ROW) return std::optional<Progress>{};
        if (select->text(0) != target) {
            return makeError(ws->name() +
                             " holds a copy of another station's incidents; remove it or "
                             "choose another --workspace");
        }
        return std::optional<Progress>{Progress{select->int64(1), select->text(2)}};
    }

    // Writes `rows` (the listed ones) and the cursor's point in one transaction; returns how
    // many incidents were added or changed.
    Result<std::int64_t> storeRows(const PgResult& rows, const std::vector<int>& which,
                                   std::int64_t seq, const std::string& horizon) {
        workspace::Transaction tx(*ws);
        if (!tx.active()) return makeError(tx.beginError());
        std::int64_t changed = 0;
        for (const int row : which) {
            const incidents::Incident incident = incidentFromArrivalRow(rows, row);
            auto outcome = incidentStore->upsert(incident);
            // A row the local rules refuse is the station's to fix; the copy carries on.
            if (outcome && *outcome != incidents::UpsertOutcome::Duplicate) ++changed;
        }
        auto save = workspace::Statement::prepare(
            ws->handle(),
            "INSERT INTO seawatch_station_copy (id, target, seq, horizon) VALUES (1, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, horizon = excluded.horizon");
        if (!save) return makeError(save.error());
        save->bind(1, target);
        save->bind(2, seq);
        save->bind(3, horizon);
        if (save->step() != SQLITE_DONE)
            return makeError(ws->name() + ": cannot record the copy's progress");
        if (auto ok = tx.commit(); !ok) return makeError(ok.error());
        return changed;
    }
};

fs::path mirrorPathFor(const std::string& target) {
    std::string name;
    for (const char c : workspace::redactPassword(target)) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
        name += plain ? c : '_';
    }
    if (name.size() > 120) name.resize(120);
    return userDataDir() / "stations" / (name + ".gpkg");
}

IncidentMirror::IncidentMirror(Key, std::string target, fs::path copyPath)
    : target_(std::move(target)), copyPath_(std::move(copyPath)) {}

Result<std::unique_ptr<IncidentMirror>> IncidentMirror::open(const std::string& target,
                                                             const fs::path& copyPath) {
    if (auto ok = rejectPasswordInTarget(target); !ok) return makeError(ok.error());
    // The copy is made here, on the caller's thread, so a reader can open it at once; the
    // worker thread then has its connection to itself.
    auto worker = Worker::open(copyPath, workspace::redactPassword(target));
    if (!worker) return makeError(worker.error());
    auto mirror = std::make_unique<IncidentMirror>(Key{}, target, copyPath);
    mirror->worker_ = std::move(worker.value());
    mirror->thread_ = std::thread([m = mirror.get()] { m->run(); });
    return mirror;
}

IncidentMirror::~IncidentMirror() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
}

std::int64_t IncidentMirror::drainChanges() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(undrained_, 0);
}

bool IncidentMirror::hasChanges() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return undrained_ > 0;
}

MirrorState IncidentMirror::state() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return state_;
}

void IncidentMirror::report(const std::string& status, bool live) {
    std::lock_guard<std::mutex> lock(mutex_);
    state_.status = status;
    state_.live = live;
}

void IncidentMirror::run() {
    auto fail = [this](const std::string& why) {
        std::lock_guard<std::mutex> lock(mutex_);
        state_.failed = why;
        state_.live = false;
    };
    Worker& w = *worker_;
    auto counted = [this](std::int64_t changed) {
        std::lock_guard<std::mutex> lock(mutex_);
        undrained_ += changed;
        state_.copied += changed;
    };
    auto backoff = kFirstBackoff;
    while (!stop_.load()) {
        PgFailure failure;
        auto conn = openStation(target_, &failure);
        if (!conn) {
            if (failure.kind != FailureKind::Unreachable) return fail(conn.error());
            report(conn.error() + "; retrying in " + describeSeconds(backoff), false);
            sleepUnlessStopped(backoff, stop_);
            backoff = std::min(backoff * 2, kMaxBackoff);
            continue;
        }
        // LISTEN before reading: an incident stored in between is both read and notified.
        if (auto ok = listenForIncidents(*conn); !ok) return fail(ok.error());
        const bool resumed = w.cursor.started();
        if (!resumed) {
            // The first copy, or what came since the last session, in pages; then the cursor
            // carries on from there, asking again for transactions still open at the start.
            auto from = w.progress();
            if (!from) return fail(from.error());
            auto horizon =
                conn->exec("SELECT pg_snapshot_xmin(pg_current_snapshot())::text", {}, &failure);
            if (!horizon) {
                if (failure.kind != FailureKind::Unreachable) return fail(horizon.error());
                continue;
            }
            std::int64_t seq = *from ? (*from)->seq : 0;
            const std::string since = *from ? (*from)->horizon : std::string(horizon->text(0, 0));
            bool caughtUp = false;
            while (!stop_.load()) {
                auto page = incidentsAfter(*conn, seq, kPageRows, &failure);
                if (!page) break;
                std::vector<int> all(static_cast<std::size_t>(page->rows()));
                for (int i = 0; i < page->rows(); ++i) all[static_cast<std::size_t>(i)] = i;
                if (page->rows() > 0) seq = page->integer(page->rows() - 1, 0);
                auto stored = w.storeRows(*page, all, seq, since);
                if (!stored) return fail(stored.error());
                counted(*stored);
                if (page->rows() < kPageRows) {
                    caughtUp = true;
                    break;
                }
            }
            if (!caughtUp) {
                if (failure.kind != FailureKind::Unreachable && !stop_.load())
                    return fail("reading the station's incidents: " + failure.message);
                continue;
            }
            w.cursor.resume(seq, since);
        }
        report((resumed ? "reconnected to " : "connected to ") + conn->describeTarget(), true);
        backoff = kFirstBackoff;
        bool fetch = true;  // once at once: what was written while we were away or paging
        while (!stop_.load()) {
            if (!fetch) {
                auto woke = conn->waitForNotifications(200);
                if (!woke) {
                    report(woke.error() + "; reconnecting", false);
                    break;
                }
                if (*woke == 0) continue;
            }
            fetch = false;
            auto batch = w.cursor.fetchNew(*conn, &failure);
            if (!batch) {
                if (failure.kind != FailureKind::Unreachable) return fail(batch.error());
                report(batch.error() + "; reconnecting", false);
                break;
            }
            if (batch->fresh.empty()) continue;
            auto stored = w.storeRows(batch->rows, batch->fresh, w.cursor.highestSeq(),
                                      w.cursor.horizonXid());
            if (!stored) return fail(stored.error());
            counted(*stored);
        }
    }
}

}  // namespace seawatch::station
