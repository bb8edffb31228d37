#pragma once
// The running program's GNU build ID (the linker's hash of the executable, `readelf -n`), as
// hex. Caches of what the program computed from data (a scenario's synthesised AIS) are keyed
// by it, so a rebuilt program never reuses an answer an older one computed.
//
// Threading: safe from any thread (read once, then constant).
#include <string_view>

namespace seawatch::common {

// Empty when the executable carries no build ID (linked with --build-id=none): callers
// then keep no cache.
std::string_view programBuildId();

}  // namespace seawatch::common
