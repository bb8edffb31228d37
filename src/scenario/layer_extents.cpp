#include "seawatch/scenario/layer_extents.hpp"

#include <algorithm>

#include "seawatch/geo/extent.hpp"
#include "seawatch/incidents/clustering.hpp"

namespace seawatch::scenario {

std::optional<geo::GeoBox> vesselsExtent(const ais::TrackStore& store, time::UnixMillis now) {
    geo::ExtentBuilder e;
    for (std::size_t i = 0; i < store.vesselCount(); ++i)
        if (const auto s = store.stateAt(i, now)) e.add(s->lon, s->lat);
    return e.result();
}

std::optional<geo::GeoBox> trailsExtent(const ais::TrackStore& store, time::UnixMillis now,
                                        time::UnixMillis trailMs) {
    geo::ExtentBuilder e;
    const time::UnixMillis from = now - std::max<time::UnixMillis>(trailMs, 0);
    for (std::size_t i = 0; i < store.vesselCount(); ++i) {
        const auto state = store.stateAt(i, now);
        if (!state) continue;  // no symbol, so no trail either
        e.add(state->lon, state->lat);
        // Fixes are in time order: walk back from the newest until the trail's start.
        for (std::size_t k = store.fixCount(i); k-- > 0;) {
            const ais::PositionFix fix = store.fixAt(i, k);
            if (fix.time < from) break;
            if (fix.time <= now) e.add(fix.lon, fix.lat);
        }
    }
    return e.result();
}

std::optional<geo::GeoBox> incidentsExtent(const incidents::IncidentColumns& columns,
                                           time::UnixMillis now) {
    geo::ExtentBuilder e;
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (incidents::shownAt(columns, i, now)) e.add(columns.lon[i], columns.lat[i]);
    return e.result();
}

std::optional<geo::GeoBox> alertsExtent(std::span<const analytics::Event> events,
                                        const analytics::AlertQuery& query) {
    geo::ExtentBuilder e;
    for (std::size_t i : analytics::filterAlerts(events, query))
        e.add(events[i].lon, events[i].lat);
    return e.result();
}

std::optional<geo::GeoBox> annotationsExtent(std::span<const Annotation> annotations,
                                             time::UnixMillis now) {
    geo::ExtentBuilder e;
    for (const Annotation& a : annotations) {
        if (!a.visibleAt(now)) continue;
        for (const geo::LonLat& p : a.points) e.add(p.lon, p.lat);
        if (a.kind != Annotation::Kind::RangeRing || a.points.empty() || a.radiiNm.empty())
            continue;
        const double outer = *std::max_element(a.radiiNm.begin(), a.radiiNm.end());
        for (double bearing : {0.0, 90.0, 180.0, 270.0}) {
            const geo::LonLat edge = geo::destination(a.points.front(), bearing, outer);
            e.add(edge.lon, edge.lat);
        }
    }
    return e.result();
}

std::optional<geo::GeoBox> zonesExtent(std::span<const zones::Zone> zones,
                                       const std::function<bool(const zones::Zone&)>& shown) {
    geo::ExtentBuilder e;
    for (const zones::Zone& zone : zones) {
        if (!shown(zone)) continue;
        const geo::GeoBox b = zone.bounds();
        // A point zone's box has no area but is a place; an empty geometry's is not.
        if (!b.valid() && zone.geometry != zones::GeometryType::Point) continue;
        e.add(b);
    }
    return e.result();
}

}  // namespace seawatch::scenario
