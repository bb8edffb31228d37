#pragma once
// Trainer annotations (text labels, arrows, range rings, areas) drawn over the picture.
#include <vector>

#include "seawatch/render/overlay.hpp"
#include "seawatch/scenario/scenario.hpp"

namespace seawatch::render {

class AnnotationOverlay final : public MapOverlay {
  public:
    // `name` is the layer's in the Layers panel and the legend (a literal: it is kept).
    explicit AnnotationOverlay(const std::vector<scenario::Annotation>& annotations,
                               const char* name = "Annotations")
        : annotations_(annotations), name_(name) {}
    const char* name() const override { return name_; }
    void build(const OverlayContext& context, Canvas& canvas) override;
    std::optional<geo::GeoBox> extent(time::UnixMillis now) const override;
    // Index of the annotation selected for editing, drawn with handles.
    std::optional<std::size_t> selected;

  private:
    const std::vector<scenario::Annotation>& annotations_;
    const char* name_;
};

// An annotation's "#rrggbb[aa]" colour; the default magenta when empty or malformed.
Rgba annotationColour(std::string_view text);

// Points of a range ring of `radiusNm` around `centre` (geodesic), for drawing or hit tests.
std::vector<geo::LonLat> rangeRing(geo::LonLat centre, double radiusNm, int segments = 96);

}  // namespace seawatch::render
