#version 330 core
in float v_across;
in float v_value;
uniform vec4 u_color;
uniform float u_half_width;
out vec4 o_color;
void main() {
    float coverage = clamp(u_half_width + 0.5 - abs(v_across), 0.0, 1.0);
    o_color = vec4(u_color.rgb, u_color.a * coverage);
}
