#version 330 core
// Polygon rings and raster quads, in Web Mercator metres relative to a layer origin.
// The origin keeps float precision at harbour scale (metres 5e6 from the map origin).
layout(location = 0) in vec2 a_pos;
uniform vec2 u_offset;  // layer origin minus view centre, metres
uniform vec2 u_scale;   // 2 / (viewport extent in metres)
void main() {
    gl_Position = vec4((a_pos + u_offset) * u_scale, 0.0, 1.0);
}
