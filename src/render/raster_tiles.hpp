#pragma once
// A raster chart drawn as a pyramid of 256-pixel Web Mercator tiles. Tiles are read
// through GDAL overviews at the zoom the view needs; in the console a worker thread reads
// them so panning never waits on disk, and a coarser cached tile stands in meanwhile.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "gl_objects.hpp"
#include "seawatch/charts/chart.hpp"
#include "seawatch/geo/map_view.hpp"

namespace seawatch::render {

struct TileKey {
    int z = 0, x = 0, y = 0;
    bool operator==(const TileKey&) const = default;
    std::uint64_t packed() const {
        return (static_cast<std::uint64_t>(z) << 58) | (static_cast<std::uint64_t>(x) << 29) |
               static_cast<std::uint64_t>(y);
    }
};

geo::MercatorBox tileBounds(const TileKey& key);

class RasterTileLayer {
  public:
    static Result<std::unique_ptr<RasterTileLayer>> open(const std::string& path, bool async);
    ~RasterTileLayer();
    RasterTileLayer(const RasterTileLayer&) = delete;
    RasterTileLayer& operator=(const RasterTileLayer&) = delete;

    void draw(GLuint program, const geo::MapView& view, float opacity);
    bool loading() const { return pending_.load() > 0; }
    geo::MercatorBox bounds() const { return bounds_; }

  private:
    RasterTileLayer() = default;
    struct Tile {
        GlTexture texture;
        std::uint64_t lastUsedFrame = 0;
    };
    void workerLoop();
    void upload(const TileKey& key, const charts::RgbaImage& image);
    const Tile* findCachedAncestor(TileKey key, TileKey& found) const;
    void drawTile(const TileKey& drawn, const TileKey& source, const Tile& tile,
                  const geo::MapView& view);
    void evict();

    std::string path_;
    std::unique_ptr<charts::RasterChart> chart_;  // UI thread (sync reads)
    geo::MercatorBox bounds_;
    int maxZoom_ = 0;
    bool async_ = false;
    std::unordered_map<std::uint64_t, Tile> cache_;
    std::uint64_t frame_ = 0;
    GlVertexArray vao_;
    GlBuffer vbo_;

    // Worker state.
    std::thread worker_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<TileKey> requests_;
    std::unordered_map<std::uint64_t, bool> requested_;
    std::vector<std::pair<TileKey, charts::RgbaImage>> done_;
    std::atomic<int> pending_{0};
    bool stop_ = false;
};

}  // namespace seawatch::render
