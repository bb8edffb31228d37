#include "seawatch/common/output_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace seawatch;
namespace fs = std::filesystem;

namespace {

fs::path scratchDir(const char* name) {
    const fs::path dir =
        fs::temp_directory_path() / ("seawatch_output_" + std::to_string(::getpid()) + "_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::size_t entries(const fs::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

TEST(AtomicFile, TargetAppearsOnlyOnCommit) {
    const fs::path dir = scratchDir("commit");
    const fs::path target = dir / "out.txt";
    {
        auto f = AtomicFile::create(target);
        ASSERT_TRUE(f) << f.error();
        ASSERT_TRUE(f->write("hello"));
        EXPECT_FALSE(fs::exists(target));
        EXPECT_TRUE(fs::exists(f->tempPath()));
        ASSERT_TRUE(f->commit());
    }
    EXPECT_EQ(slurp(target), "hello");
    EXPECT_EQ(entries(dir), 1U);  // no temporary left behind
    fs::remove_all(dir);
}

TEST(AtomicFile, AnAbandonedWriteKeepsThePreviousFile) {
    const fs::path dir = scratchDir("abandon");
    const fs::path target = dir / "out.txt";
    ASSERT_TRUE(writeFileAtomically(target, "old"));
    {
        auto f = AtomicFile::create(target);
        ASSERT_TRUE(f);
        ASSERT_TRUE(f->write("half of the new"));
        // destroyed without commit, as when a later step fails
    }
    EXPECT_EQ(slurp(target), "old");
    EXPECT_EQ(entries(dir), 1U);
    fs::remove_all(dir);
}

TEST(AtomicFile, MissingFolderGivesTheReason) {
    auto f = AtomicFile::create("/nonexistent-seawatch-dir/out.png");
    ASSERT_FALSE(f);
    EXPECT_NE(f.error().find("/nonexistent-seawatch-dir/out.png"), std::string::npos);
    EXPECT_NE(f.error().find("No such file or directory"), std::string::npos) << f.error();
}

TEST(CheckedStream, AFullDeviceIsAnError) {
    std::FILE* full = std::fopen("/dev/full", "wb");
    if (!full) GTEST_SKIP() << "/dev/full is not available";
    const std::string block(1 << 16, 'x');
    Status s = writeChecked(full, block, "standard output");
    if (s) s = flushChecked(full, "standard output");
    std::fclose(full);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().find("standard output"), std::string::npos);
    EXPECT_NE(s.error().find("No space left on device"), std::string::npos) << s.error();
}
