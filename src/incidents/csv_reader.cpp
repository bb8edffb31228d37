#include "seawatch/incidents/csv_reader.hpp"

namespace seawatch::incidents {

CsvReader::CsvReader(std::string_view text) : text_(text) {
    // A UTF-8 byte order mark is not part of the first field name.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool CsvReader::next(std::vector<std::string>& fields) {
    fields.clear();
    // Skip blank lines between records.
    while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
        if (text_[pos_] == '\n') ++line_;
        ++pos_;
    }
    if (pos_ >= text_.size()) return false;
    recordLine_ = line_;
    std::string field;
    while (true) {
        if (pos_ < text_.size() && text_[pos_] == '"') {
            ++pos_;
            while (true) {
                if (pos_ >= text_.size()) {
                    error_ =
                        "unterminated quoted field starting on line " + std::to_string(recordLine_);
                    return false;
                }
                const char ch = text_[pos_++];
                if (ch == '"') {
                    if (pos_ < text_.size() && text_[pos_] == '"') {
                        field += '"';
                        ++pos_;
                        continue;
                    }
                    break;
                }
                if (ch == '\n') ++line_;
                field += ch;
            }
            // Lenient: text after the closing quote joins the field (seen in hand edits).
        }
        while (pos_ < text_.size()) {
            const char ch = text_[pos_];
            if (ch == ',' || ch == '\n' || ch == '\r') break;
            field += ch;
            ++pos_;
        }
        fields.push_back(std::move(field));
        field.clear();
        if (pos_ >= text_.size()) return true;
        const char ch = text_[pos_++];
        if (ch == ',') continue;
        if (ch == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        ++line_;
        return true;
    }
}

}  // namespace seawatch::incidents
