#pragma once
// The map viewport: which part of the Web Mercator plane is on screen, and how big.
// Screen coordinates are pixels with y down from the top-left corner. This is the only
// place where screen and map coordinates meet, so the console, headless renders and the
// tests that check "the vessel is at this pixel" all agree.
#include <vector>

#include "seawatch/geo/geo.hpp"

namespace seawatch::geo {

struct ScreenPoint {
    double x = 0.0;
    double y = 0.0;
};

class MapView {
  public:
    MapView() = default;
    MapView(Mercator center, double metresPerPixel, int widthPx, int heightPx);

    // The view that shows all of `box` in a widthPx x heightPx image with square pixels;
    // the box is widened in one direction to keep the aspect ratio.
    static MapView fitting(const GeoBox& box, int widthPx, int heightPx);

    Mercator center() const { return center_; }
    double metresPerPixel() const { return metresPerPixel_; }
    int widthPx() const { return widthPx_; }
    int heightPx() const { return heightPx_; }

    ScreenPoint toScreen(Mercator m) const;
    ScreenPoint toScreen(LonLat p) const { return toScreen(geo::toMercator(p)); }
    Mercator toMercator(ScreenPoint s) const;
    LonLat toLonLat(ScreenPoint s) const { return fromMercator(toMercator(s)); }

    MercatorBox visibleMercator() const;
    GeoBox visibleBox() const { return fromMercatorBox(visibleMercator()); }

    void resize(int widthPx, int heightPx);
    void panPixels(double dx, double dy);
    // Zooms by `factor` (> 1 zooms in) keeping the map point under `anchor` fixed.
    void zoomAround(ScreenPoint anchor, double factor);
    void setCenter(Mercator c) {
        center_ = c;
        clamp();
    }
    void setMetresPerPixel(double mpp) {
        metresPerPixel_ = mpp;
        clamp();
    }

    // Nautical miles per pixel at the view's centre latitude (Mercator scale varies).
    double nauticalMilesPerPixel() const;

    // Smoothly interpolates between two views (for fly-to in presenter mode), t in [0, 1].
    static MapView interpolate(const MapView& from, const MapView& to, double t);

  private:
    void clamp();
    Mercator center_{};
    double metresPerPixel_ = 1000.0;
    int widthPx_ = 1;
    int heightPx_ = 1;
};

// Graticule spacing in degrees for a view, so that lines fall about every 100-200 px.
double graticuleStepDeg(const MapView& view, double targetSpacingPx = 160.0);

// A scale bar: a round length in nautical miles and its length in pixels.
struct ScaleBar {
    double nauticalMiles = 0.0;
    double lengthPx = 0.0;
};
ScaleBar chooseScaleBar(const MapView& view, double maxLengthPx = 160.0);

// "12°30'N" style label for a graticule line at `deg`, with minutes only when needed.
std::string graticuleLabel(double deg, bool latitude);

}  // namespace seawatch::geo
