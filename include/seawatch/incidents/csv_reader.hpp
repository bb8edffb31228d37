#pragma once
// A small RFC 4180 reader for the CSV exports seawatch imports: quoted fields may hold
// commas, doubled quotes and line breaks (ASAM's two-line positions); CRLF or LF line ends.
// It reads from memory and tracks the physical line each record starts on, for messages.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace seawatch::incidents {

class CsvReader {
  public:
    // The reader keeps a view: the text must outlive it.
    explicit CsvReader(std::string_view text);
    explicit CsvReader(std::string&& text) = delete;

    // Reads the next record into `fields`. Returns false at the end of input or on an
    // error (then error() is non-empty). Blank lines are skipped.
    bool next(std::vector<std::string>& fields);

    std::size_t recordLine() const { return recordLine_; }  // 1-based line of the record
    std::size_t offset() const { return pos_; }             // bytes consumed
    const std::string& error() const { return error_; }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t recordLine_ = 0;
    std::string error_;
};

}  // namespace seawatch::incidents
