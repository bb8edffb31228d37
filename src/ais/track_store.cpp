#include "seawatch/ais/track_store.hpp"

#include <algorithm>
#include <cmath>

namespace seawatch::ais {
namespace {

constexpr std::uint16_t kNoValue = 0xFFFF;
constexpr double kDegToUnits = 1e7;

std::int32_t toUnits(double deg) {
    return static_cast<std::int32_t>(std::lround(deg * kDegToUnits));
}
double fromUnits(std::int32_t u) {
    return u / kDegToUnits;
}

std::uint16_t packTenths(float v) {
    if (!isKnown(v) || v < 0) return kNoValue;
    return static_cast<std::uint16_t>(std::min(65534L, std::lround(v * 10.0F)));
}
float unpackTenths(std::uint16_t v) {
    return v == kNoValue ? kUnknown : static_cast<float>(v) / 10.0F;
}

// Interpolates an angle the short way round.
float lerpAngle(float a, float b, double f) {
    if (!isKnown(a) || !isKnown(b)) return f < 0.5 ? a : b;
    double d = std::fmod(static_cast<double>(b - a) + 540.0, 360.0) - 180.0;
    double r = std::fmod(a + d * f + 360.0, 360.0);
    return static_cast<float>(r);
}

}  // namespace

TrackStore::Track& TrackStore::trackFor(Mmsi mmsi) {
    const auto [it, inserted] = index_.try_emplace(mmsi, tracks_.size());
    if (inserted) {
        tracks_.emplace_back();
        tracks_.back().mmsi = mmsi;
        tracks_.back().info.mmsi = mmsi;
    }
    return tracks_[it->second];
}

bool TrackStore::addFix(const PositionFix& fix) {
    if (fix.mmsi == 0 || !isKnown(fix.lat) || !isKnown(fix.lon)) return false;
    if (fix.lat < -90 || fix.lat > 90 || fix.lon < -180 || fix.lon > 180) return false;
    if (options_.ingestFilter && !options_.ingestFilter->contains({fix.lon, fix.lat})) return false;
    Track& tr = trackFor(fix.mmsi);
    latestTime_ = std::max(latestTime_, fix.time);
    auto pos = tr.time.end();
    if (!tr.time.empty() && fix.time <= tr.time.back()) {
        pos = std::lower_bound(tr.time.begin(), tr.time.end(), fix.time);
    }
    const auto i = static_cast<std::size_t>(pos - tr.time.begin());
    const bool replace = pos != tr.time.end() && *pos == fix.time;
    const std::int32_t lat = toUnits(fix.lat);
    const std::int32_t lon = toUnits(fix.lon);
    const std::uint16_t sog = packTenths(fix.speedKn);
    const std::uint16_t cog = packTenths(fix.courseDeg);
    const std::uint16_t hdg = packTenths(fix.headingDeg);
    if (replace) {
        tr.lat[i] = lat;
        tr.lon[i] = lon;
        tr.sog[i] = sog;
        tr.cog[i] = cog;
        tr.heading[i] = hdg;
        tr.status[i] = fix.navStatus;
        ++revision_;
        return true;
    }
    const auto at = [i](auto& v) { return v.begin() + static_cast<std::ptrdiff_t>(i); };
    tr.time.insert(at(tr.time), fix.time);
    tr.lat.insert(at(tr.lat), lat);
    tr.lon.insert(at(tr.lon), lon);
    tr.sog.insert(at(tr.sog), sog);
    tr.cog.insert(at(tr.cog), cog);
    tr.heading.insert(at(tr.heading), hdg);
    tr.status.insert(at(tr.status), fix.navStatus);
    ++totalFixes_;
    ++revision_;
    return true;
}

void TrackStore::mergeStatic(const VesselStatic& v) {
    if (v.mmsi == 0) return;
    Track& tr = trackFor(v.mmsi);
    tr.staticHeard = latestTime_;
    ais::mergeStatic(tr.info, v);
    ++revision_;
}

void TrackStore::ingest(const AisMessage& m, time::UnixMillis receivedAt) {
    if (auto fix = timedFix(m, receivedAt)) addFix(*fix);
    if (auto st = toVesselStatic(m)) {
        // Static data never creates a vessel the geographic filter would exclude.
        if (!options_.ingestFilter || indexOf(st->mmsi)) mergeStatic(*st);
    }
}

std::optional<std::size_t> TrackStore::indexOf(Mmsi mmsi) const {
    const auto it = index_.find(mmsi);
    if (it == index_.end()) return std::nullopt;
    return it->second;
}

PositionFix TrackStore::fixAt(std::size_t index, std::size_t i) const {
    const Track& tr = tracks_[index];
    PositionFix f;
    f.mmsi = tr.mmsi;
    f.time = tr.time[i];
    f.lat = fromUnits(tr.lat[i]);
    f.lon = fromUnits(tr.lon[i]);
    f.speedKn = unpackTenths(tr.sog[i]);
    f.courseDeg = unpackTenths(tr.cog[i]);
    f.headingDeg = unpackTenths(tr.heading[i]);
    f.navStatus = tr.status[i];
    return f;
}

double TrackStore::trackLengthNm(std::size_t index) const {
    const Track& tr = tracks_[index];
    double nm = 0;
    for (std::size_t i = 1; i < tr.time.size(); ++i)
        nm += geo::distanceNm({fromUnits(tr.lon[i - 1]), fromUnits(tr.lat[i - 1])},
                              {fromUnits(tr.lon[i]), fromUnits(tr.lat[i])});
    return nm;
}

std::optional<VesselState> TrackStore::stateAt(std::size_t index, time::UnixMillis t) const {
    if (index >= tracks_.size()) return std::nullopt;
    const Track& tr = tracks_[index];
    if (tr.time.empty() || t < tr.time.front()) return std::nullopt;
    const auto hi = std::upper_bound(tr.time.begin(), tr.time.end(), t);
    const std::size_t j = static_cast<std::size_t>(hi - tr.time.begin());  // first fix after t
    const std::size_t i = j - 1;  // last fix at or before t
    const PositionFix a = fixAt(index, i);
    VesselState s;
    s.mmsi = tr.mmsi;
    s.time = t;
    s.lastFixTime = a.time;
    s.lat = a.lat;
    s.lon = a.lon;
    s.speedKn = a.speedKn;
    s.courseDeg = a.courseDeg;
    s.headingDeg = a.headingDeg;
    s.navStatus = a.navStatus;
    if (t == a.time) {
        s.kind = StateKind::Exact;
        return s;
    }
    if (j < tr.time.size()) {
        const PositionFix b = fixAt(index, j);
        const double f = static_cast<double>(t - a.time) / static_cast<double>(b.time - a.time);
        double dLon = b.lon - a.lon;
        if (dLon > 180) dLon -= 360;  // across the antimeridian, go the short way
        if (dLon < -180) dLon += 360;
        s.lat = a.lat + (b.lat - a.lat) * f;
        s.lon = a.lon + dLon * f;
        if (s.lon > 180) s.lon -= 360;
        if (s.lon < -180) s.lon += 360;
        if (isKnown(a.speedKn) && isKnown(b.speedKn))
            s.speedKn = static_cast<float>(a.speedKn + (b.speedKn - a.speedKn) * f);
        s.courseDeg = lerpAngle(a.courseDeg, b.courseDeg, f);
        s.headingDeg = lerpAngle(a.headingDeg, b.headingDeg, f);
        s.kind = StateKind::Interpolated;
        return s;
    }
    const time::UnixMillis dt = t - a.time;
    if (dt > options_.deadReckonLimitMs || !isKnown(a.speedKn) || !isKnown(a.courseDeg) ||
        a.speedKn < 0.1F) {
        s.kind = dt > options_.deadReckonLimitMs ? StateKind::Held : StateKind::DeadReckoned;
        return s;
    }
    const double distance = a.speedKn * (static_cast<double>(dt) / time::kMillisPerHour);
    const geo::LonLat p = geo::destination({a.lon, a.lat}, a.courseDeg, distance);
    s.lat = p.lat;
    s.lon = p.lon;
    s.kind = StateKind::DeadReckoned;
    return s;
}

std::optional<VesselState> TrackStore::stateAtMmsi(Mmsi mmsi, time::UnixMillis t) const {
    const auto i = indexOf(mmsi);
    if (!i) return std::nullopt;
    return stateAt(*i, t);
}

void TrackStore::statesAt(time::UnixMillis t, std::vector<VesselState>& out) const {
    out.clear();
    for (std::size_t i = 0; i < tracks_.size(); ++i)
        if (auto s = stateAt(i, t)) out.push_back(*s);
}

template <typename Project>
void TrackStore::decimate(const Track& tr, time::UnixMillis tFrom, time::UnixMillis tTo,
                          double minStep, Project&& project, std::vector<TrailPoint>& out) const {
    out.clear();
    auto it = std::lower_bound(tr.time.begin(), tr.time.end(), tFrom);
    const auto end = std::upper_bound(it, tr.time.end(), tTo);
    if (it == end) return;
    std::size_t i = static_cast<std::size_t>(it - tr.time.begin());
    const std::size_t last = static_cast<std::size_t>(end - tr.time.begin()) - 1;
    TrailPoint kept = project(fromUnits(tr.lon[i]), fromUnits(tr.lat[i]));
    kept.time = tr.time[i];
    out.push_back(kept);
    for (++i; i <= last; ++i) {
        TrailPoint p = project(fromUnits(tr.lon[i]), fromUnits(tr.lat[i]));
        p.time = tr.time[i];
        // Keep a vertex once it is a pixel away from the last one kept; always keep the end.
        if (std::fabs(p.x - kept.x) >= minStep || std::fabs(p.y - kept.y) >= minStep || i == last) {
            out.push_back(p);
            kept = p;
        }
    }
}

void TrackStore::decimatedTrail(std::size_t index, time::UnixMillis tFrom, time::UnixMillis tTo,
                                double pixelSizeDeg, std::vector<TrailPoint>& out) const {
    decimate(
        tracks_[index], tFrom, tTo, pixelSizeDeg,
        [](double lon, double lat) {
            return TrailPoint{lon, lat, 0};
        },
        out);
}

void TrackStore::decimatedTrail(std::size_t index, time::UnixMillis tFrom, time::UnixMillis tTo,
                                const std::function<TrailPoint(double, double)>& toPixels,
                                std::vector<TrailPoint>& out) const {
    decimate(tracks_[index], tFrom, tTo, 1.0, toPixels, out);
}

std::size_t TrackStore::evictStale(time::UnixMillis now) {
    std::size_t removed = 0;
    for (std::size_t i = 0; i < tracks_.size();) {
        const Track& tr = tracks_[i];
        const time::UnixMillis heard = std::max(tr.staticHeard, lastFixTime(i));
        const bool stale = heard == kNoTime || now - heard > options_.staleAfterMs;
        if (!stale) {
            ++i;
            continue;
        }
        totalFixes_ -= tr.time.size();
        index_.erase(tr.mmsi);
        if (i + 1 != tracks_.size()) {
            tracks_[i] = std::move(tracks_.back());
            index_[tracks_[i].mmsi] = i;
        }
        tracks_.pop_back();
        ++removed;
    }
    if (removed > 0) ++revision_;
    return removed;
}

std::size_t TrackStore::fixMemoryBytes() const {
    std::size_t bytes = 0;
    for (const Track& tr : tracks_) {
        bytes += tr.time.capacity() * sizeof(time::UnixMillis) +
                 (tr.lat.capacity() + tr.lon.capacity()) * sizeof(std::int32_t) +
                 (tr.sog.capacity() + tr.cog.capacity() + tr.heading.capacity()) *
                     sizeof(std::uint16_t) +
                 tr.status.capacity();
    }
    return bytes;
}

void TrackStore::compact() {
    for (Track& tr : tracks_) {
        tr.time.shrink_to_fit();
        tr.lat.shrink_to_fit();
        tr.lon.shrink_to_fit();
        tr.sog.shrink_to_fit();
        tr.cog.shrink_to_fit();
        tr.heading.shrink_to_fit();
        tr.status.shrink_to_fit();
    }
}

void TrackStore::clear() {
    tracks_.clear();
    index_.clear();
    totalFixes_ = 0;
    latestTime_ = kNoTime;
    ++revision_;
}

void TrackInbox::push(const PositionFix& fix) {
    const std::lock_guard lock(mutex_);
    items_.fixes.push_back(fix);
    ++pushed_;
}

void TrackInbox::push(const VesselStatic& v) {
    const std::lock_guard lock(mutex_);
    items_.statics.push_back(v);
    ++pushed_;
}

void TrackInbox::pushBatch(InboxBatch& batch) {
    if (batch.empty()) return;
    const std::size_t n = batch.size();
    {
        const std::lock_guard lock(mutex_);
        if (items_.empty()) {
            // The common case when the UI keeps up: hand the vectors over instead of copying.
            std::swap(items_, batch);
        } else {
            items_.fixes.insert(items_.fixes.end(), batch.fixes.begin(), batch.fixes.end());
            items_.statics.insert(items_.statics.end(), batch.statics.begin(), batch.statics.end());
        }
        pushed_ += n;
    }
    batch.clear();
}

void TrackInbox::takeAll(InboxBatch& out) {
    out.clear();
    // Swap under the lock so feeds are never blocked while the store is updated.
    const std::lock_guard lock(mutex_);
    std::swap(items_, out);
}

std::size_t storeBatch(const InboxBatch& batch, TrackStore& store) {
    for (const auto& f : batch.fixes) store.addFix(f);
    for (const auto& s : batch.statics) {
        if (!store.options().ingestFilter || store.indexOf(s.mmsi)) store.mergeStatic(s);
    }
    return batch.size();
}

std::size_t TrackInbox::drainInto(TrackStore& store) {
    InboxBatch taken;
    takeAll(taken);
    return storeBatch(taken, store);
}

std::uint64_t TrackInbox::totalPushed() const {
    const std::lock_guard lock(mutex_);
    return pushed_;
}

}  // namespace seawatch::ais
