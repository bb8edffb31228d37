#pragma once
// An immediate-mode 2D canvas in screen pixels (y down), in the manner of ImDrawList:
// overlays (vessel symbols, markers, labels, graticule text, scale bar) are appended
// each frame as triangles, then drawn in one call. It holds no GL state, so what it
// builds is testable without a context.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/charts/chart.hpp"
#include "seawatch/geo/label_placement.hpp"
#include "seawatch/geo/map_view.hpp"

struct ImFont;
struct ImFontAtlas;

namespace seawatch::render {

// The one font setup for the map's text and the console's panels: DejaVu Sans (bold when
// asked) with the glyphs seawatch writes (Latin-1, dashes, ellipsis, arrows, shapes), or
// ImGui's built-in font when DejaVu is not installed. `oversampleH` trades atlas size for
// sharper small text (ImGui's default is 3).
ImFont* addSeawatchFont(ImFontAtlas& atlas, float sizePx, bool bold = false, int oversampleH = 3);

using charts::Rgba;
using geo::ScreenPoint;

struct CanvasVertex {
    float x, y;
    float u, v;
    std::uint32_t rgba;  // packed little-endian r, g, b, a
};

// Glyphs baked from DejaVu Sans (or ImGui's built-in font when DejaVu is absent).
class FontAtlas {
  public:
    static std::unique_ptr<FontAtlas> create(float pixelScale = 1.0f);
    ~FontAtlas();
    FontAtlas(const FontAtlas&) = delete;
    FontAtlas& operator=(const FontAtlas&) = delete;

    int width() const { return width_; }
    int height() const { return height_; }
    const std::uint8_t* coverage() const { return coverage_; }  // width*height, one byte each
    float whiteU() const { return whiteU_; }
    float whiteV() const { return whiteV_; }

    struct Glyph {
        float x0, y0, x1, y1;  // offsets from the pen position at baked size
        float u0, v0, u1, v1;
        float advance;
    };
    // Picks the baked font nearest `sizePx` (bold or regular); returns the scale to apply.
    bool glyph(char32_t codepoint, float sizePx, bool bold, Glyph& out, float& scale,
               float& ascent) const;

  private:
    FontAtlas() = default;
    struct Impl;
    std::unique_ptr<Impl> impl_;
    int width_ = 0;
    int height_ = 0;
    const std::uint8_t* coverage_ = nullptr;
    float whiteU_ = 0, whiteV_ = 0;
};

enum class TextAnchor {
    TopLeft,
    TopCenter,
    TopRight,
    CenterLeft,
    Center,
    CenterRight,
    BottomLeft,
    BottomCenter,
    BottomRight
};

struct TextStyle {
    float sizePx = 13.0f;
    Rgba color{20, 20, 20, 255};
    Rgba halo{0, 0, 0, 0};  // a > 0: a soft outline for legibility over any background
    bool bold = false;
    TextAnchor anchor = TextAnchor::TopLeft;
};

// A label an overlay asks for instead of drawing text. The renderer places every label of
// a frame together (seawatch/geo/label_placement.hpp) and draws those that fit.
struct MapLabel {
    geo::LabelRequest request;  // width and height are filled in by Canvas::label
    std::string text;
    TextStyle style;  // style.anchor is ignored: the placement decides
};

// What a legend row shows: the symbol is drawn small in the colour, then the text.
enum class LegendSymbol { Area, Line, Dot, Diamond, Triangle, Vessel, Ring, Square };
struct LegendEntry {
    std::string group;  // "Vessels", "Zones", "Alerts", "Incidents"
    std::string text;   // "Tanker", "Patrol sector · NATO"
    Rgba colour;
    LegendSymbol symbol = LegendSymbol::Area;
    Rgba outline{0, 0, 0, 0};  // a > 0: drawn around the symbol
    // Dot, Diamond, Triangle, Square: on a white halo as the map's incident markers are, and
    // outlined instead of filled when `hollow` (an attempt, an approach: nothing taken).
    bool haloed = false;
    bool hollow = false;
    bool centreDot = false;  // a dot of the colour in the middle (a planned position)
};

class Canvas {
  public:
    explicit Canvas(const FontAtlas* fonts) : fonts_(fonts) {}
    void clear();

    void line(ScreenPoint a, ScreenPoint b, float widthPx, Rgba color);
    void polyline(std::span<const ScreenPoint> points, float widthPx, Rgba color,
                  bool closed = false);
    void fillConvex(std::span<const ScreenPoint> points, Rgba color);
    void fillRect(ScreenPoint topLeft, ScreenPoint bottomRight, Rgba color);
    void strokeRect(ScreenPoint topLeft, ScreenPoint bottomRight, float widthPx, Rgba color);
    void fillCircle(ScreenPoint centre, float radiusPx, Rgba color);
    void strokeCircle(ScreenPoint centre, float radiusPx, float widthPx, Rgba color);

    // Returns the text's bounding box size in pixels.
    ScreenPoint measureText(std::string_view utf8, float sizePx, bool bold = false) const;
    void text(ScreenPoint at, std::string_view utf8, const TextStyle& style);

    // Asks for a label; the text is measured here, so the placement needs no fonts.
    void label(MapLabel label);
    // A symbol that no label may cover though it has no label of its own (an incident
    // cluster, say): an entry with no text and no box, never drawn, whose symbol circle the
    // placement keeps free like any labelled symbol's.
    void keepLabelsOff(ScreenPoint at, double radiusPx);
    std::vector<MapLabel>& labels() { return labels_; }
    const std::vector<MapLabel>& labels() const { return labels_; }
    // Screen areas that map labels must leave free (the time badge, the caption band).
    void keepFree(const geo::LabelRect& area) { keepFree_.push_back(area); }
    const std::vector<geo::LabelRect>& keptFree() const { return keepFree_; }
    // Records that something of this class is on the picture (once per group and text), so
    // a legend lists what is drawn and nothing else.
    void legend(LegendEntry entry);
    const std::vector<LegendEntry>& legendEntries() const { return legend_; }

    const std::vector<CanvasVertex>& vertices() const { return vertices_; }
    const std::vector<std::uint32_t>& indices() const { return indices_; }
    bool empty() const { return indices_.empty(); }

  private:
    void quad(ScreenPoint a, ScreenPoint b, ScreenPoint c, ScreenPoint d, Rgba color);
    void glyphs(ScreenPoint pen, std::string_view utf8, float sizePx, bool bold, Rgba color);
    std::uint32_t vertex(ScreenPoint p, Rgba color);

    const FontAtlas* fonts_;
    std::vector<CanvasVertex> vertices_;
    std::vector<std::uint32_t> indices_;
    std::vector<MapLabel> labels_;
    std::vector<geo::LabelRect> keepFree_;
    std::vector<LegendEntry> legend_;
};

std::uint32_t packRgba(Rgba c);
// Decodes one UTF-8 code point, advancing `pos`; malformed bytes become U+FFFD.
char32_t nextCodepoint(std::string_view text, std::size_t& pos);

}  // namespace seawatch::render
