#version 330 core
// Instanced point symbols (vessels, incident markers): one static quad per instance, fitted
// to the shape's box, rotated by the heading and placed in screen pixels, y down.
// Positions are metres from the centre of the instance's grid cell; the cell column is in
// a_shapeMode.z and the draw's first column centre is u_runOriginPx, so the floats stay
// small at any zoom (see src/render/symbol_batch.hpp).
layout(location = 0) in vec2 a_corner;     // -1..1
layout(location = 1) in vec2 a_pos;        // metres, x east, y north, from the cell centre
layout(location = 2) in float a_heading;   // radians clockwise from screen up
layout(location = 3) in float a_size;      // pixels per shape unit
layout(location = 4) in vec4 a_fill;
layout(location = 5) in vec4 a_edge;
layout(location = 6) in vec3 a_shapeMode;  // shape layer, mode, cell column

uniform vec2 u_viewport;
uniform vec2 u_runOriginPx;  // screen position of the first drawn column's cell centre
uniform float u_cellWidthPx;
uniform float u_pxPerMetre;
uniform float u_sizeScale;
uniform bool u_dropOutlines;
uniform vec4 u_box[18];  // per shape: min x, min y, max x, max y in shape units (y aft)
uniform float u_firstColumn;
uniform float u_pixelScale;  // the console's scale: halos and rings of fixed width grow with it

out vec2 v_unit;
flat out float v_size;
flat out vec4 v_fill;
flat out vec4 v_edge;
flat out int v_shape;
flat out int v_mode;

// The pixels a mode paints outside the shape's outline (the shader's outline, halo, stroke).
float outsidePx(int mode, float size) {
    if (mode == 0) return u_dropOutlines ? 0.0 : max(1.0, size / 8.0);
    if (mode == 1) return max(1.0, size / 8.0) * 0.75;
    if (mode == 2) return 2.0 * u_pixelScale;
    if (mode == 4) return 1.5 * u_pixelScale;
    return max(1.5 * u_pixelScale, size * 0.32) * 0.5 + 2.0 * u_pixelScale;
}

void main() {
    int shape = int(a_shapeMode.x + 0.5);
    int mode = int(a_shapeMode.y + 0.5);
    float size = a_size * u_sizeScale;
    // + half a pixel: coverage is clamp(0.5 - distance), zero from half a pixel out.
    float margin = (outsidePx(mode, size) + 0.5) / size;
    vec4 box = u_box[shape];
    vec2 unit = mix(box.xy - margin, box.zw + margin, a_corner * 0.5 + 0.5);
    float c = cos(a_heading), s = sin(a_heading);
    vec2 offset = size * vec2(unit.x * c - unit.y * s, unit.x * s + unit.y * c);
    vec2 centre = u_runOriginPx + vec2((a_shapeMode.z - u_firstColumn) * u_cellWidthPx, 0.0) +
                  vec2(a_pos.x, -a_pos.y) * u_pxPerMetre;
    vec2 screen = centre + offset;
    vec2 clip = screen / u_viewport * 2.0 - 1.0;
    gl_Position = vec4(clip.x, -clip.y, 0.0, 1.0);
    v_unit = unit;
    v_size = size;
    v_fill = a_fill;
    v_edge = a_edge;
    v_shape = shape;
    v_mode = mode;
}
