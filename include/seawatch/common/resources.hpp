#pragma once
// Finds seawatch's own files (data/, shaders/) wherever the binary runs from:
// $SEAWATCH_HOME, then next to or above the executable, then the source tree it was built from.
#include <filesystem>
#include <string_view>

namespace seawatch {

// The folder holding data/ and shaders/. Empty when none can be found.
std::filesystem::path resourceRoot();
// resourceRoot()/relative; the path is returned even when the file does not exist,
// so error messages can name it.
std::filesystem::path resourcePath(std::string_view relative);

// `name` in the running program's own folder when it is a folder there (what the build put
// beside the program: the prepared caches), else empty.
std::filesystem::path besideProgram(std::string_view name);

// Per-user folders (XDG base directory spec), created on demand.
std::filesystem::path userConfigDir();  // $XDG_CONFIG_HOME/seawatch or ~/.config/seawatch
std::filesystem::path userDataDir();    // $XDG_DATA_HOME/seawatch or ~/.local/share/seawatch

}  // namespace seawatch
