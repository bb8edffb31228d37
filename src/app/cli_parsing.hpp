#pragma once
// Parsing of the command-line forms shared by subcommands: --bbox W,S,E,N and --size WxH.
#include <cstdint>
#include <optional>
#include <string>

#include "seawatch/geo/geo.hpp"

namespace seawatch::app {

bool parseBbox(const std::string& text, geo::GeoBox& box);
bool parseSize(const std::string& text, int& width, int& height);
// "90s", "10m", "2h", "1d" or plain seconds, to milliseconds.
std::optional<std::int64_t> parseDuration(const std::string& text);

}  // namespace seawatch::app
