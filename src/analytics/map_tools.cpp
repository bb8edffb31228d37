#include "seawatch/analytics/map_tools.hpp"

#include <fmt/format.h>

namespace seawatch::analytics {

namespace {

// Where a tool point is at `now`: a vessel's position then, or the fixed point. Nothing
// for a vessel with no state at that time (before its first fix, or evicted).
std::optional<geo::LonLat> locate(const ToolPoint& p, const ais::TrackStore& tracks,
                                  time::UnixMillis now) {
    if (!p.vessel) return p.fixed;
    const auto s = tracks.stateAtMmsi(*p.vessel, now);
    if (!s) return std::nullopt;
    return geo::LonLat{s->lon, s->lat};
}

std::string vesselLabel(const ais::TrackStore& tracks, ais::Mmsi mmsi) {
    if (const auto i = tracks.indexOf(mmsi); i && !tracks.staticData(*i).name.empty())
        return tracks.staticData(*i).name;
    return std::to_string(mmsi);
}

void addProblem(std::string& problems, const std::string& text) {
    if (!problems.empty()) problems += "; ";
    problems += text;
}

}  // namespace

const char* mapToolName(MapTool tool) {
    switch (tool) {
        case MapTool::None:
            return "None";
        case MapTool::Measure:
            return "Measure";
        case MapTool::EblVrm:
            return "EBL/VRM";
        case MapTool::Cpa:
            return "CPA";
    }
    return "?";
}

bool MapTools::click(geo::LonLat where, std::optional<ais::Mmsi> vessel,
                     const ais::TrackStore& tracks, time::UnixMillis now) {
    ToolPoint p{where, vessel};
    // A vessel's point is where the vessel is, not the pixel clicked beside its symbol; it
    // is also kept as the fallback should the vessel later have no position.
    if (vessel)
        if (const auto at = locate(p, tracks, now)) p.fixed = *at;
    switch (active_) {
        case MapTool::None:
            return false;
        case MapTool::Measure:
            clickMeasure(p);
            return true;
        case MapTool::EblVrm:
            clickEblVrm(p, tracks, now);
            return true;
        case MapTool::Cpa:
            clickCpa(vessel);
            return true;
    }
    return false;
}

// First click: the start; second: the end; a third starts a new measurement.
void MapTools::clickMeasure(const ToolPoint& p) {
    if (!measureFrom_ || measureTo_) {
        measureFrom_ = p;
        measureTo_.reset();
    } else {
        measureTo_ = p;
    }
}

// First click: the origin; second: the bearing and range through that point; a third
// starts again from a new origin. Kept as bearing and range, not as the clicked point, so
// an EBL/VRM on a vessel moves with it.
void MapTools::clickEblVrm(const ToolPoint& p, const ais::TrackStore& tracks,
                           time::UnixMillis now) {
    if (!ebl_.origin || ebl_.placed) {
        ebl_ = EblVrm{};
        ebl_.origin = p;
        return;
    }
    // From where the origin is at the click: a vessel origin has moved since it was picked.
    const geo::LonLat origin = locate(*ebl_.origin, tracks, now).value_or(ebl_.origin->fixed);
    const geo::RangeBearing rb = geo::rangeBearing(origin, p.fixed);
    ebl_.bearingDeg = rb.bearingDeg;
    ebl_.rangeNm = rb.rangeNm;
    ebl_.placed = true;
}

// Vessels only: the first, then the second; a third vessel starts a new pair. A click on
// open water is taken (the tool is active) but changes nothing.
void MapTools::clickCpa(std::optional<ais::Mmsi> vessel) {
    if (!vessel) return;
    if (!cpaFirst_ || cpaSecond_) {
        cpaFirst_ = vessel;
        cpaSecond_.reset();
    } else if (*vessel != *cpaFirst_) {
        cpaSecond_ = vessel;
    }
}

void MapTools::eblVrmFromVessel(ais::Mmsi vessel) {
    ebl_ = EblVrm{};
    ebl_.origin = ToolPoint{{}, vessel};
}

void MapTools::setEblBearing(double bearingDeg) {
    if (!ebl_.origin) return;
    ebl_.bearingDeg = geo::normalizeBearing(bearingDeg);
    ebl_.placed = true;
}

void MapTools::setVrmRange(double rangeNm) {
    if (!ebl_.origin || rangeNm < 0.0) return;
    ebl_.rangeNm = rangeNm;
    ebl_.placed = true;
}

void MapTools::setCpaPair(ais::Mmsi first, ais::Mmsi second) {
    if (first == second) return;
    cpaFirst_ = first;
    cpaSecond_ = second;
}

void MapTools::clear(MapTool tool) {
    switch (tool) {
        case MapTool::None:
            break;
        case MapTool::Measure:
            measureFrom_.reset();
            measureTo_.reset();
            break;
        case MapTool::EblVrm:
            ebl_ = EblVrm{};
            break;
        case MapTool::Cpa:
            cpaFirst_.reset();
            cpaSecond_.reset();
            break;
    }
}

void MapTools::clearAll() {
    clear(MapTool::Measure);
    clear(MapTool::EblVrm);
    clear(MapTool::Cpa);
}

ToolReadouts MapTools::readouts(const ais::TrackStore& tracks, time::UnixMillis now) const {
    ToolReadouts out;
    if (measureFrom_) {
        const auto from = locate(*measureFrom_, tracks, now);
        const std::optional<geo::LonLat> to =
            measureTo_ ? locate(*measureTo_, tracks, now) : cursor_;
        if (from && to) {
            MeasureReadout m;
            m.from = *from;
            m.to = *to;
            m.rb = geo::rangeBearing(*from, *to);
            m.complete = measureTo_.has_value();
            out.measure = m;
        } else if (!from || measureTo_) {
            addProblem(out.problem, "measure: a vessel it was set on has no position now");
        }
    }
    if (ebl_.origin) {
        const auto origin = locate(*ebl_.origin, tracks, now);
        if (!origin) {
            addProblem(out.problem, "EBL/VRM: " + vesselLabel(tracks, *ebl_.origin->vessel) +
                                        " has no position now");
        } else if (ebl_.placed || cursor_) {
            EblVrmReadout e;
            e.origin = *origin;
            e.originVessel = ebl_.origin->vessel;
            e.placed = ebl_.placed;
            if (ebl_.placed) {
                e.bearingDeg = ebl_.bearingDeg;
                e.rangeNm = ebl_.rangeNm;
            } else {
                const geo::RangeBearing rb = geo::rangeBearing(*origin, *cursor_);
                e.bearingDeg = rb.bearingDeg;
                e.rangeNm = rb.rangeNm;
            }
            out.eblVrm = e;
        }
    }
    if (cpaFirst_ && cpaSecond_) {
        if (auto line = predictCpaLine(tracks, *cpaFirst_, *cpaSecond_, now)) {
            CpaToolReadout c;
            c.first = *cpaFirst_;
            c.second = *cpaSecond_;
            c.line = *line;
            c.now = geo::rangeBearing(line->firstNow, line->secondNow);
            out.cpa = c;
        } else {
            addProblem(
                out.problem,
                fmt::format("CPA: no position, course or speed now for {} or {}",
                            vesselLabel(tracks, *cpaFirst_), vesselLabel(tracks, *cpaSecond_)));
        }
    }
    switch (active_) {
        case MapTool::None:
            break;
        case MapTool::Measure:
            out.prompt = !measureFrom_ ? "Click the first point (a vessel to follow it)"
                         : !measureTo_ ? "Click the second point (a vessel to follow it)"
                                       : "Click to start a new measurement";
            break;
        case MapTool::EblVrm:
            out.prompt = !ebl_.origin   ? "Click the origin (a vessel to follow it)"
                         : !ebl_.placed ? "Click to set the bearing and range, or type them in"
                                        : "Click a new origin, or type the bearing and range";
            break;
        case MapTool::Cpa:
            out.prompt = !cpaFirst_    ? "Click the first vessel"
                         : !cpaSecond_ ? "Click the second vessel"
                                       : "Click a vessel to start a new pair";
            break;
    }
    return out;
}

std::optional<std::string> relativeToSelected(const ais::TrackStore& tracks, ais::Mmsi selected,
                                              ais::Mmsi other, time::UnixMillis now) {
    if (selected == other) return std::nullopt;
    const auto line = predictCpaLine(tracks, selected, other, now);
    if (!line) return std::nullopt;
    return formatCpa(line->cpa) + " \xC2\xB7 " +
           geo::formatRangeBearing(geo::rangeBearing(line->firstNow, line->secondNow));
}

}  // namespace seawatch::analytics
