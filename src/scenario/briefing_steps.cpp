#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "seawatch/scenario/briefing.hpp"
#include "seawatch/scenario/scene.hpp"

namespace seawatch::scenario {

std::vector<BriefingStep> stepsOf(const Scenario& scenario) {
    std::vector<BriefingStep> out;
    out.reserve(scenario.steps.size());
    View current = scenario.initialView;
    for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
        const Step& step = scenario.steps[i];
        if (step.view) current = *step.view;
        const time::UnixMillis until = i + 1 < scenario.steps.size()
                                           ? scenario.steps[i + 1].time
                                           : std::max(scenario.window.end, step.time);
        out.push_back(BriefingStep{i + 1, step.time, until, current, step.view.has_value(),
                                   step.layers, step.highlight, step.caption, step.notes});
    }
    return out;
}

geo::GeoBox viewBox(const View& view, int widthPx, int heightPx) {
    const double w = std::max(1, widthPx);
    const double h = std::max(1, heightPx);
    geo::MercatorBox m;
    if (view.kind == View::Kind::CentreZoom) {
        // Slippy-map convention: 256-pixel tiles, 2^zoom of them across the world.
        const double metresPerPixel =
            2.0 * geo::kMercatorHalfWorldM / (256.0 * std::pow(2.0, view.zoom));
        const geo::Mercator c = geo::toMercator(view.centre);
        m = {c.x - w / 2 * metresPerPixel, c.y - h / 2 * metresPerPixel,
             c.x + w / 2 * metresPerPixel, c.y + h / 2 * metresPerPixel};
    } else {
        m = geo::toMercatorBox(view.box);
        const double wanted = w / h;
        const double have = m.width() / m.height();
        if (have < wanted) {
            const double grow = (m.height() * wanted - m.width()) / 2;
            m.minX -= grow;
            m.maxX += grow;
        } else {
            const double grow = (m.width() / wanted - m.height()) / 2;
            m.minY -= grow;
            m.maxY += grow;
        }
    }
    m.minX = std::max(m.minX, -geo::kMercatorHalfWorldM);
    m.maxX = std::min(m.maxX, geo::kMercatorHalfWorldM);
    m.minY = std::max(m.minY, -geo::kMercatorHalfWorldM);
    m.maxY = std::min(m.maxY, geo::kMercatorHalfWorldM);
    return geo::fromMercatorBox(m);
}

geo::GeoBox stepFrame(const Scene& scene, const BriefingStep& step, int widthPx, int heightPx) {
    const geo::GeoBox inherited = viewBox(step.view, widthPx, heightPx);
    if (step.ownView) return inherited;
    geo::GeoBox focus{180, 90, -180, -90};
    const auto include = [&](double lon, double lat) {
        focus.west = std::min(focus.west, lon);
        focus.east = std::max(focus.east, lon);
        focus.south = std::min(focus.south, lat);
        focus.north = std::max(focus.north, lat);
    };
    for (ais::Mmsi mmsi : step.highlight.mmsi)
        if (const auto s = scene.tracks.stateAtMmsi(mmsi, step.time)) include(s->lon, s->lat);
    for (const auto& ref : step.highlight.incidents)
        if (const auto* i = scene.findIncident(ref)) include(i->lon, i->lat);
    for (const auto& name : step.highlight.zones) {
        for (const auto& zone : scene.zones) {
            if (zone.name != name) continue;
            const geo::GeoBox b = zone.bounds();
            include(b.west, b.south);
            include(b.east, b.north);
        }
    }
    if (focus.west > focus.east) return inherited;
    // The focus fills about two thirds of the frame, and never less than ~20 nm across.
    const double padLon = std::max((focus.east - focus.west) * 0.25, 0.17);
    const double padLat = std::max((focus.north - focus.south) * 0.25, 0.17);
    View framed;
    framed.box = {focus.west - padLon, focus.south - padLat, focus.east + padLon,
                  focus.north + padLat};
    return viewBox(framed, widthPx, heightPx);
}

Result<std::vector<time::UnixMillis>> frameTimes(TimeSpan span, time::UnixMillis intervalMillis,
                                                 std::size_t maxFrames) {
    if (intervalMillis <= 0) return makeError("frame interval must be > 0");
    if (span.end < span.start) return makeError("frame span ends before it starts");
    const auto whole = static_cast<std::size_t>((span.end - span.start) / intervalMillis);
    const bool tail = (span.end - span.start) % intervalMillis != 0;
    const std::size_t count = whole + 1 + (tail ? 1 : 0);
    if (count > maxFrames) {
        return makeError(
            fmt::format("{} frames asked for, more than the limit of {}; use a "
                        "longer interval",
                        count, maxFrames));
    }
    std::vector<time::UnixMillis> out;
    out.reserve(count);
    for (std::size_t i = 0; i <= whole; ++i) {
        out.push_back(span.start + static_cast<time::UnixMillis>(i) * intervalMillis);
    }
    if (tail) out.push_back(span.end);
    return out;
}

std::string stepImageName(std::size_t stepNumber, std::string_view extension) {
    return fmt::format("step_{:02}.{}", stepNumber, extension);
}

std::string frameImageName(std::size_t frameIndex, std::string_view extension) {
    return fmt::format("frame_{:06}.{}", frameIndex, extension);
}

}  // namespace seawatch::scenario
