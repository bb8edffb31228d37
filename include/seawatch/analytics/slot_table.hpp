#pragma once
// A flat, open-addressed hash table from a non-zero key (32 or 64 bits) to a 32-bit value:
// the engine's MMSI-to-slot map (8-byte entries: 10k vessels in 128 KiB) and its index of
// pair states. A look-up is one multiply and usually one cache line, where
// std::unordered_map follows a pointer to a node (a cache miss per look-up in the pair
// pass, and an allocation per insert).
// Linear probing with backward-shift deletion, so no tombstones: a table that sees as
// many erases as inserts, tick after tick, stays as fast as a fresh one.
//
// Threading: none; one owner.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace seawatch::analytics {

inline constexpr std::uint32_t kNoSlot = 0xffffffffU;

template <typename Key>
class SlotTable {
  public:
    // The value stored for key, or kNoSlot (always for key 0, which is never stored).
    std::uint32_t find(Key key) const;
    // Stores key -> value when key is absent. Returns the value now stored for key.
    // key must not be 0.
    std::uint32_t insert(Key key, std::uint32_t value);
    // Gives a present key a new value; does nothing for an absent one.
    void assign(Key key, std::uint32_t value);
    // True when key was there.
    bool erase(Key key);
    void clear();
    std::size_t size() const { return size_; }

  private:
    struct Entry {
        Key key = 0;  // 0: empty
        std::uint32_t value = 0;
    };
    // Fibonacci hashing: the high bits of key * 2^64/phi spread consecutive MMSIs and
    // (slot, slot) pairs alike.
    std::size_t home(Key key) const {
        return static_cast<std::size_t>((std::uint64_t{key} * 0x9E3779B97F4A7C15ULL) >> shift_);
    }
    // Where key is, or the empty entry that ends its probe.
    std::size_t slotOf(Key key) const;
    void rehash(std::size_t capacity);

    std::vector<Entry> entries_;  // a power of two long, at most three quarters full
    std::size_t size_ = 0;
    unsigned shift_ = 64;
};

extern template class SlotTable<std::uint32_t>;
extern template class SlotTable<std::uint64_t>;

}  // namespace seawatch::analytics
