#include "seawatch/ui/layout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace seawatch::ui {

ScreenSplit splitScreen(const ScreenInput& in) {
    ScreenSplit out;
    const float top = in.topBarPx;
    const float bottom = std::max(top, in.height - in.bottomBarsPx);
    const WidthLimits limits = columnWidthLimits(in.width);
    const auto columnWidth = [&](const ColumnSettings& c, bool hasPanels) {
        if (!hasPanels) return 0.0f;
        if (!c.open) return std::min(in.stripPx, limits.max);
        return std::clamp(c.width, limits.min, limits.max);
    };
    const float leftWidth = columnWidth(in.left, in.leftHasPanels);
    const float rightWidth = columnWidth(in.right, in.rightHasPanels);
    out.left = {0, top, leftWidth, bottom - top};
    out.right = {in.width - rightWidth, top, rightWidth, bottom - top};
    out.map = {leftWidth, top, std::max(0.0f, in.width - leftWidth - rightWidth), bottom - top};
    return out;
}

WidthLimits columnWidthLimits(float windowWidth) {
    const float max = std::max(0.0f, windowWidth * 0.3f);
    return {std::min(180.0f, max), max};
}

float draggedColumnWidth(float width, float dragPx, bool leftColumn, float windowWidth) {
    const WidthLimits limits = columnWidthLimits(windowWidth);
    // Start from what the column shows now: a width saved on a bigger screen is already
    // clamped on this one, and a drag moves the edge the user sees.
    const float shown = std::clamp(width, limits.min, limits.max);
    return std::clamp(leftColumn ? shown + dragPx : shown - dragPx, limits.min, limits.max);
}

namespace {

bool sameRect(const Rect& a, const Rect& b) {
    constexpr float kTolerance = 0.5f;
    return std::abs(a.x - b.x) <= kTolerance && std::abs(a.y - b.y) <= kTolerance &&
           std::abs(a.w - b.w) <= kTolerance && std::abs(a.h - b.h) <= kTolerance;
}

}  // namespace

bool sameSplit(const ScreenSplit& a, const ScreenSplit& b) {
    return sameRect(a.left, b.left) && sameRect(a.right, b.right) && sameRect(a.map, b.map);
}

bool LayoutSettling::observe(const ScreenSplit& split) {
    const bool settled = last_ && sameSplit(*last_, split);
    last_ = split;
    return settled;
}

std::vector<Rect> stackPanels(const Rect& column, std::span<const PanelSlot> panels, float gap,
                              float titleHeight, float minHeight) {
    std::vector<Rect> out;
    if (panels.empty()) return out;
    const float available = column.h - gap * static_cast<float>(panels.size() + 1);
    float fixed = 0;
    std::vector<float> wants;
    for (const PanelSlot& p : panels) {
        if (p.collapsed) {
            fixed += titleHeight;
        } else {
            wants.push_back(std::max(minHeight, p.preferredHeight));
        }
    }
    // Expanded panels share what the collapsed ones leave. One that asks for less than an
    // even share keeps what it asks; the others are cut to one common height (water
    // filling), so a compact panel is never squeezed into a scroll for a tall one's sake.
    const float room = std::max(0.0f, available - fixed);
    float cap = std::numeric_limits<float>::infinity();
    std::sort(wants.begin(), wants.end());
    float left = room;
    for (std::size_t i = 0; i < wants.size(); ++i) {
        const float share = left / static_cast<float>(wants.size() - i);
        if (wants[i] > share) {
            cap = share;
            break;
        }
        left -= wants[i];
    }
    float y = column.y + gap;
    for (const PanelSlot& p : panels) {
        const float h =
            p.collapsed
                ? titleHeight
                : std::max(minHeight, std::min(std::max(minHeight, p.preferredHeight), cap));
        // Squeezed against the bottom rather than pushed off the screen.
        const float bottomLimit = column.bottom() - gap;
        if (y + h > bottomLimit) y = std::max(column.y, bottomLimit - h);
        out.push_back({column.x + gap, y, std::max(0.0f, column.w - 2 * gap), h});
        y += h + gap;
    }
    return out;
}

geo::MapView viewFittingArea(const geo::GeoBox& box, int width, int height, const Rect& area,
                             double marginFraction) {
    const int areaW =
        std::max(1, static_cast<int>(std::lround(area.w * (1.0 - 2 * marginFraction))));
    const int areaH =
        std::max(1, static_cast<int>(std::lround(area.h * (1.0 - 2 * marginFraction))));
    const geo::MapView fitted = geo::MapView::fitting(box, areaW, areaH);
    const double mpp = fitted.metresPerPixel();
    // The box's centre goes to the area's centre: shift from the window's centre.
    const double dx = (area.x + area.w / 2.0) - width / 2.0;
    const double dy = (area.y + area.h / 2.0) - height / 2.0;
    geo::Mercator c = fitted.center();
    c.x -= dx * mpp;
    c.y += dy * mpp;  // screen y grows down, Mercator y up
    return geo::MapView(c, mpp, width, height);
}

Rect clampToScreen(const Rect& window, float screenWidth, float screenHeight, float topBarPx) {
    Rect r = window;
    r.w = std::min(r.w, screenWidth);
    r.h = std::min(r.h, std::max(0.0f, screenHeight - topBarPx));
    r.x = std::clamp(r.x, 0.0f, std::max(0.0f, screenWidth - r.w));
    r.y = std::clamp(r.y, topBarPx, std::max(topBarPx, screenHeight - r.h));
    return r;
}

}  // namespace seawatch::ui
