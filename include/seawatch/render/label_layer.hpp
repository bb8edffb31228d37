#pragma once
// Draws a frame's map labels: every overlay's label requests (and the graticule's) are
// placed together by geo::placeLabels, then the placed ones are drawn with their leader
// lines. MapRenderer calls this once per frame; the tests call it without a context to
// collect the boxes that would be drawn.
#include <span>
#include <vector>

#include "seawatch/geo/label_placement.hpp"
#include "seawatch/render/canvas.hpp"

namespace seawatch::render {

std::vector<geo::PlacedLabel> drawLabels(std::span<const MapLabel> labels,
                                         const geo::LabelPlacementSettings& settings, Canvas& out,
                                         float pixelScale);

// The requests of a label list, for geo::placeLabels.
std::vector<geo::LabelRequest> requestsOf(std::span<const MapLabel> labels);

}  // namespace seawatch::render
