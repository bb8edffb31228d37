#pragma once
// Live alerts and their acknowledgements on a station (schema version 3): the SQL side of
// station::AlertLink, usable on its own (tests, batch commands).
//
// An alert is named by its event line (analytics::toJsonLine), so stations that run the
// same analytics on the same feed store one row and share its acknowledgements. Who raised
// or acknowledged it is the connection's role, stamped by the server.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/analytics/event.hpp"
#include "seawatch/common/result.hpp"
#include "seawatch/station/arrival_cursor.hpp"
#include "seawatch/station/pg.hpp"

namespace seawatch::station {

struct StationAlert {
    std::string event;  // the event line: the key
    std::string type;   // "cpa", "loitering", …
    time::UnixMillis time = 0;
    std::optional<double> lat;
    std::optional<double> lon;
    std::vector<std::string> releasableTo{"all"};
    std::string raisedBy;  // filled by the server
};

struct StationAck {
    std::string id;       // UUID made by the client: a resend is stored once
    std::string event;    // the alert's event line
    std::string station;  // filled by the server
    std::string by;       // who, at that station
    time::UnixMillis at = 0;
    std::int64_t seq = 0;  // server arrival order; 0 before it is stored
};

StationAlert stationAlertFrom(const analytics::Event& event,
                              const std::vector<std::string>& releasableTo);

// Store once: sending the same alert or acknowledgement again changes nothing (false then).
// An acknowledgement needs its alert stored first.
Result<bool> storeAlert(PgConnection& conn, const StationAlert& alert,
                        PgFailure* failure = nullptr);
Result<bool> storeAck(PgConnection& conn, const StationAck& ack, PgFailure* failure = nullptr);

// The alerts the connection's role may see, oldest first.
Result<std::vector<StationAlert>> listAlerts(PgConnection& conn, PgFailure* failure = nullptr);

// Acknowledgements the role may see, in arrival order, then only the new ones.
class AckCursor {
  public:
    // Those the server received at or after `since` (its clock, not the stations').
    Result<std::vector<StationAck>> start(PgConnection& conn, time::UnixMillis since,
                                          PgFailure* failure = nullptr);
    Result<std::vector<StationAck>> fetchNew(PgConnection& conn, PgFailure* failure = nullptr);

  private:
    ArrivalCursor cursor_{"alert_acks",
                          "seq, id::text, event, station, acknowledged_by, "
                          "(extract(epoch FROM acknowledged_at) * 1000)::bigint"};
};

// LISTEN seawatch_alert_acks: a notification (no payload) for every stored acknowledgement.
Status listenForAlertAcks(PgConnection& conn);

// The outbox keeps queued alerts and acknowledgements as JSON.
std::string alertPayload(const StationAlert& alert);
Result<StationAlert> alertFromPayload(std::string_view payload);
std::string ackPayload(const StationAck& ack);
Result<StationAck> ackFromPayload(std::string_view payload);

}  // namespace seawatch::station
