#include "vector_gpu.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <span>

#include "seawatch/geo/triangulate.hpp"

namespace seawatch::render {

namespace {

struct LineVertex {
    float start[2];
    float end[2];
    float corner[2];
    float value;
};

void appendSegment(std::vector<LineVertex>& verts, std::vector<std::uint32_t>& idx, float ax,
                   float ay, float bx, float by, float value) {
    const auto base = static_cast<std::uint32_t>(verts.size());
    static constexpr float kCorners[4][2] = {{0, -1}, {1, -1}, {1, 1}, {0, 1}};
    for (const auto& c : kCorners) verts.push_back({{ax, ay}, {bx, by}, {c[0], c[1]}, value});
    idx.insert(idx.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
}

}  // namespace

VectorLayerGpu::VectorLayerGpu(const charts::VectorLayer& layer)
    : bounds_(layer.bounds), style_(layer.style) {
    origin_ = {(bounds_.minX + bounds_.maxX) / 2, (bounds_.minY + bounds_.maxY) / 2};
    const auto ox = origin_.x;
    const auto oy = origin_.y;

    // Fills: every ring as a triangle fan; groups by colour so DEPARE bands draw apart.
    const bool filled =
        layer.style.fill.a > 0 || layer.featureClass == charts::FeatureClass::DepthArea;
    bool needsStencil = false;
    if (filled && layer.polygonCount() > 0) {
        std::vector<float> verts;
        verts.reserve(layer.ringX.size() * 2);
        for (std::size_t i = 0; i < layer.ringX.size(); ++i) {
            verts.push_back(static_cast<float>(layer.ringX[i] - ox));
            verts.push_back(static_cast<float>(layer.ringY[i] - oy));
        }
        struct Pending {
            charts::Rgba color;
            std::vector<std::uint32_t> indices;
            std::vector<GLint> firsts;
            std::vector<GLsizei> counts;
        };
        std::map<std::uint32_t, Pending> groups;
        for (std::size_t p = 0; p < layer.polygonCount(); ++p) {
            charts::Rgba color = layer.style.fill;
            if (layer.featureClass == charts::FeatureClass::DepthArea) {
                const float value =
                    p < layer.polygonValue.size() ? layer.polygonValue[p] : std::nanf("");
                color = charts::depthAreaFill(value);
            }
            const std::uint32_t key = color.r | (color.g << 8) | (color.b << 16) |
                                      (static_cast<std::uint32_t>(color.a) << 24);
            Pending& g = groups[key];
            g.color = color;
            const std::span<const std::uint32_t> rings(
                layer.ringVertexStart.data() + layer.polygonRingStart[p],
                layer.polygonRingStart[p + 1] - layer.polygonRingStart[p] + 1);
            // Ring vertices stay at the front of the buffer for the stencil fallback; a
            // triangulation's own vertices (tiles cut from big polygons add some) follow.
            geo::Triangles triangles;
            if (geo::triangulatePolygon(layer.ringX, layer.ringY, rings, triangles)) {
                const auto base = static_cast<std::uint32_t>(verts.size() / 2);
                for (std::size_t i = 0; i < triangles.x.size(); ++i) {
                    verts.push_back(static_cast<float>(triangles.x[i] - ox));
                    verts.push_back(static_cast<float>(triangles.y[i] - oy));
                }
                for (std::uint32_t index : triangles.indices) g.indices.push_back(base + index);
                continue;
            }
            for (std::uint32_t r = layer.polygonRingStart[p]; r < layer.polygonRingStart[p + 1];
                 ++r) {
                const GLint first = static_cast<GLint>(layer.ringVertexStart[r]);
                const GLsizei count = static_cast<GLsizei>(layer.ringVertexStart[r + 1] - first);
                if (count < 3) continue;
                g.firsts.push_back(first);
                g.counts.push_back(count);
                needsStencil = true;
            }
        }
        std::vector<std::uint32_t> allIndices;
        for (auto& [key, g] : groups) {
            FillGroup out;
            out.color = g.color;
            out.firstIndex = static_cast<GLsizei>(allIndices.size());
            out.indexCount = static_cast<GLsizei>(g.indices.size());
            allIndices.insert(allIndices.end(), g.indices.begin(), g.indices.end());
            out.firsts = std::move(g.firsts);
            out.counts = std::move(g.counts);
            fillGroups_.push_back(std::move(out));
        }

        fillVao_ = makeVertexArray();
        fillVbo_ = makeBuffer();
        glBindVertexArray(fillVao_.get());
        glBindBuffer(GL_ARRAY_BUFFER, fillVbo_.get());
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(verts.size() * sizeof(float)),
                     verts.data(), GL_STATIC_DRAW);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
        fillEbo_ = makeBuffer();
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, fillEbo_.get());
        glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                     static_cast<GLsizeiptr>(allIndices.size() * sizeof(std::uint32_t)),
                     allIndices.data(), GL_STATIC_DRAW);

        // The cover quad spans the layer bounds; the stencil decides what it colours.
        if (needsStencil) {
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
    }

    // Strokes: lines always; ring outlines when the style strokes polygons.
    std::vector<LineVertex> lverts;
    std::vector<std::uint32_t> lidx;
    for (std::size_t l = 0; l < layer.lineCount(); ++l) {
        const float value = l < layer.lineValue.size() ? layer.lineValue[l] : 0.0f;
        for (std::uint32_t i = layer.lineVertexStart[l] + 1; i < layer.lineVertexStart[l + 1];
             ++i) {
            appendSegment(lverts, lidx, static_cast<float>(layer.lineX[i - 1] - ox),
                          static_cast<float>(layer.lineY[i - 1] - oy),
                          static_cast<float>(layer.lineX[i] - ox),
                          static_cast<float>(layer.lineY[i] - oy), value);
        }
    }
    if (layer.style.strokeWidthPx > 0 && layer.style.stroke.a > 0) {
        for (std::size_t r = 0; r < layer.ringCount(); ++r) {
            const std::uint32_t first = layer.ringVertexStart[r];
            const std::uint32_t end = layer.ringVertexStart[r + 1];
            for (std::uint32_t i = first; i < end; ++i) {
                const std::uint32_t j = i + 1 < end ? i + 1 : first;
                appendSegment(lverts, lidx, static_cast<float>(layer.ringX[i] - ox),
                              static_cast<float>(layer.ringY[i] - oy),
                              static_cast<float>(layer.ringX[j] - ox),
                              static_cast<float>(layer.ringY[j] - oy), 0.0f);
            }
        }
    }
    if (!lidx.empty()) {
        lineVao_ = makeVertexArray();
        lineVbo_ = makeBuffer();
        lineEbo_ = makeBuffer();
        glBindVertexArray(lineVao_.get());
        glBindBuffer(GL_ARRAY_BUFFER, lineVbo_.get());
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(lverts.size() * sizeof(LineVertex)),
                     lverts.data(), GL_STATIC_DRAW);
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, lineEbo_.get());
        glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                     static_cast<GLsizeiptr>(lidx.size() * sizeof(std::uint32_t)), lidx.data(),
                     GL_STATIC_DRAW);
        const auto stride = static_cast<GLsizei>(sizeof(LineVertex));
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, nullptr);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride,
                              reinterpret_cast<void*>(offsetof(LineVertex, end)));
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride,
                              reinterpret_cast<void*>(offsetof(LineVertex, corner)));
        glEnableVertexAttribArray(3);
        glVertexAttribPointer(3, 1, GL_FLOAT, GL_FALSE, stride,
                              reinterpret_cast<void*>(offsetof(LineVertex, value)));
        lineIndexCount_ = static_cast<GLsizei>(lidx.size());
    }
    glBindVertexArray(0);
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
                               const geo::MercatorBox& viewBox) const {
    if (fillGroups_.empty()) return;
    if (bounds_.maxX < viewBox.minX || bounds_.minX > viewBox.maxX || bounds_.maxY < viewBox.minY ||
        bounds_.minY > viewBox.maxY)
        return;
    glUseProgram(program);
    setTransform(program, u);
    glBindVertexArray(fillVao_.get());
    for (const FillGroup& g : fillGroups_) {
        if (g.indexCount == 0) continue;
        setColor(program, g.color, opacity);
        glDrawElements(GL_TRIANGLES, g.indexCount, GL_UNSIGNED_INT,
                       reinterpret_cast<void*>(static_cast<std::uintptr_t>(g.firstIndex) *
                                               sizeof(std::uint32_t)));
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
        setColor(program, g.color, opacity);
        glBindVertexArray(coverVao_.get());
        glDrawArrays(GL_TRIANGLES, 0, 6);
        glDisable(GL_STENCIL_TEST);
    }
}

void VectorLayerGpu::drawStrokes(GLuint program, const DrawUniforms& u, float opacity,
                                 int viewportW, int viewportH, float pixelScale) const {
    if (lineIndexCount_ == 0 || style_.strokeWidthPx <= 0) return;
    glUseProgram(program);
    setTransform(program, u);
    glUniform2f(glGetUniformLocation(program, "u_viewport"), static_cast<float>(viewportW),
                static_cast<float>(viewportH));
    glUniform1f(glGetUniformLocation(program, "u_half_width"),
                std::max(0.5f, style_.strokeWidthPx * pixelScale / 2.0f));
    setColor(program, style_.stroke, opacity);
    glBindVertexArray(lineVao_.get());
    glDrawElements(GL_TRIANGLES, lineIndexCount_, GL_UNSIGNED_INT, nullptr);
}

}  // namespace seawatch::render
