#pragma once
// Text from files analysts hold comes in UTF-8 or, from older Windows tools, Windows-1252
// (a superset of Latin-1's printable range). Everything seawatch stores and prints is
// UTF-8: invalid text is decoded as Windows-1252 instead, and the caller counts it.
#include <string>
#include <string_view>

namespace seawatch {

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(std::string_view text);

// Each byte as Windows-1252 (the five bytes it leaves undefined as their Latin-1 C1
// control code points), encoded in UTF-8.
std::string windows1252ToUtf8(std::string_view text);

// Leaves valid UTF-8 alone; otherwise re-decodes `text` as Windows-1252. True when it did.
bool makeUtf8(std::string& text);

}  // namespace seawatch
