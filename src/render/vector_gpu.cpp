#include "vector_gpu.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <span>

#include "grid_cells.hpp"
#include "seawatch/charts/triangle_cache.hpp"
#include "seawatch/render/canvas.hpp"

namespace seawatch::render {

namespace {

// Sorts `indices` (primitives of `stride` indices each) by grid cell (grid_cells.hpp) and
// returns one run per non-empty cell; runs start at `base`.
template <typename BoxOf>
std::vector<IndexRun> sortIntoCells(std::vector<std::uint32_t>& indices, std::size_t stride,
                                    GLsizei base, BoxOf boxOf) {
    const CellOrder sorted = sortByCell(indices.size() / stride, boxOf);
    std::vector<std::uint32_t> permuted(indices.size());
    for (std::size_t i = 0; i < sorted.order.size(); ++i)
        std::copy_n(indices.begin() + static_cast<std::ptrdiff_t>(sorted.order[i] * stride), stride,
                    permuted.begin() + static_cast<std::ptrdiff_t>(i * stride));
    indices = std::move(permuted);
    std::vector<IndexRun> runs;
    for (const GridCell& cell : sorted.cells)
        runs.push_back({cell.box, base + static_cast<GLsizei>(cell.first * stride),
                        static_cast<GLsizei>(cell.count * stride)});
    return runs;
}

bool overlaps(const geo::MercatorBox& a, const geo::MercatorBox& b) {
    return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

// Draws the runs of `runs` that meet `view` (relative metres) with one multi-draw.
void drawRuns(GLenum mode, const std::vector<IndexRun>& runs, const geo::MercatorBox& view) {
    thread_local std::vector<GLsizei> counts;
    thread_local std::vector<const void*> offsets;
    counts.clear();
    offsets.clear();
    for (const IndexRun& r : runs) {
        if (!overlaps(r.box, view)) continue;
        counts.push_back(r.count);
        offsets.push_back(reinterpret_cast<const void*>(static_cast<std::uintptr_t>(r.first) *
                                                        sizeof(std::uint32_t)));
    }
    if (counts.empty()) return;
    glMultiDrawElements(mode, counts.data(), GL_UNSIGNED_INT, offsets.data(),
                        static_cast<GLsizei>(counts.size()));
}

}  // namespace

struct VectorLayerGpu::FillGeometry {
    std::vector<float> verts;  // x, y pairs relative to the origin
    std::vector<std::uint32_t> indices;
    std::vector<FillGroup> groups;
    bool needsStencil = false;
};

VectorLayerGpu::VectorLayerGpu(const charts::VectorLayer& layer)
    : bounds_(layer.bounds), style_(layer.style), featureClass_(layer.featureClass) {
    origin_ = {(bounds_.minX + bounds_.maxX) / 2, (bounds_.minY + bounds_.maxY) / 2};
    if (layer.fillsPolygons()) {
        const FillGeometry fills = buildFills(layer, origin_);
        uploadFills(fills);
        if (fills.needsStencil) uploadStencilCover();
    }
    prepareStrokes(layer);
    glBindVertexArray(0);
}

// Fill triangles (from the triangle cache for big layers), grouped by colour so DEPARE bands
// draw apart. Polygons GEOS could not triangulate (invalid rings) keep their ring vertices
// at the front of the buffer and are drawn as stencilled fans.
VectorLayerGpu::FillGeometry VectorLayerGpu::buildFills(const charts::VectorLayer& layer,
                                                        geo::Mercator origin) {
    geo::PolygonSetTriangles computed;
    if (!layer.fillTriangles) computed = charts::layerTriangles(layer);
    const geo::PolygonSetTriangles& triangles =
        layer.fillTriangles ? *layer.fillTriangles : computed;
    FillGeometry out;
    const bool anyFailed = std::any_of(triangles.failed.begin(), triangles.failed.end(),
                                       [](std::uint8_t f) { return f != 0; });
    const auto append = [&](std::span<const double> x, std::span<const double> y) {
        for (std::size_t i = 0; i < x.size(); ++i) {
            out.verts.push_back(static_cast<float>(x[i] - origin.x));
            out.verts.push_back(static_cast<float>(y[i] - origin.y));
        }
    };
    out.verts.reserve(((anyFailed ? layer.ringX.size() : 0) + triangles.triangles.x.size()) * 2);
    if (anyFailed) append(layer.ringX, layer.ringY);
    const auto triangleBase = static_cast<std::uint32_t>(out.verts.size() / 2);
    append(triangles.triangles.x, triangles.triangles.y);

    struct Pending {
        FillGroup group;
        std::vector<std::uint32_t> indices;
    };
    std::map<std::uint32_t, Pending> groups;
    for (std::size_t p = 0; p < layer.polygonCount(); ++p) {
        charts::Rgba color = layer.style.fill;
        float value = 0.0f;
        if (layer.featureClass == charts::FeatureClass::DepthArea) {
            value = p < layer.polygonValue.size() ? layer.polygonValue[p] : std::nanf("");
            color = charts::depthAreaFill(value);
        }
        Pending& g = groups[packRgba(color)];
        g.group.color = color;
        g.group.depthAreaValue = value;
        if (!triangles.failed[p]) {
            for (std::uint32_t i = triangles.polygonIndexStart[p];
                 i < triangles.polygonIndexStart[p + 1]; ++i)
                g.indices.push_back(triangleBase + triangles.triangles.indices[i]);
            continue;
        }
        for (std::uint32_t r = layer.polygonRingStart[p]; r < layer.polygonRingStart[p + 1]; ++r) {
            const GLint first = static_cast<GLint>(layer.ringVertexStart[r]);
            const GLsizei count = static_cast<GLsizei>(layer.ringVertexStart[r + 1] - first);
            if (count < 3) continue;
            g.group.firsts.push_back(first);
            g.group.counts.push_back(count);
            out.needsStencil = true;
        }
    }
    for (auto& entry : groups) {
        Pending& g = entry.second;  // a named reference: lambdas cannot capture a binding
        g.group.firstIndex = static_cast<GLsizei>(out.indices.size());
        g.group.indexCount = static_cast<GLsizei>(g.indices.size());
        const auto& v = out.verts;
        g.group.runs = sortIntoCells(g.indices, 3, g.group.firstIndex, [&](std::size_t t) {
            geo::MercatorBox b{1e300, 1e300, -1e300, -1e300};
            for (std::size_t k = 0; k < 3; ++k) {
                const std::uint32_t i = g.indices[t * 3 + k];
                b.minX = std::min<double>(b.minX, v[2 * i]);
                b.maxX = std::max<double>(b.maxX, v[2 * i]);
                b.minY = std::min<double>(b.minY, v[2 * i + 1]);
                b.maxY = std::max<double>(b.maxY, v[2 * i + 1]);
            }
            return b;
        });
        out.indices.insert(out.indices.end(), g.indices.begin(), g.indices.end());
        out.groups.push_back(std::move(g.group));
    }
    return out;
}

void VectorLayerGpu::uploadFills(const FillGeometry& fills) {
    fillGroups_ = fills.groups;
    fillVao_ = makeVertexArray();
    fillVbo_ = makeBuffer();
    glBindVertexArray(fillVao_.get());
    glBindBuffer(GL_ARRAY_BUFFER, fillVbo_.get());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(fills.verts.size() * sizeof(float)),
                 fills.verts.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
    fillEbo_ = makeBuffer();
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, fillEbo_.get());
    glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(fills.indices.size() * sizeof(std::uint32_t)),
                 fills.indices.data(), GL_STATIC_DRAW);
}

// The cover quad spans the layer bounds; the stencil decides what it colours.
void VectorLayerGpu::uploadStencilCover() {
    const float hx = static_cast<float>(bounds_.width() / 2) * 1.001f + 1.0f;
    const float hy = static_cast<float>(bounds_.height() / 2) * 1.001f + 1.0f;
    const float cover[] = {-hx, -hy, hx, -hy, hx, hy, -hx, -hy, hx, hy, -hx, hy};
    coverVao_ = makeVertexArray();
    coverVbo_ = makeBuffer();
    glBindVertexArray(coverVao_.get());
    glBindBuffer(GL_ARRAY_BUFFER, coverVbo_.get());
    glBufferData(GL_ARRAY_BUFFER, sizeof cover, cover, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
}

// Strokes: lines always; ring outlines when the style strokes polygons. Only listed here, as
// polylines from the layer origin; StrokeLevels builds the quads a frame needs.
void VectorLayerGpu::prepareStrokes(const charts::VectorLayer& layer) {
    StrokePolylines lines;
    const bool outlines = layer.style.strokeWidthPx > 0 && layer.style.stroke.a > 0;
    const std::size_t vertices = layer.lineX.size() + (outlines ? layer.ringX.size() : 0);
    lines.x.reserve(vertices);
    lines.y.reserve(vertices);
    const auto add = [&](std::span<const double> x, std::span<const double> y, float value,
                         bool closed) {
        for (std::size_t i = 0; i < x.size(); ++i) {
            lines.x.push_back(static_cast<float>(x[i] - origin_.x));
            lines.y.push_back(static_cast<float>(y[i] - origin_.y));
        }
        lines.start.push_back(static_cast<std::uint32_t>(lines.x.size()));
        lines.value.push_back(value);
        lines.closed.push_back(closed ? 1 : 0);
    };
    const auto span = [](const std::vector<double>& v, std::uint32_t a, std::uint32_t b) {
        return std::span<const double>(v.data() + a, b - a);
    };
    for (std::size_t l = 0; l < layer.lineCount(); ++l) {
        const std::uint32_t a = layer.lineVertexStart[l], b = layer.lineVertexStart[l + 1];
        add(span(layer.lineX, a, b), span(layer.lineY, a, b),
            l < layer.lineValue.size() ? layer.lineValue[l] : 0.0f, false);
    }
    if (outlines) {
        for (std::size_t r = 0; r < layer.ringCount(); ++r) {
            const std::uint32_t a = layer.ringVertexStart[r], b = layer.ringVertexStart[r + 1];
            add(span(layer.ringX, a, b), span(layer.ringY, a, b), 0.0f, true);
        }
    }
    strokes_ = StrokeLevels(std::move(lines));
}

namespace {
void setColor(GLuint program, charts::Rgba c, float opacity) {
    glUniform4f(glGetUniformLocation(program, "u_color"), c.r / 255.0f, c.g / 255.0f, c.b / 255.0f,
                c.a / 255.0f * opacity);
}
void setTransform(GLuint program, const DrawUniforms& u) {
    glUniform2fv(glGetUniformLocation(program, "u_offset"), 1, u.offset);
    glUniform2fv(glGetUniformLocation(program, "u_scale"), 1, u.scale);
}
}  // namespace

void VectorLayerGpu::drawFills(GLuint program, const DrawUniforms& u, float opacity,
                               const geo::MercatorBox& viewBox,
                               const charts::Palette& palette) const {
    if (fillGroups_.empty()) return;
    if (bounds_.maxX < viewBox.minX || bounds_.minX > viewBox.maxX || bounds_.maxY < viewBox.minY ||
        bounds_.minY > viewBox.maxY)
        return;
    glUseProgram(program);
    setTransform(program, u);
    glBindVertexArray(fillVao_.get());
    const geo::MercatorBox view{viewBox.minX - origin_.x, viewBox.minY - origin_.y,
                                viewBox.maxX - origin_.x, viewBox.maxY - origin_.y};
    for (const FillGroup& g : fillGroups_) {
        if (g.indexCount == 0) continue;
        const charts::Rgba colour =
            charts::classColour(featureClass_, g.color, g.depthAreaValue, palette);
        setColor(program, colour, opacity);
        // An opaque fill blends to itself: without blending llvmpipe writes the pixels instead
        // of reading each back first (the land is half of a theatre's picture).
        const bool opaque = colour.a == 255 && opacity >= 1.0f && glIsEnabled(GL_BLEND);
        if (opaque) glDisable(GL_BLEND);
        drawRuns(GL_TRIANGLES, g.runs, view);
        if (opaque) glEnable(GL_BLEND);
    }
    for (const FillGroup& g : fillGroups_) {
        if (g.firsts.empty()) continue;
        glEnable(GL_STENCIL_TEST);
        // Pass 1: every fan toggles the stencil; odd coverage = inside (even-odd rule),
        // which fills invalid (self-touching) rings as a paper chart would.
        glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
        glStencilMask(0xFF);
        glStencilFunc(GL_ALWAYS, 0, 0xFF);
        glStencilOp(GL_KEEP, GL_KEEP, GL_INVERT);
        glBindVertexArray(fillVao_.get());
        glMultiDrawArrays(GL_TRIANGLE_FAN, g.firsts.data(), g.counts.data(),
                          static_cast<GLsizei>(g.firsts.size()));
        // Pass 2: colour where the stencil is set, clearing it as we go.
        glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
        glStencilFunc(GL_NOTEQUAL, 0, 0xFF);
        glStencilOp(GL_ZERO, GL_ZERO, GL_ZERO);
        setColor(program, charts::classColour(featureClass_, g.color, g.depthAreaValue, palette),
                 opacity);
        glBindVertexArray(coverVao_.get());
        glDrawArrays(GL_TRIANGLES, 0, 6);
        glDisable(GL_STENCIL_TEST);
    }
}

void VectorLayerGpu::drawStrokes(GLuint program, const DrawUniforms& u, float opacity,
                                 int viewportW, int viewportH, float pixelScale,
                                 const charts::Palette& palette) const {
    if (strokes_.empty() || style_.strokeWidthPx <= 0) return;
    glUseProgram(program);
    setTransform(program, u);
    glUniform2f(glGetUniformLocation(program, "u_viewport"), static_cast<float>(viewportW),
                static_cast<float>(viewportH));
    glUniform1f(glGetUniformLocation(program, "u_half_width"),
                std::max(0.5f, style_.strokeWidthPx * pixelScale / 2.0f));
    setColor(program, charts::classColour(featureClass_, style_.stroke, 0.0f, palette), opacity);
    // Lines reach a few pixels beyond their end points: widen the view by as much.
    const double mx = 2.0 / u.scale[0] * 0.02, my = 2.0 / u.scale[1] * 0.02;
    const geo::MercatorBox view{
        -u.offset[0] - 1.0 / u.scale[0] - mx, -u.offset[1] - 1.0 / u.scale[1] - my,
        -u.offset[0] + 1.0 / u.scale[0] + mx, -u.offset[1] + 1.0 / u.scale[1] + my};
    strokes_.draw(view, 2.0 / u.scale[0] / std::max(1, viewportW));
}

}  // namespace seawatch::render
