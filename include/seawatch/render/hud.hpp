#pragma once
// Heads-up elements drawn over the map in screen space: the UTC time badge and a briefing
// caption band. The console's presenter mode and the exported briefing frames share them.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/geo/map_view.hpp"
#include "seawatch/render/canvas.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::render {

// "15 Nov 2009 12:50Z" in a box at the top-left, with an optional second line.
void buildTimeBadge(Canvas& canvas, const geo::MapView& view, time::UnixMillis now,
                    std::string_view subtitle, float pixelScale);

// A caption band along the bottom: "3/10" and the caption, wrapped to the width.
void buildCaption(Canvas& canvas, const geo::MapView& view, std::string_view caption,
                  int stepNumber, int stepCount, float pixelScale);

// A legend of `entries` (what the overlays drew), grouped, in a corner of `area` that
// covers none of `keepVisible` (the symbols in focus) where one does, clear of `avoid`
// (HUD boxes). Returns the box it covers (map labels keep off it); an empty box when there
// is nothing to show or no room.
geo::LabelRect buildLegend(Canvas& canvas, std::span<const LegendEntry> entries,
                           const geo::LabelRect& area, std::span<const geo::LabelRect> avoid,
                           std::span<const ScreenPoint> keepVisible, float pixelScale,
                           std::span<const ScreenPoint> preferVisible = {});

// Draws one legend symbol in a `sizePx` square whose centre is `at`.
void drawLegendSymbol(Canvas& canvas, ScreenPoint at, const LegendEntry& entry, float sizePx);
// The outline of a Diamond, Square or Triangle legend symbol of half-size `r` around `at`, the
// map's incident marker shape (markerOutline); empty for the other symbols. The console's
// legend panel draws the same points with ImGui.
std::vector<ScreenPoint> legendShapeOutline(LegendSymbol symbol, ScreenPoint at, double r);

// Splits text into lines no wider than maxWidthPx at sizePx.
std::vector<std::string> wrapText(const Canvas& canvas, std::string_view text, float sizePx,
                                  double maxWidthPx, bool bold = false);

}  // namespace seawatch::render
