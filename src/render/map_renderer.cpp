#include "seawatch/render/map_renderer.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "chart_layer_cache.hpp"
#include "gl_objects.hpp"
#include "raster_tiles.hpp"
#include "seawatch/render/hud.hpp"
#include "seawatch/render/label_layer.hpp"
#include "vector_gpu.hpp"

namespace seawatch::render {

struct MapRenderer::Impl {
    GlProgram fill, line, raster, canvas;
    GlTexture atlas;
    GlVertexArray canvasVao;
    GlBuffer canvasVbo, canvasEbo;
    std::unordered_map<int, std::unique_ptr<VectorLayerGpu>> vectors;
    std::unordered_map<int, std::unique_ptr<RasterTileLayer>> rasters;
    std::unordered_map<int, charts::VectorLayer> points;  // layers with point features
    std::unordered_map<int, std::unique_ptr<VectorLayerGpu>> polygonSets;  // overlay geometry
    int nextPolygonSet = 1;
    ChartLayerCache chartCache;
    std::uint64_t chartRevision = 0;  // bumped when chart layers are added, removed or moved
};

namespace {

// Draw order inside one chart: areas under lines under points.
int classOrder(charts::FeatureClass c) {
    using FC = charts::FeatureClass;
    switch (c) {
        case FC::DepthArea:
            return 0;
        case FC::Land:
            return 1;
        case FC::Restricted:
            return 2;
        case FC::Generic:
            return 3;
        case FC::DepthContour:
            return 4;
        case FC::Coastline:
            return 5;
        case FC::Boundary:
            return 6;
        case FC::Hazard:
            return 7;
        case FC::NavAid:
            return 8;
        case FC::Sounding:
            return 9;
    }
    return 3;
}

}  // namespace

Result<std::unique_ptr<MapRenderer>> MapRenderer::create(float pixelScale,
                                                         std::unique_ptr<FontAtlas> fonts) {
    std::unique_ptr<MapRenderer> r(new MapRenderer());
    r->impl_ = std::make_unique<Impl>();
    r->style_.pixelScale = pixelScale;
    Impl& impl = *r->impl_;
    for (auto [program, name] :
         {std::pair{&impl.fill, "fill"}, std::pair{&impl.line, "line"},
          std::pair{&impl.raster, "raster"}, std::pair{&impl.canvas, "canvas"}}) {
        auto loaded = loadProgram(name);
        if (!loaded) return makeError(loaded.error());
        *program = std::move(loaded.value());
    }
    r->fonts_ = fonts ? std::move(fonts) : FontAtlas::create(pixelScale);
    impl.atlas = makeTexture();
    glBindTexture(GL_TEXTURE_2D, impl.atlas.get());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, r->fonts_->width(), r->fonts_->height(), 0, GL_RED,
                 GL_UNSIGNED_BYTE, r->fonts_->coverage());

    impl.canvasVao = makeVertexArray();
    impl.canvasVbo = makeBuffer();
    impl.canvasEbo = makeBuffer();
    glBindVertexArray(impl.canvasVao.get());
    glBindBuffer(GL_ARRAY_BUFFER, impl.canvasVbo.get());
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, impl.canvasEbo.get());
    const auto stride = static_cast<GLsizei>(sizeof(CanvasVertex));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<void*>(offsetof(CanvasVertex, u)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                          reinterpret_cast<void*>(offsetof(CanvasVertex, rgba)));
    glBindVertexArray(0);
    return r;
}

MapRenderer::~MapRenderer() = default;

void MapRenderer::setPalette(charts::PaletteKind kind) {
    const charts::Palette& p = charts::palette(kind);
    style_.palette = kind;
    style_.sea = p.depdw;
    style_.graticule = p.chgrf;
    style_.graticuleLabel = p.chblk;
    style_.labelHalo = p.uibck;
    style_.furnitureInk = p.chblk;
    style_.furnitureBox = {p.uibck.r, p.uibck.g, p.uibck.b, 190};
}

int MapRenderer::addVectorLayer(const charts::VectorLayer& layer, const std::string& name,
                                const std::string& source) {
    const int id = nextId_++;
    ++impl_->chartRevision;
    impl_->vectors[id] = std::make_unique<VectorLayerGpu>(layer);
    if (layer.pointCount() > 0) impl_->points[id] = layer;
    LayerInfo info;
    info.id = id;
    info.name = name;
    info.source = source;
    info.kind = LayerKind::Vector;
    info.featureClass = layer.featureClass;
    info.featureCount = layer.featureCount;
    layerInfo_.push_back(std::move(info));
    return id;
}

std::vector<int> MapRenderer::addVectorChart(const charts::VectorChart& chart,
                                             const std::string& title) {
    std::vector<const charts::VectorLayer*> ordered;
    ordered.reserve(chart.layers.size());
    for (const auto& l : chart.layers) ordered.push_back(&l);
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
        return classOrder(a->featureClass) < classOrder(b->featureClass);
    });
    std::vector<int> ids;
    ids.reserve(ordered.size());
    for (const auto* l : ordered)
        ids.push_back(addVectorLayer(*l, title + " \xC2\xB7 " + l->name, chart.path));
    return ids;
}

Result<int> MapRenderer::addRasterChart(const std::string& path, bool async) {
    auto layer = RasterTileLayer::open(path, async);
    if (!layer) return makeError(layer.error());
    const int id = nextId_++;
    ++impl_->chartRevision;
    impl_->rasters[id] = std::move(layer.value());
    LayerInfo info;
    info.id = id;
    const auto slash = path.find_last_of('/');
    info.name = slash == std::string::npos ? path : path.substr(slash + 1);
    info.source = path;
    info.kind = LayerKind::Raster;
    // Rasters go under every vector layer: charts are backgrounds, vectors are overlays.
    layerInfo_.insert(layerInfo_.begin(), std::move(info));
    return id;
}

void MapRenderer::removeLayer(int id) {
    ++impl_->chartRevision;
    impl_->vectors.erase(id);
    impl_->rasters.erase(id);
    impl_->points.erase(id);
    std::erase_if(layerInfo_, [id](const LayerInfo& l) { return l.id == id; });
}

geo::MercatorBox MapRenderer::layerBounds(int id) const {
    if (auto r = impl_->rasters.find(id); r != impl_->rasters.end()) return r->second->bounds();
    if (auto v = impl_->vectors.find(id); v != impl_->vectors.end()) return v->second->bounds();
    return {};
}

void MapRenderer::moveLayer(std::size_t from, std::size_t to) {
    if (from >= layerInfo_.size() || to >= layerInfo_.size() || from == to) return;
    ++impl_->chartRevision;
    LayerInfo moved = std::move(layerInfo_[from]);
    layerInfo_.erase(layerInfo_.begin() + static_cast<std::ptrdiff_t>(from));
    layerInfo_.insert(layerInfo_.begin() + static_cast<std::ptrdiff_t>(to), std::move(moved));
}

bool MapRenderer::loading() const {
    for (const auto& [id, r] : impl_->rasters)
        if (r->loading()) return true;
    return false;
}

void MapRenderer::drawCanvas(const Canvas& canvas, int widthPx, int heightPx) {
    drawCanvasAtLevel(canvas, widthPx, heightPx, charts::palette(style_.palette).level);
}

void MapRenderer::drawCanvasAtLevel(const Canvas& canvas, int widthPx, int heightPx, float level) {
    if (canvas.empty()) return;
    uploadCanvas(canvas);
    drawCanvasRange(0, canvas.indices().size(), widthPx, heightPx, level);
}

void MapRenderer::uploadCanvas(const Canvas& canvas) {
    Impl& impl = *impl_;
    glBindVertexArray(impl.canvasVao.get());
    glBindBuffer(GL_ARRAY_BUFFER, impl.canvasVbo.get());
    glBufferData(GL_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(canvas.vertices().size() * sizeof(CanvasVertex)),
                 canvas.vertices().data(), GL_STREAM_DRAW);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, impl.canvasEbo.get());
    glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(canvas.indices().size() * sizeof(std::uint32_t)),
                 canvas.indices().data(), GL_STREAM_DRAW);
    glBindVertexArray(0);
}

void MapRenderer::drawCanvasRange(std::size_t first, std::size_t count, int widthPx, int heightPx,
                                  float level) {
    if (count == 0) return;
    Impl& impl = *impl_;
    glUseProgram(impl.canvas.get());
    glUniform2f(glGetUniformLocation(impl.canvas.get(), "u_viewport"), static_cast<float>(widthPx),
                static_cast<float>(heightPx));
    glUniform1i(glGetUniformLocation(impl.canvas.get(), "u_atlas"), 0);
    glUniform1f(glGetUniformLocation(impl.canvas.get(), "u_level"), level);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, impl.atlas.get());
    glBindVertexArray(impl.canvasVao.get());
    glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(count), GL_UNSIGNED_INT,
                   reinterpret_cast<void*>(first * sizeof(std::uint32_t)));
    glBindVertexArray(0);
}

void MapRenderer::render(const geo::MapView& view, const Canvas* mapOverlay, const Canvas* hud) {
    std::vector<MapLabel> labels;
    drawBackground(view, {}, nullptr, labels);
    if (mapOverlay) {
        drawCanvas(*mapOverlay, view.widthPx(), view.heightPx());
        labels.insert(labels.end(), mapOverlay->labels().begin(), mapOverlay->labels().end());
    }
    drawMapLabels(view, labels, hud ? hud->keptFree() : std::vector<geo::LabelRect>{});
    lastLegend_.clear();
    drawHud(view, hud);
}

void MapRenderer::render(const geo::MapView& view, std::span<MapOverlay* const> overlays,
                         const OverlayContext& context, const Canvas* hud) {
    std::vector<MapLabel> labels;
    drawBackground(view, overlays, &context, labels);
    // One canvas for every overlay, uploaded once; each overlay's triangles are drawn as a
    // range between its instanced symbols under and over them, so the overlays keep their
    // stacking order.
    Canvas symbols(fonts_.get());
    std::vector<std::size_t> ends;
    ends.reserve(overlays.size());
    for (MapOverlay* overlay : overlays) {
        if (overlay && overlay->visible) overlay->build(context, symbols);
        ends.push_back(symbols.indices().size());
    }
    const float level = charts::palette(style_.palette).level;
    if (!symbols.empty()) uploadCanvas(symbols);
    std::size_t begin = 0;
    for (std::size_t i = 0; i < overlays.size(); ++i) {
        MapOverlay* overlay = overlays[i];
        if (overlay && overlay->visible) overlay->drawInstancedUnder(context, *this);
        drawCanvasRange(begin, ends[i] - begin, view.widthPx(), view.heightPx(), level);
        begin = ends[i];
        if (overlay && overlay->visible) overlay->drawInstanced(context, *this);
    }
    labels.insert(labels.end(), std::make_move_iterator(symbols.labels().begin()),
                  std::make_move_iterator(symbols.labels().end()));
    std::vector<geo::LabelRect> keepFree = hud ? hud->keptFree() : std::vector<geo::LabelRect>{};
    lastLegend_ = symbols.legendEntries();
    Canvas legend(fonts_.get());
    if (style_.showLegend && !lastLegend_.empty()) {
        const geo::LabelRect area = freeMapArea(view);
        // The legend must not hide what the picture is about: the symbols of the most
        // important labels (selected, highlighted, alerted).
        // Other labelled things (a corridor's end, a group, an incident) only if it can.
        std::vector<ScreenPoint> focus, others;
        for (const MapLabel& l : labels) {
            if (l.request.priority >= geo::LabelPriority::Alert) {
                focus.push_back(l.request.anchor);
            } else if (l.request.priority > geo::LabelPriority::Graticule) {
                others.push_back(l.request.anchor);
            }
        }
        keepFree.push_back(
            buildLegend(legend, lastLegend_, area, keepFree, focus, style_.pixelScale, others));
    }
    drawMapLabels(view, labels, std::move(keepFree));
    drawCanvas(legend, view.widthPx(), view.heightPx());
    drawHud(view, hud);
}

geo::LabelRect MapRenderer::freeMapArea(const geo::MapView& view) const {
    return {style_.insetLeftPx, style_.insetTopPx, view.widthPx() - style_.insetRightPx,
            view.heightPx() - style_.insetBottomPx};
}

void MapRenderer::drawMapLabels(const geo::MapView& view, std::vector<MapLabel>& labels,
                                std::vector<geo::LabelRect> keepFree) {
    const float s = style_.pixelScale;
    geo::LabelPlacementSettings settings;
    settings.bounds = freeMapArea(view);
    // The scale bar's corner.
    if (style_.showScaleBar) {
        const double bottom = view.heightPx() - style_.insetBottomPx;
        keepFree.push_back({0, bottom - 52 * s, 16 * s + 180 * s, bottom});
    }
    settings.keepOut = std::move(keepFree);
    settings.paddingPx = 2.0 * s;
    settings.gapPx = 3.0 * s;
    settings.leaderBeyondPx = 18.0 * s;
    Canvas canvas(fonts_.get());
    const auto placed = drawLabels(labels, settings, canvas, s);
    lastLabels_.clear();
    for (const geo::PlacedLabel& p : placed) {
        const MapLabel& l = labels[p.request];
        lastLabels_.push_back({l.text, p.box, l.request.priority, p.leader});
    }
    drawCanvas(canvas, view.widthPx(), view.heightPx());
}

void MapRenderer::drawBackground(const geo::MapView& view, std::span<MapOverlay* const> overlays,
                                 const OverlayContext* context, std::vector<MapLabel>& labels) {
    glViewport(0, 0, view.widthPx(), view.heightPx());
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    const bool allowed = style_.reuseStillCharts && !drawTargetIsMultisampled();
    ChartLayerCache& cache = impl_->chartCache;
    ChartLayerKey key;
    if (allowed && backgroundKey(view, overlays, context, key) && cache.restore(key, labels))
        return;
    drawCharts(view, labels);
    for (MapOverlay* overlay : overlays) {
        if (overlay && overlay->visible) overlay->drawGpu(*context, *this);
    }
    // The key again: a first draw uploads what the overlays' keys name.
    if (allowed && backgroundKey(view, overlays, context, key)) cache.offer(key, labels);
}

bool MapRenderer::backgroundKey(const geo::MapView& view, std::span<MapOverlay* const> overlays,
                                const OverlayContext* context, ChartLayerKey& key) const {
    // Raster tiles still loading (or arriving during a draw) are not a picture to keep.
    if (loading()) return false;
    key = chartLayerKey(view);
    for (const MapOverlay* overlay : overlays) {
        const bool drawn = overlay && overlay->visible;
        key.state.push_back(drawn ? 1 : 0);
        if (drawn && !overlay->appendGpuPassKey(*context, *this, key.state)) return false;
    }
    return true;
}

void MapRenderer::drawCharts(const geo::MapView& view, std::vector<MapLabel>& labels) {
    Impl& impl = *impl_;
    const int w = view.widthPx();
    const int h = view.heightPx();
    glClearColor(style_.sea.r / 255.0f, style_.sea.g / 255.0f, style_.sea.b / 255.0f, 1.0f);
    glClearStencil(0);
    glStencilMask(0xFF);
    glClear(GL_COLOR_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);

    const geo::MercatorBox viewBox = view.visibleMercator();
    glUseProgram(impl.raster.get());
    glUniform1f(glGetUniformLocation(impl.raster.get(), "u_level"),
                charts::palette(style_.palette).level);
    for (const LayerInfo& info : layerInfo_) {
        if (!info.visible || info.opacity <= 0.0f) continue;
        if (auto r = impl.rasters.find(info.id); r != impl.rasters.end()) {
            r->second->draw(impl.raster.get(), view, info.opacity);
            continue;
        }
        auto v = impl.vectors.find(info.id);
        if (v == impl.vectors.end()) continue;
        drawVectorLayer(*v->second, view, viewBox, info.opacity);
    }
    Canvas chartMarks(fonts_.get());
    buildPointSymbols(view, chartMarks);
    drawCanvas(chartMarks, w, h);
    labels.insert(labels.end(), chartMarks.labels().begin(), chartMarks.labels().end());
    // The graticule and scale bar are drawn in the palette's own tokens: full level. Its
    // edge labels join the frame's label placement.
    Canvas graticule(fonts_.get());
    if (style_.showGraticule) buildGraticule(view, graticule);
    drawCanvasAtLevel(graticule, w, h, 1.0f);
    labels.insert(labels.end(), graticule.labels().begin(), graticule.labels().end());
}

ChartLayerKey MapRenderer::chartLayerKey(const geo::MapView& view) const {
    ChartLayerKey key;
    key.centreX = view.center().x;
    key.centreY = view.center().y;
    key.metresPerPixel = view.metresPerPixel();
    key.widthPx = view.widthPx();
    key.heightPx = view.heightPx();
    key.revision = impl_->chartRevision;
    auto& state = key.state;
    state.reserve(layerInfo_.size() * 3 + 8);
    for (const LayerInfo& info : layerInfo_) {
        state.push_back(static_cast<std::uint64_t>(info.id));
        state.push_back(info.visible ? 1 : 0);
        state.push_back(std::bit_cast<std::uint32_t>(info.opacity));
    }
    const auto colour = [](Rgba c) {
        return std::uint64_t{c.r} << 24 | std::uint64_t{c.g} << 16 | std::uint64_t{c.b} << 8 | c.a;
    };
    state.push_back(static_cast<std::uint64_t>(style_.palette));
    state.push_back(colour(style_.sea));
    state.push_back(colour(style_.graticule));
    state.push_back(style_.showGraticule ? 1 : 0);
    state.push_back(std::bit_cast<std::uint32_t>(style_.pixelScale));
    // The graticule's edge labels: their colours, and the insets that keep them clear of the
    // console's bars and panel columns (opening a panel moves them; the view stays).
    state.push_back(colour(style_.graticuleLabel));
    state.push_back(colour(style_.labelHalo));
    for (const float inset :
         {style_.insetTopPx, style_.insetBottomPx, style_.insetLeftPx, style_.insetRightPx})
        state.push_back(std::bit_cast<std::uint32_t>(inset));
    return key;
}

std::uint64_t MapRenderer::chartPicturesReused() const {
    return impl_->chartCache.restores();
}

void MapRenderer::drawVectorLayer(const VectorLayerGpu& layer, const geo::MapView& view,
                                  const geo::MercatorBox& viewBox, float opacity) {
    Impl& impl = *impl_;
    const geo::Mercator c = view.center();
    const geo::Mercator o = layer.origin();
    const int w = view.widthPx();
    const int h = view.heightPx();
    DrawUniforms u{{static_cast<float>(o.x - c.x), static_cast<float>(o.y - c.y)},
                   {static_cast<float>(2.0 / (w * view.metresPerPixel())),
                    static_cast<float>(2.0 / (h * view.metresPerPixel()))}};
    const charts::Palette& palette = charts::palette(style_.palette);
    layer.drawFills(impl.fill.get(), u, opacity, viewBox, palette);
    layer.drawStrokes(impl.line.get(), u, opacity, w, h, style_.pixelScale, palette);
}

void MapRenderer::drawHud(const geo::MapView& view, const Canvas* hud) {
    Canvas scaleBar(fonts_.get());
    if (style_.showScaleBar) buildScaleBar(view, scaleBar);
    drawCanvasAtLevel(scaleBar, view.widthPx(), view.heightPx(), 1.0f);
    if (hud) drawCanvas(*hud, view.widthPx(), view.heightPx());
}

int MapRenderer::uploadPolygons(const charts::VectorLayer& polygons) {
    const int handle = impl_->nextPolygonSet++;
    impl_->polygonSets[handle] = std::make_unique<VectorLayerGpu>(polygons);
    return handle;
}

void MapRenderer::drawPolygons(int handle, const geo::MapView& view, float opacity) {
    auto it = impl_->polygonSets.find(handle);
    if (it == impl_->polygonSets.end()) return;
    drawVectorLayer(*it->second, view, view.visibleMercator(), opacity);
}

void MapRenderer::releasePolygons(int handle) {
    impl_->polygonSets.erase(handle);
}

void MapRenderer::buildGraticule(const geo::MapView& view, Canvas& canvas) const {
    const float s = style_.pixelScale;
    const double step = geo::graticuleStepDeg(view, 150.0 * s);
    const geo::GeoBox box = view.visibleBox();
    const double w = view.widthPx();
    const double h = view.heightPx();
    TextStyle label;
    label.sizePx = 11.0f * s;
    label.color = style_.graticuleLabel;
    label.halo = style_.labelHalo;
    // Edge labels go through the label engine at the lowest priority, so a vessel or zone
    // label near the edge wins.
    const auto edgeLabel = [&](ScreenPoint centre, const std::string& text) {
        MapLabel l;
        l.text = text;
        l.style = label;
        l.request.priority = geo::LabelPriority::Graticule;
        l.request.anchor = centre;
        l.request.centres = {centre};
        l.request.allowLeader = false;  // at the edge or not at all
        canvas.label(std::move(l));
    };
    for (double lon = std::ceil(box.west / step) * step; lon <= box.east; lon += step) {
        const double x = view.toScreen(geo::LonLat{lon, 0}).x;
        canvas.line({x, 0}, {x, h}, 1.0f * s, style_.graticule);
        if (x < style_.insetLeftPx + 24 * s || x > w - style_.insetRightPx - 24 * s)
            continue;  // a clipped label is worse than none
        const std::string text = geo::graticuleLabel(lon, false);
        const double height = canvas.measureText(text, label.sizePx).y + 2;
        edgeLabel({x, style_.insetTopPx + 3 * s + height / 2}, text);
        edgeLabel({x, h - style_.insetBottomPx - 3 * s - height / 2}, text);
    }
    const double south = std::max(box.south, -geo::kMaxMercatorLat);
    const double north = std::min(box.north, geo::kMaxMercatorLat);
    for (double lat = std::ceil(south / step) * step; lat <= north; lat += step) {
        const double y = view.toScreen(geo::LonLat{box.west, lat}).y;
        canvas.line({0, y}, {w, y}, 1.0f * s, style_.graticule);
        if (y < style_.insetTopPx + 20 * s || y > h - style_.insetBottomPx - 20 * s) continue;
        const std::string text = geo::graticuleLabel(lat, true);
        const double width = canvas.measureText(text, label.sizePx).x + 2;
        edgeLabel({style_.insetLeftPx + 4 * s + width / 2, y}, text);
        edgeLabel({w - style_.insetRightPx - 4 * s - width / 2, y}, text);
    }
}

void MapRenderer::buildScaleBar(const geo::MapView& view, Canvas& canvas) const {
    const float s = style_.pixelScale;
    const geo::ScaleBar bar = geo::chooseScaleBar(view, 160.0 * s);
    const double x0 = 16 * s;
    const double y0 = view.heightPx() - style_.insetBottomPx - 30 * s;
    const Rgba ink = style_.furnitureInk;
    canvas.fillRect({x0 - 6 * s, y0 - 18 * s},
                    {x0 + std::max(bar.lengthPx, 60.0 * s) + 8 * s, y0 + 10 * s},
                    style_.furnitureBox);
    // Alternating black/white halves, as on a chart's scale.
    canvas.fillRect({x0, y0}, {x0 + bar.lengthPx / 2, y0 + 4 * s}, ink);
    canvas.strokeRect({x0, y0}, {x0 + bar.lengthPx, y0 + 4 * s}, 1.0f * s, ink);
    char text[48];
    if (bar.nauticalMiles >= 1) {
        std::snprintf(text, sizeof text, "%g NM", bar.nauticalMiles);
    } else {
        std::snprintf(text, sizeof text, "%g cables", bar.nauticalMiles * 10);
    }
    TextStyle label;
    label.sizePx = 12.0f * s;
    label.color = ink;
    label.anchor = TextAnchor::BottomLeft;
    canvas.text({x0, y0 - 2 * s}, text, label);
}

void MapRenderer::buildPointSymbols(const geo::MapView& view, Canvas& canvas) const {
    const float s = style_.pixelScale;
    const geo::MercatorBox vb = view.visibleMercator();
    const bool largeScale = view.metresPerPixel() < 60.0;  // soundings only when legible
    for (const LayerInfo& info : layerInfo_) {
        if (!info.visible) continue;
        auto it = impl_->points.find(info.id);
        if (it == impl_->points.end()) continue;
        const charts::VectorLayer& layer = it->second;
        const auto alpha = static_cast<std::uint8_t>(255 * info.opacity);
        for (std::size_t i = 0; i < layer.pointCount(); ++i) {
            const double x = layer.pointX[i];
            const double y = layer.pointY[i];
            if (x < vb.minX || x > vb.maxX || y < vb.minY || y > vb.maxY) continue;
            const ScreenPoint p = view.toScreen(geo::Mercator{x, y});
            if (layer.featureClass == charts::FeatureClass::Sounding) {
                if (!largeScale || i >= layer.pointValue.size() || std::isnan(layer.pointValue[i]))
                    continue;
                char depth[16];
                const float d = layer.pointValue[i];
                // Charted soundings: whole metres, tenths below 31 m, as on paper charts.
                if (d < 31.0f && std::fabs(d - std::round(d)) > 0.05f) {
                    std::snprintf(depth, sizeof depth, "%.1f", d);
                } else {
                    std::snprintf(depth, sizeof depth, "%.0f", d);
                }
                TextStyle t;
                t.sizePx = 10.0f * s;
                t.color = {60, 70, 90, alpha};
                t.anchor = TextAnchor::Center;
                canvas.text(p, depth, t);
            } else {
                const Rgba stroke = layer.style.stroke;
                const Rgba fill = layer.style.fill.a > 0 ? layer.style.fill : stroke;
                const float r = layer.style.pointSizePx * s / 2;
                canvas.fillCircle(p, r, {fill.r, fill.g, fill.b, alpha});
                canvas.strokeCircle(p, r, 1.0f * s, {stroke.r, stroke.g, stroke.b, alpha});
                if (i < layer.pointLabel.size() && !layer.pointLabel[i].empty() &&
                    view.metresPerPixel() < 200.0) {
                    TextStyle t;
                    t.sizePx = 11.0f * s;
                    t.color = {40, 40, 60, alpha};
                    t.halo = {255, 255, 255, 160};
                    canvas.text({p.x + r + 3 * s, p.y - 6 * s}, layer.pointLabel[i], t);
                }
            }
        }
    }
}

}  // namespace seawatch::render
