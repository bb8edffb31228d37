#pragma once
// Annotation drafts: the annotations a trainer draws in the console, kept in the workspace as
// they are drawn, so a crash or a closed window loses none of them. "Save into scenario"
// writes the scenario file and discards the draft; opening the scenario again with a draft in
// the workspace restores it. One draft per scenario file, keyed by its absolute path. Only the
// `annotation_drafts` table is ours (the "annotation_drafts" component of the workspace's
// migrations).
//
// Threading: an AnnotationDrafts object is used from one thread at a time (the console's UI
// thread); two processes may share the workspace (SQLite's locking, WAL).
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/scenario/scenario.hpp"
#include "seawatch/time/utc.hpp"
#include "seawatch/workspace/workspace.hpp"

namespace seawatch::scenario {

struct AnnotationDraft {
    std::vector<Annotation> annotations;
    time::UnixMillis savedAt = 0;
};

class AnnotationDrafts {
  public:
    static Result<AnnotationDrafts> open(const workspace::Location& location);

    // The draft's key for a scenario file: its absolute, normalised path.
    static std::string keyFor(const std::filesystem::path& scenarioFile);

    // Replaces the scenario's draft with these annotations (an empty list is a draft too: the
    // trainer deleted them all).
    Status keep(const std::string& key, std::span<const Annotation> annotations,
                time::UnixMillis savedAt);
    // The draft, if one is kept; a stored draft that no longer parses is an error naming it.
    Result<std::optional<AnnotationDraft>> find(const std::string& key) const;
    Status discard(const std::string& key);

  private:
    explicit AnnotationDrafts(workspace::Workspace ws) : ws_(std::move(ws)) {}
    workspace::Workspace ws_;
};

// Restores the draft kept for `file` into `scenario` when it differs from the file's own
// annotations. Returns how many annotations were restored (nullopt: none kept, or the same).
Result<std::optional<std::size_t>> restoreAnnotationDraft(AnnotationDrafts& drafts,
                                                          const std::filesystem::path& file,
                                                          Scenario& scenario);

const std::vector<workspace::Migration>& annotationDraftMigrations();

}  // namespace seawatch::scenario
