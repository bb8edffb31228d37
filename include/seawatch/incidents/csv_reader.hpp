#pragma once
// A small RFC 4180 reader for the CSV exports seawatch imports: quoted fields may hold
// commas, doubled quotes and line breaks (ASAM's two-line positions); CRLF, LF or CR line
// ends. It tracks the physical line each record starts on, for messages.
//
// It reads from memory or streams from a FILE* in blocks, so an import's peak memory is a
// block and a record, not the file.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace seawatch::incidents {

class CsvReader {
  public:
    // The reader keeps a view: the text must outlive it.
    explicit CsvReader(std::string_view text);
    explicit CsvReader(std::string&& text) = delete;
    // Streams from `file` (not owned), `blockSize` bytes at a time.
    explicit CsvReader(std::FILE* file, std::size_t blockSize = std::size_t{1} << 20);

    // Reads the next record into `fields`. Returns false at the end of input or on an
    // error (then error() is non-empty). Blank lines are skipped.
    bool next(std::vector<std::string>& fields);

    std::size_t recordLine() const { return recordLine_; }     // 1-based line of the record
    std::uint64_t offset() const { return consumed_ + pos_; }  // bytes consumed
    const std::string& error() const { return error_; }

    // A record longer than this is an error (a stray quote would otherwise read the rest
    // of a large file into one field).
    static constexpr std::size_t kMaxRecordBytes = std::size_t{16} << 20;

  private:
    enum class Parse { Done, End, NeedMore, Error };
    Parse parse(std::vector<std::string>& fields);
    bool refill();

    std::FILE* file_ = nullptr;
    std::size_t blockSize_ = 0;
    std::string buffer_;     // streaming: the unread part of the file read so far
    std::string_view text_;  // what is being parsed: the memory text, or buffer_
    bool eof_ = true;        // memory: all there is; streaming: the file is exhausted
    std::size_t pos_ = 0;
    std::uint64_t consumed_ = 0;  // streaming: bytes dropped from the front of buffer_
    std::size_t line_ = 1;
    std::size_t recordLine_ = 0;
    bool started_ = false;
    std::string error_;
};

}  // namespace seawatch::incidents
