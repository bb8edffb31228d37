#version 330 core
// One Gaussian splat per occupied heat texel: a unit quad (a_corner in [-1, 1]) placed at
// the texel centre in heat-texture pixels, weighted by the number of incidents there.
layout(location = 0) in vec2 a_corner;
layout(location = 1) in vec3 a_splat;  // x, y in heat pixels (y down), weight
uniform vec2 u_size;                   // heat texture size in pixels
uniform float u_radius;                // quad half-size in heat pixels (3 sigma)
out vec2 v_offset;
out float v_weight;
void main() {
    vec2 p = a_splat.xy + a_corner * u_radius;
    vec2 clip = p / u_size * 2.0 - 1.0;
    gl_Position = vec4(clip.x, -clip.y, 0.0, 1.0);
    v_offset = a_corner * 3.0;  // in sigmas
    v_weight = a_splat.z;
}
