#pragma once
// One GDAL initialisation for the whole program, and GDAL's errors made ours.
//
// initGdal() registers the drivers once and installs a CPL error handler that sends GDAL
// and OGR warnings and errors to the log (spdlog: the console's Log panel and stderr)
// naming the file being read. Code that opens or reads a file says which with a
// GdalFileScope; the scope (and every scope around it) also counts the errors GDAL raised
// meanwhile on this thread, so a caller can tell "read with errors" from "read cleanly".
// Results still carry the message too (CPLGetLastErrorMsg works as before).
#include <cstddef>
#include <string>
#include <string_view>

namespace seawatch {

void initGdal();

// The handler initGdal installs (GDAL's CPLErr level and error number); public for tests.
void gdalLogHandler(int level, int number, const char* message);

class GdalFileScope {
  public:
    explicit GdalFileScope(std::string path);
    ~GdalFileScope();
    GdalFileScope(const GdalFileScope&) = delete;
    GdalFileScope& operator=(const GdalFileScope&) = delete;

    const std::string& path() const { return path_; }
    std::size_t errors() const { return errors_; }
    std::size_t warnings() const { return warnings_; }
    // While quiet, messages are counted but not logged (a probe expected to fail).
    void setQuiet(bool quiet) { quiet_ = quiet; }

  private:
    friend void gdalLogHandler(int, int, const char*);
    std::string path_;
    std::size_t errors_ = 0;
    std::size_t warnings_ = 0;
    bool quiet_ = false;
    GdalFileScope* outer_ = nullptr;
};

// Text in memory as a GDAL file (/vsimem/) that GDALOpenEx can open, for as long as this
// lives: a reader that already holds a file's content (to check its JSON nesting, or text
// handed over by a fuzz target) gives OGR the same bytes without a copy or a second read.
// The text must outlive it. Each instance has its own name, so threads may use it at once.
class GdalMemoryFile {
  public:
    // `name` (a file name, no folder) ends the path, so OGR's messages and its choice of
    // driver by extension see the original file's name.
    GdalMemoryFile(std::string_view text, const std::string& name);
    ~GdalMemoryFile();
    GdalMemoryFile(const GdalMemoryFile&) = delete;
    GdalMemoryFile& operator=(const GdalMemoryFile&) = delete;

    bool ok() const { return ok_; }
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    bool ok_ = false;
};

}  // namespace seawatch
