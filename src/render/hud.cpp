#include "seawatch/render/hud.hpp"

#include <algorithm>
#include <cstdio>

namespace seawatch::render {

namespace {
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
}

std::vector<std::string> wrapText(const Canvas& canvas, std::string_view text, float sizePx,
                                  double maxWidthPx, bool bold) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find(' ', pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(pos, end - pos);
        pos = end + 1;
        if (word.empty()) continue;
        const std::string candidate =
            line.empty() ? std::string(word) : line + " " + std::string(word);
        if (!line.empty() && canvas.measureText(candidate, sizePx, bold).x > maxWidthPx) {
            lines.push_back(line);
            line = std::string(word);
        } else {
            line = candidate;
        }
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

void buildTimeBadge(Canvas& canvas, const geo::MapView& view, time::UnixMillis now,
                    std::string_view subtitle, float s) {
    (void)view;
    const time::CivilTime c = time::toCivil(now);
    char text[48];
    std::snprintf(text, sizeof text, "%02d %s %04d  %02d:%02dZ", c.day, kMonths[c.month - 1],
                  c.year, c.hour, c.minute);
    const float size = 16.0f * s;
    const ScreenPoint at{12 * s, 12 * s};
    const ScreenPoint main = canvas.measureText(text, size, true);
    double width = main.x;
    double height = main.y;
    if (!subtitle.empty()) {
        const ScreenPoint sub = canvas.measureText(subtitle, 11.0f * s);
        width = std::max(width, sub.x);
        height += sub.y + 2 * s;
    }
    canvas.fillRect({at.x - 8 * s, at.y - 6 * s}, {at.x + width + 8 * s, at.y + height + 6 * s},
                    {16, 32, 48, 215});
    TextStyle style;
    style.sizePx = size;
    style.bold = true;
    style.color = {255, 255, 255, 255};
    canvas.text(at, text, style);
    if (!subtitle.empty()) {
        style.sizePx = 11.0f * s;
        style.bold = false;
        style.color = {190, 210, 230, 255};
        canvas.text({at.x, at.y + main.y + 2 * s}, subtitle, style);
    }
}

void buildCaption(Canvas& canvas, const geo::MapView& view, std::string_view caption,
                  int stepNumber, int stepCount, float s) {
    if (caption.empty()) return;
    const float size = 17.0f * s;
    const double margin = 18 * s;
    char counter[32] = "";
    if (stepCount > 0) std::snprintf(counter, sizeof counter, "%d/%d", stepNumber, stepCount);
    const double counterWidth = counter[0] ? canvas.measureText(counter, size, true).x + 16 * s : 0;
    const double textWidth = std::min(1100.0 * s, view.widthPx() - 2 * margin - counterWidth);
    const auto lines = wrapText(canvas, caption, size, textWidth);
    const double lineHeight = size * 1.3;
    const double bandHeight = lines.size() * lineHeight + 20 * s;
    const double top = view.heightPx() - bandHeight - 40 * s;  // above the scale bar
    const double left = (view.widthPx() - textWidth - counterWidth) / 2;
    canvas.fillRect({left - 14 * s, top},
                    {left + counterWidth + textWidth + 14 * s, top + bandHeight},
                    {16, 32, 48, 220});
    TextStyle style;
    style.sizePx = size;
    style.color = {255, 255, 255, 255};
    if (counter[0]) {
        style.bold = true;
        style.color = {255, 200, 80, 255};
        canvas.text({left, top + 10 * s}, counter, style);
        style.bold = false;
        style.color = {255, 255, 255, 255};
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        canvas.text({left + counterWidth, top + 10 * s + i * lineHeight}, lines[i], style);
    }
}

}  // namespace seawatch::render
