#pragma once
// A growable byte buffer that writers fill through a raw cursor: ask for room once, write
// with pointer bumps, commit the new end. Unlike std::string it never zero-fills the room it
// hands out and costs no capacity check per character, which is what a text writer producing
// hundreds of megabytes (`ais decode --json`) spends its time on otherwise.
//
// Not thread-safe: one writer at a time.
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace seawatch {

class TextBuffer {
  public:
    TextBuffer() = default;
    explicit TextBuffer(std::size_t capacity) { reserve(capacity); }

    std::string_view view() const { return {data_.get(), size_}; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    void clear() { size_ = 0; }

    // At least `n` writable bytes after the end; returns where they start. Pointers from an
    // earlier call are invalid after this one.
    char* room(std::size_t n) {
        if (capacity_ - size_ < n) reserve(size_ + n);
        return data_.get() + size_;
    }
    // One past the last writable byte of the room handed out.
    char* limit() { return data_.get() + capacity_; }
    // Everything up to `end` (inside the room) is now content.
    void commit(const char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }

    void append(std::string_view s) {
        char* p = room(s.size());
        if (!s.empty()) std::memcpy(p, s.data(), s.size());
        size_ += s.size();
    }

    void reserve(std::size_t capacity) {
        if (capacity <= capacity_) return;
        std::size_t grown = capacity_ < 4096 ? 4096 : capacity_ * 2;
        if (grown < capacity) grown = capacity;
        auto fresh = std::make_unique_for_overwrite<char[]>(grown);
        if (size_ > 0) std::memcpy(fresh.get(), data_.get(), size_);
        data_ = std::move(fresh);
        capacity_ = grown;
    }

  private:
    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

}  // namespace seawatch
