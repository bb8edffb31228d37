#include "seawatch/render/canvas.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace seawatch::render {

std::uint32_t packRgba(Rgba c) {
    return static_cast<std::uint32_t>(c.r) | static_cast<std::uint32_t>(c.g) << 8 |
           static_cast<std::uint32_t>(c.b) << 16 | static_cast<std::uint32_t>(c.a) << 24;
}

char32_t nextCodepoint(std::string_view s, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char c = byte(pos);
    int extra = 0;
    char32_t cp = 0;
    if (c < 0x80) {
        ++pos;
        return c;
    } else if ((c & 0xE0) == 0xC0) {
        extra = 1;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        extra = 2;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        extra = 3;
        cp = c & 0x07;
    } else {
        ++pos;
        return 0xFFFD;
    }
    if (pos + extra >= s.size()) {
        pos = s.size();
        return 0xFFFD;
    }
    for (int i = 1; i <= extra; ++i) {
        if ((byte(pos + i) & 0xC0) != 0x80) {
            pos += i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (byte(pos + i) & 0x3F);
    }
    pos += extra + 1;
    return cp;
}

// ---- FontAtlas -------------------------------------------------------------------------

struct FontAtlas::Impl {
    ImFontAtlas atlas;
    struct Baked {
        ImFont* font;
        float size;
        bool bold;
    };
    std::vector<Baked> fonts;
};

ImFont* addSeawatchFont(ImFontAtlas& atlas, float sizePx, bool bold, int oversampleH) {
    static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190,
                                      0x21FF, 0x25A0, 0x25FF, 0};
    const char* regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    const char* boldFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    std::error_code ec;
    ImFontConfig config;
    config.OversampleH = oversampleH;
    config.OversampleV = 1;
    if (std::filesystem::exists(regular, ec)) {
        const char* file = bold && std::filesystem::exists(boldFile, ec) ? boldFile : regular;
        if (ImFont* font = atlas.AddFontFromFileTTF(file, sizePx, &config, kRanges)) return font;
    }
    config.SizePixels = sizePx;
    return atlas.AddFontDefault(&config);
}

std::unique_ptr<FontAtlas> FontAtlas::create(float pixelScale) {
    std::unique_ptr<FontAtlas> result(new FontAtlas());
    result->impl_ = std::make_unique<Impl>();
    Impl& impl = *result->impl_;
    for (float size : {11.0f, 14.0f, 20.0f, 30.0f}) {
        for (bool isBold : {false, true}) {
            ImFont* font = addSeawatchFont(impl.atlas, size * pixelScale, isBold, 2);
            impl.fonts.push_back({font, size * pixelScale, isBold});
        }
    }
    unsigned char* pixels = nullptr;
    impl.atlas.GetTexDataAsAlpha8(&pixels, &result->width_, &result->height_);
    result->coverage_ = pixels;
    result->whiteU_ = impl.atlas.TexUvWhitePixel.x;
    result->whiteV_ = impl.atlas.TexUvWhitePixel.y;
    return result;
}

FontAtlas::~FontAtlas() = default;

bool FontAtlas::glyph(char32_t codepoint, float sizePx, bool bold, Glyph& out, float& scale,
                      float& ascent) const {
    const Impl::Baked* best = nullptr;
    for (const auto& baked : impl_->fonts) {
        if (baked.bold != bold) continue;
        // Prefer the smallest baked size that is not smaller than requested (downscaling
        // stays crisp); fall back to the largest.
        if (!best || (best->size < sizePx && baked.size > best->size) ||
            (baked.size >= sizePx && baked.size < best->size))
            best = &baked;
    }
    if (!best) return false;
    const ImFontGlyph* g =
        best->font->FindGlyph(static_cast<ImWchar>(codepoint <= 0xFFFF ? codepoint : 0xFFFD));
    if (!g) return false;
    scale = sizePx / best->size;
    ascent = best->font->Ascent;
    out = {g->X0, g->Y0, g->X1, g->Y1, g->U0, g->V0, g->U1, g->V1, g->AdvanceX};
    return true;
}

// ---- Canvas ----------------------------------------------------------------------------

void Canvas::clear() {
    vertices_.clear();
    indices_.clear();
    labels_.clear();
    keepFree_.clear();
    legend_.clear();
}

void Canvas::label(MapLabel label) {
    if (label.text.empty()) return;
    const ScreenPoint size = measureText(label.text, label.style.sizePx, label.style.bold);
    // The halo reaches a pixel beyond the glyphs.
    const double halo = label.style.halo.a > 0 ? 2.0 : 0.0;
    label.request.width = size.x + halo;
    label.request.height = size.y + halo;
    labels_.push_back(std::move(label));
}

void Canvas::keepLabelsOff(ScreenPoint at, double radiusPx) {
    MapLabel symbol;
    symbol.request.priority = geo::LabelPriority::Graticule;
    symbol.request.anchor = at;
    symbol.request.symbolRadiusPx = radiusPx;
    labels_.push_back(std::move(symbol));
}

void Canvas::legend(LegendEntry entry) {
    for (const LegendEntry& e : legend_)
        if (e.group == entry.group && e.text == entry.text) return;
    legend_.push_back(std::move(entry));
}

std::uint32_t Canvas::vertex(ScreenPoint p, Rgba color) {
    const float u = fonts_ ? fonts_->whiteU() : 0.0f;
    const float v = fonts_ ? fonts_->whiteV() : 0.0f;
    vertices_.push_back({static_cast<float>(p.x), static_cast<float>(p.y), u, v, packRgba(color)});
    return static_cast<std::uint32_t>(vertices_.size() - 1);
}

void Canvas::quad(ScreenPoint a, ScreenPoint b, ScreenPoint c, ScreenPoint d, Rgba color) {
    const std::uint32_t i0 = vertex(a, color);
    vertex(b, color);
    vertex(c, color);
    vertex(d, color);
    indices_.insert(indices_.end(), {i0, i0 + 1, i0 + 2, i0, i0 + 2, i0 + 3});
}

void Canvas::line(ScreenPoint a, ScreenPoint b, float widthPx, Rgba color) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double len = std::hypot(dx, dy);
    if (len < 1e-9) return;
    const double h = widthPx / 2.0;
    const double nx = -dy / len * h;
    const double ny = dx / len * h;
    const double ex = dx / len * h * 0.5;
    const double ey = dy / len * h * 0.5;
    quad({a.x + nx - ex, a.y + ny - ey}, {b.x + nx + ex, b.y + ny + ey},
         {b.x - nx + ex, b.y - ny + ey}, {a.x - nx - ex, a.y - ny - ey}, color);
}

void Canvas::polyline(std::span<const ScreenPoint> points, float widthPx, Rgba color, bool closed) {
    for (std::size_t i = 1; i < points.size(); ++i) line(points[i - 1], points[i], widthPx, color);
    if (closed && points.size() > 2) line(points.back(), points.front(), widthPx, color);
}

void Canvas::fillConvex(std::span<const ScreenPoint> points, Rgba color) {
    if (points.size() < 3) return;
    const std::uint32_t first = vertex(points[0], color);
    for (std::size_t i = 1; i < points.size(); ++i) vertex(points[i], color);
    for (std::uint32_t i = 1; i + 1 < points.size(); ++i) {
        indices_.insert(indices_.end(), {first, first + i, first + i + 1});
    }
}

void Canvas::fillRect(ScreenPoint tl, ScreenPoint br, Rgba color) {
    quad(tl, {br.x, tl.y}, br, {tl.x, br.y}, color);
}

void Canvas::strokeRect(ScreenPoint tl, ScreenPoint br, float widthPx, Rgba color) {
    const ScreenPoint pts[] = {tl, {br.x, tl.y}, br, {tl.x, br.y}};
    polyline(pts, widthPx, color, true);
}

namespace {
int circleSegments(float radiusPx) {
    return std::clamp(static_cast<int>(radiusPx * 0.8f) + 8, 8, 96);
}
}  // namespace

void Canvas::fillCircle(ScreenPoint c, float r, Rgba color) {
    const int n = circleSegments(r);
    std::vector<ScreenPoint> pts(n);
    for (int i = 0; i < n; ++i) {
        const double a = 2 * geo::kPi * i / n;
        pts[i] = {c.x + r * std::cos(a), c.y + r * std::sin(a)};
    }
    fillConvex(pts, color);
}

void Canvas::strokeCircle(ScreenPoint c, float r, float widthPx, Rgba color) {
    const int n = circleSegments(r);
    std::vector<ScreenPoint> pts(n);
    for (int i = 0; i < n; ++i) {
        const double a = 2 * geo::kPi * i / n;
        pts[i] = {c.x + r * std::cos(a), c.y + r * std::sin(a)};
    }
    polyline(pts, widthPx, color, true);
}

ScreenPoint Canvas::measureText(std::string_view utf8, float sizePx, bool bold) const {
    if (!fonts_) return {0, 0};
    double width = 0;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        float scale = 1, ascent = 0;
        FontAtlas::Glyph g;
        if (fonts_->glyph(nextCodepoint(utf8, pos), sizePx, bold, g, scale, ascent))
            width += g.advance * scale;
    }
    return {width, sizePx * 1.15};
}

void Canvas::glyphs(ScreenPoint pen, std::string_view utf8, float sizePx, bool bold, Rgba color) {
    std::size_t pos = 0;
    const std::uint32_t packed = packRgba(color);
    while (pos < utf8.size()) {
        float scale = 1, ascent = 0;
        FontAtlas::Glyph g;
        if (!fonts_->glyph(nextCodepoint(utf8, pos), sizePx, bold, g, scale, ascent)) continue;
        const float x0 = static_cast<float>(pen.x) + g.x0 * scale;
        const float y0 = static_cast<float>(pen.y) + g.y0 * scale;
        const float x1 = static_cast<float>(pen.x) + g.x1 * scale;
        const float y1 = static_cast<float>(pen.y) + g.y1 * scale;
        if (x1 > x0) {
            const auto i0 = static_cast<std::uint32_t>(vertices_.size());
            vertices_.push_back({x0, y0, g.u0, g.v0, packed});
            vertices_.push_back({x1, y0, g.u1, g.v0, packed});
            vertices_.push_back({x1, y1, g.u1, g.v1, packed});
            vertices_.push_back({x0, y1, g.u0, g.v1, packed});
            indices_.insert(indices_.end(), {i0, i0 + 1, i0 + 2, i0, i0 + 2, i0 + 3});
        }
        pen.x += g.advance * scale;
    }
}

void Canvas::text(ScreenPoint at, std::string_view utf8, const TextStyle& style) {
    if (!fonts_ || utf8.empty()) return;
    const ScreenPoint size = measureText(utf8, style.sizePx, style.bold);
    ScreenPoint pen = at;
    switch (style.anchor) {
        case TextAnchor::TopLeft:
            break;
        case TextAnchor::TopCenter:
            pen.x -= size.x / 2;
            break;
        case TextAnchor::TopRight:
            pen.x -= size.x;
            break;
        case TextAnchor::CenterLeft:
            pen.y -= size.y / 2;
            break;
        case TextAnchor::Center:
            pen.x -= size.x / 2;
            pen.y -= size.y / 2;
            break;
        case TextAnchor::CenterRight:
            pen.x -= size.x;
            pen.y -= size.y / 2;
            break;
        case TextAnchor::BottomLeft:
            pen.y -= size.y;
            break;
        case TextAnchor::BottomCenter:
            pen.x -= size.x / 2;
            pen.y -= size.y;
            break;
        case TextAnchor::BottomRight:
            pen.x -= size.x;
            pen.y -= size.y;
            break;
    }
    pen.x = std::round(pen.x);
    pen.y = std::round(pen.y);
    if (style.halo.a > 0) {
        static constexpr double kOffsets[][2] = {{-1, 0},  {1, 0}, {0, -1}, {0, 1},
                                                 {-1, -1}, {1, 1}, {-1, 1}, {1, -1}};
        for (const auto& o : kOffsets) {
            glyphs({pen.x + o[0], pen.y + o[1]}, utf8, style.sizePx, style.bold, style.halo);
        }
    }
    glyphs(pen, utf8, style.sizePx, style.bold, style.color);
}

}  // namespace seawatch::render
