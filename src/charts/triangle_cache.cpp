#include "seawatch/charts/triangle_cache.hpp"

#include <unistd.h>

#include <atomic>
#include <bit>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "seawatch/common/resources.hpp"
#include "seawatch/common/word_hasher.hpp"

namespace seawatch::charts {

namespace fs = std::filesystem;

namespace {

// Bump when the file layout or the triangulation changes, so old files are not reused.
constexpr std::uint64_t kFormatVersion = 1;
constexpr char kMagic[8] = {'S', 'W', 'T', 'R', 'I', 'S', '0', '1'};

using Hasher = common::WordHasher;

struct Header {
    char magic[8];
    std::uint64_t key;
    std::uint64_t vertices;
    std::uint64_t indices;
    std::uint64_t polygons;
};

template <typename T>
bool readArray(std::istream& in, std::vector<T>& out, std::uint64_t count) {
    out.resize(count);
    in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(count * sizeof(T)));
    return static_cast<bool>(in);
}

template <typename T>
void writeArray(std::ostream& out, const std::vector<T>& values) {
    out.write(reinterpret_cast<const char*>(values.data()),
              static_cast<std::streamsize>(values.size() * sizeof(T)));
}

std::size_t ringVertexCount(const VectorLayer& layer) {
    return layer.ringX.size();
}

}  // namespace

fs::path triangleCacheDir() {
    fs::path dir;
    if (const char* v = std::getenv("SEAWATCH_TRIANGLE_CACHE"); v && *v) {
        if (std::string_view(v) == "off") return {};
        dir = v;
    } else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
        dir = fs::path(xdg) / "seawatch" / "triangles";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        dir = fs::path(home) / ".cache" / "seawatch" / "triangles";
    } else {
        return {};
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    return (!ec && fs::is_directory(dir, ec)) ? dir : fs::path{};
}

fs::path prebuiltTriangleCacheDir() {
    if (const char* v = std::getenv("SEAWATCH_TRIANGLE_CACHE"); v && *v) return {};
    return besideProgram("triangle-cache");
}

std::uint64_t polygonGeometryKey(const VectorLayer& layer) {
    Hasher h;
    h.add(kFormatVersion);
    h.addAll(layer.ringX);
    h.addAll(layer.ringY);
    h.addAll(layer.ringVertexStart);
    h.addAll(layer.polygonRingStart);
    return h.state;
}

std::optional<geo::PolygonSetTriangles> readTriangleCache(const fs::path& file, std::uint64_t key,
                                                          std::size_t polygonCount) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    Header header{};
    in.read(reinterpret_cast<char*>(&header), sizeof header);
    if (!in || std::memcmp(header.magic, kMagic, sizeof kMagic) != 0 || header.key != key ||
        header.polygons != polygonCount || header.indices % 3 != 0)
        return std::nullopt;
    geo::PolygonSetTriangles t;
    if (!readArray(in, t.triangles.x, header.vertices) ||
        !readArray(in, t.triangles.y, header.vertices) ||
        !readArray(in, t.triangles.indices, header.indices) ||
        !readArray(in, t.polygonIndexStart, header.polygons + 1) ||
        !readArray(in, t.failed, header.polygons))
        return std::nullopt;
    // Anything past the arrays, or an index out of range, means the file is not ours.
    if (in.peek() != std::char_traits<char>::eof()) return std::nullopt;
    for (std::uint32_t i : t.triangles.indices)
        if (i >= header.vertices) return std::nullopt;
    for (std::size_t p = 0; p < polygonCount; ++p)
        if (t.polygonIndexStart[p] > t.polygonIndexStart[p + 1]) return std::nullopt;
    if (t.polygonIndexStart.front() != 0 || t.polygonIndexStart.back() != header.indices)
        return std::nullopt;
    return t;
}

bool writeTriangleCache(const fs::path& file, std::uint64_t key,
                        const geo::PolygonSetTriangles& t) {
    // Unique per process and call, so concurrent writers never share a temporary file.
    static std::atomic<unsigned> writes{0};
    const fs::path partial = file.string() + "." + std::to_string(getpid()) + "-" +
                             std::to_string(writes.fetch_add(1)) + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) return false;
        Header header{};
        std::memcpy(header.magic, kMagic, sizeof kMagic);
        header.key = key;
        header.vertices = t.triangles.x.size();
        header.indices = t.triangles.indices.size();
        header.polygons = t.polygonCount();
        out.write(reinterpret_cast<const char*>(&header), sizeof header);
        writeArray(out, t.triangles.x);
        writeArray(out, t.triangles.y);
        writeArray(out, t.triangles.indices);
        writeArray(out, t.polygonIndexStart);
        writeArray(out, t.failed);
        if (!out.flush()) {
            std::error_code ec;
            fs::remove(partial, ec);
            return false;
        }
    }
    std::error_code ec;
    fs::rename(partial, file, ec);
    if (ec) fs::remove(partial, ec);
    return !ec;
}

geo::PolygonSetTriangles layerTriangles(const VectorLayer& layer, std::size_t minVertices) {
    const auto compute = [&] {
        return geo::triangulatePolygons(layer.ringX, layer.ringY, layer.ringVertexStart,
                                        layer.polygonRingStart);
    };
    if (ringVertexCount(layer) < minVertices) return compute();
    const fs::path dir = triangleCacheDir();
    const fs::path built = prebuiltTriangleCacheDir();
    if (dir.empty() && built.empty()) return compute();
    const std::uint64_t key = polygonGeometryKey(layer);
    char name[32];
    std::snprintf(name, sizeof name, "%016llx.tri", static_cast<unsigned long long>(key));
    for (const fs::path& folder : {dir, built}) {
        if (folder.empty()) continue;
        if (auto cached = readTriangleCache(folder / name, key, layer.polygonCount()))
            return std::move(*cached);
    }
    geo::PolygonSetTriangles computed = compute();
    // Best effort: a read-only cache only costs time.
    if (!dir.empty()) writeTriangleCache(dir / name, key, computed);
    return computed;
}

void prepareFillTriangles(VectorChart& chart) {
    for (VectorLayer& layer : chart.layers) {
        if (layer.fillsPolygons() && !layer.fillTriangles)
            layer.fillTriangles =
                std::make_shared<const geo::PolygonSetTriangles>(layerTriangles(layer));
    }
}

}  // namespace seawatch::charts
