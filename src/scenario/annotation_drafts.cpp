#include "seawatch/scenario/annotation_drafts.hpp"

#include <fmt/format.h>

#include "seawatch/scenario/scenario_json.hpp"
#include "seawatch/workspace/gpkg.hpp"
#include "seawatch/workspace/sqlite_statement.hpp"

namespace seawatch::scenario {
namespace {

constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE annotation_drafts (
  scenario TEXT PRIMARY KEY,
  saved_at_ms INTEGER NOT NULL,
  annotations TEXT NOT NULL
);
)sql";

Result<workspace::Statement> prepare(const workspace::Workspace& ws, std::string_view sql) {
    auto s = workspace::Statement::prepare(ws.handle(), sql);
    if (!s) return makeError(fmt::format("{}: annotation drafts: {}", ws.name(), s.error()));
    return s;
}

}  // namespace

const std::vector<workspace::Migration>& annotationDraftMigrations() {
    static const std::vector<workspace::Migration> steps{{1, kSchemaV1}};
    return steps;
}

Result<AnnotationDrafts> AnnotationDrafts::open(const workspace::Location& location) {
    auto ws = workspace::Workspace::open(location, workspace::Access::ReadWrite);
    if (!ws) return makeError(ws.error());
    if (ws->kind() != workspace::BackendKind::GeoPackage) {
        return makeError(ws->name() + ": annotation drafts are kept in GeoPackage workspaces only");
    }
    if (Status s = ws->migrate("annotation_drafts", annotationDraftMigrations()); !s)
        return makeError(fmt::format("cannot keep annotation drafts: {}", s.error()));
    return AnnotationDrafts(std::move(ws).value());
}

std::string AnnotationDrafts::keyFor(const std::filesystem::path& scenarioFile) {
    std::error_code ec;
    auto absolute = std::filesystem::weakly_canonical(scenarioFile, ec);
    if (ec) absolute = std::filesystem::absolute(scenarioFile, ec).lexically_normal();
    return absolute.string();
}

Status AnnotationDrafts::keep(const std::string& key, std::span<const Annotation> annotations,
                              time::UnixMillis savedAt) {
    auto upsert = prepare(ws_,
                          "INSERT INTO annotation_drafts(scenario, saved_at_ms, annotations) "
                          "VALUES(?,?,?) ON CONFLICT(scenario) DO UPDATE SET "
                          "saved_at_ms = excluded.saved_at_ms, annotations = excluded.annotations");
    if (!upsert) return makeError(upsert.error());
    upsert->bind(1, key);
    upsert->bind(2, static_cast<std::int64_t>(savedAt));
    upsert->bind(3, annotationsToJson(annotations));
    if (upsert->step() != SQLITE_DONE)
        return makeError(
            workspace::sqliteError(ws_.handle(), ws_.name() + ": keeping the annotation draft"));
    return {};
}

Result<std::optional<AnnotationDraft>> AnnotationDrafts::find(const std::string& key) const {
    auto select =
        prepare(ws_, "SELECT saved_at_ms, annotations FROM annotation_drafts WHERE scenario = ?");
    if (!select) return makeError(select.error());
    select->bind(1, key);
    const int rc = select->step();
    if (rc == SQLITE_DONE) return std::optional<AnnotationDraft>{};
    if (rc != SQLITE_ROW)
        return makeError(
            workspace::sqliteError(ws_.handle(), ws_.name() + ": reading the annotation draft"));
    auto annotations = parseAnnotations(select->text(1));
    if (!annotations)
        return makeError(fmt::format("{}: the annotation draft of {} is damaged: {}", ws_.name(),
                                     key, annotations.error()));
    return std::optional<AnnotationDraft>(
        AnnotationDraft{std::move(*annotations), select->int64(0)});
}

Status AnnotationDrafts::discard(const std::string& key) {
    auto remove = prepare(ws_, "DELETE FROM annotation_drafts WHERE scenario = ?");
    if (!remove) return makeError(remove.error());
    remove->bind(1, key);
    if (remove->step() != SQLITE_DONE)
        return makeError(
            workspace::sqliteError(ws_.handle(), ws_.name() + ": discarding the annotation draft"));
    return {};
}

Result<std::optional<std::size_t>> restoreAnnotationDraft(AnnotationDrafts& drafts,
                                                          const std::filesystem::path& file,
                                                          Scenario& scenario) {
    auto draft = drafts.find(AnnotationDrafts::keyFor(file));
    if (!draft) return makeError(draft.error());
    if (!*draft) return std::optional<std::size_t>{};
    // A draft equal to the file is what a save left behind if discarding failed: nothing new.
    if (annotationsToJson((*draft)->annotations) == annotationsToJson(scenario.annotations))
        return std::optional<std::size_t>{};
    scenario.annotations = std::move((*draft)->annotations);
    return std::optional<std::size_t>(scenario.annotations.size());
}

}  // namespace seawatch::scenario
