#include "stroke_levels.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

#include "grid_cells.hpp"
#include "seawatch/geo/simplify.hpp"

namespace seawatch::render {

namespace {

struct LineVertex {
    float start[2];
    float end[2];
    float corner[2];
    float value;
};

// The coarser levels' tolerances, metres (Web Mercator), after the full one.
constexpr double kLevelTolerances[] = {1000.0, 4000.0, 16000.0, 64000.0};

bool overlaps(const geo::MercatorBox& a, const geo::MercatorBox& b) {
    return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

geo::MercatorBox boxOf(float ax, float ay, float bx, float by) {
    return {std::min(ax, bx), std::min(ay, by), std::max(ax, bx), std::max(ay, by)};
}

}  // namespace

StrokeLevels::StrokeLevels(StrokePolylines lines) : lines_(std::move(lines)) {
    if (lines_.x.empty()) return;
    levels_.emplace_back();
    if (lines_.x.size() < kLevelsMinVertices) return;
    for (double tolerance : kLevelTolerances) levels_.emplace_back().tolerance = tolerance;
}

// The coarsest level whose points stray by under half a pixel.
StrokeLevels::Level& StrokeLevels::levelFor(double metresPerPixel) {
    std::size_t chosen = 0;
    for (std::size_t i = 1; i < levels_.size(); ++i)
        if (levels_[i].tolerance <= metresPerPixel / 2) chosen = i;
    Level& level = levels_[chosen];
    if (!level.prepared) prepare(level);
    return level;
}

std::size_t StrokeLevels::segmentCountAt(double metresPerPixel) {
    if (levels_.empty()) return 0;
    const Level& level = levelFor(metresPerPixel);
    std::size_t n = 0;
    for (const Cell& cell : level.cells) n += cell.segmentCount;
    return n;
}

// Lists the level's segments in a fixed order (polyline by polyline), then sorts them by
// grid cell (grid_cells.hpp), stable within a cell.
void StrokeLevels::prepare(Level& level) {
    level.prepared = true;
    std::vector<Segment> listed;
    std::vector<std::uint32_t> keep;
    for (std::size_t p = 0; p < lines_.count(); ++p) {
        const std::uint32_t first = lines_.start[p];
        const std::uint32_t n = lines_.start[p + 1] - first;
        const bool closed = lines_.closed[p] != 0;
        const float value = lines_.value[p];
        const float* x = lines_.x.data() + first;
        const float* y = lines_.y.data() + first;
        if (level.tolerance > 0) {
            geo::simplifyPolyline({x, n}, {y, n}, closed, level.tolerance, keep);
        } else {
            keep.resize(n);
            for (std::uint32_t i = 0; i < n; ++i) keep[i] = i;
        }
        for (std::size_t k = 1; k < keep.size(); ++k)
            listed.push_back({x[keep[k - 1]], y[keep[k - 1]], x[keep[k]], y[keep[k]], value});
        if (closed && !keep.empty())
            listed.push_back({x[keep.back()], y[keep.back()], x[keep[0]], y[keep[0]], value});
    }
    const CellOrder sorted = sortByCell(listed.size(), [&](std::size_t i) {
        return boxOf(listed[i].ax, listed[i].ay, listed[i].bx, listed[i].by);
    });
    level.segments.resize(listed.size());
    for (std::size_t i = 0; i < sorted.order.size(); ++i)
        level.segments[i] = listed[sorted.order[i]];
    for (const GridCell& c : sorted.cells) {
        Cell& cell = level.cells.emplace_back();
        cell.box = c.box;
        cell.firstSegment = c.first;
        cell.segmentCount = c.count;
    }
}

// One cell's quads into buffers of its own. Each segment is a quad whose corners the line
// shader pushes out by the half width; the level's CPU segments go once every cell is built.
void StrokeLevels::buildCell(Level& level, Cell& cell) {
    std::vector<LineVertex> verts;
    std::vector<std::uint32_t> indices;
    verts.reserve(cell.segmentCount * 4);
    indices.reserve(cell.segmentCount * 6);
    static constexpr float kCorners[4][2] = {{0, -1}, {1, -1}, {1, 1}, {0, 1}};
    for (std::size_t i = cell.firstSegment; i < cell.firstSegment + cell.segmentCount; ++i) {
        const Segment& s = level.segments[i];
        const auto base = static_cast<std::uint32_t>(verts.size());
        for (const auto& c : kCorners)
            verts.push_back({{s.ax, s.ay}, {s.bx, s.by}, {c[0], c[1]}, s.value});
        indices.insert(indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
    }
    cell.vao = makeVertexArray();
    cell.vbo = makeBuffer();
    cell.ebo = makeBuffer();
    glBindVertexArray(cell.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, cell.vbo.get());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(verts.size() * sizeof(LineVertex)),
                 verts.data(), GL_STATIC_DRAW);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, cell.ebo.get());
    glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(indices.size() * sizeof(std::uint32_t)), indices.data(),
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
    cell.indexCount = static_cast<GLsizei>(indices.size());
    cell.built = true;
    if (std::all_of(level.cells.begin(), level.cells.end(),
                    [](const Cell& c) { return c.built; })) {
        level.segments.clear();
        level.segments.shrink_to_fit();
    }
}

void StrokeLevels::draw(const geo::MercatorBox& view, double metresPerPixel) {
    if (levels_.empty()) return;
    Level& level = levelFor(metresPerPixel);
    for (Cell& cell : level.cells) {
        if (!overlaps(cell.box, view)) continue;
        if (!cell.built) buildCell(level, cell);
        glBindVertexArray(cell.vao.get());
        glDrawElements(GL_TRIANGLES, cell.indexCount, GL_UNSIGNED_INT, nullptr);
    }
}

}  // namespace seawatch::render
