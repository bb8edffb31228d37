#pragma once
// Primitives sorted into a grid of cells over their extent, by the centre of each one's box,
// so a frame draws only the cells its view meets (fill triangles, stroke segments). Private
// to src/render.
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "seawatch/geo/geo.hpp"

namespace seawatch::render {

// Cells per side of the grid.
inline constexpr int kGridCells = 8;

struct GridCell {
    geo::MercatorBox box;   // of the cell's primitives
    std::size_t first = 0;  // in the sorted order
    std::size_t count = 0;
};

struct CellOrder {
    std::vector<std::uint32_t> order;  // primitive numbers by cell, stable within a cell
    std::vector<GridCell> cells;       // the non-empty cells, row by row
};

// `boxOf(p)` gives primitive p's box; it is called twice per primitive (the extent, then the
// cell), so nothing of size n but the order is kept.
template <typename BoxOf>
CellOrder sortByCell(std::size_t n, BoxOf boxOf) {
    CellOrder out;
    if (n == 0) return out;
    geo::MercatorBox all = boxOf(0);
    for (std::size_t p = 1; p < n; ++p) {
        const geo::MercatorBox b = boxOf(p);
        all.minX = std::min(all.minX, b.minX), all.minY = std::min(all.minY, b.minY);
        all.maxX = std::max(all.maxX, b.maxX), all.maxY = std::max(all.maxY, b.maxY);
    }
    const double w = std::max(all.width(), 1e-9);
    const double h = std::max(all.height(), 1e-9);
    const auto cellIndex = [](double t) {
        return std::clamp(static_cast<int>(t * kGridCells), 0, kGridCells - 1);
    };
    constexpr std::size_t kCells = kGridCells * kGridCells;
    std::vector<std::uint8_t> cellOf(n);
    std::array<std::size_t, kCells + 1> start{};
    std::array<geo::MercatorBox, kCells> cellBox{};
    for (std::size_t p = 0; p < n; ++p) {
        const geo::MercatorBox b = boxOf(p);
        const int row = cellIndex(((b.minY + b.maxY) / 2 - all.minY) / h);
        const int column = cellIndex(((b.minX + b.maxX) / 2 - all.minX) / w);
        const int cell = row * kGridCells + column;
        const auto c = static_cast<std::size_t>(cell);
        cellOf[p] = static_cast<std::uint8_t>(c);
        geo::MercatorBox& cb = cellBox[c];
        if (start[c + 1]++ == 0) {
            cb = b;
        } else {
            cb.minX = std::min(cb.minX, b.minX), cb.minY = std::min(cb.minY, b.minY);
            cb.maxX = std::max(cb.maxX, b.maxX), cb.maxY = std::max(cb.maxY, b.maxY);
        }
    }
    for (std::size_t c = 1; c < start.size(); ++c) start[c] += start[c - 1];
    out.order.resize(n);
    std::array<std::size_t, kCells> next{};
    std::copy(start.begin(), start.end() - 1, next.begin());
    for (std::size_t p = 0; p < n; ++p)
        out.order[next[cellOf[p]]++] = static_cast<std::uint32_t>(p);
    for (std::size_t c = 0; c < kCells; ++c)
        if (start[c + 1] > start[c])
            out.cells.push_back({cellBox[c], start[c], start[c + 1] - start[c]});
    return out;
}

}  // namespace seawatch::render
