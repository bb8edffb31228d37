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

// The modes a batch holds, one bit each (SymbolBatch compiles a program per set): llvmpipe
// runs every branch of a per-fragment `if` under a mask, so a vessel batch would otherwise pay
// for the incident and cluster paints too. Without the define, every mode.
#ifndef SYMBOL_MODES
#define SYMBOL_MODES 31
#endif
#define HAS_MODE(m) ((SYMBOL_MODES & (1 << (m))) != 0)

float inside(float distancePx) {
    return clamp(0.5 - distancePx, 0.0, 1.0);
}

void main() {
    float stored = texture(u_shapes, vec3(v_unit / 4.0 + 0.5, float(v_shape))).r;
    float d = (stored - 0.5) * 2.0 * v_size;  // pixels from the outline, negative inside
#if HAS_MODE(4)
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
#endif
#if (SYMBOL_MODES & 15) != 0
    float top = 0.0, under = 0.0;
    if (false) {
#if HAS_MODE(0)
    } else if (v_mode == 0) {  // fill over a dark silhouette a line width larger
        top = inside(d);
        under = u_dropOutlines ? 0.0 : inside(d - max(1.0, v_size / 8.0));
#endif
#if HAS_MODE(1)
    } else if (v_mode == 1) {  // hollow: the outline stroked in the fill colour
        top = inside(abs(d) - max(1.0, v_size / 8.0) * 0.75);
#endif
#if HAS_MODE(2)
    } else if (v_mode == 2) {  // incident: fill over a 2 px halo
        top = inside(d);
        under = inside(d - 2.0 * u_pixelScale);
#endif
#if HAS_MODE(3)
    } else if (v_mode == 3) {  // incident, hollow: a ring inside the outline over a halo
        float stroke = max(1.5 * u_pixelScale, v_size * 0.32);
        top = inside(abs(d + stroke * 0.5) - stroke * 0.5);
        under = inside(d - stroke * 0.5 - 2.0 * u_pixelScale);
#endif
    }
    float aTop = v_fill.a * top;
    float aUnder = v_edge.a * under * (1.0 - aTop);
    float a = aTop + aUnder;
    if (a <= 0.002) discard;
    vec3 rgb = (v_fill.rgb * aTop + v_edge.rgb * aUnder) / a;
    o_color = vec4(rgb * u_level, a * u_opacity);
#else
    discard;  // only clusters in this batch, and this instance is none
#endif
}
