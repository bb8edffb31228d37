#pragma once
// Output that is never lost in silence.
//
// A file is written under a temporary name beside its target and renamed over it only
// once every byte was written, flushed, synced and closed: an interrupted or failed run
// leaves the previous file (or none), never a truncated one. Every failure says what and
// why (strerror), so a full disk is an error, not a short file and exit 0.
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "seawatch/common/result.hpp"

namespace seawatch {

// A temporary file beside `target` that becomes `target` on commit(), or is removed when
// destroyed uncommitted. Writers that need a path of their own (GDAL) write to tempPath()
// and call commit() afterwards.
class AtomicFile {
  public:
    // Creates the temporary file (exclusive, mode 0666 less umask) and opens it for
    // writing; `open` = false leaves it closed for a writer that opens the path itself.
    static Result<AtomicFile> create(const std::filesystem::path& target, bool open = true);

    AtomicFile(AtomicFile&& other) noexcept;
    AtomicFile& operator=(AtomicFile&& other) noexcept;
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    const std::filesystem::path& target() const { return target_; }
    const std::filesystem::path& tempPath() const { return temp_; }
    std::FILE* stream() const { return file_; }

    Status write(std::string_view data);
    // Flushes, syncs and closes the stream (if open), then renames over the target.
    Status commit();

  private:
    AtomicFile() = default;
    void discard();

    std::filesystem::path target_;
    std::filesystem::path temp_;
    std::FILE* file_ = nullptr;
    bool committed_ = true;  // nothing to clean up until create() succeeds
};

// The whole content written atomically.
Status writeFileAtomically(const std::filesystem::path& target, std::string_view content);

// For streams the program does not own a name for (standard output): fwrite that reports
// a short write with strerror(errno), and a final flush that does the same. `what` names
// the stream in the message ("standard output").
Status writeChecked(std::FILE* stream, std::string_view data, std::string_view what);
Status flushChecked(std::FILE* stream, std::string_view what);

// "cannot write PATH: REASON" with the reason from errno (or `reason` when given).
std::string cannotWrite(const std::filesystem::path& path, std::string_view reason = {});

}  // namespace seawatch
