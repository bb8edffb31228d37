#include "raster_tiles.hpp"

#include <algorithm>
#include <cmath>

namespace seawatch::render {

namespace {
constexpr int kTileSize = 256;
constexpr std::size_t kMaxCachedTiles = 384;
constexpr double kWorld = 2 * geo::kMercatorHalfWorldM;
}  // namespace

geo::MercatorBox tileBounds(const TileKey& key) {
    const double size = kWorld / std::ldexp(1.0, key.z);
    const double minX = -geo::kMercatorHalfWorldM + key.x * size;
    const double maxY = geo::kMercatorHalfWorldM - key.y * size;
    return {minX, maxY - size, minX + size, maxY};
}

Result<std::unique_ptr<RasterTileLayer>> RasterTileLayer::open(const std::string& path,
                                                               bool async) {
    auto chart = charts::RasterChart::open(path);
    if (!chart) return makeError(chart.error());
    std::unique_ptr<RasterTileLayer> layer(new RasterTileLayer());
    layer->path_ = path;
    layer->bounds_ = (*chart)->bounds();
    const double native = std::max(0.01, (*chart)->nativeResolutionM());
    // The zoom whose tiles match the chart's native pixels; no point reading finer.
    layer->maxZoom_ =
        std::clamp(static_cast<int>(std::ceil(std::log2(kWorld / (kTileSize * native)))), 0, 24);
    layer->chart_ = std::move(chart.value());
    layer->async_ = async;
    layer->vao_ = makeVertexArray();
    layer->vbo_ = makeBuffer();
    glBindVertexArray(layer->vao_.get());
    glBindBuffer(GL_ARRAY_BUFFER, layer->vbo_.get());
    glBufferData(GL_ARRAY_BUFFER, 6 * 4 * sizeof(float), nullptr, GL_DYNAMIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float),
                          reinterpret_cast<void*>(2 * sizeof(float)));
    glBindVertexArray(0);
    if (async) layer->worker_ = std::thread([raw = layer.get()] { raw->workerLoop(); });
    return layer;
}

RasterTileLayer::~RasterTileLayer() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void RasterTileLayer::workerLoop() {
    // GDAL datasets are not thread-safe, so the worker opens its own.
    auto chart = charts::RasterChart::open(path_);
    while (true) {
        TileKey key;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stop_ || !requests_.empty(); });
            if (stop_) return;
            // Newest requests first: they belong to what is on screen now.
            key = requests_.back();
            requests_.pop_back();
        }
        charts::RgbaImage image;
        if (chart) {
            auto read = (*chart)->read(tileBounds(key), kTileSize, kTileSize);
            if (read) image = std::move(read.value());
        }
        std::lock_guard lock(mutex_);
        done_.emplace_back(key, std::move(image));
    }
}

void RasterTileLayer::upload(const TileKey& key, const charts::RgbaImage& image) {
    Tile tile;
    tile.lastUsedFrame = frame_;
    if (image.width > 0) {
        tile.texture = makeTexture();
        glBindTexture(GL_TEXTURE_2D, tile.texture.get());
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, image.width, image.height, 0, GL_RGBA,
                     GL_UNSIGNED_BYTE, image.pixels.data());
    }
    cache_[key.packed()] = std::move(tile);
}

const RasterTileLayer::Tile* RasterTileLayer::findCachedAncestor(TileKey key,
                                                                 TileKey& found) const {
    while (key.z > 0) {
        key = {key.z - 1, key.x / 2, key.y / 2};
        auto it = cache_.find(key.packed());
        if (it != cache_.end() && it->second.texture) {
            found = key;
            return &it->second;
        }
    }
    return nullptr;
}

void RasterTileLayer::drawTile(const TileKey& drawn, const TileKey& source, const Tile& tile,
                               const geo::MapView& view) {
    const geo::MercatorBox b = tileBounds(drawn);
    const geo::MercatorBox s = tileBounds(source);
    // Texture coordinates of the drawn tile inside the (possibly coarser) source tile.
    const float u0 = static_cast<float>((b.minX - s.minX) / s.width());
    const float u1 = static_cast<float>((b.maxX - s.minX) / s.width());
    const float v0 = static_cast<float>((s.maxY - b.maxY) / s.height());
    const float v1 = static_cast<float>((s.maxY - b.minY) / s.height());
    const geo::Mercator c = view.center();
    const float x0 = static_cast<float>(b.minX - c.x), x1 = static_cast<float>(b.maxX - c.x);
    const float y0 = static_cast<float>(b.minY - c.y), y1 = static_cast<float>(b.maxY - c.y);
    const float quad[] = {x0, y1, u0, v0, x1, y1, u1, v0, x1, y0, u1, v1,
                          x0, y1, u0, v0, x1, y0, u1, v1, x0, y0, u0, v1};
    glBindBuffer(GL_ARRAY_BUFFER, vbo_.get());
    glBufferSubData(GL_ARRAY_BUFFER, 0, sizeof quad, quad);
    glBindTexture(GL_TEXTURE_2D, tile.texture.get());
    glDrawArrays(GL_TRIANGLES, 0, 6);
}

void RasterTileLayer::evict() {
    if (cache_.size() <= kMaxCachedTiles) return;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ages;
    for (const auto& [k, t] : cache_) ages.emplace_back(t.lastUsedFrame, k);
    std::sort(ages.begin(), ages.end());
    for (std::size_t i = 0; i < cache_.size() - kMaxCachedTiles && i < ages.size(); ++i) {
        if (ages[i].first == frame_) break;
        cache_.erase(ages[i].second);
    }
}

void RasterTileLayer::draw(GLuint program, const geo::MapView& view, float opacity) {
    ++frame_;
    const geo::MercatorBox vb = view.visibleMercator();
    if (bounds_.maxX < vb.minX || bounds_.minX > vb.maxX || bounds_.maxY < vb.minY ||
        bounds_.minY > vb.maxY)
        return;
    if (async_) {
        std::lock_guard lock(mutex_);
        for (auto& [key, image] : done_) {
            upload(key, image);
            requested_.erase(key.packed());
        }
        done_.clear();
    }
    const int z = std::clamp(
        static_cast<int>(std::ceil(std::log2(kWorld / (kTileSize * view.metresPerPixel())))), 0,
        maxZoom_);
    const double size = kWorld / std::ldexp(1.0, z);
    const double minX = std::max(vb.minX, bounds_.minX);
    const double maxX = std::min(vb.maxX, bounds_.maxX);
    const double minY = std::max(vb.minY, bounds_.minY);
    const double maxY = std::min(vb.maxY, bounds_.maxY);
    const int tx0 = static_cast<int>(std::floor((minX + geo::kMercatorHalfWorldM) / size));
    const int tx1 = static_cast<int>(std::floor((maxX + geo::kMercatorHalfWorldM) / size));
    const int ty0 = static_cast<int>(std::floor((geo::kMercatorHalfWorldM - maxY) / size));
    const int ty1 = static_cast<int>(std::floor((geo::kMercatorHalfWorldM - minY) / size));

    glUseProgram(program);
    const float scale[2] = {static_cast<float>(2.0 / (view.widthPx() * view.metresPerPixel())),
                            static_cast<float>(2.0 / (view.heightPx() * view.metresPerPixel()))};
    const float zero[2] = {0, 0};
    glUniform2fv(glGetUniformLocation(program, "u_offset"), 1, zero);
    glUniform2fv(glGetUniformLocation(program, "u_scale"), 1, scale);
    glUniform1f(glGetUniformLocation(program, "u_opacity"), opacity);
    glUniform1i(glGetUniformLocation(program, "u_texture"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(vao_.get());

    int waiting = 0;
    for (int ty = ty0; ty <= ty1; ++ty) {
        for (int tx = tx0; tx <= tx1; ++tx) {
            const TileKey key{z, tx, ty};
            auto it = cache_.find(key.packed());
            if (it == cache_.end()) {
                if (!async_) {
                    auto read = chart_->read(tileBounds(key), kTileSize, kTileSize);
                    upload(key, read ? read.value() : charts::RgbaImage{});
                    it = cache_.find(key.packed());
                } else {
                    ++waiting;
                    std::lock_guard lock(mutex_);
                    if (!requested_[key.packed()]) {
                        requested_[key.packed()] = true;
                        requests_.push_back(key);
                        wake_.notify_one();
                    }
                    TileKey coarser;
                    if (const Tile* parent = findCachedAncestor(key, coarser)) {
                        drawTile(key, coarser, *parent, view);
                    }
                    continue;
                }
            }
            it->second.lastUsedFrame = frame_;
            if (it->second.texture) drawTile(key, key, it->second, view);
        }
    }
    pending_.store(waiting);
    evict();
}

}  // namespace seawatch::render
