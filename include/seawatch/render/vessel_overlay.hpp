#pragma once
// Vessels on the chart: one symbol per vessel at its state at `context.now`, coloured and
// shaped by ship class, oriented by heading (else course), with a speed leader, a fading
// trail, a name label when zoomed in, and rings for the selection. Radar/visual contacts
// (scenario::kContactMmsiFirst..Last) get a diamond. Drawn from a TrackStore only, so the
// console, `seawatch render --at` and briefings show the same picture.
//
// Symbols are GPU instances (src/render/symbol_batch.hpp): every vessel's state at `now` is
// computed, and its instance sent to the GPU, only when the store, the time or the symbol
// size changes; a still or panning picture only draws the instances of the grid cells in
// view. Trails, leaders, labels and rings stay canvas triangles (their number is bounded by
// the trail cap and by pixels).
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "seawatch/ais/track_store.hpp"
#include "seawatch/render/overlay.hpp"

namespace seawatch::render {

enum class VesselShape : std::uint8_t {
    Hull,         // pointed bow, square stern: cargo
    BluntHull,    // wide, flat bow: tanker
    Slender,      // long narrow dart: passenger
    Kite,         // short kite: fishing
    Chevron,      // arrowhead with a notch: military / law enforcement
    CrossedHull,  // hull with a cross bar: search and rescue
    SmallHull,    // small slim hull: pleasure
    Tapered,      // trapezoid, narrow end forward: other
    Lozenge,      // six-sided blob: unknown type
    Diamond,      // radar / visual contact (not oriented)
};

// One row of the legend: what the watch officer reads off the map.
struct VesselLegendEntry {
    ais::ShipClass shipClass = ais::ShipClass::Unknown;
    bool contact = false;
    const char* label = "";
    Rgba fill;
    VesselShape shape = VesselShape::Lozenge;
};

// Every class and the contact symbol, in legend order.
std::span<const VesselLegendEntry> vesselLegend();
const VesselLegendEntry& vesselStyleFor(ais::ShipClass shipClass);
const VesselLegendEntry& contactStyle();
bool isRadarContact(ais::Mmsi mmsi);

// A symbol in unit coordinates: bow towards -y, the fix at the origin, length about 2.
// `parts` are convex polygons to fill; `outline` is the closed silhouette to stroke.
struct VesselSymbolGeometry {
    struct Polygon {
        std::array<ScreenPoint, 6> points{};
        int count = 0;
        std::span<const ScreenPoint> span() const {
            return {points.data(), static_cast<std::size_t>(count)};
        }
    };
    std::array<Polygon, 2> parts{};
    int partCount = 0;
    Polygon outline;
};
const VesselSymbolGeometry& vesselSymbolGeometry(VesselShape shape);

struct VesselOverlayOptions {
    time::UnixMillis trailMs = 30 * time::kMillisPerMinute;
    float symbolLengthPx = 18.0f;  // bow to stern, before the pixel scale
    float leaderMinutes = 6.0f;    // speed leader: where the vessel will be in this time
    float leaderMinSpeedKn = 0.5f;
    float trailStepPx = 2.0f;               // trail vertices at least this far apart
    double labelMaxMetresPerPixel = 150.0;  // names only when zoomed in this far
    // From this many targets on screen the picture is "dense": symbols shrink to 3/4 and lose
    // their outline, and trails are drawn with coarser steps, to keep the frame in budget.
    std::size_t denseTargets = 2500;
    // Above this many targets on screen only selected, hovered and highlighted vessels keep
    // their trails.
    std::size_t maxTrailTargets = 4000;
    bool showTrails = true;
    bool showLabels = true;
    // The trails' own opacity, on top of the overlay's (the Layers panel's Trails row).
    float trailOpacity = 1.0f;
};

class SymbolBatch;

class VesselOverlay final : public MapOverlay {
  public:
    explicit VesselOverlay(const ais::TrackStore& store, VesselOverlayOptions options = {});
    ~VesselOverlay() override;
    VesselOverlay(const VesselOverlay&) = delete;
    VesselOverlay& operator=(const VesselOverlay&) = delete;
    const char* name() const override { return "Vessels"; }
    void build(const OverlayContext& context, Canvas& canvas) override;
    void drawInstanced(const OverlayContext& context, MapRenderer& renderer) override;
    std::optional<geo::GeoBox> extent(time::UnixMillis now) const override;
    // What the trails cover at `now` (nothing when they are hidden), for the Trails row.
    std::optional<geo::GeoBox> trailsExtent(time::UnixMillis now) const;

    // The console swaps between a scene's tracks and the live store.
    void setStore(const ais::TrackStore& store) { store_ = &store; }
    VesselOverlayOptions& options() { return options_; }
    // Vessels drawn by the last build (inside the view, with a state at `now`).
    std::size_t drawnCount() const { return visible_.size(); }
    // Symbol instances sent to the GPU by the last frame (the grid cells in view).
    std::size_t instancesDrawn() const;
    // Times the states and instances were recomputed (for tests: a pan must not).
    std::size_t stateRefreshes() const { return stateRefreshes_; }

  private:
    struct Visible {
        std::size_t index;
        ais::VesselState state;
        ScreenPoint at;
        const VesselLegendEntry* style;
    };
    struct Cached {
        std::size_t index;
        ais::VesselState state;
        geo::Mercator at;
        const VesselLegendEntry* style;
    };
    // What the cached states and instances were computed for.
    struct StateKey {
        const ais::TrackStore* store = nullptr;
        std::uint64_t revision = 0;
        time::UnixMillis now = 0;
        float sizePx = 0;
        charts::PaletteKind palette = charts::PaletteKind::Day;  // the outlines' ink
        bool operator==(const StateKey&) const = default;
    };
    void refreshStates(const OverlayContext& context);
    void collectVisible(const OverlayContext& context);
    void drawTrails(const OverlayContext& context, Canvas& canvas);
    void drawLeader(const OverlayContext& context, const Visible& v, float scale, Canvas& canvas);
    // Name labels: every vessel when zoomed in, the selected and highlighted ones always.
    void drawLabels(const OverlayContext& context, Canvas& canvas);
    void addLegend(Canvas& canvas) const;
    void drawEmphasis(const OverlayContext& context, Canvas& canvas);

    const ais::TrackStore* store_;
    VesselOverlayOptions options_;
    std::optional<StateKey> stateKey_;
    std::vector<Cached> states_;
    std::unique_ptr<SymbolBatch> symbols_;
    std::size_t stateRefreshes_ = 0;
    bool outlined_ = true;
    // Reused every frame so a frame allocates nothing once warmed up.
    std::vector<Visible> visible_;
    std::vector<ais::TrailPoint> trail_;
};

}  // namespace seawatch::render
