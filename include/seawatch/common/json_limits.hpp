#pragma once
// Bounds on JSON input, checked in one streaming pass before a document is built.
//
// nlohmann's parser is iterative, but dump(), comparisons and some destructors recurse, so
// a 160 KB file nested 80,000 arrays deep crashed an import with SIGSEGV; and a DOM built
// from an object with a repeated key silently keeps the last value. Every reader of JSON
// (incidents, scenarios, zones, schedules) calls checkJsonLimits first.
#include <cstddef>
#include <string_view>

#include "seawatch/common/result.hpp"

namespace seawatch {

struct JsonLimits {
    std::size_t maxDepth = 64;                    // arrays and objects nested
    std::size_t maxBytes = std::size_t{1} << 30;  // 1 GiB of text
    bool rejectDuplicateKeys = false;             // hand-written files: a key given twice
};

// An error naming the JSON path and the limit ("tracks[0].name: key given twice",
// "nesting deeper than 64 levels at asam[0].victim[0][0]..."). Syntax errors are not
// reported here: the caller's parser reports them with its own line and column.
Status checkJsonLimits(std::string_view text, const JsonLimits& limits = {});

}  // namespace seawatch
