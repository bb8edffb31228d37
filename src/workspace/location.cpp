#include "seawatch/workspace/location.hpp"

#include <algorithm>
#include <string>

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
    if (text.starts_with("postgresql://") || text.starts_with("postgres://")) return true;
    // libpq key=value words ("service=hub dbname=shade"), but only when the first key is one
    // libpq knows: a file may well be called "run=3.gpkg", and it must stay a file.
    static constexpr std::string_view kLibpqKeys =
        " host hostaddr port dbname user password passfile service options application_name"
        " connect_timeout client_encoding keepalives sslmode sslcert sslkey sslrootcert"
        " gssencmode channel_binding target_session_attrs ";
    const std::size_t eq = text.find('=');
    if (eq == std::string_view::npos) return false;
    std::string_view key = text.substr(0, eq);
    while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
    while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
    if (key.empty() || key.find(' ') != std::string_view::npos) return false;
    // A whole word of the list: the list starts and ends with a space and the key has none.
    for (std::size_t at = kLibpqKeys.find(key); at != std::string_view::npos;
         at = kLibpqKeys.find(key, at + 1)) {
        if (kLibpqKeys[at - 1] == ' ' && kLibpqKeys[at + key.size()] == ' ') return true;
    }
    return false;
}

namespace {

// libpq also takes the password as a URI query parameter (...?password=secret&sslmode=...)
// or as a key=value word (host=hub password=secret).
std::string redactPasswordParameter(std::string text) {
    const bool uri = text.find("://") != std::string::npos;
    const std::size_t from = uri ? text.find('?') : 0;
    if (from == std::string::npos) return text;
    const char separator = uri ? '&' : ' ';
    for (std::size_t pos = text.find("password=", from); pos != std::string::npos;
         pos = text.find("password=", pos + 1)) {
        const char before = pos == 0 ? ' ' : text[pos - 1];
        if (before != '?' && before != '&' && before != ' ') continue;
        const std::size_t valueStart = pos + 9;
        const std::size_t valueEnd = std::min(text.find(separator, valueStart), text.size());
        text.replace(valueStart, valueEnd - valueStart, "***");
    }
    return text;
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
    return redactPasswordParameter(redactUserinfoPassword(uri));
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
