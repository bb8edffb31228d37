#version 330 core
// Paints a symbol from its shape's signed distance field: the distance to the outline in
// shape units (negative inside, kept within one unit, stored as 0.5 + d / 2; a layer spans
// -2..2 units). Fill, outline, hollow stroke, incident ring and halo or cluster disc, each
// edge smoothed over one pixel, by the rules the canvas used to draw them with triangles.
in vec2 v_unit;
flat in float v_size;
flat in vec4 v_fill;
flat in vec4 v_edge;
flat in int v_shape;
flat in int v_mode;

uniform sampler2DArray u_shapes;
uniform bool u_dropOutlines;
uniform float u_opacity;
uniform float u_level;  // the palette's light level: 1 by day, less at dusk and night
uniform float u_pixelScale;  // the console's scale: halos and rings of fixed width grow with it
out vec4 o_color;

float inside(float distancePx) {
    return clamp(0.5 - distancePx, 0.0, 1.0);
}

void main() {
    float stored = texture(u_shapes, vec3(v_unit / 4.0 + 0.5, float(v_shape))).r;
    float d = (stored - 0.5) * 2.0 * v_size;  // pixels from the outline, negative inside
    if (v_mode == 4) {  // a cluster: the ring over the disc over the halo, in one pass
        float edge = 1.5 * u_pixelScale;
        float aHalo = (220.0 / 255.0) * inside(d - edge);
        float aDisc = v_fill.a * inside(d);
        float aRing = v_edge.a * inside(abs(d + edge) - edge);
        vec3 rgb = vec3(aHalo);
        float a = aHalo;
        rgb = v_fill.rgb * aDisc + rgb * (1.0 - aDisc);
        a = aDisc + a * (1.0 - aDisc);
        rgb = v_edge.rgb * aRing + rgb * (1.0 - aRing);
        a = aRing + a * (1.0 - aRing);
        if (a <= 0.002) discard;
        o_color = vec4(rgb / a * u_level, a * u_opacity);
        return;
    }
    float top = 0.0, under = 0.0;
    if (v_mode == 0) {  // fill over a dark silhouette a line width larger
        top = inside(d);
        under = u_dropOutlines ? 0.0 : inside(d - max(1.0, v_size / 8.0));
    } else if (v_mode == 1) {  // hollow: the outline stroked in the fill colour
        top = inside(abs(d) - max(1.0, v_size / 8.0) * 0.75);
    } else if (v_mode == 2) {  // incident: fill over a 2 px halo
        top = inside(d);
        under = inside(d - 2.0 * u_pixelScale);
    } else {  // incident, hollow: a ring inside the outline over a halo
        float stroke = max(1.5 * u_pixelScale, v_size * 0.32);
        top = inside(abs(d + stroke * 0.5) - stroke * 0.5);
        under = inside(d - stroke * 0.5 - 2.0 * u_pixelScale);
    }
    float aTop = v_fill.a * top;
    float aUnder = v_edge.a * under * (1.0 - aTop);
    float a = aTop + aUnder;
    if (a <= 0.002) discard;
    vec3 rgb = (v_fill.rgb * aTop + v_edge.rgb * aUnder) / a;
    o_color = vec4(rgb * u_level, a * u_opacity);
}
