#include "seawatch/analytics/slot_table.hpp"

#include <bit>
#include <utility>

namespace seawatch::analytics {

template <typename Key>
std::size_t SlotTable<Key>::slotOf(Key key) const {
    const std::size_t mask = entries_.size() - 1;
    std::size_t i = home(key);
    while (entries_[i].key != 0 && entries_[i].key != key) i = (i + 1) & mask;
    return i;
}

template <typename Key>
std::uint32_t SlotTable<Key>::find(Key key) const {
    if (key == 0 || size_ == 0) return kNoSlot;
    const Entry& e = entries_[slotOf(key)];
    return e.key == key ? e.value : kNoSlot;
}

template <typename Key>
std::uint32_t SlotTable<Key>::insert(Key key, std::uint32_t value) {
    // Three quarters full at most: probes stay short, and more entries share a cache line
    // than at half.
    if (4 * (size_ + 1) > 3 * entries_.size()) rehash(entries_.empty() ? 16 : 2 * entries_.size());
    Entry& e = entries_[slotOf(key)];
    if (e.key == key) return e.value;
    e.key = key;
    e.value = value;
    ++size_;
    return value;
}

template <typename Key>
void SlotTable<Key>::assign(Key key, std::uint32_t value) {
    if (key == 0 || size_ == 0) return;
    Entry& e = entries_[slotOf(key)];
    if (e.key == key) e.value = value;
}

template <typename Key>
bool SlotTable<Key>::erase(Key key) {
    if (key == 0 || size_ == 0) return false;
    const std::size_t mask = entries_.size() - 1;
    std::size_t hole = slotOf(key);
    if (entries_[hole].key != key) return false;
    // Backward shift: pull each later entry of the run into the hole unless that would put
    // it before its home, so every probe still finds its key before an empty entry.
    for (std::size_t i = (hole + 1) & mask; entries_[i].key != 0; i = (i + 1) & mask) {
        const std::size_t h = home(entries_[i].key);
        // Whether h lies cyclically in (hole, i]: then the entry must stay.
        const bool stays = hole <= i ? (hole < h && h <= i) : (hole < h || h <= i);
        if (stays) continue;
        entries_[hole] = entries_[i];
        hole = i;
    }
    entries_[hole] = Entry{};
    --size_;
    return true;
}

template <typename Key>
void SlotTable<Key>::clear() {
    for (Entry& e : entries_) e = Entry{};
    size_ = 0;
}

template <typename Key>
void SlotTable<Key>::rehash(std::size_t capacity) {
    std::vector<Entry> old = std::exchange(entries_, std::vector<Entry>(capacity));
    shift_ = 64U - static_cast<unsigned>(std::countr_zero(capacity));
    for (const Entry& e : old)
        if (e.key != 0) entries_[slotOf(e.key)] = e;
}

template class SlotTable<std::uint32_t>;
template class SlotTable<std::uint64_t>;

}  // namespace seawatch::analytics
