#include "seawatch/common/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <utility>

namespace seawatch {
namespace {

namespace fs = std::filesystem;

std::string errnoText() {
    return std::strerror(errno);
}

// ".index.html.tmp-PID-N" in the target's folder: the same file system, so rename is
// atomic, and a dot name so a half-written file is not mistaken for output.
fs::path temporaryName(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on a chain of + here.
    std::string name(1, '.');
    name.append(target.filename().string());
    name.append(".tmp-");
    name.append(std::to_string(::getpid()));
    name.push_back('-');
    name.append(std::to_string(counter.fetch_add(1)));
    return dir / name;
}

}  // namespace

std::string cannotWrite(const fs::path& path, std::string_view reason) {
    return "cannot write " + path.string() + ": " +
           (reason.empty() ? errnoText() : std::string(reason));
}

Result<AtomicFile> AtomicFile::create(const fs::path& target, bool open) {
    if (target.empty() || !target.has_filename())
        return makeError(cannotWrite(target, "not a file name"));
    AtomicFile f;
    f.target_ = target;
    f.temp_ = temporaryName(target);
    const int fd = ::open(f.temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) return makeError(cannotWrite(target));
    f.committed_ = false;
    if (!open) {
        ::close(fd);
        return f;
    }
    f.file_ = ::fdopen(fd, "wb");
    if (!f.file_) {
        const std::string why = errnoText();
        ::close(fd);
        return makeError(cannotWrite(target, why));
    }
    return f;
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : target_(std::move(other.target_)),
      temp_(std::move(other.temp_)),
      file_(std::exchange(other.file_, nullptr)),
      committed_(std::exchange(other.committed_, true)) {}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
    if (this != &other) {
        discard();
        target_ = std::move(other.target_);
        temp_ = std::move(other.temp_);
        file_ = std::exchange(other.file_, nullptr);
        committed_ = std::exchange(other.committed_, true);
    }
    return *this;
}

AtomicFile::~AtomicFile() {
    discard();
}

void AtomicFile::discard() {
    if (file_) std::fclose(file_);
    file_ = nullptr;
    if (!committed_) {
        std::error_code ec;
        fs::remove(temp_, ec);
        committed_ = true;
    }
}

Status AtomicFile::write(std::string_view data) {
    if (!file_) return makeError(cannotWrite(target_, "the file is not open"));
    if (std::fwrite(data.data(), 1, data.size(), file_) != data.size())
        return makeError(cannotWrite(target_));
    return {};
}

Status AtomicFile::commit() {
    if (committed_) return makeError(cannotWrite(target_, "already finished"));
    if (file_) {
        std::FILE* f = std::exchange(file_, nullptr);
        const bool flushed = std::fflush(f) == 0 && !std::ferror(f);
        const std::string flushWhy = flushed ? std::string() : errnoText();
        // fsync so a crash after the rename cannot leave an empty file under the new name.
        const bool synced = flushed && ::fsync(::fileno(f)) == 0;
        const std::string syncWhy = synced || !flushed ? std::string() : errnoText();
        const bool closed = std::fclose(f) == 0;
        const std::string closeWhy = closed ? std::string() : errnoText();
        const std::string why = !flushed ? flushWhy : !synced ? syncWhy : closeWhy;
        if (!flushed || !synced || !closed) {
            discard();
            return makeError(cannotWrite(target_, why));
        }
    }
    if (std::rename(temp_.c_str(), target_.c_str()) != 0) {
        const std::string why = errnoText();
        discard();
        return makeError(cannotWrite(target_, why));
    }
    committed_ = true;
    return {};
}

Status writeFileAtomically(const fs::path& target, std::string_view content) {
    auto file = AtomicFile::create(target);
    if (!file) return makeError(file.error());
    if (auto s = file->write(content); !s) return s;
    return file->commit();
}

Status writeChecked(std::FILE* stream, std::string_view data, std::string_view what) {
    if (data.empty()) return {};
    if (std::fwrite(data.data(), 1, data.size(), stream) != data.size())
        return makeError("cannot write " + std::string(what) + ": " + errnoText());
    return {};
}

Status flushChecked(std::FILE* stream, std::string_view what) {
    if (std::fflush(stream) != 0 || std::ferror(stream))
        return makeError("cannot write " + std::string(what) + ": " + errnoText());
    return {};
}

}  // namespace seawatch
