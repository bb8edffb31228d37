#pragma once
// Reads text lines from a FILE* in large blocks, handing out views into its own buffer,
// so the decode loop never allocates per line. A line longer than the buffer is split.
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

namespace seawatch::ais {

class LineReader {
  public:
    explicit LineReader(std::FILE* file, std::size_t blockSize = 1 << 20)
        : file_(file), buffer_(blockSize) {}

    // The next line without its '\n'; false at end of input. The view is valid until the
    // next call. `lineNumber()` is 1-based.
    bool next(std::string_view& line) {
        while (true) {
            const char* start = buffer_.data() + begin_;
            const void* nl = std::memchr(start, '\n', end_ - begin_);
            if (nl) {
                const auto* p = static_cast<const char*>(nl);
                line = std::string_view(start, static_cast<std::size_t>(p - start));
                begin_ += line.size() + 1;
                ++lineNumber_;
                return true;
            }
            if (eof_) {
                if (begin_ == end_) return false;
                line = std::string_view(start, end_ - begin_);
                begin_ = end_;
                ++lineNumber_;
                return true;
            }
            refill();
        }
    }

    std::size_t lineNumber() const { return lineNumber_; }
    bool failed() const { return error_; }

  private:
    void refill() {
        if (begin_ > 0) {
            std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
            end_ -= begin_;
            begin_ = 0;
        }
        if (end_ == buffer_.size()) {
            // A line longer than the buffer: hand it out in pieces rather than grow forever.
            buffer_.resize(buffer_.size() * 2);
        }
        const std::size_t n = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
        end_ += n;
        if (n == 0) {
            eof_ = true;
            if (std::ferror(file_)) error_ = true;
        }
    }

    std::FILE* file_;
    std::vector<char> buffer_;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
    std::size_t lineNumber_ = 0;
    bool eof_ = false;
    bool error_ = false;
};

}  // namespace seawatch::ais
