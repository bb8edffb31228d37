#include "seawatch/station/pg_incidents.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "seawatch/incidents/workspace.hpp"

namespace seawatch::station {

namespace {

namespace fs = std::filesystem;
using incidents::Incident;

// COPY's text format: tab-separated, \N for NULL, backslash escapes.
void appendCopyText(std::string& out, std::string_view text) {
    if (text.empty()) {
        out += "\\N";
        return;
    }
    appendCopyEscaped(out, text);
}

void appendNumber(std::string& out, double v) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", v);
    out += text;
}

// One row of incidents_load in COPY's text format; `ord` keeps the file order.
void appendCopyRow(std::string& out, const Incident& r, std::int64_t ord) {
    out += std::to_string(ord);
    out += '\t';
    appendCopyText(out, incidents::sourceName(r.source));
    out += '\t';
    appendCopyText(out, r.sourceRef);
    out += '\t';
    out += std::to_string(r.occurredAt);
    out += r.dateOnly ? "\tt\t" : "\tf\t";
    appendNumber(out, r.lat);
    out += '\t';
    appendNumber(out, r.lon);
    out += '\t';
    appendCopyText(out, incidents::positionPrecisionName(r.positionPrecision));
    out += '\t';
    appendCopyText(out, incidents::categoryName(r.category));
    out += '\t';
    out += std::to_string(static_cast<int>(r.category));
    for (const std::string* text : {&r.vesselName, &r.vesselType, &r.flag}) {
        out += '\t';
        appendCopyText(out, *text);
    }
    out += '\t';
    appendCopyText(out, incidents::vesselStatusName(r.vesselStatus));
    for (const std::string* text :
         {&r.aggressor, &r.narrative, &r.navarea, &r.subregion, &r.sourceNote}) {
        out += '\t';
        appendCopyText(out, *text);
    }
    out += '\t';
    out += std::to_string(r.importedAt);
    out += '\n';
}

std::string copyRows(const std::vector<Incident>& records) {
    std::string out;
    out.reserve(records.size() * 256);
    std::int64_t ord = 0;
    for (const Incident& r : records) appendCopyRow(out, r, ord++);
    return out;
}

// The load table is sorted by `ord` for the insert: in memory, not in 4 MB runs on disk
// (the default work_mem spilled 100k real rows, 54 MB, to a temporary file).
constexpr const char* kLoadTable = R"sql(
SET LOCAL work_mem = '256MB';
CREATE TEMP TABLE incidents_load (
  ord integer, source text, source_ref text, occurred_ms bigint, date_only boolean,
  lat double precision, lon double precision, position_precision text, category text,
  category_code smallint, vessel_name text, vessel_type text, flag text, vessel_status text,
  aggressor text, narrative text, navarea text, subregion text, source_note text,
  imported_ms bigint) ON COMMIT DROP
)sql";

// The rows of incidents_load as new incidents, in file order: the INSERT both merges share.
const std::string kInsertLoaded = R"sql(
  INSERT INTO incidents (geom, source, source_ref, occurred_at, date_only, lat, lon,
    position_precision, category, category_code, vessel_name, vessel_type, flag,
    vessel_status, aggressor, narrative, navarea, subregion, source_note, imported_at)
  SELECT ST_SetSRID(ST_MakePoint(l.lon, l.lat), 4326), l.source, l.source_ref,
    to_timestamp(l.occurred_ms / 1000.0), l.date_only, l.lat, l.lon, l.position_precision,
    l.category, l.category_code, l.vessel_name, l.vessel_type, l.flag, l.vessel_status,
    l.aggressor, l.narrative, l.navarea, l.subregion, l.source_note,
    to_timestamp(l.imported_ms / 1000.0)
  FROM incidents_load l
)sql";

// One statement: the update sees the rows as they were, the insert only pairs not there yet.
const std::string kMerge = R"sql(
WITH changed AS (
  UPDATE incidents i SET
    geom = ST_SetSRID(ST_MakePoint(l.lon, l.lat), 4326),
    occurred_at = to_timestamp(l.occurred_ms / 1000.0), date_only = l.date_only,
    lat = l.lat, lon = l.lon, position_precision = l.position_precision,
    category = l.category, category_code = l.category_code, vessel_name = l.vessel_name,
    vessel_type = l.vessel_type, flag = l.flag, vessel_status = l.vessel_status,
    aggressor = l.aggressor, narrative = l.narrative, navarea = l.navarea,
    subregion = l.subregion, source_note = l.source_note,
    imported_at = to_timestamp(l.imported_ms / 1000.0)
  FROM incidents_load l
  WHERE i.source = l.source AND i.source_ref = l.source_ref
    AND (i.occurred_at, i.date_only, i.lat, i.lon, i.position_precision, i.category_code,
         i.vessel_name, i.vessel_type, i.flag, i.vessel_status, i.aggressor, i.narrative,
         i.navarea, i.subregion, i.source_note)
        IS DISTINCT FROM
        (to_timestamp(l.occurred_ms / 1000.0), l.date_only, l.lat, l.lon, l.position_precision,
         l.category_code, l.vessel_name, l.vessel_type, l.flag, l.vessel_status, l.aggressor,
         l.narrative, l.navarea, l.subregion, l.source_note)
  RETURNING 1),
added AS (
)sql" + kInsertLoaded + R"sql(  WHERE NOT EXISTS (SELECT 1 FROM incidents i
                    WHERE i.source = l.source AND i.source_ref = l.source_ref)
  ORDER BY l.ord
  RETURNING 1)
SELECT (SELECT count(*) FROM changed), (SELECT count(*) FROM added)
)sql";

// Whether any reference in the load table is stored already: one probe of the unique
// (source, source_ref) index per loaded row, stopping at the first hit. Hash and merge joins
// are turned off for it because either reads the whole stored table first (a station with a
// million incidents: 1.8 s to hash them, more than the probes of a 100k-row file).
constexpr const char* kAnyStored = R"sql(
SELECT EXISTS (SELECT 1 FROM incidents_load l
               WHERE EXISTS (SELECT 1 FROM incidents i
                             WHERE i.source = l.source AND i.source_ref = l.source_ref))
)sql";

// The merge when no loaded reference is stored (the usual import of a new export): the
// rows inserted in file order with no update and no anti-join. The merge would hash the
// stored table twice, once for each (30% of its time over a million stored incidents).
// A concurrent import that stores one of these references first makes this fail on the
// unique key, as the merge's INSERT would.
const std::string kInsertAll = R"sql(
WITH added AS (
)sql" + kInsertLoaded + R"sql(  ORDER BY l.ord
  RETURNING 1)
SELECT 0::bigint, (SELECT count(*) FROM added)
)sql";

// When a file holds a reference twice with different contents, its last row wins, as in
// the GeoPackage store (the earlier one would be inserted, then updated).
constexpr const char* kKeepLastOfEachReference = R"sql(
DELETE FROM incidents_load l USING incidents_load m
WHERE m.source = l.source AND m.source_ref = l.source_ref AND m.ord > l.ord
)sql";

// The record's fields in recordFromRow's order; the arrival cursor puts `seq` before them.
constexpr const char* kRecordFields =
    "fid, source, source_ref, (extract(epoch FROM occurred_at) * 1000)::bigint, "
    "date_only, lat, lon, position_precision, category_code, coalesce(vessel_name, ''), "
    "coalesce(vessel_type, ''), coalesce(flag, ''), vessel_status, coalesce(aggressor, ''), "
    "coalesce(narrative, ''), coalesce(navarea, ''), coalesce(subregion, ''), "
    "coalesce(source_note, ''), (extract(epoch FROM imported_at) * 1000)::bigint";

// The record in columns first … first + 18 of `r`.
Incident recordFromRow(const PgResult& r, int row, int first = 0) {
    auto col = [first](int k) { return first + k; };
    Incident i;
    i.id = r.integer(row, col(0));
    i.source = incidents::parseSource(r.text(row, col(1))).value_or(incidents::Source::Manual);
    i.sourceRef = std::string(r.text(row, col(2)));
    i.occurredAt = r.integer(row, col(3));
    i.dateOnly = r.text(row, col(4)) == "t";
    i.lat = r.real(row, col(5));
    i.lon = r.real(row, col(6));
    i.positionPrecision = incidents::parsePositionPrecision(r.text(row, col(7)))
                              .value_or(incidents::PositionPrecision::Exact);
    i.category = static_cast<incidents::Category>(r.integer(row, col(8)));
    i.vesselName = std::string(r.text(row, col(9)));
    i.vesselType = std::string(r.text(row, col(10)));
    i.flag = std::string(r.text(row, col(11)));
    i.vesselStatus = incidents::parseVesselStatus(r.text(row, col(12)))
                         .value_or(incidents::VesselStatus::Unknown);
    i.aggressor = std::string(r.text(row, col(13)));
    i.narrative = std::string(r.text(row, col(14)));
    i.navarea = std::string(r.text(row, col(15)));
    i.subregion = std::string(r.text(row, col(16)));
    i.sourceNote = std::string(r.text(row, col(17)));
    i.importedAt = r.integer(row, col(18));
    return i;
}

// In-file bookkeeping of a streamed import: the content hash of each reference sent, so a
// row repeated unchanged is counted as a duplicate without going to the server, and one
// repeated with changes as an update (the GeoPackage store's counts for the same file).
struct SentReferences {
    std::unordered_map<std::string, std::int64_t> hashes;  // "source\x1fsource_ref" -> hash
    std::int64_t duplicates = 0;                           // repeated unchanged
    std::int64_t replaced = 0;                             // repeated with changes
};

// The merge of what is in incidents_load, then COMMIT. Fills inserted and updated of
// `summary` with the server's counts; the caller adds its in-file counts.
Status mergeLoaded(PgConnection& conn, bool keepLastOfEachReference,
                   incidents::ImportSummary& summary) {
    auto fail = [&conn](const std::string& message) -> Status {
        (void)conn.execScript("ROLLBACK");
        return makeError(message);
    };
    if (keepLastOfEachReference) {
        if (auto ok = conn.execScript(kKeepLastOfEachReference); !ok) return fail(ok.error());
    }
    PgFailure failure;
    // The planner settings hold inside a savepoint only, which the probe (it writes nothing)
    // then rolls back.
    if (auto ok = conn.execScript(
            "SAVEPOINT probe; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off");
        !ok) {
        return fail(ok.error());
    }
    const auto failWith = [&](const std::string& message) {
        if (failure.kind != FailureKind::NoRights) return fail(message);
        return fail("role \"" + conn.user() +
                    "\" may not write incidents (run seawatch station add " + conn.user() + ")");
    };
    auto anyStored = conn.exec(kAnyStored, {}, &failure);
    if (!anyStored) return failWith(anyStored.error());
    if (auto ok = conn.execScript("ROLLBACK TO SAVEPOINT probe; RELEASE SAVEPOINT probe"); !ok) {
        return fail(ok.error());
    }
    const bool merge = anyStored->text(0, 0) == "t";
    auto counts = conn.exec(merge ? kMerge : kInsertAll, {}, &failure);
    if (!counts) return failWith(counts.error());
    if (auto ok = conn.execScript("COMMIT"); !ok) return ok;
    summary.updated = counts->integer(0, 0);
    summary.inserted = counts->integer(0, 1);
    return {};
}

}  // namespace

Status mergeIncidents(PgConnection& conn, const std::vector<Incident>& records,
                      incidents::ImportSummary& summary) {
    if (auto ok = conn.execScript("BEGIN"); !ok) return ok;
    if (auto ok = conn.execScript(kLoadTable); !ok) {
        (void)conn.execScript("ROLLBACK");
        return ok;
    }
    if (auto ok = conn.copyIn("COPY incidents_load FROM STDIN", copyRows(records)); !ok) {
        (void)conn.execScript("ROLLBACK");
        return makeError("COPY failed: " + ok.error());
    }
    if (auto ok = mergeLoaded(conn, false, summary); !ok) return ok;
    summary.duplicate =
        static_cast<std::int64_t>(records.size()) - summary.inserted - summary.updated;
    return {};
}

Result<incidents::ImportSummary> importIncidentsFile(PgConnection& conn, const fs::path& file,
                                                     const incidents::ImportOptions& options) {
    if (auto ok = conn.execScript("BEGIN"); !ok) return makeError(ok.error());
    auto fail = [&conn](const std::string& message) -> Result<incidents::ImportSummary> {
        (void)conn.execScript("ROLLBACK");
        return makeError(message);
    };
    if (auto ok = conn.execScript(kLoadTable); !ok) return fail(ok.error());
    if (auto ok = conn.copyStart("COPY incidents_load FROM STDIN"); !ok) {
        return fail("COPY failed: " + ok.error());
    }
    // Rows go to the server in 1 MiB pieces while the file is read: the server parses one
    // piece while this process reads the next, and neither the file nor its rows are ever
    // held whole (the former path imported into a scratch GeoPackage first, FTS and R*Tree
    // included, and read it back).
    constexpr std::size_t kPiece = std::size_t{1} << 20;
    std::string piece;
    piece.reserve(kPiece + 4096);
    SentReferences sent;
    std::int64_t ord = 0;
    const incidents::IncidentSink toCopy = [&](const Incident& r) {
        incidents::SinkResult result;
        const std::int64_t hash = incidents::incidentContentHash(r);
        std::string key(incidents::sourceName(r.source));
        key += '\x1f';
        key += r.sourceRef;
        auto [at, added] = sent.hashes.try_emplace(std::move(key), hash);
        if (!added) {
            if (at->second == hash) {
                ++sent.duplicates;
                result.outcome = incidents::UpsertOutcome::Duplicate;
                return result;
            }
            at->second = hash;
            ++sent.replaced;
        }
        appendCopyRow(piece, r, ord++);
        if (piece.size() >= kPiece) {
            if (auto ok = conn.copyPut(piece); !ok) {
                result.error = ok.error();
                return result;
            }
            piece.clear();
        }
        result.outcome = incidents::UpsertOutcome::Inserted;  // the merge says which
        return result;
    };
    auto summary = incidents::readIncidentFile(file, options, toCopy);
    Status streamed = summary ? conn.copyPut(piece) : Status{};
    if (!summary || !streamed) {
        const std::string why = summary ? streamed.error() : summary.error();
        (void)conn.copyEnd(why.c_str());
        return fail(why);
    }
    if (auto ok = conn.copyEnd(nullptr); !ok) return fail("COPY failed: " + ok.error());
    if (auto ok = mergeLoaded(conn, sent.replaced > 0, *summary); !ok) {
        return makeError(ok.error());
    }
    // Distinct references sent, less those the merge inserted or changed, were stored as they
    // are; an in-file repeat with changes is an update, as the GeoPackage store counts it.
    const auto distinct = static_cast<std::int64_t>(sent.hashes.size());
    summary->duplicate = sent.duplicates + (distinct - summary->inserted - summary->updated);
    summary->updated += sent.replaced;
    return summary;
}

Result<std::vector<Incident>> queryIncidents(PgConnection& conn,
                                             const incidents::IncidentQuery& q) {
    std::string sql = std::string("SELECT ") + kRecordFields + " FROM incidents WHERE true";
    std::vector<std::optional<std::string>> params;
    auto param = [&params](std::string value) {
        params.emplace_back(std::move(value));
        std::string placeholder = "$";
        placeholder += std::to_string(params.size());
        return placeholder;
    };
    auto number = [](double v) {
        char text[40];
        std::snprintf(text, sizeof text, "%.17g", v);
        return std::string(text);
    };
    if (q.bbox) {
        const std::string w = param(number(q.bbox->west)), s = param(number(q.bbox->south)),
                          e = param(number(q.bbox->east)), n = param(number(q.bbox->north));
        // && uses the GiST index; the plain comparisons keep the GeoPackage store's inclusive
        // edges exactly.
        sql += " AND geom && ST_MakeEnvelope(" + w + "::float8, " + s + "::float8, " + e +
               "::float8, " + n + "::float8, 4326) AND lon >= " + w + "::float8 AND lon <= " + e +
               "::float8 AND lat >= " + s + "::float8 AND lat <= " + n + "::float8";
    }
    if (q.from) {
        sql += " AND occurred_at >= to_timestamp(" + param(std::to_string(*q.from)) +
               "::bigint / 1000.0)";
    }
    if (q.to) {
        sql += " AND occurred_at < to_timestamp(" + param(std::to_string(*q.to)) +
               "::bigint / 1000.0)";
    }
    if (!q.categories.empty()) {
        std::string codes = "{";
        for (std::size_t k = 0; k < q.categories.size(); ++k) {
            if (k > 0) codes += ',';
            codes += std::to_string(static_cast<int>(q.categories[k]));
        }
        sql += " AND category_code = ANY(" + param(codes + "}") + "::smallint[])";
    }
    if (!q.text.empty()) {
        sql +=
            " AND to_tsvector('simple', coalesce(narrative, '') || ' ' || "
            "coalesce(vessel_name, '') || ' ' || coalesce(aggressor, '')) @@ "
            "plainto_tsquery('simple', " +
            param(q.text) + ")";
    }
    sql += " ORDER BY occurred_at, fid";
    if (q.limit > 0) sql += " LIMIT " + param(std::to_string(q.limit)) + "::bigint";
    auto rows = conn.exec(sql, params);
    if (!rows) return makeError(rows.error());
    std::vector<Incident> out;
    out.reserve(static_cast<std::size_t>(rows->rows()));
    for (int i = 0; i < rows->rows(); ++i) out.push_back(recordFromRow(*rows, i));
    return out;
}

// A station that may not read incidents (its grants were taken away) is told so in the words
// of the write path, rather than in the server's "permission denied for table incidents".
std::string readFailure(const PgConnection& conn, const PgFailure& failure,
                        const std::string& message) {
    if (failure.kind != FailureKind::NoRights) return message;
    return "role \"" + conn.user() + "\" may not read incidents (run seawatch station add " +
           conn.user() + ")";
}

Result<std::int64_t> countIncidents(PgConnection& conn) {
    PgFailure failure;
    auto rows = conn.exec("SELECT count(*) FROM incidents", {}, &failure);
    if (!rows) return makeError(readFailure(conn, failure, rows.error()));
    return rows->integer(0, 0);
}

Result<std::map<std::string, std::int64_t>> incidentStats(PgConnection& conn,
                                                          incidents::StatsKey key) {
    // The GeoPackage groups by the text it stores (store.cpp): the first four characters of
    // the ISO date ("%04d" years), the category's name, the subregion or "(none)" (an empty
    // one is stored as NULL on both sides). The server groups by the same values; the year
    // is formatted here, as the GeoPackage wrote it.
    const char* sql = nullptr;
    switch (key) {
        case incidents::StatsKey::Year:
            sql =
                "SELECT extract(year FROM occurred_at AT TIME ZONE 'UTC')::bigint, count(*) "
                "FROM incidents GROUP BY 1";
            break;
        case incidents::StatsKey::Category:
            sql = "SELECT category, count(*) FROM incidents GROUP BY 1";
            break;
        case incidents::StatsKey::Subregion:
            sql = "SELECT coalesce(subregion, '(none)'), count(*) FROM incidents GROUP BY 1";
            break;
    }
    PgFailure failure;
    auto rows = conn.exec(sql, {}, &failure);
    if (!rows) return makeError(readFailure(conn, failure, rows.error()));
    std::map<std::string, std::int64_t> out;
    for (int i = 0; i < rows->rows(); ++i) {
        std::string label(rows->text(i, 0));
        if (key == incidents::StatsKey::Year) {
            char text[24];
            std::snprintf(text, sizeof text, "%04lld", rows->integer(i, 0));
            label = std::string(text).substr(0, 4);
        }
        // Two years can share a label only where the GeoPackage's would too.
        out[label] += rows->integer(i, 1);
    }
    return out;
}

Result<std::vector<Incident>> findIncidentsByReference(PgConnection& conn, std::string_view ref) {
    // As in store_lookup.cpp: a number may be the station's own id as well as a source's
    // reference, and both match.
    std::int64_t id = -1;
    const auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
    const bool numeric = ec == std::errc() && end == ref.data() + ref.size();
    PgFailure failure;
    auto rows = conn.exec(std::string("SELECT ") + kRecordFields +
                              " FROM incidents WHERE source_ref = $1 OR fid = $2::bigint "
                              "ORDER BY fid",
                          {std::string(ref), std::to_string(numeric ? id : -1)}, &failure);
    if (!rows) return makeError(readFailure(conn, failure, rows.error()));
    std::vector<Incident> out;
    out.reserve(static_cast<std::size_t>(rows->rows()));
    for (int i = 0; i < rows->rows(); ++i) out.push_back(recordFromRow(*rows, i));
    return out;
}

std::string incidentArrivalColumns() {
    return std::string("seq, ") + kRecordFields;
}

Incident incidentFromArrivalRow(const PgResult& rows, int row) {
    return recordFromRow(rows, row, 1);
}

Result<PgResult> incidentsAfter(PgConnection& conn, std::int64_t afterSeq, int limit,
                                PgFailure* failure) {
    return conn.exec("SELECT " + incidentArrivalColumns() +
                         " FROM incidents WHERE seq > $1::bigint ORDER BY seq LIMIT $2::int",
                     {std::to_string(afterSeq), std::to_string(limit)}, failure);
}

Status listenForIncidents(PgConnection& conn) {
    return conn.execScript("LISTEN seawatch_incidents");
}

}  // namespace seawatch::station
