#pragma once
// GPU copies of one vector layer: ring vertices for stencil fills, segment quads for
// strokes. Geometry is uploaded once; a frame only sets uniforms and issues draws.
#include <array>
#include <vector>

#include "gl_objects.hpp"
#include "seawatch/charts/chart.hpp"
#include "seawatch/geo/map_view.hpp"

namespace seawatch::render {

struct DrawUniforms {
    float offset[2];  // layer origin - view centre, metres
    float scale[2];   // 2 / viewport extent, metres
};

// One colour's worth of polygons: triangulated ones as a range of the index buffer, and
// those GEOS could not triangulate (invalid rings) as fans for the stencil fallback.
struct FillGroup {
    charts::Rgba color;
    GLsizei firstIndex = 0;
    GLsizei indexCount = 0;
    std::vector<GLint> firsts;  // fallback rings: first vertex and count, glMultiDrawArrays
    std::vector<GLsizei> counts;
};

class VectorLayerGpu {
  public:
    explicit VectorLayerGpu(const charts::VectorLayer& layer);
    void drawFills(GLuint fillProgram, const DrawUniforms& u, float opacity,
                   const geo::MercatorBox& viewBox) const;
    void drawStrokes(GLuint lineProgram, const DrawUniforms& u, float opacity, int viewportW,
                     int viewportH, float pixelScale) const;
    geo::Mercator origin() const { return origin_; }
    const geo::MercatorBox& bounds() const { return bounds_; }

  private:
    geo::Mercator origin_;
    geo::MercatorBox bounds_;
    charts::VectorStyle style_;
    GlVertexArray fillVao_;
    GlBuffer fillVbo_;
    GlBuffer fillEbo_;
    std::vector<FillGroup> fillGroups_;
    GlVertexArray lineVao_;
    GlBuffer lineVbo_;
    GlBuffer lineEbo_;
    GLsizei lineIndexCount_ = 0;
    GlVertexArray coverVao_;
    GlBuffer coverVbo_;
};

}  // namespace seawatch::render
