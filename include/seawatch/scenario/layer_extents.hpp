#pragma once
// What each map layer covers at the picture's time, for the Layers panel's "Zoom to layer":
// computed here from the core objects the overlays draw (no GL), so the console's zoom and
// the tests agree on what "the layer" is. Each returns nothing when the layer shows nothing
// at `now`; a single point still gets a small box (geo::ExtentBuilder).
#include <functional>
#include <optional>
#include <span>

#include "seawatch/ais/track_store.hpp"
#include "seawatch/analytics/alert_filter.hpp"
#include "seawatch/analytics/event.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/scenario/scenario.hpp"
#include "seawatch/time/utc.hpp"
#include "seawatch/zones/zone.hpp"

namespace seawatch::scenario {

// Where the vessels are at `now` (interpolated, or dead-reckoned a little past a fix).
std::optional<geo::GeoBox> vesselsExtent(const ais::TrackStore& store, time::UnixMillis now);

// The trails: every fix in [now - trailMs, now] and where each vessel is at `now`.
std::optional<geo::GeoBox> trailsExtent(const ais::TrackStore& store, time::UnixMillis now,
                                        time::UnixMillis trailMs);

// Incidents that have happened by `now` (markers and density alike).
std::optional<geo::GeoBox> incidentsExtent(const incidents::IncidentColumns& columns,
                                           time::UnixMillis now);

// The alerts the query keeps (the map shows those of the last kAlertMapWindow).
std::optional<geo::GeoBox> alertsExtent(std::span<const analytics::Event> events,
                                        const analytics::AlertQuery& query);

// Annotations shown at `now`, a range ring with its outer ring, not only its centre.
std::optional<geo::GeoBox> annotationsExtent(std::span<const Annotation> annotations,
                                             time::UnixMillis now);

// The zones `shown` keeps (valid at the time, of a kind not hidden), point zones included.
std::optional<geo::GeoBox> zonesExtent(std::span<const zones::Zone> zones,
                                       const std::function<bool(const zones::Zone&)>& shown);

}  // namespace seawatch::scenario
