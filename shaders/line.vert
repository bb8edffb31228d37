#version 330 core
// Lines of any width as screen-space quads: each segment has four vertices that share
// its two end points, and a corner attribute says which end and which side. The quad is
// one pixel wider than the line so the fragment shader can feather its edges (antialiasing
// without multisampling, which costs too much on software GL).
layout(location = 0) in vec2 a_start;   // metres, relative to the layer origin
layout(location = 1) in vec2 a_end;
layout(location = 2) in vec2 a_corner;  // x: 0 start / 1 end, y: -1 left / +1 right
layout(location = 3) in float a_value;  // per-line value (depth contour) for styling
uniform vec2 u_offset;
uniform vec2 u_scale;
uniform vec2 u_viewport;  // pixels
uniform float u_half_width;  // pixels
out float v_across;  // pixels from the centre line
out float v_value;
void main() {
    vec2 a = (a_start + u_offset) * u_scale;
    vec2 b = (a_end + u_offset) * u_scale;
    vec2 dir_px = (b - a) * u_viewport;
    float len = length(dir_px);
    vec2 dir = len > 0.0 ? dir_px / len : vec2(1.0, 0.0);
    vec2 normal = vec2(-dir.y, dir.x);
    vec2 p = mix(a, b, a_corner.x);
    float reach = u_half_width + 1.0;
    // Square caps: extend each end by half the width so joins have no gaps.
    vec2 offset_px = normal * a_corner.y * reach + dir * (a_corner.x * 2.0 - 1.0) * u_half_width;
    gl_Position = vec4(p + offset_px * 2.0 / u_viewport, 0.0, 1.0);
    v_across = a_corner.y * reach;
    v_value = a_value;
}
