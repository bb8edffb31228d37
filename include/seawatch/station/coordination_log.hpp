#pragma once
// The coordination log, in the manner of MERCURY: short dated entries, optionally placed on
// the map, released to every station or to named groups, optionally pointing at an incident,
// a vessel (MMSI) or an alert.
//
// Who wrote an entry is the PostgreSQL role of the connection (`current_user`), stamped by the
// server; the client never says. Entries carry a client-made UUID, so sending one twice (a
// resend after a lost reply, or a queued entry sent on reconnect) stores it once.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/station/arrival_cursor.hpp"
#include "seawatch/station/pg.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::station {

struct LogEntry {
    std::string id;       // UUID, made by the client
    std::string station;  // filled by the server; empty in a post
    time::UnixMillis time = 0;
    std::string text;
    std::optional<double> lat;
    std::optional<double> lon;
    std::vector<std::string> releasableTo{"all"};
    std::string ref;       // "", "incident:REF", "mmsi:NNNNNNNNN" or "alert:ID"
    std::int64_t seq = 0;  // server arrival order; 0 in a post
};

// A random (version 4) UUID in its canonical text form.
std::string makeUuid();

// Checks the user-facing fields before anything is sent: text length, position range,
// reference form, group names. Returns one sentence naming the field.
Status validateEntry(const LogEntry& entry);

// Parsers for the command line and the console's post form.
Result<std::vector<std::string>> parseReleasability(std::string_view text);  // "all" | "a,b"
Result<std::pair<double, double>> parseLatLon(std::string_view text);        // "LAT,LON"
Status validateRef(std::string_view ref);

// Stores the entry; sending the same id again changes nothing (returns false then).
Result<bool> postEntry(PgConnection& conn, const LogEntry& entry, PgFailure* failure = nullptr);

// Reads what the connection's role may see, in arrival order, and then only what is new:
// nothing committed is ever skipped, nothing is delivered twice (see ArrivalCursor).
class LogCursor {
  public:
    // Entries at or after `since`; with no `since`, the last `lastN` (0 = all).
    Result<std::vector<LogEntry>> start(PgConnection& conn, std::optional<time::UnixMillis> since,
                                        std::size_t lastN, PgFailure* failure = nullptr);
    // Everything that became visible since the previous call.
    Result<std::vector<LogEntry>> fetchNew(PgConnection& conn, PgFailure* failure = nullptr);

  private:
    ArrivalCursor cursor_{"coordination_log", kLogColumns};
    static const char* const kLogColumns;
};

// Subscribes the connection to new-entry notifications (LISTEN seawatch_log).
Status listenForLog(PgConnection& conn);

// Output, the same for `seawatch log tail` and the console's copy button.
void writeLogJsonLine(std::ostream& out, const LogEntry& entry);
void writeLogTableHeader(std::ostream& out);
void writeLogTableRow(std::ostream& out, const LogEntry& entry);

}  // namespace seawatch::station
