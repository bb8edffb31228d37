#include "seawatch/geo/map_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace seawatch::geo {

namespace {
constexpr double kMinMetresPerPixel = 0.05;
constexpr double kMaxMetresPerPixel = 40000.0;
}  // namespace

MapView::MapView(Mercator center, double metresPerPixel, int widthPx, int heightPx)
    : center_(center),
      metresPerPixel_(metresPerPixel),
      widthPx_(std::max(1, widthPx)),
      heightPx_(std::max(1, heightPx)) {
    clamp();
}

MapView MapView::fitting(const GeoBox& box, int widthPx, int heightPx) {
    const MercatorBox m = toMercatorBox(box);
    const double mpp =
        std::max(m.width() / std::max(1, widthPx), m.height() / std::max(1, heightPx));
    return MapView({(m.minX + m.maxX) / 2, (m.minY + m.maxY) / 2}, mpp, widthPx, heightPx);
}

ScreenPoint MapView::toScreen(Mercator m) const {
    return {(m.x - center_.x) / metresPerPixel_ + widthPx_ / 2.0,
            (center_.y - m.y) / metresPerPixel_ + heightPx_ / 2.0};
}

Mercator MapView::toMercator(ScreenPoint s) const {
    return {center_.x + (s.x - widthPx_ / 2.0) * metresPerPixel_,
            center_.y - (s.y - heightPx_ / 2.0) * metresPerPixel_};
}

MercatorBox MapView::visibleMercator() const {
    const double hw = widthPx_ / 2.0 * metresPerPixel_;
    const double hh = heightPx_ / 2.0 * metresPerPixel_;
    return {center_.x - hw, center_.y - hh, center_.x + hw, center_.y + hh};
}

void MapView::resize(int widthPx, int heightPx) {
    widthPx_ = std::max(1, widthPx);
    heightPx_ = std::max(1, heightPx);
}

void MapView::panPixels(double dx, double dy) {
    center_.x -= dx * metresPerPixel_;
    center_.y += dy * metresPerPixel_;
    clamp();
}

void MapView::zoomAround(ScreenPoint anchor, double factor) {
    if (factor <= 0) return;
    const Mercator before = toMercator(anchor);
    metresPerPixel_ = std::clamp(metresPerPixel_ / factor, kMinMetresPerPixel, kMaxMetresPerPixel);
    const Mercator after = toMercator(anchor);
    center_.x += before.x - after.x;
    center_.y += before.y - after.y;
    clamp();
}

double MapView::nauticalMilesPerPixel() const {
    const double lat = fromMercator(center_).lat;
    return metresPerPixel_ * std::cos(lat * kDegToRad) / kMetresPerNauticalMile;
}

MapView MapView::interpolate(const MapView& from, const MapView& to, double t) {
    t = std::clamp(t, 0.0, 1.0);
    const double s = t * t * (3 - 2 * t);  // ease in-out
    // Zoom interpolates in log space so the apparent speed is even.
    const double logMpp =
        std::log(from.metresPerPixel_) * (1 - s) + std::log(to.metresPerPixel_) * s;
    MapView v = to;
    v.center_ = {from.center_.x * (1 - s) + to.center_.x * s,
                 from.center_.y * (1 - s) + to.center_.y * s};
    v.metresPerPixel_ = std::exp(logMpp);
    v.clamp();
    return v;
}

void MapView::clamp() {
    metresPerPixel_ = std::clamp(metresPerPixel_, kMinMetresPerPixel, kMaxMetresPerPixel);
    center_.x = std::clamp(center_.x, -kMercatorHalfWorldM, kMercatorHalfWorldM);
    center_.y = std::clamp(center_.y, -kMercatorHalfWorldM, kMercatorHalfWorldM);
}

double graticuleStepDeg(const MapView& view, double targetSpacingPx) {
    // Degrees of longitude per pixel is constant across a Mercator view.
    const double degPerPx = view.metresPerPixel() / (kWebMercatorRadiusM * kDegToRad);
    const double target = degPerPx * targetSpacingPx;
    static constexpr double kSteps[] = {1.0 / 60, 2.0 / 60, 5.0 / 60, 10.0 / 60, 20.0 / 60, 0.5,
                                        1.0,      2.0,      5.0,      10.0,      20.0,      30.0};
    for (double step : kSteps) {
        if (step >= target) return step;
    }
    return 30.0;
}

ScaleBar chooseScaleBar(const MapView& view, double maxLengthPx) {
    const double nmPerPx = view.nauticalMilesPerPixel();
    const double maxNm = nmPerPx * maxLengthPx;
    static constexpr double kLengths[] = {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1,    2,    5,
                                          10,   20,   50,   100, 200, 500, 1000, 2000, 5000};
    double chosen = kLengths[0];
    for (double len : kLengths) {
        if (len <= maxNm) chosen = len;
    }
    return {chosen, chosen / nmPerPx};
}

std::string graticuleLabel(double deg, bool latitude) {
    const char hemi = latitude ? (deg < 0 ? 'S' : 'N') : (deg < 0 ? 'W' : 'E');
    const double a = std::fabs(deg);
    int d = static_cast<int>(a + 1e-9);
    int m = static_cast<int>(std::lround((a - d) * 60.0));
    if (m == 60) {
        ++d;
        m = 0;
    }
    char buf[32];
    if (m == 0) {
        std::snprintf(buf, sizeof buf, "%d\xC2\xB0%c", d, hemi);
    } else {
        std::snprintf(buf, sizeof buf, "%d\xC2\xB0%02d'%c", d, m, hemi);
    }
    return buf;
}

}  // namespace seawatch::geo
