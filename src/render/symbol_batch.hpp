#pragma once
// Point symbols (vessel silhouettes, incident markers) drawn as instanced quads: one static
// quad, one instance per symbol carrying its map position, heading, size, colours, shape and
// style, and the shape itself as a signed distance field in a small texture array (one layer
// per shape) that the fragment shader turns into fill, outline or ring at any size.
//
// Why: as canvas triangles every symbol was 4-8 triangles built on the CPU and re-sent every
// frame (2-6 ms of the UI thread for 10,000 vessels). Here the instance buffer lives on the
// GPU in Web Mercator metres and is re-sent only when set() is called (the data changed);
// instances are sorted into a grid of cells over their extent, and a frame draws only the
// rows of cells that meet the view, so the frame's cost follows what is visible, not what
// is stored. On llvmpipe the remaining cost is rasterising the quads' pixels (see
// docs/PERFORMANCE.md); a GPU should make it negligible (not measured here).
//
// Threading: UI thread only; draw() needs the current GL context that owns the buffers.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "seawatch/charts/chart.hpp"
#include "seawatch/geo/map_view.hpp"

namespace seawatch::render {

// Layers of the shape texture. Vessel shapes come first, in VesselShape order.
enum class SymbolShape : std::uint8_t {
    VesselFirst = 0,    // + VesselShape
    VesselCircle = 10,  // a vessel with no known heading or course: radius 0.5
    IncidentDiamond = 11,
    IncidentSquare = 12,
    IncidentTriangle = 13,
    IncidentCircle = 14,  // radius 0.95
    AlertTriangle = 15,   // analytics alerts (alert_overlay.cpp); circles use IncidentCircle
    AlertSquare = 16,
    AlertDiamond = 17,
};
inline constexpr int kSymbolShapeCount = 18;
// IncidentCircle's radius in shape units: a disc of r pixels is drawn at r / this per unit.
inline constexpr float kIncidentCircleRadius = 0.95f;

// The outline of a polygon shape (incident and alert markers) at `at`, `sizePx` pixels a
// shape unit, y down: what the SDF layer holds, for canvas drawings of the same symbol (a
// selected alert). Empty for circles and vessel shapes.
std::vector<geo::ScreenPoint> symbolOutline(SymbolShape shape, geo::ScreenPoint at, double sizePx);

// How the shader paints the shape (`edge` is the second colour).
enum class SymbolMode : std::uint8_t {
    FillOutlined = 0,  // fill over a dark silhouette max(1, size/8) px larger
    HollowStroke = 1,  // fill colour stroked along the outline, 3/16 of the size wide
    FillHalo = 2,      // incident: fill over a 2 px halo
    RingHalo = 3,      // incident: a ring inside the outline over a halo
    ClusterDisc = 4,   // incident cluster: a fill disc, a 3 px ring of `edge` inside its rim,
                       // over a 1.5 px white halo
};
inline constexpr int kSymbolModeCount = 5;

// One symbol as the overlay computes it. Positions are Web Mercator metres.
struct SymbolInstanceInput {
    double x = 0, y = 0;
    float headingRad = 0;  // clockwise from north (screen up); 0 for upright symbols
    float sizePx = 1;      // pixels per shape unit (vessels: half the length)
    charts::Rgba fill;
    charts::Rgba edge;
    SymbolShape shape = SymbolShape::VesselFirst;
    SymbolMode mode = SymbolMode::FillOutlined;
};

// Frame-wide settings of one draw.
struct SymbolDrawStyle {
    float sizeScale = 1.0f;     // multiplies every instance's size (a dense picture shrinks)
    bool dropOutlines = false;  // FillOutlined draws the fill alone
    float opacity = 1.0f;
    float level = 1.0f;  // the palette's light level
    float pixelScale = 1.0f;  // widens the fixed-width halos and rings (incidents, alerts)
};

class SymbolBatch {
  public:
    SymbolBatch();
    ~SymbolBatch();
    SymbolBatch(const SymbolBatch&) = delete;
    SymbolBatch& operator=(const SymbolBatch&) = delete;

    // Replaces the instances; they are sorted into cells now and uploaded at the next draw.
    void set(std::span<const SymbolInstanceInput> instances);
    std::size_t size() const { return count_; }
    // Draws the instances whose cells meet the view (grown by the largest symbol).
    // Returns false (and sets error()) when the shaders cannot be loaded.
    bool draw(const geo::MapView& view, const SymbolDrawStyle& style);
    // Instances sent to the GPU by the last draw (whole cell rows that meet the view).
    std::size_t lastDrawn() const { return lastDrawn_; }
    const std::string& error() const { return error_; }

    // The packed per-instance record (28 bytes), relative to the batch's origin.
    struct Instance {
        float x, y;
        float heading;
        float size;
        std::uint32_t fill;
        std::uint32_t edge;
        std::uint8_t shape, mode, pad0, pad1;
    };

  private:
    static constexpr int kGrid = 32;
    struct Gpu;
    // The shape texture and the quad, made on first draw; draw() adds the program for the
    // batch's modes (one per set of modes, compiled on first use).
    static std::unique_ptr<Gpu> createGpu();
    std::unique_ptr<Gpu> gpu_;
    std::vector<Instance> instances_;  // sorted by cell, row-major
    std::array<std::uint32_t, kGrid * kGrid + 1> cellStart_{};
    double originX_ = 0, originY_ = 0;  // the extent's centre: floats stay precise near it
    double minX_ = 0, minY_ = 0, cellW_ = 1, cellH_ = 1;
    float maxSizePx_ = 0;
    std::size_t count_ = 0;
    unsigned modes_ = 0;  // one bit per SymbolMode present: the shader is compiled for these
    bool dirty_ = false;
    std::size_t lastDrawn_ = 0;
    std::string error_;
};

}  // namespace seawatch::render
