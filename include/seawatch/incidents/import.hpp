#pragma once
// Importers for the files analysts hold: NGA ASAM CSV exports, NGA MSI API JSON,
// IMB-derived CSV and GeoJSON points (seawatch's own export format). One transaction per
// file; bad rows are reported, counted and skipped, or abort everything in strict mode.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/incidents/store.hpp"

namespace seawatch::incidents {

enum class ImportFormat { AsamCsv, AsamJson, ImbCsv, GeoJson };
std::string_view importFormatName(ImportFormat f);  // "asam-csv", ...
std::optional<ImportFormat> parseImportFormat(std::string_view text);
// From the extension and the first bytes of the file.
Result<ImportFormat> detectImportFormat(const std::filesystem::path& path);

struct RejectedRow {
    std::string where;   // "file.csv:17" (line) or "file.json record 4"
    std::string reason;  // short, stable reason key such as "bad position"
    std::string detail;  // the offending text
};

struct ImportSummary {
    std::int64_t read = 0;
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t duplicate = 0;
    std::int64_t rejected = 0;
    // Rows (or, for JSON, whole files) whose text was not UTF-8 and was read as
    // Windows-1252/Latin-1 instead; what is stored is UTF-8 either way.
    std::int64_t reencoded = 0;
    std::map<std::string, std::int64_t> rejectedByReason;
    std::vector<RejectedRow> rejections;  // the first maxReportedRejections of them
    bool rolledBack = false;
};

struct ImportOptions {
    std::optional<ImportFormat> format;  // detected when empty
    bool strict = false;                 // first bad row aborts and rolls back
    std::size_t maxReportedRejections = 1000;
    // Called now and then with bytes done and total, for a progress bar.
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;
    // Each rejection as it happens (the CLI prints them to stderr).
    std::function<void(const RejectedRow&)> onRejected;
};

// Fails (and rolls back) when the file cannot be read, its format is not recognised, or
// strict mode met a bad row; otherwise commits and returns the summary.
Result<ImportSummary> importFile(IncidentStore& store, const std::filesystem::path& path,
                                 const ImportOptions& options = {});

// Where readIncidentFile puts each incident: the store's upsert for an import, or anything
// else (the fuzz targets count them). A failure with rowRejected set rejects that row
// (a constraint); any other failure stops the read.
struct SinkResult {
    std::optional<UpsertOutcome> outcome;
    std::string error;
    bool rowRejected = false;
};
using IncidentSink = std::function<SinkResult(const Incident&)>;

// Reads and converts every row of a file as importFile does, handing incidents to `sink`,
// with no workspace and no transaction.
Result<ImportSummary> readIncidentFile(const std::filesystem::path& path,
                                       const ImportOptions& options, const IncidentSink& sink);

// The same for a file's content already in memory (`name` stands for the file in row
// locations and messages): the same readers, fed from the text (the fuzz targets use it).
// The format is detected from the text when options.format is empty.
Result<ImportSummary> readIncidentText(std::string_view text, const std::string& name,
                                       const ImportOptions& options, const IncidentSink& sink);

// Removes trailing commas before ']' or '}' outside strings (the NGA MSI sample has one).
std::string stripTrailingCommas(std::string_view json);

}  // namespace seawatch::incidents
