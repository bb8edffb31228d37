#pragma once
// Incident density on the GPU: each incident (binned per heat texel first, so a million
// incidents cost as much as the texels they fall on) is splatted as a Gaussian into a float
// framebuffer with additive blending, then a full-screen pass colours the density with a
// ramp (transparent at zero, then yellow, orange, red). Only incidents that have happened
// by the picture's time count. The caller's framebuffer, viewport and blending are
// restored afterwards: the console draws into FBO 0, headless renders into their own.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "seawatch/incidents/store.hpp"
#include "seawatch/render/overlay.hpp"

namespace seawatch::render {

// How wide each incident's Gaussian is. Following the view (the default), it is a fixed
// number of pixels: zoomed out it shows the regional pattern, zoomed in the individual
// hot spots, and the picture never turns into one blob or scattered dots. On the ground, it
// is a fixed radius in nautical miles (to compare two pictures at one scale), kept within
// pixel limits so that it neither vanishes nor floods the screen.
enum class KernelScale : std::uint8_t { FollowView, Ground };
struct HeatKernel {
    KernelScale scale = KernelScale::FollowView;
    float viewRadiusPx = 24.0f;
    double groundRadiusNm = 16.0;
    float minRadiusPx = 6.0f;
    float maxRadiusPx = 64.0f;
};
// The kernel radius (3 sigma) in unscaled pixels for a view of `nauticalMilesPerPixel`
// (on the ground, at the view's centre).
double kernelRadiusPx(const HeatKernel& kernel, double nauticalMilesPerPixel);

class HeatmapOverlay : public MapOverlay {
  public:
    explicit HeatmapOverlay(const incidents::IncidentColumns& columns);
    ~HeatmapOverlay() override;
    HeatmapOverlay(const HeatmapOverlay&) = delete;
    HeatmapOverlay& operator=(const HeatmapOverlay&) = delete;

    void setIncidents(const incidents::IncidentColumns& columns);

    const char* name() const override { return "Incident density"; }
    void drawGpu(const OverlayContext& context, MapRenderer& renderer) override;
    // The density picture follows the incidents given (their generation), how many of them
    // have happened by the frame's time, the kernel, the opacity and the pixel scale; with
    // the view in the renderer's own key, that is all its pixels depend on.
    bool appendGpuPassKey(const OverlayContext& context, const MapRenderer& renderer,
                          std::vector<std::uint64_t>& key) const override;
    void build(const OverlayContext& context, Canvas& canvas) override;
    // The incidents that count at `now` (those that have happened), as the markers' layer.
    std::optional<geo::GeoBox> extent(time::UnixMillis now) const override;

    HeatKernel kernel;
    // The kernel's radius on the ground in the last frame drawn (for the legend's words).
    double lastKernelRadiusNm() const { return lastKernelRadiusNm_; }
    // The GL error that disabled the heatmap (shaders missing, no float render target).
    const std::string& error() const { return error_; }
    // Density of the hottest texel in the last frame, in incidents (for the legend).
    float peakDensity() const { return peakDensity_; }

  private:
    // What the density texture was last drawn for: when it has not changed (a still
    // picture, or time moving on without a new incident) only the colour pass runs.
    struct DensityKey {
        double cx = 0, cy = 0, mpp = 0;
        int w = 0, h = 0;
        std::size_t shown = 0;
        double radius = 0;
        std::uint64_t generation = 0;
        bool operator==(const DensityKey&) const = default;
    };
    struct Gpu;
    static std::unique_ptr<Gpu> createGpu(std::string& error);
    static bool makeDensityTarget(Gpu& gpu, int width, int height);
    // Bins the first `shown` incidents and splats them into the density texture.
    void splatDensity(const geo::MapView& view, double radius, std::size_t shown);
    std::unique_ptr<Gpu> gpu_;
    std::vector<double> mercX_, mercY_;
    std::vector<time::UnixMillis> times_;  // ascending; positions sorted with them
    std::string error_;
    float peakDensity_ = 0.0f;
    double lastKernelRadiusNm_ = 0.0;
    std::uint64_t generation_ = 1;
    std::optional<DensityKey> drawnFor_;
};

// The ramp the heat pass uses, t in [0, 1] -> premultiplied-free RGBA (alpha 0 at t = 0);
// the legend draws the same ramp.
Rgba heatRamp(float t);

}  // namespace seawatch::render
