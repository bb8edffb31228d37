#pragma once
// GPU copies of one vector layer: ring vertices for stencil fills, segment quads for
// strokes. Fills are uploaded at once; strokes a grid cell and a level of detail at a time,
// as frames first need them (stroke_levels.hpp). After that a frame only sets uniforms and
// issues draws.
#include <array>
#include <cstdint>
#include <vector>

#include "gl_objects.hpp"
#include "seawatch/charts/chart.hpp"
#include "seawatch/charts/palette.hpp"
#include "seawatch/geo/map_view.hpp"
#include "stroke_levels.hpp"

namespace seawatch::render {

struct DrawUniforms {
    float offset[2];  // layer origin - view centre, metres
    float scale[2];   // 2 / viewport extent, metres
};

// A run of the index buffer with the box (metres, relative to the layer origin) of what it
// draws. Each layer's primitives are sorted into a grid of cells, one run per cell, and a
// frame draws only the runs in view: zoomed in on the whole-world basemap, a frame costs
// what it shows, not the world.
struct IndexRun {
    geo::MercatorBox box;
    GLsizei first = 0;  // in indices
    GLsizei count = 0;
};

// One colour's worth of polygons: triangulated ones as a range of the index buffer, and
// those GEOS could not triangulate (invalid rings) as fans for the stencil fallback.
struct FillGroup {
    charts::Rgba color;           // by day; other palettes derive theirs from it
    float depthAreaValue = 0.0f;  // DEPARE: shallow depth of the group's polygons
    GLsizei firstIndex = 0;
    GLsizei indexCount = 0;
    std::vector<IndexRun> runs;  // the group's range, cut by grid cell
    std::vector<GLint> firsts;   // fallback rings: first vertex and count, glMultiDrawArrays
    std::vector<GLsizei> counts;
};

// Built in named steps (see vector_gpu.cpp): fill triangles and their colour groups,
// their upload, the stencil cover for polygons GEOS could not triangulate, then strokes.
class VectorLayerGpu {
  public:
    explicit VectorLayerGpu(const charts::VectorLayer& layer);
    void drawFills(GLuint fillProgram, const DrawUniforms& u, float opacity,
                   const geo::MercatorBox& viewBox, const charts::Palette& palette) const;
    void drawStrokes(GLuint lineProgram, const DrawUniforms& u, float opacity, int viewportW,
                     int viewportH, float pixelScale, const charts::Palette& palette) const;
    geo::Mercator origin() const { return origin_; }
    const geo::MercatorBox& bounds() const { return bounds_; }

  private:
    struct FillGeometry;
    static FillGeometry buildFills(const charts::VectorLayer& layer, geo::Mercator origin);
    void uploadFills(const FillGeometry& fills);
    void uploadStencilCover();
    void prepareStrokes(const charts::VectorLayer& layer);

    geo::Mercator origin_;
    geo::MercatorBox bounds_;
    charts::VectorStyle style_;
    charts::FeatureClass featureClass_ = charts::FeatureClass::Generic;
    GlVertexArray fillVao_;
    GlBuffer fillVbo_;
    GlBuffer fillEbo_;
    std::vector<FillGroup> fillGroups_;
    // Built as frames need them (drawStrokes), on the GL thread.
    mutable StrokeLevels strokes_;
    GlVertexArray coverVao_;
    GlBuffer coverVbo_;
};

}  // namespace seawatch::render
