#pragma once
// Parsing of the command-line forms shared by subcommands: --bbox W,S,E,N and --size WxH.
#include <cstdint>
#include <optional>
#include <string>

#include "seawatch/common/result.hpp"
#include "seawatch/geo/geo.hpp"

namespace seawatch::app {

// --bbox W,S,E,N in degrees, W < E and S < N, longitudes within +-180. The one box parser,
// with its latitude limit stated by its use: a view (render, the console) stays within Web
// Mercator's +-85.0511 deg, all a map can show; a query (incidents) may reach the poles.
enum class BboxUse { View, Query };
Result<geo::GeoBox> parseBbox(const std::string& text, BboxUse use);
bool parseSize(const std::string& text, int& width, int& height);
// "90s", "10m", "2h", "1d" or plain seconds, to milliseconds.
std::optional<std::int64_t> parseDuration(const std::string& text);

}  // namespace seawatch::app
