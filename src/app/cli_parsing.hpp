#pragma once
// Parsing of the command-line forms shared by subcommands: --bbox W,S,E,N and --size WxH.
#include <string>

#include "seawatch/geo/geo.hpp"

namespace seawatch::app {

bool parseBbox(const std::string& text, geo::GeoBox& box);
bool parseSize(const std::string& text, int& width, int& height);

}  // namespace seawatch::app
