#include "seawatch/incidents/csv_reader.hpp"

#include <cstring>

namespace seawatch::incidents {

CsvReader::CsvReader(std::string_view text) : text_(text) {}

CsvReader::CsvReader(std::FILE* file, std::size_t blockSize)
    : file_(file), blockSize_(blockSize < 64 ? 64 : blockSize), eof_(false) {}

bool CsvReader::refill() {
    if (!file_ || eof_) return false;
    // Keep only the unread part, then append a block.
    if (pos_ > 0) {
        buffer_.erase(0, pos_);
        consumed_ += pos_;
        pos_ = 0;
    }
    if (buffer_.size() > kMaxRecordBytes) return false;
    const std::size_t old = buffer_.size();
    buffer_.resize(old + blockSize_);
    const std::size_t n = std::fread(buffer_.data() + old, 1, blockSize_, file_);
    buffer_.resize(old + n);
    if (n < blockSize_) {
        eof_ = true;
        if (std::ferror(file_)) error_ = "read error after byte " + std::to_string(consumed_ + old);
    }
    text_ = buffer_;
    return true;
}

bool CsvReader::next(std::vector<std::string>& fields) {
    if (!error_.empty()) return false;
    if (!started_) {
        started_ = true;
        if (file_) refill();
        // A UTF-8 byte order mark is not part of the first field name.
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    }
    while (true) {
        const std::size_t startPos = pos_;
        const std::size_t startLine = line_;
        switch (parse(fields)) {
            case Parse::Done:
                return true;
            case Parse::End:
                return false;
            case Parse::Error:
                return false;
            case Parse::NeedMore:
                pos_ = startPos;
                line_ = startLine;
                if (!refill()) {
                    if (error_.empty()) {
                        error_ = "record starting on line " + std::to_string(recordLine_) +
                                 " is longer than " + std::to_string(kMaxRecordBytes >> 20) +
                                 " MiB (an unbalanced quote?)";
                    }
                    return false;
                }
                break;
        }
    }
}

CsvReader::Parse CsvReader::parse(std::vector<std::string>& fields) {
    const std::size_t size = text_.size();
    const char* text = text_.data();
    // Skip blank lines between records.
    while (pos_ < size && (text[pos_] == '\n' || text[pos_] == '\r')) {
        if (text[pos_] == '\r') {
            if (pos_ + 1 == size && !eof_) return Parse::NeedMore;
            if (pos_ + 1 < size && text[pos_ + 1] == '\n') ++pos_;
        }
        ++line_;
        ++pos_;
    }
    if (pos_ >= size) {
        if (!eof_) return Parse::NeedMore;
        fields.clear();
        return Parse::End;
    }
    recordLine_ = line_;
    std::size_t used = 0;  // fields filled, reusing the strings' capacity
    const auto nextField = [&]() -> std::string& {
        if (used == fields.size()) fields.emplace_back();
        std::string& f = fields[used++];
        f.clear();
        return f;
    };
    // `fields` keeps its strings between records; trim the surplus at the end.
    while (true) {
        std::string& field = nextField();
        if (pos_ < size && text[pos_] == '"') {
            ++pos_;
            while (true) {
                const void* q = std::memchr(text + pos_, '"', size - pos_);
                if (!q) {
                    if (!eof_) return Parse::NeedMore;
                    error_ =
                        "unterminated quoted field starting on line " + std::to_string(recordLine_);
                    return Parse::Error;
                }
                const auto quote = static_cast<std::size_t>(static_cast<const char*>(q) - text);
                for (std::size_t i = pos_; i < quote; ++i)
                    if (text[i] == '\n') ++line_;
                field.append(text + pos_, quote - pos_);
                pos_ = quote + 1;
                if (pos_ == size && !eof_) return Parse::NeedMore;
                if (pos_ < size && text[pos_] == '"') {
                    field += '"';
                    ++pos_;
                    continue;
                }
                break;
            }
            // Lenient: text after the closing quote joins the field (seen in hand edits).
        }
        std::size_t end = pos_;
        while (end < size && text[end] != ',' && text[end] != '\n' && text[end] != '\r') ++end;
        if (end == size && !eof_) return Parse::NeedMore;
        field.append(text + pos_, end - pos_);
        pos_ = end;
        if (pos_ >= size) break;
        const char ch = text[pos_++];
        if (ch == ',') continue;
        if (ch == '\r') {
            if (pos_ == size && !eof_) return Parse::NeedMore;
            if (pos_ < size && text[pos_] == '\n') ++pos_;
        }
        ++line_;
        break;
    }
    fields.resize(used);
    return Parse::Done;
}

}  // namespace seawatch::incidents
