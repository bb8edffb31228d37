#include "seawatch/ui/layer_model.hpp"

#include <algorithm>

namespace seawatch::ui {

const char* zoneKindLayerName(zones::ZoneKind kind) {
    switch (kind) {
        case zones::ZoneKind::CorridorLane:
            return "Corridor lanes";
        case zones::ZoneKind::RiskArea:
            return "Risk areas";
        case zones::ZoneKind::ReportingArea:
            return "Reporting areas";
        case zones::ZoneKind::PatrolSector:
            return "Patrol sectors";
        case zones::ZoneKind::Exclusion:
            return "Exclusion zones";
        case zones::ZoneKind::Anchorage:
            return "Anchorages";
        case zones::ZoneKind::Custom:
            return "Other zones";
    }
    return "Zones";
}

void ChartStatus::openFailed(std::string path, std::string reason) {
    const auto same = [&](const ChartFailure& f) { return f.path == path; };
    failures_.erase(std::remove_if(failures_.begin(), failures_.end(), same), failures_.end());
    readErrors_.erase(path);
    failures_.push_back({std::move(path), std::move(reason)});
}

void ChartStatus::opened(const std::string& path) {
    failures_.erase(std::remove_if(failures_.begin(), failures_.end(),
                                   [&](const ChartFailure& f) { return f.path == path; }),
                    failures_.end());
    readErrors_.erase(path);
}

void ChartStatus::dismiss(const std::string& path) {
    failures_.erase(std::remove_if(failures_.begin(), failures_.end(),
                                   [&](const ChartFailure& f) { return f.path == path; }),
                    failures_.end());
}

bool ChartStatus::noteLoggedError(std::string_view message,
                                  std::span<const std::string> chartPaths) {
    // gdal_init logs "<path>: <GDAL's message>"; the longest matching path wins, so
    // "a/b.tif" is not taken for "a/b.tif.ovr".
    const std::string* best = nullptr;
    for (const std::string& path : chartPaths) {
        if (path.empty() || message.size() < path.size() + 2) continue;
        if (message.compare(0, path.size(), path) != 0) continue;
        if (message.compare(path.size(), 2, ": ") != 0) continue;
        if (!best || path.size() > best->size()) best = &path;
    }
    if (!best) return false;
    readErrors_[*best] = std::string(message.substr(best->size() + 2));
    return true;
}

std::optional<std::string> ChartStatus::readError(const std::string& path) const {
    const auto it = readErrors_.find(path);
    if (it == readErrors_.end()) return std::nullopt;
    return it->second;
}

}  // namespace seawatch::ui
