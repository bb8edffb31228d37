#include "cli_parsing.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace seawatch::app {

Result<geo::GeoBox> parseBbox(const std::string& text, BboxUse use) {
    const double maxLat = use == BboxUse::View ? geo::kMaxMercatorLat : 90.0;
    double w, s, e, n;
    char tail;
    const bool crossingAllowed = use == BboxUse::QueryAcrossAntimeridian;
    if (std::sscanf(text.c_str(), "%lf,%lf,%lf,%lf%c", &w, &s, &e, &n, &tail) != 4 ||
        !((w < e || (crossingAllowed && w > e)) && s < n) || w < -180 || w > 180 || e < -180 ||
        e > 180 || s < -maxLat || n > maxLat) {
        return makeError(fmt::format(
            "--bbox wants W,S,E,N in degrees with {} and S<N, longitudes within 180 and "
            "latitudes within {}, got '{}'",
            crossingAllowed ? "W<E (W>E crosses the antimeridian)" : "W<E",
            use == BboxUse::View ? "85.0511 (what a Mercator map shows)" : "90", text));
    }
    return geo::GeoBox{w, s, e, n};
}

bool parseSize(const std::string& text, int& width, int& height) {
    char tail;
    if (std::sscanf(text.c_str(), "%dx%d%c", &width, &height, &tail) != 2) return false;
    return width > 0 && height > 0 && width <= kMaxImageSide && height <= kMaxImageSide;
}

std::optional<std::int64_t> parseDuration(const std::string& text) {
    double value = 0;
    char unit = 's';
    char tail;
    const int n = std::sscanf(text.c_str(), "%lf%c%c", &value, &unit, &tail);
    if (n < 1 || n > 2 || value < 0) return std::nullopt;
    double seconds = value;
    switch (unit) {
        case 's':
            break;
        case 'm':
            seconds *= 60;
            break;
        case 'h':
            seconds *= 3600;
            break;
        case 'd':
            seconds *= 86400;
            break;
        default:
            return std::nullopt;
    }
    return static_cast<std::int64_t>(seconds * 1000.0 + 0.5);
}

CLI::Validator finiteRange(double low, double high) {
    return CLI::Validator(
        [low, high](std::string& text) -> std::string {
            char* end = nullptr;
            const double value = std::strtod(text.c_str(), &end);
            if (text.empty() || end == nullptr || *end != '\0' || !std::isfinite(value) ||
                value < low || value > high)
                return fmt::format("{} is not a number from {} to {}", text, low, high);
            return {};
        },
        fmt::format("NUMBER in [{} - {}]", low, high));
}

}  // namespace seawatch::app
