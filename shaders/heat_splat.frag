#version 330 core
in vec2 v_offset;
in float v_weight;
out vec4 o_density;
void main() {
    float d2 = dot(v_offset, v_offset);
    if (d2 > 9.0) discard;
    // Peak 1 per incident; summed by additive blending into a float target.
    o_density = vec4(v_weight * exp(-0.5 * d2), 0.0, 0.0, 1.0);
}
