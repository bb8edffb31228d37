#pragma once
// The workspace moved to its own domain, below every store: seawatch/workspace/workspace.hpp
// (the handle and its seam) and seawatch/workspace/gpkg.hpp (the GeoPackage backend). This
// header stays for code written against the old place.
#include "seawatch/workspace/gpkg.hpp"
#include "seawatch/workspace/workspace.hpp"
