#pragma once
// The strokes of one vector layer (its lines and, when styled so, its polygons' outlines),
// at levels of detail, built lazily. Private to src/render (VectorLayerGpu owns one).
//
// Each segment is drawn as a quad (4 vertices and 6 indices: 136 bytes, 15 MB for the
// whole-world coast), sorted into a grid of cells; a cell's quads are built and uploaded when
// the cell first comes into view, so a picture of the Gulf of Aden builds the few cells it
// shows, not the world's. Big layers also get coarser levels, Douglas-Peucker copies within
// 1, 4, 16 and 64 km: a frame draws the coarsest whose tolerance is under half its pixel,
// since over a whole theatre the 1:10m coast has several vertices in every pixel, and
// llvmpipe's cost grows with the quads it sets up. A level is simplified on first use.
//
// Threading: GL thread only (draw builds buffers).
#include <cstdint>
#include <vector>

#include "gl_objects.hpp"
#include "seawatch/geo/geo.hpp"

namespace seawatch::render {

// Polylines in metres from the layer origin; closed ones (ring outlines) return to their
// first vertex, which is not repeated.
struct StrokePolylines {
    std::vector<float> x, y;
    std::vector<std::uint32_t> start{0};  // polyline p: vertices start[p] .. start[p+1]-1
    std::vector<float> value;             // per polyline: the line's value (depth contours)
    std::vector<std::uint8_t> closed;     // per polyline
    std::size_t count() const { return start.size() - 1; }
};

class StrokeLevels {
  public:
    StrokeLevels() = default;
    explicit StrokeLevels(StrokePolylines lines);
    bool empty() const { return levels_.empty(); }
    // Draws the cells meeting `view` (metres from the layer origin) at the level for
    // `metresPerPixel`, with the line program bound; builds what it needs first.
    void draw(const geo::MercatorBox& view, double metresPerPixel);
    // Segments of the level a frame at `metresPerPixel` draws (for tests and benchmarks).
    std::size_t segmentCountAt(double metresPerPixel);

    // Layers with fewer vertices than this keep one level: simplifying them saves nothing.
    static constexpr std::size_t kLevelsMinVertices = 20000;

  private:
    struct Segment {
        float ax, ay, bx, by;
        float value;
    };
    struct Cell {
        geo::MercatorBox box;
        std::size_t firstSegment = 0;
        std::size_t segmentCount = 0;
        bool built = false;
        GlVertexArray vao;
        GlBuffer vbo;
        GlBuffer ebo;
        GLsizei indexCount = 0;
    };
    struct Level {
        double tolerance = 0;  // metres; 0: every vertex
        bool prepared = false;
        std::vector<Cell> cells;
        std::vector<Segment> segments;  // by cell; dropped once every cell is built
    };
    Level& levelFor(double metresPerPixel);
    void prepare(Level& level);
    void buildCell(Level& level, Cell& cell);

    StrokePolylines lines_;
    std::vector<Level> levels_;
};

}  // namespace seawatch::render
