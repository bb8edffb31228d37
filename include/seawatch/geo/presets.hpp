#pragma once
// Named areas the console offers as preset views.
#include <array>

#include "seawatch/geo/geo.hpp"

namespace seawatch::geo {

struct NamedArea {
    const char* name;
    GeoBox box;
};

inline constexpr std::array<NamedArea, 5> kPresetViews{{
    {"Gulf of Aden", {42.0, 10.0, 54.0, 16.0}},
    {"Bab-el-Mandeb", {42.6, 11.9, 44.3, 13.3}},
    {"Somali Basin", {40.0, -6.0, 58.0, 10.0}},
    {"Arabian Sea", {54.0, 8.0, 76.0, 26.0}},
    {"Western Indian Ocean", {30.0, -20.0, 80.0, 30.0}},
}};

}  // namespace seawatch::geo
