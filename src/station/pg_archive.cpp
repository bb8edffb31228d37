#include "seawatch/station/pg_archive.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

#include "seawatch/ais/vessel.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::station {

namespace {

using ais::kUnknown;
using ais::Mmsi;

void appendNumber(std::string& out, double v) {
    char text[32];
    // Shortest text that reads back to the same double: what SQLite stores, PostgreSQL stores.
    const auto end = std::to_chars(text, text + sizeof text, v).ptr;
    out.append(text, end);
}

// Speeds, courses and headings as the GeoPackage archive stores them: rounded to the 0.1
// resolution AIS carries, NULL when not available.
void appendTenths(std::string& out, float v) {
    if (!ais::isKnown(v)) {
        out += "\\N";
        return;
    }
    appendNumber(out, std::round(static_cast<double>(v) * 10.0) / 10.0);
}

std::int64_t utcDay(time::UnixMillis t) {
    const std::int64_t d = t / time::kMillisPerDay;
    return (t % time::kMillisPerDay < 0) ? d - 1 : d;
}

std::string number(double v) {
    std::string out;
    appendNumber(out, v);
    return out;
}

std::string integerArray(const std::vector<Mmsi>& values) {
    std::string out = "{";
    for (const Mmsi v : values) {
        if (out.size() > 1) out += ',';
        out += std::to_string(v);
    }
    return out + "}";
}

constexpr const char* kCopyFixes =
    "COPY ais_fixes (mmsi, time, lat, lon, sog, cog, heading, nav_status, msg_type) FROM STDIN";

constexpr const char* kStaticLoad = R"sql(
CREATE TEMP TABLE ais_static_load (
  mmsi integer, name text, callsign text, imo bigint, ship_type integer, to_bow integer,
  to_stern integer, to_port integer, to_starboard integer, draught real, destination text,
  class_b boolean) ON COMMIT DROP
)sql";

// The GeoPackage archive's merge rule (ais/archive.cpp, and ais::mergeStatic): a field a
// report does not carry keeps what was known.
constexpr const char* kStaticMerge = R"sql(
INSERT INTO ais_static AS s (mmsi, name, callsign, imo, ship_type, to_bow, to_stern, to_port,
  to_starboard, draught, destination, class_b)
SELECT mmsi, name, callsign, imo, ship_type, to_bow, to_stern, to_port, to_starboard, draught,
  destination, class_b FROM ais_static_load
ON CONFLICT (mmsi) DO UPDATE SET
  name = coalesce(nullif(excluded.name, ''), s.name),
  callsign = coalesce(nullif(excluded.callsign, ''), s.callsign),
  imo = coalesce(nullif(excluded.imo, 0), s.imo),
  ship_type = coalesce(nullif(excluded.ship_type, 0), s.ship_type),
  to_bow = CASE WHEN excluded.to_bow + excluded.to_stern + excluded.to_port
    + excluded.to_starboard > 0 THEN excluded.to_bow ELSE s.to_bow END,
  to_stern = CASE WHEN excluded.to_bow + excluded.to_stern + excluded.to_port
    + excluded.to_starboard > 0 THEN excluded.to_stern ELSE s.to_stern END,
  to_port = CASE WHEN excluded.to_bow + excluded.to_stern + excluded.to_port
    + excluded.to_starboard > 0 THEN excluded.to_port ELSE s.to_port END,
  to_starboard = CASE WHEN excluded.to_bow + excluded.to_stern + excluded.to_port
    + excluded.to_starboard > 0 THEN excluded.to_starboard ELSE s.to_starboard END,
  draught = coalesce(excluded.draught, s.draught),
  destination = coalesce(nullif(excluded.destination, ''), s.destination),
  class_b = s.class_b OR excluded.class_b,
  updated_at = now()
)sql";

// Writes a log's records inside the import's transaction: fixes in COPY chunks, each chunk's
// new days made partitions just before it; static reports folded per vessel in file order
// (the merge rule is a fold, so one merged row per vessel equals merging every report).
class PgArchiveSink : public ais::ArchiveLogSink {
  public:
    PgArchiveSink(PgConnection& conn, std::size_t rowsPerCopy)
        : conn_(conn), rowsPerCopy_(rowsPerCopy == 0 ? 1 : rowsPerCopy) {
        copy_.reserve(rowsPerCopy_ * 96);
    }

    Status addFix(const ais::PositionFix& f) override {
        const std::int64_t day = utcDay(f.time);
        if (!madeDays_.contains(day)) newDays_.insert(day);
        copy_ += std::to_string(f.mmsi);
        copy_ += '\t';
        copy_ += time::formatIso8601(f.time);
        copy_ += '\t';
        appendNumber(copy_, f.lat);
        copy_ += '\t';
        appendNumber(copy_, f.lon);
        for (const float v : {f.speedKn, f.courseDeg, f.headingDeg}) {
            copy_ += '\t';
            appendTenths(copy_, v);
        }
        copy_ += '\t';
        copy_ += std::to_string(f.navStatus);
        copy_ += '\t';
        copy_ += std::to_string(f.messageType);
        copy_ += '\n';
        if (++rows_ >= rowsPerCopy_) return flush();
        return {};
    }

    Status addStatic(const ais::VesselStatic& report) override {
        ais::mergeStatic(statics_[report.mmsi], report);
        return {};
    }

    // Sends the fixes still buffered.
    Status flush() {
        if (rows_ == 0) return {};
        if (!newDays_.empty()) {
            std::string days = "{";
            for (const std::int64_t d : newDays_) {
                if (days.size() > 1) days += ',';
                days += time::formatDate(d * time::kMillisPerDay);
            }
            days += '}';
            PgFailure failure;
            auto made = conn_.exec("SELECT ais_fixes_partitions($1::date[])", {days}, &failure);
            if (!made) return makeError(explain(failure, made.error()));
            madeDays_.insert(newDays_.begin(), newDays_.end());
            newDays_.clear();
        }
        PgFailure failure;
        if (auto ok = conn_.copyIn(kCopyFixes, copy_, &failure); !ok) {
            return makeError(explain(failure, "COPY failed: " + ok.error()));
        }
        copy_.clear();
        rows_ = 0;
        return {};
    }

    Status writeStatics() {
        if (statics_.empty()) return {};
        std::string rows;
        rows.reserve(statics_.size() * 64);
        for (const auto& [mmsi, v] : statics_) {
            rows += std::to_string(mmsi);
            for (const std::string* text : {&v.name, &v.callsign}) {
                rows += '\t';
                appendCopyEscaped(rows, *text);
            }
            for (const long long n :
                 {static_cast<long long>(v.imo), static_cast<long long>(v.shipType),
                  static_cast<long long>(v.toBow), static_cast<long long>(v.toStern),
                  static_cast<long long>(v.toPort), static_cast<long long>(v.toStarboard)}) {
                rows += '\t';
                rows += std::to_string(n);
            }
            rows += '\t';
            appendTenths(rows, v.draughtM);
            rows += '\t';
            appendCopyEscaped(rows, v.destination);
            rows += v.classB ? "\tt\n" : "\tf\n";
        }
        PgFailure failure;
        if (auto ok = conn_.execScript(kStaticLoad, &failure); !ok) {
            return makeError(explain(failure, ok.error()));
        }
        if (auto ok = conn_.copyIn("COPY ais_static_load FROM STDIN", rows, &failure); !ok) {
            return makeError(explain(failure, "COPY failed: " + ok.error()));
        }
        if (auto ok = conn_.execScript(kStaticMerge, &failure); !ok) {
            return makeError(explain(failure, ok.error()));
        }
        return {};
    }

    std::string explain(const PgFailure& failure, const std::string& message) const {
        if (failure.kind == FailureKind::NoRights) {
            return "role \"" + conn_.user() +
                   "\" may not write the AIS archive (run seawatch station add " + conn_.user() +
                   ")";
        }
        return message;
    }

  private:
    PgConnection& conn_;
    std::size_t rowsPerCopy_;
    std::string copy_;
    std::size_t rows_ = 0;
    std::set<std::int64_t> madeDays_;
    std::set<std::int64_t> newDays_;
    std::map<Mmsi, ais::VesselStatic> statics_;
};

// Registers the file in the import's transaction. False: the same content is archived
// already (or is being archived by an import that committed while this one waited).
Result<bool> claimImport(PgConnection& conn, const std::string& hash, const std::string& path,
                         std::uint64_t& linesBefore) {
    PgFailure failure;
    auto claimed = conn.exec(
        "INSERT INTO ais_imports (content_hash, path) VALUES ($1, $2) "
        "ON CONFLICT (content_hash) DO NOTHING RETURNING 1",
        {hash, path}, &failure);
    if (!claimed) {
        if (failure.kind == FailureKind::NoRights) {
            return makeError("role \"" + conn.user() +
                             "\" may not write the AIS archive (run seawatch station add " +
                             conn.user() + ")");
        }
        return makeError(claimed.error());
    }
    if (claimed->rows() == 1) return true;
    auto before = conn.exec("SELECT lines FROM ais_imports WHERE content_hash = $1", {hash});
    if (!before) return makeError(before.error());
    linesBefore = before->rows() == 1 ? static_cast<std::uint64_t>(before->integer(0, 0)) : 0;
    return false;
}

}  // namespace

Result<ais::ImportReport> importAisLog(PgConnection& conn, const std::string& path,
                                       const PgArchiveImportOptions& options) {
    auto hash = ais::archiveContentHash(path);
    if (!hash) return makeError(hash.error());
    if (auto ok = conn.execScript("BEGIN"); !ok) return makeError(ok.error());
    auto fail = [&conn](const std::string& message) -> Result<ais::ImportReport> {
        (void)conn.execScript("ROLLBACK");
        return makeError(message);
    };
    std::uint64_t linesBefore = 0;
    auto claimed = claimImport(conn, *hash, path, linesBefore);
    if (!claimed) return fail(claimed.error());
    if (!*claimed) {
        (void)conn.execScript("ROLLBACK");
        ais::ImportReport report;
        report.path = path;
        report.alreadyComplete = true;
        report.linesSkipped = linesBefore;
        return report;
    }
    PgArchiveSink sink(conn, options.rowsPerCopy);
    auto report = ais::readArchiveLog(path, options.log, 0, sink);
    if (!report) return fail(report.error());
    const bool nothingDated = report->fixesStored == 0 && report->untimedMessages > 0;
    if (report->stoppedEarly || nothingDated) {
        // Interrupted on purpose, or nothing could be dated: nothing is kept, so the same
        // file imports in full later (with --start or --mtime for an undated log).
        (void)conn.execScript("ROLLBACK");
        return report;
    }
    if (auto ok = sink.flush(); !ok) return fail(path + ": " + ok.error());
    if (auto ok = sink.writeStatics(); !ok) return fail(path + ": " + ok.error());
    auto recorded = conn.exec(
        "UPDATE ais_imports SET lines = $2::bigint, fixes = $3::bigint, "
        "static_reports = $4::bigint WHERE content_hash = $1",
        {*hash, std::to_string(report->linesRead), std::to_string(report->fixesStored),
         std::to_string(report->staticStored)});
    if (!recorded) return fail(path + ": " + recorded.error());
    if (auto ok = conn.execScript("COMMIT"); !ok) return makeError(path + ": " + ok.error());
    return report;
}

Result<ais::ArchiveQueryResult> queryAisArchive(PgConnection& conn, const ais::ArchiveQuery& q) {
    PgFailure failure;
    // A station whose grants were taken away hears it in the words of the import.
    const auto explain = [&conn, &failure](const std::string& message) {
        if (failure.kind != FailureKind::NoRights) return message;
        return "role \"" + conn.user() + "\" may not read the AIS archive (run seawatch " +
               "station add " + conn.user() + ")";
    };
    ais::ArchiveQueryResult result;
    // Asked of the catalog: a fix needs a day to be in, and reading ais_fixes itself would
    // open every day of the archive, which a fresh connection pays for on each query.
    auto present = conn.exec(
        "SELECT EXISTS (SELECT 1 FROM ais_imports) OR EXISTS (SELECT 1 FROM pg_inherits "
        "WHERE inhparent = 'public.ais_fixes'::regclass)",
        {}, &failure);
    if (!present) return makeError(explain(present.error()));
    result.archivePresent = present->text(0, 0) == "t";
    if (!result.archivePresent) return result;

    std::string sql =
        "SELECT mmsi, (extract(epoch FROM time) * 1000)::bigint, lat, lon, sog, cog, heading "
        "FROM ais_fixes WHERE true";
    std::vector<std::optional<std::string>> params;
    auto param = [&params](std::string value) {
        params.emplace_back(std::move(value));
        // Built in two steps: "$" + std::to_string(…) trips a GCC 12 -Wrestrict false alarm.
        std::string placeholder = "$";
        placeholder += std::to_string(params.size());
        return placeholder;
    };
    // The window is on the partition key, so it also prunes the days outside it.
    if (q.from) sql += " AND time >= " + param(time::formatIso8601(*q.from)) + "::timestamptz";
    if (q.to) sql += " AND time <= " + param(time::formatIso8601(*q.to)) + "::timestamptz";
    if (q.box) {
        const std::string w = param(number(q.box->west)) + "::float8";
        const std::string s = param(number(q.box->south)) + "::float8";
        const std::string e = param(number(q.box->east)) + "::float8";
        const std::string n = param(number(q.box->north)) + "::float8";
        // && finds candidates through the GiST index; the plain comparisons are the exact,
        // inclusive test the GeoPackage archive makes. Across the antimeridian the box is
        // its two halves.
        if (q.box->west <= q.box->east) {
            sql += " AND geom && ST_MakeEnvelope(" + w + ", " + s + ", " + e + ", " + n +
                   ", 4326) AND lon BETWEEN " + w + " AND " + e;
        } else {
            sql += " AND (geom && ST_MakeEnvelope(" + w + ", " + s + ", 180, " + n +
                   ", 4326) OR geom && ST_MakeEnvelope(-180, " + s + ", " + e + ", " + n +
                   ", 4326)) AND (lon >= " + w + " OR lon <= " + e + ")";
        }
        sql += " AND lat BETWEEN " + s + " AND " + n;
    }
    if (!q.mmsi.empty()) sql += " AND mmsi = ANY(" + param(integerArray(q.mmsi)) + "::integer[])";
    sql += " ORDER BY mmsi, time";
    auto rows = conn.exec(sql, params, &failure);
    if (!rows) return makeError(explain(rows.error()));
    const auto optionalFloat = [&rows](int row, int column) {
        return rows->isNull(row, column) ? kUnknown : static_cast<float>(rows->real(row, column));
    };
    result.fixes.reserve(static_cast<std::size_t>(rows->rows()));
    std::vector<Mmsi> vessels;
    for (int i = 0; i < rows->rows(); ++i) {
        ais::ArchivedFix f;
        f.mmsi = static_cast<Mmsi>(rows->integer(i, 0));
        f.time = rows->integer(i, 1);
        f.lat = rows->real(i, 2);
        f.lon = rows->real(i, 3);
        f.speedKn = optionalFloat(i, 4);
        f.courseDeg = optionalFloat(i, 5);
        f.headingDeg = optionalFloat(i, 6);
        if (vessels.empty() || vessels.back() != f.mmsi) vessels.push_back(f.mmsi);
        result.fixes.push_back(f);
    }
    if (vessels.empty()) return result;
    auto names = conn.exec(
        "SELECT mmsi, name FROM ais_static WHERE mmsi = ANY($1::integer[]) "
        "AND name IS NOT NULL AND name <> '' ORDER BY mmsi",
        {integerArray(vessels)}, &failure);
    if (!names) return makeError(explain(names.error()));
    result.names.reserve(static_cast<std::size_t>(names->rows()));
    for (int i = 0; i < names->rows(); ++i) {
        result.names.emplace_back(static_cast<Mmsi>(names->integer(i, 0)),
                                  std::string(names->text(i, 1)));
    }
    if (q.withStatics) {
        auto statics = conn.exec(
            "SELECT mmsi, name, callsign, imo, ship_type, to_bow, to_stern, to_port, "
            "to_starboard, draught, destination, class_b FROM ais_static "
            "WHERE mmsi = ANY($1::integer[]) ORDER BY mmsi",
            {integerArray(vessels)}, &failure);
        if (!statics) return makeError(explain(statics.error()));
        const auto count = [&statics](int row, int column) {
            return static_cast<int>(statics->integer(row, column));  // NULL reads as 0
        };
        result.statics.reserve(static_cast<std::size_t>(statics->rows()));
        for (int i = 0; i < statics->rows(); ++i) {
            ais::VesselStatic v;
            v.mmsi = static_cast<Mmsi>(statics->integer(i, 0));
            v.name = statics->text(i, 1);
            v.callsign = statics->text(i, 2);
            v.imo = static_cast<std::uint32_t>(statics->integer(i, 3));
            v.shipType = count(i, 4);
            v.toBow = count(i, 5);
            v.toStern = count(i, 6);
            v.toPort = count(i, 7);
            v.toStarboard = count(i, 8);
            v.draughtM = statics->isNull(i, 9) ? kUnknown : static_cast<float>(statics->real(i, 9));
            v.destination = statics->text(i, 10);
            v.classB = statics->text(i, 11) == "t";
            result.statics.push_back(std::move(v));
        }
    }
    return result;
}

Result<std::uint64_t> archivedFixCount(PgConnection& conn) {
    auto rows = conn.exec("SELECT count(*) FROM ais_fixes");
    if (!rows) return makeError(rows.error());
    return static_cast<std::uint64_t>(rows->integer(0, 0));
}

}  // namespace seawatch::station
