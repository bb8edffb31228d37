#version 330 core
// Colours the summed density: transparent where nothing happened, then yellow, orange and
// red on a log scale so that a lone incident still shows next to a hot spot.
in vec2 v_uv;
uniform sampler2D u_density;
uniform float u_logPeak;  // log(1 + density that maps to full red)
uniform float u_opacity;
out vec4 o_color;
vec3 ramp(float t) {
    vec3 yellow = vec3(1.0, 0.93, 0.35);
    vec3 orange = vec3(0.99, 0.55, 0.15);
    vec3 red = vec3(0.80, 0.07, 0.09);
    return t < 0.5 ? mix(yellow, orange, t * 2.0) : mix(orange, red, t * 2.0 - 1.0);
}
void main() {
    // Both passes put the top of the screen at clip y = +1, so the texture lines up as is.
    float density = texture(u_density, v_uv).r;
    float t = clamp(log(1.0 + density) / u_logPeak, 0.0, 1.0);
    float alpha = smoothstep(0.0, 0.08, t) * (0.45 + 0.4 * t);
    if (alpha <= 0.003) discard;
    o_color = vec4(ramp(t), alpha * u_opacity);
}
