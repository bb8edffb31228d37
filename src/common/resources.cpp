#include "seawatch_source_dir.h"  // SEAWATCH_SOURCE_DIR: fallback for data/ and shaders/
#include "seawatch/common/resources.hpp"

#include <unistd.h>

#include <cstdlib>
#include <system_error>

namespace seawatch {

namespace {

namespace fs = std::filesystem;

bool looksLikeRoot(const fs::path& dir) {
    std::error_code ec;
    return fs::is_directory(dir / "shaders", ec) && fs::is_directory(dir / "data", ec);
}

fs::path executableDir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path{} : exe.parent_path();
}

fs::path findRoot() {
    if (const char* home = std::getenv("SEAWATCH_HOME"); home && *home) {
        if (looksLikeRoot(home)) return fs::path(home);
    }
    fs::path dir = executableDir();
    for (int depth = 0; depth < 5 && !dir.empty(); ++depth) {
        if (looksLikeRoot(dir)) return dir;
        if (looksLikeRoot(dir / "share" / "seawatch")) return dir / "share" / "seawatch";
        if (dir == dir.parent_path()) break;
        dir = dir.parent_path();
    }
#ifdef SEAWATCH_SOURCE_DIR
    if (looksLikeRoot(SEAWATCH_SOURCE_DIR)) return fs::path(SEAWATCH_SOURCE_DIR);
#endif
    return {};
}

fs::path xdgDir(const char* variable, const char* fallbackUnderHome) {
    fs::path base;
    if (const char* v = std::getenv(variable); v && *v == '/') {
        base = v;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        base = fs::path(home) / fallbackUnderHome;
    } else {
        base = fs::temp_directory_path();
    }
    fs::path dir = base / "seawatch";
    std::error_code ec;
    fs::create_directories(dir, ec);
    return dir;
}

}  // namespace

fs::path resourceRoot() {
    static const fs::path root = findRoot();
    return root;
}

fs::path resourcePath(std::string_view relative) { return resourceRoot() / fs::path(relative); }

fs::path besideProgram(std::string_view name) {
    const fs::path exe = executableDir();
    if (exe.empty()) return {};
    std::error_code ec;
    const fs::path dir = exe / fs::path(name);
    return fs::is_directory(dir, ec) ? dir : fs::path{};
}

fs::path userConfigDir() { return xdgDir("XDG_CONFIG_HOME", ".config"); }
fs::path userDataDir() { return xdgDir("XDG_DATA_HOME", ".local/share"); }

}  // namespace seawatch
