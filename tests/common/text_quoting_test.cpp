// The JSON and CSV quoting every hand-written output line uses: what a reader of the format
// gets back must be the text that went in, byte for byte.
#include "seawatch/common/text_quoting.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace seawatch;

namespace {

// The fields of one CSV record as RFC 4180 reads them (quoted fields may hold commas, quotes
// doubled, and line breaks).
std::vector<std::string> readCsvRecord(std::string_view line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

}  // namespace

TEST(TextQuoting, JsonEscapesQuotesBackslashesAndEveryControlCharacter) {
    EXPECT_EQ(jsonQuoted(""), "\"\"");
    EXPECT_EQ(jsonQuoted("ASTRAEA TRADER"), "\"ASTRAEA TRADER\"");
    EXPECT_EQ(jsonQuoted("say \"stop\" \\ now"), R"("say \"stop\" \\ now")");
    EXPECT_EQ(jsonQuoted("a\nb\rc\td"), R"("a\nb\rc\td")");
    EXPECT_EQ(jsonQuoted(std::string_view("\x01\x1f\0x", 4)), R"("\u0001\u001f\u0000x")");
    // DEL needs no escape in JSON.
    EXPECT_EQ(jsonQuoted("\x7f"), "\"\x7f\"");
    for (int c = 0; c < 0x20; ++c) {
        const std::string one(1, static_cast<char>(c));
        const std::string quoted = jsonQuoted(one);
        for (char q : quoted.substr(1, quoted.size() - 2))
            EXPECT_GE(static_cast<unsigned char>(q), 0x20) << "raw control character " << c;
        EXPECT_EQ(nlohmann::json::parse(quoted).get<std::string>(), one) << c;
    }
}

TEST(TextQuoting, JsonLeavesUtf8AsItIsAndAParserReadsItBack) {
    // A degree sign, an e acute, Arabic, a ship emoji (four bytes).
    const std::string text =
        "12\xC2\xB0"
        "30'N caf\xC3\xA9 \xD8\xB9\xD8\xAF\xD9\x86 \xF0\x9F\x9A\xA2 \"q\"\n";
    const std::string quoted = jsonQuoted(text);
    EXPECT_NE(quoted.find("\xF0\x9F\x9A\xA2"), std::string::npos);  // not \u-escaped
    EXPECT_EQ(nlohmann::json::parse(quoted).get<std::string>(), text);
}

TEST(TextQuoting, CsvQuotesOnlyFieldsThatNeedIt) {
    EXPECT_EQ(csvField(""), "");
    EXPECT_EQ(csvField("MV SIRIUS STAR"), "MV SIRIUS STAR");
    EXPECT_EQ(csvField("caf\xC3\xA9 \xF0\x9F\x9A\xA2"), "caf\xC3\xA9 \xF0\x9F\x9A\xA2");
    EXPECT_EQ(csvField("Aden, Yemen"), "\"Aden, Yemen\"");
    EXPECT_EQ(csvField("the \"skiff\""), "\"the \"\"skiff\"\"\"");
    EXPECT_EQ(csvField("line one\nline two"), "\"line one\nline two\"");
    EXPECT_EQ(csvField("cr\r"), "\"cr\r\"");
}

TEST(TextQuoting, CsvFieldsReadBackAsTheyWereWritten) {
    const std::vector<std::string> fields{
        "plain", "Aden, Yemen", "said \"stop\"", "two\nlines", "", "\"", ",", "\xC3\xA9,\xC3\xA9"};
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) line += ',';
        line += csvField(fields[i]);
    }
    EXPECT_EQ(readCsvRecord(line), fields);
}
