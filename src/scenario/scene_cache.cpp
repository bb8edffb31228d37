#include "seawatch/scenario/scene_cache.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>
#include <type_traits>

#include "seawatch/common/build_id.hpp"
#include "seawatch/common/resources.hpp"
#include "seawatch/common/word_hasher.hpp"

namespace seawatch::scenario {

namespace fs = std::filesystem;

namespace {

// Bump when the layout changes (the build ID already covers any change of the code).
constexpr std::uint64_t kFormatVersion = 1;
constexpr char kMagic[8] = {'S', 'W', 'S', 'C', 'A', 'I', 'S', '1'};

using Hasher = common::WordHasher;

class Writer {
  public:
    template <typename T>
    void put(T value) {
        static_assert(std::is_trivially_copyable_v<T>);
        const auto* p = reinterpret_cast<const char*>(&value);
        bytes.append(p, sizeof value);
    }
    void putText(const std::string& s) {
        put(static_cast<std::uint32_t>(s.size()));
        bytes += s;
    }
    std::string bytes;
};

class Reader {
  public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}
    template <typename T>
    bool get(T& value) {
        if (bytes_.size() - at_ < sizeof value) return false;
        std::memcpy(&value, bytes_.data() + at_, sizeof value);
        at_ += sizeof value;
        return true;
    }
    bool getText(std::string& s) {
        std::uint32_t n = 0;
        if (!get(n) || bytes_.size() - at_ < n) return false;
        s.assign(bytes_.data() + at_, n);
        at_ += n;
        return true;
    }
    std::size_t left() const { return bytes_.size() - at_; }

  private:
    std::string_view bytes_;
    std::size_t at_ = 0;
};

void putFix(Writer& w, const ais::PositionFix& f) {
    w.put(f.mmsi);
    w.put(f.time);
    w.put(f.lat);
    w.put(f.lon);
    w.put(f.speedKn);
    w.put(f.courseDeg);
    w.put(f.headingDeg);
    w.put(f.turnDegPerMin);
    w.put(f.navStatus);
    w.put(f.messageType);
}

bool getFix(Reader& r, ais::PositionFix& f) {
    return r.get(f.mmsi) && r.get(f.time) && r.get(f.lat) && r.get(f.lon) && r.get(f.speedKn) &&
           r.get(f.courseDeg) && r.get(f.headingDeg) && r.get(f.turnDegPerMin) &&
           r.get(f.navStatus) && r.get(f.messageType);
}

void putStatic(Writer& w, const ais::VesselStatic& v) {
    w.put(v.mmsi);
    w.putText(v.name);
    w.putText(v.callsign);
    w.put(v.imo);
    w.put(v.shipType);
    w.put(v.toBow);
    w.put(v.toStern);
    w.put(v.toPort);
    w.put(v.toStarboard);
    w.put(v.draughtM);
    w.putText(v.destination);
    w.put(static_cast<std::uint8_t>(v.classB ? 1 : 0));
}

bool getStatic(Reader& r, ais::VesselStatic& v) {
    std::uint8_t classB = 0;
    const bool ok = r.get(v.mmsi) && r.getText(v.name) && r.getText(v.callsign) && r.get(v.imo) &&
                    r.get(v.shipType) && r.get(v.toBow) && r.get(v.toStern) && r.get(v.toPort) &&
                    r.get(v.toStarboard) && r.get(v.draughtM) && r.getText(v.destination) &&
                    r.get(classB);
    v.classB = classB != 0;
    return ok && classB <= 1;
}

// Keeps the newest kSceneCacheMaxFiles cache files of the folder.
void trimFolder(const fs::path& dir) {
    std::vector<std::pair<fs::file_time_type, fs::path>> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".scene") continue;
        files.emplace_back(entry.last_write_time(ec), entry.path());
    }
    if (files.size() <= kSceneCacheMaxFiles) return;
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a > b; });
    for (std::size_t i = kSceneCacheMaxFiles; i < files.size(); ++i)
        fs::remove(files[i].second, ec);
}

}  // namespace

fs::path sceneCacheDir() {
    fs::path dir;
    if (const char* v = std::getenv("SEAWATCH_SCENE_CACHE"); v && *v) {
        if (std::string_view(v) == "off") return {};
        dir = v;
    } else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
        dir = fs::path(xdg) / "seawatch" / "scenes";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        dir = fs::path(home) / ".cache" / "seawatch" / "scenes";
    } else {
        return {};
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    return (!ec && fs::is_directory(dir, ec)) ? dir : fs::path{};
}

fs::path prebuiltSceneCacheDir() {
    if (const char* v = std::getenv("SEAWATCH_SCENE_CACHE"); v && *v) return {};
    return besideProgram("scene-cache");
}

std::optional<std::uint64_t> scriptedAisKey(std::string_view scenarioText) {
    const std::string_view build = common::programBuildId();
    if (build.empty()) return std::nullopt;
    Hasher h;
    h.add(kFormatVersion);
    h.addBytes(build);
    h.addBytes(scenarioText);
    return h.state;
}

fs::path scriptedAisFile(const fs::path& dir, std::uint64_t key) {
    return dir / fmt::format("{:016x}.scene", key);
}

std::optional<ScriptedAis> readScriptedAis(const fs::path& file, std::uint64_t key) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes(size, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (in.gcount() != static_cast<std::streamsize>(size)) return std::nullopt;
    // Layout: magic, key, fix count, static count, the records, then a hash of all before it.
    if (bytes.size() < sizeof kMagic + 4 * sizeof(std::uint64_t)) return std::nullopt;
    const std::string_view body(bytes.data(), bytes.size() - sizeof(std::uint64_t));
    std::uint64_t stored = 0;
    std::memcpy(&stored, bytes.data() + body.size(), sizeof stored);
    Hasher check;
    check.addBytes(body);
    if (check.state != stored) return std::nullopt;
    Reader r(body);
    char magic[sizeof kMagic];
    std::uint64_t fileKey = 0, fixCount = 0, staticCount = 0;
    if (!r.get(magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0) return std::nullopt;
    if (!r.get(fileKey) || fileKey != key || !r.get(fixCount) || !r.get(staticCount))
        return std::nullopt;
    // Counts that cannot fit what is left mean a damaged file, not a huge allocation.
    if (fixCount > r.left() / 40 || staticCount > r.left() / 40) return std::nullopt;
    ScriptedAis out;
    out.fixes.resize(fixCount);
    for (auto& f : out.fixes)
        if (!getFix(r, f)) return std::nullopt;
    out.statics.resize(staticCount);
    for (auto& v : out.statics)
        if (!getStatic(r, v)) return std::nullopt;
    if (r.left() != 0) return std::nullopt;
    return out;
}

bool writeScriptedAis(const fs::path& file, std::uint64_t key, const ScriptedAis& ais) {
    Writer w;
    w.bytes.reserve(ais.fixes.size() * 46 + ais.statics.size() * 64 + 64);
    w.bytes.append(kMagic, sizeof kMagic);
    w.put(key);
    w.put(static_cast<std::uint64_t>(ais.fixes.size()));
    w.put(static_cast<std::uint64_t>(ais.statics.size()));
    for (const auto& f : ais.fixes) putFix(w, f);
    for (const auto& v : ais.statics) putStatic(w, v);
    Hasher check;
    check.addBytes(w.bytes);
    w.put(check.state);

    // Unique per process and call, so concurrent writers never share a temporary file.
    static std::atomic<unsigned> writes{0};
    const fs::path partial = file.string() + "." + std::to_string(::getpid()) + "." +
                             std::to_string(writes.fetch_add(1)) + ".partial";
    std::error_code ec;
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out.write(w.bytes.data(), static_cast<std::streamsize>(w.bytes.size()));
        out.close();
        if (!out) {
            fs::remove(partial, ec);
            return false;
        }
    }
    fs::rename(partial, file, ec);
    if (ec) {
        fs::remove(partial, ec);
        return false;
    }
    trimFolder(file.parent_path());
    return true;
}

}  // namespace seawatch::scenario
