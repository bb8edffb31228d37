#pragma once
// Shared by the render tests: a headless context made once per test binary, and colour
// classification of rendered pixels.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include "seawatch/charts/chart.hpp"
#include "seawatch/geo/map_view.hpp"
#include "seawatch/render/headless_context.hpp"

namespace seawatch::testing {

// Skips (with the reason) when no EGL context can be made, which is not a test failure of
// seawatch: `seawatch render` reports that case with exit code 3, tested separately.
inline render::HeadlessContext* headlessContextOrSkip() {
    static auto context = render::HeadlessContext::create();
    if (!context) return nullptr;
    return context->get();
}

struct Pixel {
    int r, g, b, a;
};

inline Pixel pixelAt(const charts::RgbaImage& image, const geo::MapView& view, geo::LonLat p) {
    const geo::ScreenPoint s = view.toScreen(p);
    const int x = static_cast<int>(s.x);
    const int y = static_cast<int>(s.y);
    const auto* px = image.pixels.data() + (static_cast<std::size_t>(y) * image.width + x) * 4;
    return {px[0], px[1], px[2], px[3]};
}

// Buff land (warm: red well above blue) vs pale sea (cool: blue above red).
inline bool isLandColoured(Pixel p) {
    return p.r > 200 && p.r - p.b > 25;
}
inline bool isSeaColoured(Pixel p) {
    return p.b > 200 && p.b - p.r > 10;
}

}  // namespace seawatch::testing
