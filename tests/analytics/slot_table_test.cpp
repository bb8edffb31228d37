#include "seawatch/analytics/slot_table.hpp"

#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

using seawatch::analytics::kNoSlot;
using seawatch::analytics::SlotTable;

namespace {

// Random inserts, re-inserts, assigns and erases against std::unordered_map, with keys
// crowded into few home slots (multiples of a power of two) and plain ones, so probe runs
// wrap round the end of the table and erases shift entries back across it.
template <typename Key>
void agreesWithUnorderedMap(std::uint64_t stride) {
    {
        SlotTable<Key> table;
        std::unordered_map<Key, std::uint32_t> reference;
        std::mt19937_64 rng(stride);
        std::uniform_int_distribution<std::uint64_t> key(1, 3000);
        std::uniform_int_distribution<int> op(0, 9);
        for (int i = 0; i < 200000; ++i) {
            const auto k = static_cast<Key>(key(rng) * stride);
            const auto value = static_cast<std::uint32_t>(i);
            switch (op(rng)) {
                case 0:
                case 1:
                case 2:
                case 3: {
                    const auto [it, added] = reference.try_emplace(k, value);
                    ASSERT_EQ(table.insert(k, value), it->second);
                    break;
                }
                case 4:
                    if (reference.count(k)) reference[k] = value;
                    table.assign(k, value);
                    break;
                case 5:
                case 6:
                case 7:
                    ASSERT_EQ(table.erase(k), reference.erase(k) == 1);
                    break;
                default: {
                    const auto it = reference.find(k);
                    ASSERT_EQ(table.find(k), it == reference.end() ? kNoSlot : it->second);
                }
            }
            ASSERT_EQ(table.size(), reference.size());
        }
        for (const auto& [k, v] : reference) ASSERT_EQ(table.find(k), v);
        table.clear();
        EXPECT_EQ(table.size(), 0U);
        for (const auto& [k, v] : reference) EXPECT_EQ(table.find(k), kNoSlot);
    }
}

}  // namespace

TEST(SlotTable, AgreesWithUnorderedMapThroughInsertsAndErases) {
    agreesWithUnorderedMap<std::uint64_t>(1);
    agreesWithUnorderedMap<std::uint64_t>(std::uint64_t{1} << 32);
    agreesWithUnorderedMap<std::uint64_t>(64);
    agreesWithUnorderedMap<std::uint32_t>(1);
    agreesWithUnorderedMap<std::uint32_t>(1000);  // MMSIs of the form MIDXXX000
}

TEST(SlotTable, KeyZeroIsNeverFound) {
    SlotTable<std::uint32_t> table;
    EXPECT_EQ(table.find(0), kNoSlot);
    table.insert(5, 1);
    EXPECT_EQ(table.find(0), kNoSlot);
    EXPECT_FALSE(table.erase(0));
    EXPECT_EQ(table.find(5), 1U);
}
