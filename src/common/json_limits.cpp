#include "seawatch/common/json_limits.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>
#include <vector>

namespace seawatch {
namespace {

// A SAX consumer that keeps only the path to the current value (and, when asked, the keys
// seen in each open object), and stops at the first limit crossed.
class LimitChecker {
  public:
    explicit LimitChecker(const JsonLimits& limits) : limits_(limits) {}

    bool null() { return value(); }
    bool boolean(bool) { return value(); }
    bool number_integer(std::int64_t) { return value(); }
    bool number_unsigned(std::uint64_t) { return value(); }
    bool number_float(double, const std::string&) { return value(); }
    bool string(std::string&) { return value(); }
    bool binary(nlohmann::json::binary_t&) { return value(); }
    bool start_object(std::size_t) { return open(true); }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(false); }
    bool end_array() { return close(); }
    bool key(std::string& k) {
        Frame& f = frames_.back();
        f.key = k;
        if (limits_.rejectDuplicateKeys && !f.keys.insert(k).second) {
            error_ = fmt::format("{}: key given twice (only one value would be kept)", path());
            return false;
        }
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception&) {
        return false;  // the caller's parser reports syntax errors
    }

    const std::string& error() const { return error_; }

  private:
    struct Frame {
        bool object = false;
        std::size_t index = 0;  // arrays: the element being read
        std::string key;        // objects: the member being read
        std::unordered_set<std::string> keys;
    };

    // A scalar or a closed container finished: the enclosing array moves to its next element.
    bool value() {
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
        return true;
    }
    bool open(bool object) {
        if (frames_.size() >= limits_.maxDepth) {
            error_ = fmt::format("nesting deeper than {} levels at {}", limits_.maxDepth, path());
            return false;
        }
        frames_.push_back(Frame{object, 0, {}, {}});
        return true;
    }
    bool close() {
        frames_.pop_back();
        return value();
    }
    std::string path() const {
        std::string out;
        // Long paths (the deep case) are cut: the start says where.
        for (std::size_t i = 0; i < frames_.size() && out.size() < 120; ++i) {
            const Frame& f = frames_[i];
            if (f.object) {
                if (!out.empty()) out += '.';
                out += f.key;
            } else {
                out += fmt::format("[{}]", f.index);
            }
        }
        if (out.size() >= 120) out += "...";
        return out.empty() ? "(root)" : out;
    }

    const JsonLimits& limits_;
    std::vector<Frame> frames_;
    std::string error_;
};

}  // namespace

Status checkJsonLimits(std::string_view text, const JsonLimits& limits) {
    if (text.size() > limits.maxBytes) {
        return makeError(fmt::format("{} bytes of JSON, more than the limit of {}", text.size(),
                                     limits.maxBytes));
    }
    LimitChecker checker(limits);
    nlohmann::json::sax_parse(text.begin(), text.end(), &checker);
    if (!checker.error().empty()) return makeError(checker.error());
    return {};
}

}  // namespace seawatch
