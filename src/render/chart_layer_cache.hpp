#pragma once
// The chart layers of a still view (and the overlays' GPU passes over them: zone fills) kept
// as a picture, so a frame redrawn for new data (an
// AIS fix, the clock, a hover) copies them back instead of filling land, stroking coasts and
// sampling raster charts again: on llvmpipe the land fill alone is 4-8 ms of a 1280x800
// frame. Chart plotters do the same (OpenCPN keeps its chart in a texture between frames).
//
// A picture is stored only when the same key was drawn the frame before, so a pan or a zoom
// (a new key every frame) never pays for the copy; the third frame of a still view is the
// first one restored. The key holds everything the chart layers' pixels depend on: the view,
// the layers (order, visibility, opacity), the palette and the style; the renderer bumps its
// revision whenever layers are added, removed or moved. Multisampled targets are not cached
// (a blit cannot write into one), nor are raster charts whose tiles are still loading.
//
// Threading: UI thread only, with the GL context that owns the framebuffer current.
#include <cstdint>
#include <vector>

#include "gl_objects.hpp"
#include "seawatch/render/canvas.hpp"

namespace seawatch::render {

struct ChartLayerKey {
    double centreX = 0, centreY = 0, metresPerPixel = 0;
    int widthPx = 0, heightPx = 0;
    std::uint64_t revision = 0;  // the renderer's structural changes
    // Everything else, in order: each layer's id, visibility and opacity; the palette,
    // sea and graticule colours, graticule on or off, pixel scale; then each overlay's
    // visibility and what its GPU pass depends on (MapOverlay::appendGpuPassKey).
    std::vector<std::uint64_t> state;
    bool operator==(const ChartLayerKey&) const = default;
};

class ChartLayerCache {
  public:
    // When `key` is the stored picture's, copies it into the bound draw framebuffer, clears
    // its stencil as a fresh draw would, sets `labels` to the labels drawn with it and
    // returns true.
    bool restore(const ChartLayerKey& key, std::vector<MapLabel>& labels);
    // Called after the chart layers were drawn into the bound framebuffer for `key`: stores
    // them when the previous frame drew the same key.
    void offer(const ChartLayerKey& key, const std::vector<MapLabel>& labels);
    // Forgets the stored picture (and the previous key).
    void clear();
    std::uint64_t restores() const { return restores_; }
    std::uint64_t stores() const { return stores_; }

  private:
    void copy(GLuint from, GLuint to) const;
    GlFramebuffer fbo_;
    GlRenderbuffer colour_;
    int widthPx_ = 0, heightPx_ = 0;
    bool valid_ = false;
    ChartLayerKey stored_;
    std::vector<MapLabel> labels_;
    bool haveLast_ = false;
    ChartLayerKey last_;
    std::uint64_t restores_ = 0, stores_ = 0;
};

// True when the bound draw framebuffer is multisampled.
bool drawTargetIsMultisampled();

}  // namespace seawatch::render
