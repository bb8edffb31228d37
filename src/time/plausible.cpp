#include "seawatch/time/plausible.hpp"

#include <charconv>

namespace seawatch::time {

bool PlausibleYears::contains(UnixMillis t) const {
    return t >= daysFromCivil(first, 1, 1) * kMillisPerDay &&
           t < daysFromCivil(last + 1, 1, 1) * kMillisPerDay;
}

std::string PlausibleYears::describe() const {
    return std::to_string(first) + "-" + std::to_string(last);
}

std::optional<PlausibleYears> parsePlausibleYears(std::string_view text) {
    const auto dash = text.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    PlausibleYears out;
    const auto readYear = [](std::string_view part, int& year) {
        if (part.size() != 4) return false;
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), year);
        return ec == std::errc() && end == part.data() + part.size();
    };
    if (!readYear(text.substr(0, dash), out.first) || !readYear(text.substr(dash + 1), out.last))
        return std::nullopt;
    if (!out.valid()) return std::nullopt;
    return out;
}

}  // namespace seawatch::time
