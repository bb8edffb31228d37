#pragma once
// The AIS archive in a workspace (seawatch/workspace), beside other domains' tables, versioned
// as the "ais" component of the workspace's migrations.
//
// Tables (stable: other readers, such as archive queries, rely on these names and columns;
// change them only through a new migration):
//   ais_positions(id INTEGER PRIMARY KEY, mmsi INTEGER, time_ms INTEGER [Unix ms], lat REAL,
//                 lon REAL, sog REAL [kn], cog REAL [deg], heading REAL [deg],
//                 nav_status INTEGER, msg_type INTEGER)
//                 index ais_positions_time(time_ms); NULL = not available
//   ais_positions_rtree(id = ais_positions.id, t0, t1 [Unix s], lat0, lat1, lon0, lon1):
//                 an R*Tree kept in step by triggers (schema version 2), read by
//                 ais query (archive_query.hpp)
//   ais_static(mmsi INTEGER PRIMARY KEY, name, callsign, imo, ship_type, to_bow, to_stern,
//              to_port, to_starboard, draught REAL [m], destination, class_b 0/1)
//   ais_import_progress(content_hash TEXT PRIMARY KEY, path, lines_done, complete 0/1)
//
// Re-importing a file adds nothing and an interrupted import resumes: each file is
// identified by a hash of its content, and its progress (lines committed) is stored in
// the same transaction as each batch of rows.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "seawatch/ais/decoder.hpp"
#include "seawatch/ais/track_store.hpp"
#include "seawatch/common/result.hpp"
#include "seawatch/workspace/workspace.hpp"

namespace seawatch::ais {

struct ImportReport {
    std::string path;
    std::uint64_t linesRead = 0;     // lines read in this run (after any resume point)
    std::uint64_t linesSkipped = 0;  // lines already imported by an earlier run
    std::uint64_t fixesStored = 0;
    std::uint64_t staticStored = 0;
    std::uint64_t untimedMessages = 0;  // decoded but no time anywhere in the stream
    bool alreadyComplete = false;       // the same content was imported before
    bool stoppedEarly = false;          // ImportOptions::stopAfterLines was reached
    DecodeStats decode;
};

struct ImportOptions {
    std::size_t batchLines = 100000;  // lines per transaction
    // Stop after this many lines (0 = all); used to test resuming an interrupted import.
    std::uint64_t stopAfterLines = 0;
    // For logs with no time in them: a message with no time of its own or from the stream
    // is dated untimedStart + (line - 1) * untimedIntervalMs (line 1-based, so a resumed
    // import dates each line the same way).
    std::optional<time::UnixMillis> untimedStart;
    time::UnixMillis untimedIntervalMs = 1000;
};

// What an archive store does with a log's records (readArchiveLog), so that every store (the
// workspace's here, the shared station's in station/pg_archive.hpp) reads a log one way.
class ArchiveLogSink {
  public:
    virtual ~ArchiveLogSink() = default;
    virtual Status addFix(const PositionFix& fix) = 0;
    virtual Status addStatic(const VesselStatic& report) = 0;
    // After each line read past the resume point: where a store may commit a batch.
    virtual Status lineDone(std::uint64_t /*lineNo*/) { return {}; }
};

// Reads the log at `path` as `ais import` does: the same dating rules (ImportOptions), the
// same counts in the report, fixes and static reports handed to `sink` in file order. Lines
// up to `resumeAfterLine` are decoded (they feed the decoder's clock and multi-part state)
// but not handed over. Stops after options.stopAfterLines lines when set.
Result<ImportReport> readArchiveLog(const std::string& path, const ImportOptions& options,
                                    std::uint64_t resumeAfterLine, ArchiveLogSink& sink);

// The content hash `ais import` recognises a file by ("<64-bit hex>-<size>").
Result<std::string> archiveContentHash(const std::string& path);

class AisArchive {
  public:
    // Read-write runs the archive's migrations; read-only checks that the tables are there.
    static Result<AisArchive> open(const workspace::Location& location,
                                   workspace::Access access = workspace::Access::ReadWrite);
    AisArchive(AisArchive&&) noexcept;
    AisArchive& operator=(AisArchive&&) noexcept;
    ~AisArchive();

    Result<ImportReport> importFile(const std::string& path, const ImportOptions& options = {});

    // Loads fixes with time in [tFrom, tTo] (and static data for those vessels).
    Result<std::size_t> loadWindow(time::UnixMillis tFrom, time::UnixMillis tTo, TrackStore& store,
                                   std::optional<geo::GeoBox> box = std::nullopt) const;

    Result<std::uint64_t> positionCount() const;
    Result<std::uint64_t> staticCount() const;

  private:
    struct Impl;
    explicit AisArchive(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The archive's migrations on a GeoPackage workspace (exposed for tests of the schema history).
const std::vector<workspace::Migration>& archiveMigrations();

}  // namespace seawatch::ais
