#include "symbol_batch.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "gl_objects.hpp"
#include "seawatch/render/canvas.hpp"
#include "seawatch/render/vessel_overlay.hpp"

namespace seawatch::render {

namespace {

std::size_t cellIndex(int column, int row, int grid) {
    return static_cast<std::size_t>(row) * static_cast<std::size_t>(grid) +
           static_cast<std::size_t>(column);
}

constexpr int kShapeTexels = 128;      // per side of one layer
constexpr float kTextureUnits = 4.0f;  // the layer spans -2..2 shape units

struct Poly {
    std::array<ScreenPoint, 6> p{};
    int n = 0;
};

// Incident and alert marker outlines in units of the marker's half-size, as the canvas draws
// them (the incident diamond and triangle are enlarged to the square's visual weight).
Poly incidentPolygon(SymbolShape shape) {
    Poly poly;
    auto add = [&poly](double x, double y) { poly.p[static_cast<std::size_t>(poly.n++)] = {x, y}; };
    switch (shape) {
        case SymbolShape::IncidentDiamond:
            add(0, -1.25), add(1.25, 0), add(0, 1.25), add(-1.25, 0);
            break;
        case SymbolShape::IncidentSquare:
            add(-0.9, -0.9), add(0.9, -0.9), add(0.9, 0.9), add(-0.9, 0.9);
            break;
        case SymbolShape::IncidentTriangle:
            add(0, -1.2), add(1.2 * 0.92, 1.2 * 0.6), add(-1.2 * 0.92, 1.2 * 0.6);
            break;
        // Alerts keep their own proportions (a narrower triangle, a smaller square).
        case SymbolShape::AlertTriangle:
            add(0, -1.15), add(1, 0.75), add(-1, 0.75);
            break;
        case SymbolShape::AlertSquare:
            add(-0.8, -0.8), add(0.8, -0.8), add(0.8, 0.8), add(-0.8, 0.8);
            break;
        case SymbolShape::AlertDiamond:
            add(0, -1), add(1, 0), add(0, 1), add(-1, 0);
            break;
        default:
            break;
    }
    return poly;
}

// Distance from (x, y) to a convex polygon's boundary, negative inside.
float polygonDistance(std::span<const ScreenPoint> poly, float x, float y) {
    double nearest = 1e9;
    bool in = true;
    // Winding is either way round: inside means the same side of every edge.
    double sign = 0;
    for (std::size_t i = 0; i < poly.size(); ++i) {
        const ScreenPoint a = poly[i];
        const ScreenPoint b = poly[(i + 1) % poly.size()];
        const double ex = b.x - a.x, ey = b.y - a.y;
        const double px = x - a.x, py = y - a.y;
        const double t = std::clamp((px * ex + py * ey) / (ex * ex + ey * ey), 0.0, 1.0);
        nearest = std::min(nearest, std::hypot(px - t * ex, py - t * ey));
        const double cross = ex * py - ey * px;
        if (cross != 0) {
            if (sign == 0) sign = cross > 0 ? 1 : -1;
            if ((cross > 0 ? 1 : -1) != sign) in = false;
        }
    }
    return static_cast<float>(in ? -nearest : nearest);
}

// Outside a union of parts the nearest part decides; inside, the deepest containing part
// (exact for parts that only touch, close enough for the crossed hull's bar).
float unionDistance(std::span<const Poly> parts, float x, float y) {
    float outside = 1e9f, deepest = 1e9f;
    bool in = false;
    for (const Poly& part : parts) {
        const float d = polygonDistance({part.p.data(), static_cast<std::size_t>(part.n)}, x, y);
        if (d < 0) {
            in = true;
            deepest = std::min(deepest, d);
        } else {
            outside = std::min(outside, d);
        }
    }
    return in ? deepest : outside;
}

std::vector<Poly> shapeParts(SymbolShape shape) {
    const auto layer = static_cast<int>(shape);
    std::vector<Poly> parts;
    if (layer < static_cast<int>(SymbolShape::VesselCircle)) {
        const VesselSymbolGeometry& g = vesselSymbolGeometry(static_cast<VesselShape>(layer));
        for (int k = 0; k < g.partCount; ++k) {
            const auto& src = g.parts[static_cast<std::size_t>(k)];
            Poly p;
            p.n = src.count;
            std::copy(src.points.begin(), src.points.end(), p.p.begin());
            parts.push_back(p);
        }
    } else if (shape != SymbolShape::VesselCircle && shape != SymbolShape::IncidentCircle) {
        parts.push_back(incidentPolygon(shape));
    }
    return parts;
}

float circleRadius(SymbolShape shape) {
    return shape == SymbolShape::VesselCircle ? 0.5f : kIncidentCircleRadius;
}

// The shape's box in its units (y aft), for fitting each instance's quad tightly: on a
// software rasterizer every covered pixel runs the fragment shader.
std::array<float, 4> shapeBox(SymbolShape shape) {
    const auto parts = shapeParts(shape);
    if (parts.empty()) {
        const float r = circleRadius(shape);
        return {-r, -r, r, r};
    }
    std::array<float, 4> box{1e9f, 1e9f, -1e9f, -1e9f};
    for (const Poly& part : parts) {
        for (int i = 0; i < part.n; ++i) {
            const ScreenPoint p = part.p[static_cast<std::size_t>(i)];
            box[0] = std::min(box[0], static_cast<float>(p.x));
            box[1] = std::min(box[1], static_cast<float>(p.y));
            box[2] = std::max(box[2], static_cast<float>(p.x));
            box[3] = std::max(box[3], static_cast<float>(p.y));
        }
    }
    return box;
}

}  // namespace

// The symbol shader compiled for one set of modes (SYMBOL_MODES), and its uniforms.
struct SymbolProgram {
    GlProgram program;
    GLint viewport = -1, runOrigin = -1, cellWidth = -1, pxPerMetre = -1, sizeScale = -1,
          dropOutlines = -1, box = -1, firstColumn = -1, opacity = -1, level = -1, sampler = -1,
          pixelScale = -1;
};

struct SymbolBatch::Gpu {
    // Indexed by the batch's mode bits; made on first use (a batch's modes rarely change).
    std::array<std::unique_ptr<SymbolProgram>, 1u << kSymbolModeCount> programs;
    GlTexture shapes;
    GlVertexArray vao;
    GlBuffer corners, instances;
    std::array<float, 4 * kSymbolShapeCount> boxes{};  // shapeBox of every layer, in order
};

SymbolBatch::SymbolBatch() = default;
SymbolBatch::~SymbolBatch() = default;

void SymbolBatch::set(std::span<const SymbolInstanceInput> instances) {
    count_ = instances.size();
    dirty_ = true;
    maxSizePx_ = 0;
    modes_ = 0;
    instances_.resize(count_);
    cellStart_.fill(0);
    if (count_ == 0) return;
    double minX = instances[0].x, maxX = minX, minY = instances[0].y, maxY = minY;
    for (const auto& in : instances) {
        minX = std::min(minX, in.x), maxX = std::max(maxX, in.x);
        minY = std::min(minY, in.y), maxY = std::max(maxY, in.y);
        maxSizePx_ = std::max(maxSizePx_, in.sizePx);
    }
    minX_ = minX;
    minY_ = minY;
    // At least a metre a cell, so one point or a line of points still has cells.
    cellW_ = std::max(1.0, (maxX - minX) / kGrid * (1 + 1e-9));
    cellH_ = std::max(1.0, (maxY - minY) / kGrid * (1 + 1e-9));
    auto cellOf = [this](double x, double y) {
        const int cx = std::clamp(static_cast<int>((x - minX_) / cellW_), 0, kGrid - 1);
        const int cy = std::clamp(static_cast<int>((y - minY_) / cellH_), 0, kGrid - 1);
        return std::pair{cx, cy};
    };
    // Counting sort by cell, rows of cells (south to north) each west to east.
    std::array<std::uint32_t, kGrid * kGrid> counts{};
    for (const auto& in : instances) {
        const auto [cx, cy] = cellOf(in.x, in.y);
        ++counts[cellIndex(cx, cy, kGrid)];
    }
    for (std::size_t c = 0; c < counts.size(); ++c) cellStart_[c + 1] = cellStart_[c] + counts[c];
    std::array<std::uint32_t, kGrid * kGrid> next{};
    std::copy(cellStart_.begin(), cellStart_.end() - 1, next.begin());
    for (const auto& in : instances) {
        const auto [cx, cy] = cellOf(in.x, in.y);
        const double centreX = minX_ + (cx + 0.5) * cellW_;
        const double centreY = minY_ + (cy + 0.5) * cellH_;
        Instance& out = instances_[next[cellIndex(cx, cy, kGrid)]++];
        out.x = static_cast<float>(in.x - centreX);
        out.y = static_cast<float>(in.y - centreY);
        out.heading = in.headingRad;
        out.size = in.sizePx;
        out.fill = packRgba(in.fill);
        out.edge = packRgba(in.edge);
        out.shape = static_cast<std::uint8_t>(in.shape);
        out.mode = static_cast<std::uint8_t>(in.mode);
        modes_ |= 1u << out.mode;
        out.pad0 = static_cast<std::uint8_t>(cx);
        out.pad1 = 0;
    }
}

namespace {

// Every shape's distance field, one layer each. Worked out once a process: it is the same
// for every batch, and took 28-41 ms of CPU, which each batch's first draw paid (the console's
// first frame with vessels took 45-56 ms on llvmpipe for it).
const std::vector<std::uint8_t>& shapeTexels() {
    static const std::vector<std::uint8_t> texels = [] {
        std::vector<std::uint8_t> out(static_cast<std::size_t>(kShapeTexels) * kShapeTexels *
                                      kSymbolShapeCount);
        std::size_t k = 0;
        for (int layer = 0; layer < kSymbolShapeCount; ++layer) {
            const auto shape = static_cast<SymbolShape>(layer);
            const auto parts = shapeParts(shape);
            for (int row = 0; row < kShapeTexels; ++row) {
                for (int col = 0; col < kShapeTexels; ++col) {
                    const float x = ((col + 0.5f) / kShapeTexels - 0.5f) * kTextureUnits;
                    const float y = ((row + 0.5f) / kShapeTexels - 0.5f) * kTextureUnits;
                    const float d = parts.empty() ? std::hypot(x, y) - circleRadius(shape)
                                                  : unionDistance(parts, x, y);
                    out[k++] = static_cast<std::uint8_t>(
                        std::lround(std::clamp(0.5f + d * 0.5f, 0.0f, 1.0f) * 255.0f));
                }
            }
        }
        return out;
    }();
    return texels;
}

void uploadShapes(GLuint texture) {
    const std::vector<std::uint8_t>& texels = shapeTexels();
    glBindTexture(GL_TEXTURE_2D_ARRAY, texture);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage3D(GL_TEXTURE_2D_ARRAY, 0, GL_R8, kShapeTexels, kShapeTexels, kSymbolShapeCount, 0,
                 GL_RED, GL_UNSIGNED_BYTE, texels.data());
}

void pointInstanceAttributes(std::size_t firstInstance) {
    const auto stride = static_cast<GLsizei>(sizeof(SymbolBatch::Instance));
    auto at = [firstInstance](std::size_t member) {
        return reinterpret_cast<void*>(firstInstance * sizeof(SymbolBatch::Instance) + member);
    };
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(SymbolBatch::Instance, x)));
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, stride,
                          at(offsetof(SymbolBatch::Instance, heading)));
    glVertexAttribPointer(3, 1, GL_FLOAT, GL_FALSE, stride,
                          at(offsetof(SymbolBatch::Instance, size)));
    glVertexAttribPointer(4, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                          at(offsetof(SymbolBatch::Instance, fill)));
    glVertexAttribPointer(5, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                          at(offsetof(SymbolBatch::Instance, edge)));
    glVertexAttribPointer(6, 3, GL_UNSIGNED_BYTE, GL_FALSE, stride,
                          at(offsetof(SymbolBatch::Instance, shape)));
}

}  // namespace

namespace {

Result<std::unique_ptr<SymbolProgram>> makeSymbolProgram(unsigned modes) {
    auto program = loadProgram("symbol", "#define SYMBOL_MODES " + std::to_string(modes) + "\n");
    if (!program) return makeError(program.error());
    auto out = std::make_unique<SymbolProgram>();
    out->program = std::move(program.value());
    const GLuint p = out->program.get();
    out->viewport = glGetUniformLocation(p, "u_viewport");
    out->runOrigin = glGetUniformLocation(p, "u_runOriginPx");
    out->cellWidth = glGetUniformLocation(p, "u_cellWidthPx");
    out->pxPerMetre = glGetUniformLocation(p, "u_pxPerMetre");
    out->sizeScale = glGetUniformLocation(p, "u_sizeScale");
    out->dropOutlines = glGetUniformLocation(p, "u_dropOutlines");
    out->box = glGetUniformLocation(p, "u_box");
    out->firstColumn = glGetUniformLocation(p, "u_firstColumn");
    out->opacity = glGetUniformLocation(p, "u_opacity");
    out->level = glGetUniformLocation(p, "u_level");
    out->pixelScale = glGetUniformLocation(p, "u_pixelScale");
    out->sampler = glGetUniformLocation(p, "u_shapes");
    return out;
}

}  // namespace

std::unique_ptr<SymbolBatch::Gpu> SymbolBatch::createGpu() {
    auto gpu = std::make_unique<Gpu>();
    gpu->shapes = makeTexture();
    uploadShapes(gpu->shapes.get());
    for (int shape = 0; shape < kSymbolShapeCount; ++shape) {
        const auto b = shapeBox(static_cast<SymbolShape>(shape));
        std::copy(b.begin(), b.end(), gpu->boxes.begin() + 4 * shape);
    }
    gpu->vao = makeVertexArray();
    gpu->corners = makeBuffer();
    gpu->instances = makeBuffer();
    glBindVertexArray(gpu->vao.get());
    const float corners[] = {-1, -1, 1, -1, -1, 1, 1, 1};
    glBindBuffer(GL_ARRAY_BUFFER, gpu->corners.get());
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    for (GLuint a = 1; a <= 6; ++a) {
        glEnableVertexAttribArray(a);
        glVertexAttribDivisor(a, 1);
    }
    glBindVertexArray(0);
    return gpu;
}

bool SymbolBatch::draw(const geo::MapView& view, const SymbolDrawStyle& style) {
    lastDrawn_ = 0;
    if (!error_.empty()) return false;
    if (count_ == 0 || style.opacity <= 0.0f) return true;
    if (!gpu_) {
        gpu_ = createGpu();
        dirty_ = true;
    }
    Gpu& gpu = *gpu_;
    std::unique_ptr<SymbolProgram>& slot = gpu.programs[modes_];
    if (!slot) {
        auto made = makeSymbolProgram(modes_);
        if (!made) {
            error_ = made.error();
            return false;
        }
        slot = std::move(made.value());
    }
    const SymbolProgram& program = *slot;
    glBindVertexArray(gpu.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, gpu.instances.get());
    if (dirty_) {
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(instances_.size() * sizeof(Instance)),
                     instances_.data(), GL_STATIC_DRAW);
        dirty_ = false;
    }
    glUseProgram(program.program.get());
    glUniform2f(program.viewport, static_cast<float>(view.widthPx()),
                static_cast<float>(view.heightPx()));
    const double mpp = view.metresPerPixel();
    glUniform1f(program.pxPerMetre, static_cast<float>(1.0 / mpp));
    glUniform1f(program.cellWidth, static_cast<float>(cellW_ / mpp));
    glUniform1f(program.sizeScale, style.sizeScale);
    glUniform1i(program.dropOutlines, style.dropOutlines ? 1 : 0);
    glUniform1f(program.opacity, style.opacity);
    glUniform1f(program.level, style.level);
    glUniform1f(program.pixelScale, style.pixelScale);
    glUniform4fv(program.box, kSymbolShapeCount, gpu.boxes.data());
    glUniform1i(program.sampler, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D_ARRAY, gpu.shapes.get());

    // The cells that meet the view grown by the largest symbol (its box with margins is
    // under 2 units plus a few pixels).
    const double reachM = (maxSizePx_ * style.sizeScale * 2.0 + 8.0) * mpp;
    const geo::Mercator c = view.center();
    const double halfW = view.widthPx() * 0.5 * mpp + reachM;
    const double halfH = view.heightPx() * 0.5 * mpp + reachM;
    auto cellRange = [](double lo, double hi, double min, double size) {
        const double a = std::floor((lo - min) / size), b = std::floor((hi - min) / size);
        return std::pair{static_cast<int>(std::clamp(a, 0.0, kGrid - 1.0)),
                         static_cast<int>(std::clamp(b, 0.0, kGrid - 1.0))};
    };
    const bool outside = c.x + halfW < minX_ || c.x - halfW > minX_ + cellW_ * kGrid ||
                         c.y + halfH < minY_ || c.y - halfH > minY_ + cellH_ * kGrid;
    if (outside) {
        glBindVertexArray(0);
        return true;
    }
    const auto [c0, c1] = cellRange(c.x - halfW, c.x + halfW, minX_, cellW_);
    const auto [r0, r1] = cellRange(c.y - halfH, c.y + halfH, minY_, cellH_);
    glUniform1f(program.firstColumn, static_cast<float>(c0));
    for (int row = r0; row <= r1; ++row) {
        const std::uint32_t begin = cellStart_[cellIndex(c0, row, kGrid)];
        const std::uint32_t end = cellStart_[cellIndex(c1 + 1, row, kGrid)];
        if (end == begin) continue;
        // The first column's cell centre, in doubles: the shader adds only small numbers.
        const geo::Mercator origin{minX_ + (c0 + 0.5) * cellW_, minY_ + (row + 0.5) * cellH_};
        const ScreenPoint at = view.toScreen(origin);
        glUniform2f(program.runOrigin, static_cast<float>(at.x), static_cast<float>(at.y));
        pointInstanceAttributes(begin);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(end - begin));
        lastDrawn_ += end - begin;
    }
    glBindVertexArray(0);
    return true;
}

std::vector<ScreenPoint> symbolOutline(SymbolShape shape, ScreenPoint at, double sizePx) {
    if (static_cast<int>(shape) <= static_cast<int>(SymbolShape::VesselCircle)) return {};
    const Poly poly = incidentPolygon(shape);
    std::vector<ScreenPoint> out;
    for (int i = 0; i < poly.n; ++i) {
        const ScreenPoint& p = poly.p[static_cast<std::size_t>(i)];
        out.push_back({at.x + p.x * sizePx, at.y + p.y * sizePx});
    }
    return out;
}

}  // namespace seawatch::render
