#pragma once
// What the incident store's files share (store.cpp, the schema and the writes;
// store_query.cpp, the reads): the grid-cell numbering both the stored rows and the queries
// use, and the error text of a failed step. Internal to src/incidents.
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "seawatch/common/result.hpp"

namespace seawatch::incidents::store_detail {

// 1-degree cells numbered row by row from the south-west corner of the world.
inline constexpr int kGridColumns = 360;
inline int gridColumn(double lon) {
    return std::clamp(static_cast<int>(std::floor(lon)) + 180, 0, 359);
}
inline int gridRow(double lat) {
    return std::clamp(static_cast<int>(std::floor(lat)) + 90, 0, 179);
}
inline std::int64_t gridCell(double lon, double lat) {
    return static_cast<std::int64_t>(gridRow(lat)) * kGridColumns + gridColumn(lon);
}

inline Status stepError(sqlite3* db, int rc, std::string_view what) {
    return makeError(std::string(what) + ": " + sqlite3_errstr(rc) + " (" + sqlite3_errmsg(db) +
                     ")");
}

}  // namespace seawatch::incidents::store_detail
