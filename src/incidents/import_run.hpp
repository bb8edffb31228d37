#pragma once
// What the incident importers share (import.cpp, import_asam.cpp, import_imb.cpp,
// import_geojson.cpp): one import's bookkeeping (counts, rejections, strict mode, progress)
// and the small text helpers. Internal to src/incidents; the public calls are in
// seawatch/incidents/import.hpp.
#include <cctype>
#include <cstdint>
#include <ctime>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/common/text_encoding.hpp"
#include "seawatch/incidents/csv_reader.hpp"
#include "seawatch/incidents/import.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::incidents::import_detail {

inline std::string lower(std::string_view text) {
    std::string out(text);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

inline std::string trim(std::string_view text) {
    std::size_t b = 0, e = text.size();
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    return std::string(text.substr(b, e - b));
}

// Where a row came from, turned into text only when a row is rejected (the common path
// of an import builds no strings for it).
struct Where {
    std::string_view prefix;  // "file.csv:" or "file.json record "
    std::size_t number = 0;
    std::string text() const { return std::string(prefix) + std::to_string(number); }
};

// A row turned into an incident, or the reason it was rejected.
struct RowResult {
    std::optional<Incident> incident;
    std::string reason;
    std::string detail;
    bool reencoded = false;  // some text was Windows-1252
};

inline RowResult reject(std::string reason, std::string detail) {
    return RowResult{std::nullopt, std::move(reason), std::move(detail)};
}

// Shared bookkeeping of one import: counting, reporting, strict mode, progress.
class ImportRun {
  public:
    ImportRun(const IncidentSink& sink, std::string name, const ImportOptions& options,
              std::uint64_t totalBytes)
        : sink_(sink), name_(std::move(name)), options_(options), total_(totalBytes) {
        importedAt_ = static_cast<time::UnixMillis>(std::time(nullptr)) * time::kMillisPerSecond;
    }

    // Returns an error only when the import must stop (strict mode, database failure).
    Status handle(const Where& where, RowResult row) {
        ++summary_.read;
        if (row.reencoded) ++summary_.reencoded;
        if (!row.incident) return rejected(where.text(), row.reason, row.detail);
        row.incident->importedAt = importedAt_;
        const SinkResult outcome = sink_(*row.incident);
        if (!outcome.outcome) {
            // CHECK constraints and the like reject a row; a broken database stops all.
            if (outcome.rowRejected)
                return rejected(where.text(), "constraint violation", outcome.error);
            return makeError(where.text() + ": " + outcome.error);
        }
        switch (*outcome.outcome) {
            case UpsertOutcome::Inserted:
                ++summary_.inserted;
                break;
            case UpsertOutcome::Updated:
                ++summary_.updated;
                break;
            case UpsertOutcome::Duplicate:
                ++summary_.duplicate;
                break;
        }
        return {};
    }

    void progress(std::uint64_t done) {
        if (options_.progress && (summary_.read % 2048 == 0 || done >= total_)) {
            options_.progress(done, total_);
        }
    }

    // Text fields not valid UTF-8 are taken as Windows-1252; the row is counted once.
    void makeTextUtf8(std::vector<std::string>& fields) {
        bool any = false;
        for (std::string& f : fields) any = makeUtf8(f) || any;
        if (any) ++summary_.reencoded;
    }
    void countReencoded(std::int64_t n) { summary_.reencoded += n; }

    // After the last record: a CSV whose rest cannot be framed into records (an open quote
    // to the end of the file) counts that rest as one bad record, at the line it starts.
    Status handleUnframedRest(const CsvReader& reader, std::string_view prefix) {
        if (reader.error().empty()) return {};
        return handle(Where{prefix, reader.recordLine()}, reject("malformed CSV", reader.error()));
    }

    const std::string& name() const { return name_; }
    ImportSummary& summary() { return summary_; }

  private:
    Status rejected(const std::string& where, const std::string& reason,
                    const std::string& detail) {
        ++summary_.rejected;
        ++summary_.rejectedByReason[reason];
        RejectedRow row{where, reason, detail};
        if (options_.onRejected) options_.onRejected(row);
        if (summary_.rejections.size() < options_.maxReportedRejections) {
            summary_.rejections.push_back(row);
        }
        if (options_.strict) {
            return makeError(where + ": " + reason + (detail.empty() ? "" : " (" + detail + ")") +
                             "; strict mode: nothing imported");
        }
        return {};
    }

    const IncidentSink& sink_;
    std::string name_;
    const ImportOptions& options_;
    std::uint64_t total_;
    time::UnixMillis importedAt_ = 0;
    ImportSummary summary_;
};

struct ParsedTime {
    time::UnixMillis t = 0;
    bool dateOnly = false;
};

inline std::optional<ParsedTime> parseReportTime(std::string_view text) {
    const std::string t = trim(text);
    auto parsed = time::parseIso8601(t);
    if (!parsed) return std::nullopt;
    return ParsedTime{*parsed, time::isDateOnly(t)};
}

// The position of each of `names` in a CSV header (the first column of that name, trimmed,
// ASCII case ignored), found once for the whole file; the first `required` names must be
// there, or the error names the file's line 1 and the column.
Result<std::vector<std::optional<std::size_t>>> findColumns(
    const std::vector<std::string>& header, std::initializer_list<std::string_view> names,
    std::size_t required, const std::string& file);

// The readers of each format: every row of the input through `run`. An error stops the
// import (strict mode, a broken sink, an unreadable document).
Status importAsamCsv(ImportRun& run, CsvReader& reader);
Status importAsamJson(ImportRun& run, std::string text);
Status importImbCsv(ImportRun& run, CsvReader& reader);
Status importGeoJson(ImportRun& run, std::string_view text);

}  // namespace seawatch::incidents::import_detail
