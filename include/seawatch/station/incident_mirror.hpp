#pragma once
// A live local copy of a station's incidents, for the console opened on a station
// (`seawatch --workspace postgresql://…`): the incidents panel, markers and heatmap read a
// GeoPackage as they do on one desk, and this keeps that GeoPackage equal to the station's
// `incidents` layer.
//
// - New and changed incidents arrive within a second: LISTEN seawatch_incidents, then an
//   ArrivalCursor over `seq` (schema version 6), which never skips a late commit.
// - The first copy is fetched in pages of a few thousand, so a million incidents never sit
//   in memory at once. Where the copy got to is written in the same transaction as the rows,
//   so a restart fetches only what is new, and a crash leaves the copy consistent.
// - While the server is away the copy stays readable; the link reconnects with back-off and
//   carries on. A refused password or a missing schema stops it for good, with one sentence.
// - The copy is keyed as the station is, by (source, source_ref); its local ids are its own.
//   Incidents are added and changed on a station, never deleted, so nothing is removed here.
//
// Threading: open() starts one worker thread, which alone writes the copy, on its own SQLite
// connection (readers use theirs; WAL lets both go on). drainChanges() and state() are called
// from one other thread (the console's UI thread) and only touch data behind a mutex; they
// never block on the network or the disk. The destructor stops and joins the worker within
// about a quarter of a second (a connect attempt in progress can take up to its timeout).
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "seawatch/common/result.hpp"

namespace seawatch::station {

struct MirrorState {
    std::string status;       // the last connection news ("connected to …", "…; retrying")
    bool live = false;        // caught up and following
    std::int64_t copied = 0;  // incidents added to or changed in the copy since open()
    std::string failed;       // set when following stopped for good
};

// Where the console keeps the copy of `target`'s incidents: userDataDir()/stations/NAME.gpkg,
// NAME made from the target without its password (letters, digits, '-', '.', '_').
std::filesystem::path mirrorPathFor(const std::string& target);

class IncidentMirror {
  public:
    // Creates or opens the copy at `copyPath` (a seawatch workspace; the incidents layer is
    // made when missing) before it returns, so a reader can open it at once; then starts
    // following `target` (a postgresql:// URI or libpq words, no password).
    static Result<std::unique_ptr<IncidentMirror>> open(const std::string& target,
                                                        const std::filesystem::path& copyPath);
    ~IncidentMirror();
    IncidentMirror(const IncidentMirror&) = delete;
    IncidentMirror& operator=(const IncidentMirror&) = delete;

    // Incidents added to or changed in the copy since the last call (0: nothing to re-read).
    std::int64_t drainChanges();
    // Whether drainChanges() has something, without taking it.
    bool hasChanges() const;
    MirrorState state() const;
    const std::filesystem::path& copyPath() const { return copyPath_; }

    // Only open() makes mirrors (the thread starts there); the key keeps the constructor so.
    class Key {
        friend class IncidentMirror;
        Key() = default;
    };
    IncidentMirror(Key, std::string target, std::filesystem::path copyPath);

  private:
    struct Worker;
    void run();
    void report(const std::string& status, bool live);

    const std::string target_;
    const std::filesystem::path copyPath_;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    MirrorState state_;
    std::int64_t undrained_ = 0;
    std::unique_ptr<Worker> worker_;  // the worker thread's alone once it runs
    std::thread thread_;
};

}  // namespace seawatch::station
