#version 330 core
in vec2 v_uv;
uniform sampler2D u_texture;
uniform float u_opacity;
uniform float u_level;  // the palette's light level: 1 by day, less at dusk and night
out vec4 o_color;
void main() {
    vec4 c = texture(u_texture, v_uv);
    o_color = vec4(c.rgb * u_level, c.a * u_opacity);
}
