#pragma once
// Reads text lines from a FILE* in large blocks, handing out views into its own buffer,
// so the decode loop never allocates per line.
//
// LF, CRLF and a bare CR all end a line: some receivers and serial loggers separate
// sentences with CR only, and every sentence must reach the decoder and its counters.
// A line longer than the buffer is not grown into (a file with no line ends would eat
// memory): its first blockSize bytes are handed out as the line, so the caller's counters
// still see it (a decoder calls it malformed), the rest up to the next line end is
// skipped, and overlongLines() counts it.
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

namespace seawatch::ais {

class LineReader {
  public:
    explicit LineReader(std::FILE* file, std::size_t blockSize = 1 << 20)
        : file_(file), buffer_(blockSize < 2 ? 2 : blockSize) {}

    // The next line without its line end; false at end of input. The view is valid until
    // the next call. `lineNumber()` is 1-based.
    bool next(std::string_view& line) {
        while (true) {
            if (!settlePending()) {
                refill();
                continue;
            }
            const char* start = buffer_.data() + begin_;
            const std::size_t avail = end_ - begin_;
            if (const char* eol = findLineEnd(start, avail)) {
                line = std::string_view(start, static_cast<std::size_t>(eol - start));
                begin_ += line.size() + 1;
                skipLf_ = *eol == '\r';
                ++lineNumber_;
                return true;
            }
            if (eof_) {
                if (avail == 0) return false;
                line = std::string_view(start, avail);
                begin_ = end_;
                ++lineNumber_;
                return true;
            }
            if (avail == buffer_.size()) {
                // No line end in a whole buffer: hand this much out and drop the rest.
                line = std::string_view(start, avail);
                begin_ = end_;
                discarding_ = true;
                ++overlong_;
                ++lineNumber_;
                return true;
            }
            refill();
        }
    }

    std::size_t lineNumber() const { return lineNumber_; }
    // Lines longer than the block size, cut to it.
    std::size_t overlongLines() const { return overlong_; }
    bool failed() const { return error_; }

  private:
    static const char* findLineEnd(const char* start, std::size_t n) {
        const void* nl = std::memchr(start, '\n', n);
        const std::size_t upTo =
            nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : n;
        if (const void* cr = std::memchr(start, '\r', upTo)) return static_cast<const char*>(cr);
        return static_cast<const char*>(nl);
    }

    // Consumes the LF of a CRLF split across reads, and the tail of an overlong line.
    // False when more input is needed first.
    bool settlePending() {
        if (discarding_) {
            const char* start = buffer_.data() + begin_;
            const char* eol = findLineEnd(start, end_ - begin_);
            if (!eol) {
                begin_ = end_;
                return eof_;
            }
            begin_ += static_cast<std::size_t>(eol - start) + 1;
            skipLf_ = *eol == '\r';
            discarding_ = false;
        }
        if (skipLf_) {
            if (begin_ == end_ && !eof_) return false;
            if (begin_ < end_ && buffer_[begin_] == '\n') ++begin_;
            skipLf_ = false;
        }
        return true;
    }

    void refill() {
        if (begin_ > 0) {
            std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
            end_ -= begin_;
            begin_ = 0;
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
    std::size_t overlong_ = 0;
    bool skipLf_ = false;      // the last line ended in CR: a following LF belongs to it
    bool discarding_ = false;  // inside the rest of an overlong line
    bool eof_ = false;
    bool error_ = false;
};

}  // namespace seawatch::ais
