#include "seawatch/incidents/import.hpp"

#include <sqlite3.h>

#include "import_run.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "seawatch/incidents/csv_reader.hpp"

namespace seawatch::incidents {

namespace fs = std::filesystem;

using import_detail::ImportRun;
using import_detail::lower;

namespace {

constexpr std::string_view kFormatNames[] = {"asam-csv", "asam-json", "imb-csv", "geojson"};

Result<std::string> readWholeFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("cannot read " + path.string());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return makeError("error reading " + path.string());
    return buffer.str();
}

}  // namespace

namespace import_detail {
namespace {

// A header field names the column `name` when they are equal trimmed and without regard to
// ASCII case. Compared in place: building a map of every column's lowered name cost 29 % of
// the ASAM CSV fuzz target's time (a fuzzed header may have thousands of columns).
bool namesColumn(std::string_view field, std::string_view name) {
    std::size_t b = 0, e = field.size();
    while (b < e && std::isspace(static_cast<unsigned char>(field[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(field[e - 1]))) --e;
    if (e - b != name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(field[b + i])) !=
            std::tolower(static_cast<unsigned char>(name[i])))
            return false;
    }
    return true;
}

}  // namespace

// The position of each of `names` in `header` (the first column of that name), found once
// for the whole file; the first `required` names must be there.
Result<std::vector<std::optional<std::size_t>>> findColumns(
    const std::vector<std::string>& header, std::initializer_list<std::string_view> names,
    std::size_t required, const std::string& file) {
    std::vector<std::optional<std::size_t>> columns;
    columns.reserve(names.size());
    for (std::string_view name : names) {
        std::optional<std::size_t> at;
        for (std::size_t k = 0; k < header.size() && !at; ++k) {
            if (namesColumn(header[k], name)) at = k;
        }
        if (!at && columns.size() < required) {
            return makeError(file + ":1: header has no '" + std::string(name) + "' column");
        }
        columns.push_back(at);
    }
    return columns;
}

}  // namespace import_detail

std::string_view importFormatName(ImportFormat f) {
    return kFormatNames[static_cast<std::size_t>(f)];
}

std::optional<ImportFormat> parseImportFormat(std::string_view text) {
    const std::string key = lower(text);
    for (std::size_t k = 0; k < std::size(kFormatNames); ++k) {
        if (key == kFormatNames[k]) return static_cast<ImportFormat>(k);
    }
    return std::nullopt;
}

namespace {

// The format from the first bytes of a file (and its name, for the message).
Result<ImportFormat> detectFormatOfHead(std::string_view h, const std::string& name) {
    if (h.substr(0, 3) == "\xEF\xBB\xBF") h.remove_prefix(3);
    while (!h.empty() && std::isspace(static_cast<unsigned char>(h.front()))) h.remove_prefix(1);
    if (!h.empty() && (h.front() == '{' || h.front() == '[')) {
        if (h.find("\"FeatureCollection\"") != std::string_view::npos ||
            h.find("\"Feature\"") != std::string_view::npos) {
            return ImportFormat::GeoJson;
        }
        if (h.find("\"asam\"") != std::string_view::npos ||
            h.find("\"reference\"") != std::string_view::npos) {
            return ImportFormat::AsamJson;
        }
        return makeError(name + ": JSON, but neither GeoJSON nor NGA MSI ASAM");
    }
    const std::string firstLine = lower(h.substr(0, h.find_first_of("\r\n")));
    if (firstLine.rfind("reference,date,position", 0) == 0) return ImportFormat::AsamCsv;
    if (firstLine.rfind("date,time,longitude,latitude", 0) == 0) return ImportFormat::ImbCsv;
    return makeError(name +
                     ": format not recognised (expected an ASAM CSV or JSON, IMB CSV or "
                     "GeoJSON); give --format");
}

constexpr std::size_t kDetectBytes = 8192;

}  // namespace

Result<ImportFormat> detectImportFormat(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("cannot read " + path.string());
    std::string head(kDetectBytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return detectFormatOfHead(head, path.string());
}

std::string stripTrailingCommas(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    bool inString = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char ch = json[i];
        if (inString) {
            out += ch;
            if (ch == '\\' && i + 1 < json.size()) {
                out += json[++i];
            } else if (ch == '"') {
                inString = false;
            }
            continue;
        }
        if (ch == '"') inString = true;
        if (ch == ',') {
            std::size_t j = i + 1;
            while (j < json.size() && std::isspace(static_cast<unsigned char>(json[j]))) ++j;
            if (j < json.size() && (json[j] == ']' || json[j] == '}')) continue;
        }
        out += ch;
    }
    return out;
}

namespace {

// What one import reads: CSV streams from `file`; JSON and GeoJSON need the whole `text`.
struct Input {
    ImportFormat format = ImportFormat::AsamCsv;
    std::string name;                   // the file's name, in row locations and messages
    std::FILE* file = nullptr;          // CSV
    std::string_view text;              // JSON, GeoJSON
    std::optional<std::uint64_t> size;  // bytes, when known (progress, CSV block size)
};

// Converts every row of `input` into `sink` (no transaction: the caller's). Files and text
// in memory both come here, so the fuzz targets run the importers' own code.
Result<ImportSummary> readInput(const IncidentSink& sink, const Input& input,
                                const ImportOptions& options) {
    const std::uint64_t size = input.size.value_or(0);
    ImportRun run(sink, input.name, options, size);
    // A block of at most 1 MiB, no larger than the file (plus the byte that shows its end):
    // a small file, such as each input a fuzzer tries, allocates and clears kilobytes.
    const std::size_t block = !input.size
                                  ? std::size_t{1} << 20
                                  : std::clamp<std::size_t>(static_cast<std::size_t>(size) + 1,
                                                            4096, std::size_t{1} << 20);
    Status status;
    switch (input.format) {
        case ImportFormat::AsamCsv: {
            CsvReader reader(input.file, block);
            status = import_detail::importAsamCsv(run, reader);
            break;
        }
        case ImportFormat::AsamJson:
            status = import_detail::importAsamJson(run, std::string(input.text));
            break;
        case ImportFormat::ImbCsv: {
            CsvReader reader(input.file, block);
            status = import_detail::importImbCsv(run, reader);
            break;
        }
        case ImportFormat::GeoJson:
            status = import_detail::importGeoJson(run, input.text);
            break;
    }
    if (!status) return makeError(status.error());
    if (options.progress) options.progress(size, size);
    return run.summary();
}

bool isCsv(ImportFormat format) {
    return format == ImportFormat::AsamCsv || format == ImportFormat::ImbCsv;
}

Result<ImportSummary> readRows(const IncidentSink& sink, const fs::path& path,
                               const ImportOptions& options) {
    Input input;
    if (options.format) {
        input.format = *options.format;
    } else {
        auto detected = detectImportFormat(path);
        if (!detected) return makeError(detected.error());
        input.format = *detected;
    }
    input.name = path.filename().string();
    // CSV streams (peak memory: a block and a record); JSON needs its document.
    std::string text;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
    std::error_code ec;
    if (!isCsv(input.format)) {
        if (fs::is_directory(path, ec)) return makeError("cannot read " + path.string());
        auto content = readWholeFile(path);
        if (!content) return makeError(content.error());
        text = std::move(content).value();
        input.text = text;
    } else if (!fs::is_regular_file(path, ec)) {
        return makeError("cannot read " + path.string());
    } else {
        file.reset(std::fopen(path.c_str(), "rb"));
        if (!file) return makeError("cannot read " + path.string() + ": " + std::strerror(errno));
        // The reader reads blocks of its own: stdio's buffer would only copy them twice.
        std::setvbuf(file.get(), nullptr, _IONBF, 0);
        input.file = file.get();
    }
    const auto size = fs::file_size(path, ec);
    if (!ec) input.size = size;
    return readInput(sink, input, options);
}

}  // namespace

Result<ImportSummary> readIncidentFile(const fs::path& path, const ImportOptions& options,
                                       const IncidentSink& sink) {
    return readRows(sink, path, options);
}

Result<ImportSummary> readIncidentText(std::string_view text, const std::string& name,
                                       const ImportOptions& options, const IncidentSink& sink) {
    Input input;
    input.name = name;
    input.size = text.size();
    if (options.format) {
        input.format = *options.format;
    } else {
        auto detected = detectFormatOfHead(text.substr(0, kDetectBytes), name);
        if (!detected) return makeError(detected.error());
        input.format = *detected;
    }
    if (!isCsv(input.format)) {
        input.text = text;
        return readInput(sink, input, options);
    }
    // CSV goes through the same streaming reader as a file, over a FILE* on the text.
    // fmemopen refuses an empty buffer: one byte of a NUL-terminated literal, 0 readable.
    static const char kEmpty[1] = {};
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
        ::fmemopen(const_cast<char*>(text.empty() ? kEmpty : text.data()),
                   text.empty() ? 1 : text.size(), "r"),
        &std::fclose);
    if (!file) return makeError("cannot read " + name + ": " + std::strerror(errno));
    // Buffered, unlike a file: unbuffered, glibc reads an fmemopen stream a byte at a time.
    if (text.empty()) std::fgetc(file.get());  // past the one byte: an empty stream
    input.file = file.get();
    return readInput(sink, input, options);
}

Result<ImportSummary> importFile(IncidentStore& store, const fs::path& path,
                                 const ImportOptions& options) {
    workspace::Transaction tx(store.workspace());
    if (!tx.active()) return makeError(tx.beginError());
    // The estimate only decides whether the load rebuilds the secondary indexes: a real
    // ASAM row is about 460 bytes, a synthetic one 215.
    std::error_code sizeError;
    const auto bytes = fs::file_size(path, sizeError);
    const auto expectedRows = sizeError ? 0 : static_cast<std::int64_t>(bytes / 256 + 1);
    if (auto s = store.beginBulkLoad(expectedRows); !s) return makeError(s.error());
    // Rolling back the transaction restores the triggers; the store must forget the load.
    struct BulkGuard {
        IncidentStore& store;
        ~BulkGuard() { store.cancelBulkLoad(); }
    } guard{store};
    const IncidentSink toStore = [&store](const Incident& incident) {
        SinkResult r;
        auto outcome = store.upsert(incident);
        if (outcome) {
            r.outcome = *outcome;
        } else {
            r.error = outcome.error();
            r.rowRejected = sqlite3_errcode(store.workspace().handle()) == SQLITE_CONSTRAINT;
        }
        return r;
    };
    auto summary = readRows(toStore, path, options);
    if (!summary) return summary;  // the transaction rolls back
    if (auto s = store.endBulkLoad(); !s) return makeError("indexing failed: " + s.error());
    if (auto s = tx.commit(); !s) return makeError("commit failed: " + s.error());
    return summary;
}

}  // namespace seawatch::incidents
