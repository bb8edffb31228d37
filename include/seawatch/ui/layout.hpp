#pragma once
// The console's screen layout as plain arithmetic (no ImGui, no GL), so it is tested
// without a window: bars at the top and bottom, a column of panels on each edge that the
// user can collapse to a thin strip, and the map in what is left. Panels in a column are
// stacked top to bottom; fly-to and framing fit their target into the map's free area,
// not the whole window, so nothing lands behind a panel.
#include <optional>
#include <span>
#include <vector>

#include "seawatch/geo/map_view.hpp"

namespace seawatch::ui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float right() const { return x + w; }
    float bottom() const { return y + h; }
    bool overlaps(const Rect& o) const {
        return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }
};

struct ColumnSettings {
    float width = 340;  // pixels, when open
    bool open = true;   // false: collapsed to a strip with a button to open it again
};

struct ScreenInput {
    float width = 0, height = 0;  // the window, in pixels
    float topBarPx = 0;           // the menu bar
    float bottomBarsPx = 0;       // the timeline and the status bar
    ColumnSettings left, right;
    bool leftHasPanels = false;  // an empty column takes no room
    bool rightHasPanels = false;
    float stripPx = 22;  // a collapsed column's strip
};

struct ScreenSplit {
    Rect left, right;  // the columns (a strip when collapsed; zero width when empty)
    Rect map;          // the map's free area
};

// Splits the window. Each column is kept within columnWidthLimits, so the map always keeps
// at least 40% of the width however small the window.
ScreenSplit splitScreen(const ScreenInput& input);

struct WidthLimits {
    float min = 0, max = 0;
};
// What an open column may be on a window `windowWidth` wide: at least 180 px (a panel's
// words need it) and at most 30% of the window, so two columns leave the map 40%. On a
// window too narrow for both, the maximum wins.
WidthLimits columnWidthLimits(float windowWidth);

// A column's width after its inner edge has been dragged `dragPx` (positive: to the right),
// kept within columnWidthLimits. The left column's inner edge is its right side, the right
// column's its left side, so the same drag widens one and narrows the other.
float draggedColumnWidth(float width, float dragPx, bool leftColumn, float windowWidth);

// True when both splits put the columns and the map in the same place, to half a pixel.
bool sameSplit(const ScreenSplit& a, const ScreenSplit& b);

// The columns are laid out from the previous frame's panel list and the bars' heights are
// measured as they are drawn, so the map's free area is known only after a frame or two.
// A framing asked for before then (the initial view, a --step) must wait for it, or it is
// framed on the whole window and its edges end up under the columns. Fed each frame's
// split, this says when two frames in a row have agreed.
class LayoutSettling {
  public:
    // Returns true from the first frame whose split equals the frame before's; false
    // again after a change, until the next two agree.
    bool observe(const ScreenSplit& split);

  private:
    std::optional<ScreenSplit> last_;
};

struct PanelSlot {
    float preferredHeight = 200;
    bool collapsed = false;  // only its title bar
};

// The rectangles of a column's panels, top to bottom, `gap` apart. Every panel gets its
// preferred height when they all fit; otherwise a panel asking for less than an even share
// keeps its height and the taller ones are cut to a common height, none below `minHeight`;
// those that still do not fit are squeezed to the column's bottom (never off screen).
// Collapsed panels take `titleHeight`.
std::vector<Rect> stackPanels(const Rect& column, std::span<const PanelSlot> panels, float gap,
                              float titleHeight, float minHeight);

// The view of a width x height window that shows `box` whole inside `area` (the map's free
// area): fitted to the area, its centre moved so that the box is centred in the area.
geo::MapView viewFittingArea(const geo::GeoBox& box, int width, int height, const Rect& area,
                             double marginFraction = 0.04);

// A floating window moved and shrunk as little as needed to lie inside the screen below
// the top bar: what a window saved on a bigger screen gets after a restart.
Rect clampToScreen(const Rect& window, float screenWidth, float screenHeight, float topBarPx);

}  // namespace seawatch::ui
