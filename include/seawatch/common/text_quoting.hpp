#pragma once
// Quoting text for the line formats seawatch prints by hand (JSON Lines, CSV), where a full
// JSON or CSV writer would cost more than the line. One rule for every command, so `analyze`,
// `ais query`, `incidents context` and `incidents export` quote a name the same way.
// Text is passed through byte for byte apart from what the format must escape: UTF-8 stays
// UTF-8 (both formats allow it), and nothing is re-encoded.
#include <string>
#include <string_view>

namespace seawatch {

// A JSON string literal, quotes included: `"` and `\` escaped, newline, carriage return and
// tab as \n \r \t, other control characters below U+0020 as \u00XX (RFC 8259 requires
// these; DEL and non-ASCII need no escape).
std::string jsonQuoted(std::string_view text);

// One CSV field (RFC 4180): as it is, unless it holds a comma, a quote or a line break; then
// in quotes with each quote doubled, so a reader sees one field with the line break inside.
std::string csvField(std::string_view text);

}  // namespace seawatch
