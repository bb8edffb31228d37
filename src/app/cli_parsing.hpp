#pragma once
// Parsing of the command-line forms shared by subcommands: --bbox W,S,E,N and --size WxH.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "seawatch/common/result.hpp"
#include "seawatch/geo/geo.hpp"

namespace seawatch::app {

// --bbox W,S,E,N in degrees, W < E and S < N, longitudes within +-180. The one box parser,
// with its latitude limit stated by its use: a view (render, the console) stays within Web
// Mercator's +-85.0511 deg, all a map can show; a query (incidents) may reach the poles.
// A query of the AIS archive may also cross the antimeridian (W > E: 170,-10,-170,10).
enum class BboxUse { View, Query, QueryAcrossAntimeridian };
Result<geo::GeoBox> parseBbox(const std::string& text, BboxUse use);
// Image sides are capped: the picture exists about five times over while it is drawn and
// written (GL framebuffer, read-back, GDAL's copy, encoder), so 16384² took 5.45 GB; 8192²
// takes about 1.4 GB. Larger pictures are refused with this limit in the message.
inline constexpr int kMaxImageSide = 8192;
bool parseSize(const std::string& text, int& width, int& height);
// "90s", "10m", "2h", "1d" or plain seconds, to milliseconds.
std::optional<std::int64_t> parseDuration(const std::string& text);

// A number from `low` to `high` that is finite: CLI::Range lets "nan" through, since every
// comparison with NaN is false ("--cpa-nm nan" then silently disabled the alert).
CLI::Validator finiteRange(double low, double high);

}  // namespace seawatch::app
