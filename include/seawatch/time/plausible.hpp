#pragma once
// The range of years a time in seawatch's data may fall in. Anything outside it is a typo or
// corrupt data (a $PGHP line with year "10" for 2010, a waypoint at 9999-12-31), and taking
// it at face value makes time-stepped work (analytics ticks, track synthesis) walk over
// centuries. Readers reject such times and count them with this range in the reason.
#include <string>

#include "seawatch/time/utc.hpp"

namespace seawatch::time {

struct PlausibleYears {
    int first = 1990;  // inclusive
    int last = 2100;   // inclusive

    bool valid() const { return first <= last; }
    // True for times from first-01-01T00:00Z up to (not including) (last+1)-01-01T00:00Z.
    bool contains(UnixMillis t) const;
    // "1990-2100", for messages.
    std::string describe() const;
};

// Parses "1990-2100" (a command-line option); nullopt when malformed or first > last.
std::optional<PlausibleYears> parsePlausibleYears(std::string_view text);

}  // namespace seawatch::time
