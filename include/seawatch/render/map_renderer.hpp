#pragma once
// The map renderer: chart layers, graticule, overlays and HUD drawn with OpenGL 3.3 core
// into whatever framebuffer is bound (the console window or an offscreen target). The
// console and `seawatch render` use this same class, so what the tests check is what the
// watch officer sees.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "seawatch/charts/chart.hpp"
#include "seawatch/charts/palette.hpp"
#include "seawatch/common/result.hpp"
#include "seawatch/geo/map_view.hpp"
#include "seawatch/render/canvas.hpp"
#include "seawatch/render/overlay.hpp"

namespace seawatch::render {

class VectorLayerGpu;
struct ChartLayerKey;

enum class LayerKind { Vector, Raster };

// What the layer panel shows and edits: plain state, read by the renderer every frame.
struct LayerInfo {
    int id = 0;
    std::string name;    // "Basemap · land", "AA400008 · DEPARE", "chart.kap"
    std::string source;  // file path
    LayerKind kind = LayerKind::Vector;
    charts::FeatureClass featureClass = charts::FeatureClass::Generic;
    bool visible = true;
    float opacity = 1.0f;
    std::size_t featureCount = 0;
};

// Colours come from the palette (MapRenderer::setPalette); the defaults are the day table.
struct MapStyle {
    charts::PaletteKind palette = charts::PaletteKind::Day;
    Rgba sea{213, 230, 238, 255};
    Rgba graticule{70, 95, 120, 90};
    Rgba graticuleLabel{40, 60, 85, 255};
    Rgba labelHalo{255, 255, 255, 200};
    Rgba furnitureInk{30, 40, 50, 255};
    Rgba furnitureBox{255, 255, 255, 190};
    bool showGraticule = true;
    bool showScaleBar = true;
    float pixelScale = 1.0f;  // HiDPI: UI sizes in pixels are multiplied by this
    // Pixels at the top and bottom covered by the console's bars; the scale bar and edge
    // labels stay clear of them.
    float insetTopPx = 0.0f;
    float insetBottomPx = 0.0f;
    // Pixels at the left and right covered by the console's panel columns: map labels and
    // the legend stay clear of them.
    float insetLeftPx = 0.0f;
    float insetRightPx = 0.0f;
    // A legend of what the overlays drew, at the top-right of the free map area.
    bool showLegend = false;
    // Keep the chart layers of a still view as a picture and copy it back on the next
    // frames (render/chart_layer_cache.hpp); off only to compare against a fresh draw.
    bool reuseStillCharts = true;
};

// A label as drawn in the last frame (for tests and for the console's hover text).
struct DrawnLabel {
    std::string text;
    geo::LabelRect box;
    geo::LabelPriority priority = geo::LabelPriority::Zone;
    bool leader = false;
};

class MapRenderer {
  public:
    // Needs a current GL 3.3 core context. Loads shaders from shaders/. `fonts`, when given,
    // is the text atlas baked beforehand (FontAtlas::create needs no GL: a one-shot command
    // bakes it on another thread while the driver loads); it must be baked at `pixelScale`.
    static Result<std::unique_ptr<MapRenderer>> create(float pixelScale = 1.0f,
                                                       std::unique_ptr<FontAtlas> fonts = nullptr);
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    // Adds every layer of a vector chart; returns the new layer ids (drawn in class order).
    std::vector<int> addVectorChart(const charts::VectorChart& chart, const std::string& title);
    int addVectorLayer(const charts::VectorLayer& layer, const std::string& name,
                       const std::string& source);
    // Raster charts are read in tiles; `async` loads tiles on a worker thread (console),
    // otherwise every tile a frame needs is read before it is drawn (headless).
    Result<int> addRasterChart(const std::string& path, bool async);
    void removeLayer(int id);
    geo::MercatorBox layerBounds(int id) const;

    std::vector<LayerInfo>& layers() { return layerInfo_; }  // order = draw order
    void moveLayer(std::size_t from, std::size_t to);
    MapStyle& style() { return style_; }
    // Day, dusk or night (S-52's convention): chart classes take the table's colours, and
    // everything else drawn on the map (overlays, raster charts, the HUD) its light level.
    void setPalette(charts::PaletteKind kind);
    const FontAtlas& fonts() const { return *fonts_; }

    // Draws the map for `view` into the bound framebuffer (viewport = view size): chart
    // layers, graticule, then each visible overlay (GPU passes first, then their canvases
    // in order), the scale bar, and `hud` on top of everything.
    void render(const geo::MapView& view, const Canvas* mapOverlay = nullptr,
                const Canvas* hud = nullptr);
    void render(const geo::MapView& view, std::span<MapOverlay* const> overlays,
                const OverlayContext& context, const Canvas* hud = nullptr);

    // Building blocks for overlays' GPU passes: fill and stroke a polygon set in map
    // coordinates (concave, with holes), uploaded once and drawn many times.
    int uploadPolygons(const charts::VectorLayer& polygons);
    void drawPolygons(int handle, const geo::MapView& view, float opacity);
    void releasePolygons(int handle);
    // Adds graticule lines and edge labels, and the scale bar, to a canvas.
    void buildGraticule(const geo::MapView& view, Canvas& canvas) const;
    void buildScaleBar(const geo::MapView& view, Canvas& canvas) const;
    // Soundings, nav aids and other point symbols of visible vector layers.
    void buildPointSymbols(const geo::MapView& view, Canvas& canvas) const;

    // What the last frame drew: its placed labels and its legend rows (drawn or not).
    const std::vector<DrawnLabel>& lastLabels() const { return lastLabels_; }
    const std::vector<LegendEntry>& lastLegend() const { return lastLegend_; }
    // The free map area: the view less the console's insets.
    geo::LabelRect freeMapArea(const geo::MapView& view) const;

    // True while raster tiles are still loading (the console keeps redrawing).
    bool loading() const;
    // Frames whose chart layers were copied from the still view's picture, not drawn.
    std::uint64_t chartPicturesReused() const;

    // Draws a canvas at the palette's light level.
    void drawCanvas(const Canvas& canvas, int widthPx, int heightPx);

  private:
    void drawCanvasAtLevel(const Canvas& canvas, int widthPx, int heightPx, float level);
    // Uploads the canvas once, then draws the index range [first, first + count) per call.
    void uploadCanvas(const Canvas& canvas);
    void drawCanvasRange(std::size_t first, std::size_t count, int widthPx, int heightPx,
                         float level);
    MapRenderer() = default;
    // The chart layers, then the overlays' GPU passes, or the still view's picture of both.
    void drawBackground(const geo::MapView& view, std::span<MapOverlay* const> overlays,
                        const OverlayContext* context, std::vector<MapLabel>& labels);
    void drawCharts(const geo::MapView& view, std::vector<MapLabel>& labels);
    ChartLayerKey chartLayerKey(const geo::MapView& view) const;
    // False when the background cannot be kept (rasters loading, an overlay's GPU pass).
    bool backgroundKey(const geo::MapView& view, std::span<MapOverlay* const> overlays,
                       const OverlayContext* context, ChartLayerKey& key) const;
    void drawMapLabels(const geo::MapView& view, std::vector<MapLabel>& labels,
                       std::vector<geo::LabelRect> keepFree);
    void drawHud(const geo::MapView& view, const Canvas* hud);
    void drawVectorLayer(const VectorLayerGpu& layer, const geo::MapView& view,
                         const geo::MercatorBox& viewBox, float opacity);
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::unique_ptr<FontAtlas> fonts_;
    std::vector<LayerInfo> layerInfo_;
    MapStyle style_;
    int nextId_ = 1;
    std::vector<DrawnLabel> lastLabels_;
    std::vector<LegendEntry> lastLegend_;
};

// An offscreen framebuffer (colour + stencil, multisampled or not) with read-back to RGBA.
class OffscreenTarget {
  public:
    // `samples` 0 or 1 is a single-sampled target, as the console's window is. (GL reads a
    // request for 1 sample as "multisampled, at least 1", and Mesa's llvmpipe then gives 4.)
    static Result<std::unique_ptr<OffscreenTarget>> create(int widthPx, int heightPx,
                                                           int samples = 4);
    // Samples per pixel the driver gave: 0 when single-sampled.
    int samples() const;
    ~OffscreenTarget();
    OffscreenTarget(const OffscreenTarget&) = delete;
    OffscreenTarget& operator=(const OffscreenTarget&) = delete;
    void bind();
    // Resolves the multisampled image and reads it top row first.
    charts::RgbaImage read();

  private:
    OffscreenTarget() = default;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace seawatch::render
