#include "seawatch/render/heatmap_overlay.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

#include "gl_objects.hpp"

namespace seawatch::render {

namespace {

// The density is drawn at half the view's resolution: a Gaussian has no detail a full-size
// texel would add, and it quarters the fill cost on software renderers.
constexpr int kDownsample = 2;

struct SavedGlState {
    GLint drawFramebuffer = 0;
    GLint viewport[4] = {};
    GLboolean blend = GL_FALSE, stencil = GL_FALSE, scissor = GL_FALSE;
    GLint srcRgb = GL_ONE, dstRgb = GL_ZERO, srcAlpha = GL_ONE, dstAlpha = GL_ZERO;
    GLint vertexArray = 0;

    SavedGlState() {
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &drawFramebuffer);
        glGetIntegerv(GL_VIEWPORT, viewport);
        blend = glIsEnabled(GL_BLEND);
        stencil = glIsEnabled(GL_STENCIL_TEST);
        scissor = glIsEnabled(GL_SCISSOR_TEST);
        glGetIntegerv(GL_BLEND_SRC_RGB, &srcRgb);
        glGetIntegerv(GL_BLEND_DST_RGB, &dstRgb);
        glGetIntegerv(GL_BLEND_SRC_ALPHA, &srcAlpha);
        glGetIntegerv(GL_BLEND_DST_ALPHA, &dstAlpha);
        glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vertexArray);
    }
    ~SavedGlState() {
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(drawFramebuffer));
        glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
        setEnabled(GL_BLEND, blend);
        setEnabled(GL_STENCIL_TEST, stencil);
        setEnabled(GL_SCISSOR_TEST, scissor);
        glBlendFuncSeparate(static_cast<GLenum>(srcRgb), static_cast<GLenum>(dstRgb),
                            static_cast<GLenum>(srcAlpha), static_cast<GLenum>(dstAlpha));
        glBindVertexArray(static_cast<GLuint>(vertexArray));
    }
    SavedGlState(const SavedGlState&) = delete;
    SavedGlState& operator=(const SavedGlState&) = delete;
    static void setEnabled(GLenum cap, GLboolean on) {
        if (on) {
            glEnable(cap);
        } else {
            glDisable(cap);
        }
    }
};

}  // namespace

struct HeatmapOverlay::Gpu {
    GlProgram splat, ramp;
    GlVertexArray splatVao, rampVao;
    GlBuffer corners, splats;
    GlTexture density;
    GlFramebuffer framebuffer;
    int width = 0, height = 0;
    GLenum format = GL_R32F;
    std::vector<float> binned;       // weight per padded heat texel
    std::vector<float> splatData;    // x, y, weight per occupied texel
    std::vector<double> summedArea;  // for the peak estimate
};

double kernelRadiusPx(const HeatKernel& kernel, double nauticalMilesPerPixel) {
    if (kernel.scale == KernelScale::FollowView || nauticalMilesPerPixel <= 0.0)
        return kernel.viewRadiusPx;
    return std::clamp(kernel.groundRadiusNm / nauticalMilesPerPixel,
                      static_cast<double>(kernel.minRadiusPx),
                      static_cast<double>(kernel.maxRadiusPx));
}

Rgba heatRamp(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    const float yellow[3] = {1.0f, 0.93f, 0.35f}, orange[3] = {0.99f, 0.55f, 0.15f},
                red[3] = {0.80f, 0.07f, 0.09f};
    float rgb[3];
    for (int k = 0; k < 3; ++k) {
        rgb[k] = t < 0.5f ? yellow[k] + (orange[k] - yellow[k]) * t * 2.0f
                          : orange[k] + (red[k] - orange[k]) * (t * 2.0f - 1.0f);
    }
    const float edge = std::clamp(t / 0.08f, 0.0f, 1.0f);
    const float alpha = edge * edge * (3.0f - 2.0f * edge) * (0.45f + 0.4f * t);
    auto byte = [](float v) { return static_cast<std::uint8_t>(std::lround(v * 255.0f)); };
    return {byte(rgb[0]), byte(rgb[1]), byte(rgb[2]), byte(alpha)};
}

// The two programs and the splat quad, instanced per occupied heat texel.
std::unique_ptr<HeatmapOverlay::Gpu> HeatmapOverlay::createGpu(std::string& error) {
    auto gpu = std::make_unique<Gpu>();
    auto splat = loadProgram("heat_splat");
    auto ramp = loadProgram("heat_ramp");
    if (!splat || !ramp) {
        error = !splat ? splat.error() : ramp.error();
        return nullptr;
    }
    gpu->splat = std::move(splat.value());
    gpu->ramp = std::move(ramp.value());
    gpu->splatVao = makeVertexArray();
    gpu->rampVao = makeVertexArray();
    gpu->corners = makeBuffer();
    gpu->splats = makeBuffer();
    const float corners[] = {-1, -1, 1, -1, -1, 1, 1, 1};
    glBindVertexArray(gpu->splatVao.get());
    glBindBuffer(GL_ARRAY_BUFFER, gpu->corners.get());
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
    glBindBuffer(GL_ARRAY_BUFFER, gpu->splats.get());
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, 3 * sizeof(float), nullptr);
    glVertexAttribDivisor(1, 1);
    glBindVertexArray(0);
    return gpu;
}

// The density texture and its framebuffer at the heat grid's size. R32F first (exact sums);
// R16F and RGBA16F where a driver cannot render to it. False when none can be rendered to.
bool HeatmapOverlay::makeDensityTarget(Gpu& gpu, int width, int height) {
    for (GLenum format : {GLenum{GL_R32F}, GLenum{GL_R16F}, GLenum{GL_RGBA16F}}) {
        gpu.density = makeTexture();
        glBindTexture(GL_TEXTURE_2D, gpu.density.get());
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(format), width, height, 0, GL_RED,
                     GL_FLOAT, nullptr);
        GLuint fbo = 0;
        glGenFramebuffers(1, &fbo);
        gpu.framebuffer = GlFramebuffer(fbo);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
        glFramebufferTexture2D(GL_DRAW_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D,
                               gpu.density.get(), 0);
        if (glCheckFramebufferStatus(GL_DRAW_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) {
            gpu.format = format;
            gpu.width = width;
            gpu.height = height;
            return true;
        }
    }
    gpu.framebuffer.reset();
    return false;
}

bool HeatmapOverlay::appendGpuPassKey(const OverlayContext& context, const MapRenderer& renderer,
                                      std::vector<std::uint64_t>& key) const {
    (void)renderer;
    // Disabled by a GL error, or faded out: drawGpu draws nothing.
    if (!error_.empty() || opacity <= 0.0f) {
        key.push_back(0);
        return true;
    }
    const auto shown = static_cast<std::uint64_t>(
        std::upper_bound(times_.begin(), times_.end(), context.now) - times_.begin());
    key.insert(key.end(), {1, generation_, shown, std::bit_cast<std::uint32_t>(opacity),
                           std::bit_cast<std::uint32_t>(context.pixelScale),
                           static_cast<std::uint64_t>(kernel.scale),
                           std::bit_cast<std::uint32_t>(kernel.viewRadiusPx),
                           std::bit_cast<std::uint64_t>(kernel.groundRadiusNm),
                           std::bit_cast<std::uint32_t>(kernel.minRadiusPx),
                           std::bit_cast<std::uint32_t>(kernel.maxRadiusPx)});
    return true;
}

HeatmapOverlay::HeatmapOverlay(const incidents::IncidentColumns& columns) {
    setIncidents(columns);
}

HeatmapOverlay::~HeatmapOverlay() = default;

std::optional<geo::GeoBox> HeatmapOverlay::extent(time::UnixMillis now) const {
    // times_ is ascending, so what counts at `now` is a prefix.
    const auto shown = static_cast<std::size_t>(
        std::upper_bound(times_.begin(), times_.end(), now) - times_.begin());
    geo::ExtentBuilder e;
    for (std::size_t i = 0; i < shown; ++i) {
        const geo::LonLat p = geo::fromMercator({mercX_[i], mercY_[i]});
        e.add(p.lon, p.lat);
    }
    return e.result();
}

void HeatmapOverlay::setIncidents(const incidents::IncidentColumns& columns) {
    std::vector<std::size_t> order(columns.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return columns.occurredAt[a] < columns.occurredAt[b];
    });
    mercX_.resize(order.size());
    mercY_.resize(order.size());
    times_.resize(order.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t i = order[k];
        const geo::Mercator m = geo::toMercator({columns.lon[i], columns.lat[i]});
        mercX_[k] = m.x;
        mercY_[k] = m.y;
        times_[k] = columns.occurredAt[i];
    }
    ++generation_;
    drawnFor_.reset();
}

void HeatmapOverlay::build(const OverlayContext& context, Canvas& canvas) {
    // Everything is in the GPU pass; the legend (ramp and peak) is the console's.
    (void)context;
    (void)canvas;
}

void HeatmapOverlay::drawGpu(const OverlayContext& context, MapRenderer& renderer) {
    (void)renderer;
    if (!error_.empty() || opacity <= 0.0f) return;
    const geo::MapView& view = context.view;
    const int width = (view.widthPx() + kDownsample - 1) / kDownsample;
    const int height = (view.heightPx() + kDownsample - 1) / kDownsample;
    if (width <= 0 || height <= 0) return;

    SavedGlState saved;
    if (!gpu_) {
        gpu_ = createGpu(error_);
        if (!gpu_) return;
    }
    Gpu& gpu = *gpu_;
    if (gpu.width != width || gpu.height != height || !gpu.framebuffer) {
        if (!makeDensityTarget(gpu, width, height)) {
            error_ = "incident heatmap: no float render target (R32F, R16F, RGBA16F) on this GL";
            return;
        }
        drawnFor_.reset();
    }

    // Bin the incidents that have happened into heat texels (with a border of one kernel
    // radius, so splats from just off screen still warm its edge).
    const double kernelPx = kernelRadiusPx(kernel, view.nauticalMilesPerPixel());
    lastKernelRadiusNm_ = kernelPx * view.nauticalMilesPerPixel();
    const double screenRadius = kernelPx * context.pixelScale;
    const double radius = screenRadius / kDownsample;  // heat texels, 3 sigma
    const auto shown = static_cast<std::size_t>(
        std::upper_bound(times_.begin(), times_.end(), context.now) - times_.begin());
    const DensityKey key{view.center().x, view.center().y, view.metresPerPixel(),
                         width,           height,          shown,
                         radius,          generation_};
    if (!drawnFor_ || !(*drawnFor_ == key)) {
        splatDensity(view, radius, shown);
        drawnFor_ = key;
    }
    if (peakDensity_ <= 0.0f) return;
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(saved.drawFramebuffer));
    glViewport(saved.viewport[0], saved.viewport[1], saved.viewport[2], saved.viewport[3]);
    glDisable(GL_STENCIL_TEST);
    glDisable(GL_SCISSOR_TEST);
    glEnable(GL_BLEND);
    // Colour the density over the caller's framebuffer.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(gpu.ramp.get());
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, gpu.density.get());
    glUniform1i(glGetUniformLocation(gpu.ramp.get(), "u_density"), 0);
    // A lone incident sits a third of the way up the ramp; the hottest spot is red.
    const float logPeak = std::log(1.0f + std::max(3.0f, peakDensity_));
    glUniform1f(glGetUniformLocation(gpu.ramp.get(), "u_logPeak"), logPeak);
    glUniform1f(glGetUniformLocation(gpu.ramp.get(), "u_opacity"), opacity);
    glBindVertexArray(gpu.rampVao.get());
    glDrawArrays(GL_TRIANGLES, 0, 3);
}

void HeatmapOverlay::splatDensity(const geo::MapView& view, double radius, std::size_t shown) {
    Gpu& gpu = *gpu_;
    const int width = gpu.width, height = gpu.height;
    const int pad = static_cast<int>(std::ceil(radius));
    const int paddedW = width + 2 * pad, paddedH = height + 2 * pad;
    gpu.binned.assign(static_cast<std::size_t>(paddedW) * paddedH, 0.0f);
    const geo::MercatorBox box = view.visibleMercator();
    const double texelM = view.metresPerPixel() * kDownsample;
    for (std::size_t i = 0; i < shown; ++i) {
        const double x = (mercX_[i] - box.minX) / texelM + pad;
        const double y = (box.maxY - mercY_[i]) / texelM + pad;
        if (x < 0 || y < 0 || x >= paddedW || y >= paddedH) continue;
        gpu.binned[static_cast<std::size_t>(y) * paddedW + static_cast<std::size_t>(x)] += 1.0f;
    }
    gpu.splatData.clear();
    for (int y = 0; y < paddedH; ++y) {
        for (int x = 0; x < paddedW; ++x) {
            const float w = gpu.binned[static_cast<std::size_t>(y) * paddedW + x];
            if (w <= 0.0f) continue;
            gpu.splatData.insert(gpu.splatData.end(), {static_cast<float>(x - pad) + 0.5f,
                                                       static_cast<float>(y - pad) + 0.5f, w});
        }
    }
    // Peak estimate: the most incidents within one sigma of a texel (summed-area table).
    const int sigma = std::max(1, static_cast<int>(std::lround(radius / 3.0)));
    gpu.summedArea.assign(static_cast<std::size_t>(paddedW + 1) * (paddedH + 1), 0.0);
    auto sat = [&](int x, int y) -> double& {
        return gpu.summedArea[static_cast<std::size_t>(y) * (paddedW + 1) + x];
    };
    double peak = 0.0;
    for (int y = 1; y <= paddedH; ++y)
        for (int x = 1; x <= paddedW; ++x)
            sat(x, y) = gpu.binned[static_cast<std::size_t>(y - 1) * paddedW + (x - 1)] +
                        sat(x - 1, y) + sat(x, y - 1) - sat(x - 1, y - 1);
    for (int y = pad; y < pad + height; ++y) {
        for (int x = pad; x < pad + width; ++x) {
            const int x0 = std::max(0, x - sigma), x1 = std::min(paddedW, x + sigma + 1);
            const int y0 = std::max(0, y - sigma), y1 = std::min(paddedH, y + sigma + 1);
            peak = std::max(peak, sat(x1, y1) - sat(x0, y1) - sat(x1, y0) + sat(x0, y0));
        }
    }
    peakDensity_ = static_cast<float>(peak);
    // Cleared even when empty, so a stale picture never outlives its incidents.

    glDisable(GL_STENCIL_TEST);
    glDisable(GL_SCISSOR_TEST);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, gpu.framebuffer.get());
    glViewport(0, 0, width, height);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);
    if (gpu.splatData.empty()) return;
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE);
    glUseProgram(gpu.splat.get());
    glUniform2f(glGetUniformLocation(gpu.splat.get(), "u_size"), static_cast<float>(width),
                static_cast<float>(height));
    glUniform1f(glGetUniformLocation(gpu.splat.get(), "u_radius"), static_cast<float>(radius));
    glBindVertexArray(gpu.splatVao.get());
    glBindBuffer(GL_ARRAY_BUFFER, gpu.splats.get());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(gpu.splatData.size() * sizeof(float)),
                 gpu.splatData.data(), GL_STREAM_DRAW);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(gpu.splatData.size() / 3));
}

}  // namespace seawatch::render
