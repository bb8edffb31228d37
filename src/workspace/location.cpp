#include "seawatch/workspace/location.hpp"

#include <algorithm>

namespace seawatch::workspace {

const char* backendName(BackendKind kind) {
    switch (kind) {
        case BackendKind::GeoPackage:
            return "GeoPackage";
        case BackendKind::PostgreSQL:
            return "PostgreSQL";
    }
    return "unknown";
}

bool isPostgresUri(std::string_view text) {
    return text.starts_with("postgresql://") || text.starts_with("postgres://");
}

namespace {

// libpq also takes the password as a query parameter: ...?password=secret&sslmode=...
std::string redactQueryPassword(std::string uri) {
    const std::size_t query = uri.find('?');
    if (query == std::string::npos) return uri;
    for (std::size_t pos = uri.find("password=", query); pos != std::string::npos;
         pos = uri.find("password=", pos + 1)) {
        const char before = uri[pos - 1];
        if (before != '?' && before != '&') continue;
        const std::size_t valueStart = pos + 9;
        const std::size_t valueEnd = std::min(uri.find('&', valueStart), uri.size());
        uri.replace(valueStart, valueEnd - valueStart, "***");
    }
    return uri;
}

std::string redactUserinfoPassword(std::string_view uri) {
    // scheme://[user[:password]@]host...: the userinfo ends at the last '@' before the path.
    const std::size_t schemeEnd = uri.find("://");
    if (schemeEnd == std::string_view::npos) return std::string(uri);
    const std::size_t authorityStart = schemeEnd + 3;
    const std::size_t authorityEnd = uri.find_first_of("/?", authorityStart);
    const std::string_view authority = uri.substr(
        authorityStart, authorityEnd == std::string_view::npos ? std::string_view::npos
                                                               : authorityEnd - authorityStart);
    const std::size_t at = authority.rfind('@');
    if (at == std::string_view::npos) return std::string(uri);
    const std::size_t colon = authority.substr(0, at).find(':');
    if (colon == std::string_view::npos) return std::string(uri);
    std::string out(uri.substr(0, authorityStart + colon + 1));
    out += "***";
    out += uri.substr(authorityStart + at);
    return out;
}

}  // namespace

std::string redactPassword(std::string_view uri) {
    return redactQueryPassword(redactUserinfoPassword(uri));
}

Location::Location(std::string_view text)
    : kind_(isPostgresUri(text) ? BackendKind::PostgreSQL : BackendKind::GeoPackage),
      target_(text) {}
Location::Location(const char* text) : Location(std::string_view(text)) {}
Location::Location(const std::string& text) : Location(std::string_view(text)) {}
Location::Location(const std::filesystem::path& file) : Location(std::string_view(file.native())) {}

std::string Location::display() const {
    return kind_ == BackendKind::PostgreSQL ? redactPassword(target_) : target_;
}

std::filesystem::path Location::file() const {
    return kind_ == BackendKind::GeoPackage ? std::filesystem::path(target_)
                                            : std::filesystem::path();
}

}  // namespace seawatch::workspace
