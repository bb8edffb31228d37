#include "seawatch/ais/vessel_picking.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>

namespace seawatch::ais {

std::optional<PickedVessel> pickVessel(const TrackStore& store, const geo::MapView& view,
                                       geo::ScreenPoint point, double radiusPx,
                                       time::UnixMillis t) {
    std::optional<PickedVessel> best;
    double bestSq = radiusPx * radiusPx;
    for (std::size_t i = 0; i < store.vesselCount(); ++i) {
        const auto state = store.stateAt(i, t);
        if (!state) continue;
        const geo::ScreenPoint s = view.toScreen(geo::LonLat{state->lon, state->lat});
        const double dx = s.x - point.x;
        const double dy = s.y - point.y;
        const double dSq = dx * dx + dy * dy;
        if (dSq > bestSq) continue;
        bestSq = dSq;
        best = PickedVessel{i, store.mmsiAt(i), std::sqrt(dSq), *state};
    }
    return best;
}

namespace {

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool containsIgnoringCase(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return true;
    if (needle.size() > haystack.size()) return false;
    const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                                [](char a, char b) { return lower(a) == lower(b); });
    return it != haystack.end();
}

// -1, 0, 1 comparing names ignoring case; an empty name is greater than any name.
int compareNames(const std::string& a, const std::string& b) {
    if (a.empty() != b.empty()) return a.empty() ? 1 : -1;
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const char ca = lower(a[i]);
        const char cb = lower(b[i]);
        if (ca != cb) return ca < cb ? -1 : 1;
    }
    if (a.size() == b.size()) return 0;
    return a.size() < b.size() ? -1 : 1;
}

}  // namespace

bool matchesVesselSearch(const VesselStatic& info, Mmsi mmsi, std::string_view search) {
    // Surrounding spaces come from typing, not from intent.
    while (!search.empty() && search.front() == ' ') search.remove_prefix(1);
    while (!search.empty() && search.back() == ' ') search.remove_suffix(1);
    if (search.empty()) return true;
    if (containsIgnoringCase(info.name, search)) return true;
    if (containsIgnoringCase(info.callsign, search)) return true;
    return std::to_string(mmsi).find(search) != std::string::npos;
}

void buildVesselList(const TrackStore& store, time::UnixMillis now, const VesselListQuery& query,
                     std::vector<VesselListRow>& rows) {
    rows.clear();
    for (std::size_t i = 0; i < store.vesselCount(); ++i) {
        const Mmsi mmsi = store.mmsiAt(i);
        if (!matchesVesselSearch(store.staticData(i), mmsi, query.search)) continue;
        VesselListRow row{i, mmsi, kUnknown, 0, false};
        if (const auto state = store.stateAt(i, now)) {
            row.hasState = true;
            row.speedKn = state->speedKn;
            row.fixAgeMs = now - state->lastFixTime;
        } else {
            // Before its first fix the vessel is "in the future": sort it as the oldest.
            row.fixAgeMs = std::numeric_limits<time::UnixMillis>::max();
        }
        rows.push_back(row);
    }
    // Each comparison returns <0, 0, >0 in ascending order; unknowns always sort last, even
    // when descending, so the interesting rows stay on top.
    auto compare = [&](const VesselListRow& a, const VesselListRow& b) -> int {
        switch (query.key) {
            case VesselSortKey::Name:
                return compareNames(store.staticData(a.index).name, store.staticData(b.index).name);
            case VesselSortKey::MmsiNumber:
                return a.mmsi < b.mmsi ? -1 : (a.mmsi > b.mmsi ? 1 : 0);
            case VesselSortKey::Type: {
                const int ta = store.staticData(a.index).shipType;
                const int tb = store.staticData(b.index).shipType;
                return ta < tb ? -1 : (ta > tb ? 1 : 0);
            }
            case VesselSortKey::Speed:
                return a.speedKn < b.speedKn ? -1 : (a.speedKn > b.speedKn ? 1 : 0);
            case VesselSortKey::FixAge:
                return a.fixAgeMs < b.fixAgeMs ? -1 : (a.fixAgeMs > b.fixAgeMs ? 1 : 0);
        }
        return 0;
    };
    auto unknown = [&](const VesselListRow& r) {
        switch (query.key) {
            case VesselSortKey::Name:
                return store.staticData(r.index).name.empty();
            case VesselSortKey::Type:
                return store.staticData(r.index).shipType == 0;
            case VesselSortKey::Speed:
                return !isKnown(r.speedKn);
            case VesselSortKey::FixAge:
                return !r.hasState;
            case VesselSortKey::MmsiNumber:
                return false;
        }
        return false;
    };
    std::sort(rows.begin(), rows.end(), [&](const VesselListRow& a, const VesselListRow& b) {
        const bool ua = unknown(a);
        const bool ub = unknown(b);
        if (ua != ub) return ub;
        if (!ua) {
            const int c = compare(a, b);
            if (c != 0) return query.descending ? c > 0 : c < 0;
        }
        return a.mmsi < b.mmsi;
    });
}

void MessageRateMeter::sample(double clockSeconds, std::uint64_t totalMessages) {
    samples_.push_back({clockSeconds, totalMessages});
    // Keep one sample at or before the window start, so the rate spans the whole window.
    while (samples_.size() > 2 && samples_[1].seconds <= clockSeconds - windowSeconds_)
        samples_.pop_front();
}

double MessageRateMeter::ratePerSecond() const {
    if (samples_.size() < 2) return 0.0;
    const Sample& first = samples_.front();
    const Sample& last = samples_.back();
    const double span = last.seconds - first.seconds;
    if (span <= 0.0) return 0.0;
    return static_cast<double>(last.total - first.total) / span;
}

}  // namespace seawatch::ais
