#include "cli_parsing.hpp"

#include <cstdio>

namespace seawatch::app {

bool parseBbox(const std::string& text, geo::GeoBox& box) {
    double w, s, e, n;
    char tail;
    if (std::sscanf(text.c_str(), "%lf,%lf,%lf,%lf%c", &w, &s, &e, &n, &tail) != 4) return false;
    if (!(w < e && s < n) || w < -180 || e > 180 || s < -85.06 || n > 85.06) return false;
    box = {w, s, e, n};
    return true;
}

bool parseSize(const std::string& text, int& width, int& height) {
    char tail;
    if (std::sscanf(text.c_str(), "%dx%d%c", &width, &height, &tail) != 2) return false;
    return width > 0 && height > 0 && width <= 16384 && height <= 16384;
}

}  // namespace seawatch::app
