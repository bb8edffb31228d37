#include "seawatch/common/text_quoting.hpp"

#include <fmt/format.h>

namespace seawatch {

std::string jsonQuoted(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                // Bytes of a UTF-8 sequence are >= 0x80: compared unsigned, they pass.
                if (static_cast<unsigned char>(c) < 0x20)
                    out += fmt::format("\\u{:04x}",
                                       static_cast<unsigned>(static_cast<unsigned char>(c)));
                else
                    out += c;
        }
    }
    out += '"';
    return out;
}

std::string csvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace seawatch
