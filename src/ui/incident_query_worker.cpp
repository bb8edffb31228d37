#include "incident_query_worker.hpp"

#include <chrono>

namespace seawatch::ui {

Result<std::unique_ptr<QueryWorker>> QueryWorker::open(const std::filesystem::path& path) {
    // The worker only reads: read-only never waits for an import and never writes.
    auto ws = workspace::Workspace::open(path, workspace::Access::ReadOnly);
    if (!ws) return makeError(ws.error());
    auto worker = std::make_unique<QueryWorker>();
    worker->ws_ = std::make_unique<workspace::Workspace>(std::move(ws.value()));
    auto store = incidents::IncidentStore::open(*worker->ws_);
    if (!store) return makeError(store.error());
    worker->store_.emplace(std::move(store.value()));
    return worker;
}

QueryOutcome QueryWorker::run(const QueryRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    QueryOutcome out;
    if (!request.noneTicked) {
        auto columns = store_->query(request.query);
        if (!columns) {
            out.error = columns.error();
            return out;
        }
        out.columns = std::move(columns.value());
        if (!request.keepIds.empty())
            out.columns = incidents::keepIds(out.columns, request.keepIds);
    }
    out.order = incidents::sortedRows(out.columns, request.sortKey, request.descending);
    out.histogram = incidents::countsByTime(out.columns, request.byMonth);
    out.millis =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    return out;
}

}  // namespace seawatch::ui
