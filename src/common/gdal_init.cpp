#include "seawatch/common/gdal_init.hpp"

#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string_view>

namespace seawatch {
namespace {

// The innermost scope on this thread; GDAL calls its handler on the thread that failed.
thread_local GdalFileScope* tCurrentScope = nullptr;

void CPL_STDCALL cplHandler(CPLErr level, CPLErrorNum number, const char* message) {
    gdalLogHandler(static_cast<int>(level), static_cast<int>(number), message);
}

}  // namespace

void gdalLogHandler(int level, int /*number*/, const char* message) {
    const auto cpl = static_cast<CPLErr>(level);
    if (cpl == CE_None || cpl == CE_Debug) return;
    GdalFileScope* scope = tCurrentScope;
    const bool warning = cpl == CE_Warning;
    // Every open scope counts it: a reader's scope names the file, and a caller's scope
    // around a whole drawing learns that something in it failed.
    for (GdalFileScope* s = scope; s; s = s->outer_) {
        if (warning) {
            ++s->warnings_;
        } else {
            ++s->errors_;
        }
    }
    if (scope && scope->quiet_) return;
    const std::string_view text = message ? message : "";
    const std::string_view file = scope ? std::string_view(scope->path_) : "GDAL";
    if (warning) {
        spdlog::warn("{}: {}", file, text);
    } else {
        spdlog::error("{}: {}", file, text);
    }
}

void initGdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetErrorHandler(cplHandler);
    });
}

GdalFileScope::GdalFileScope(std::string path) : path_(std::move(path)), outer_(tCurrentScope) {
    tCurrentScope = this;
}

GdalFileScope::~GdalFileScope() {
    tCurrentScope = outer_;
}

GdalMemoryFile::GdalMemoryFile(std::string_view text, const std::string& name) {
    static std::atomic<std::uint64_t> counter{0};
    // A folder per instance: concurrent readers never share a path.
    path_ = "/vsimem/seawatch_" + std::to_string(++counter) + "/" +
            (name.empty() || name.find('/') != std::string::npos ? std::string("input") : name);
    static const char kEmpty[1] = {};
    // GDAL's signature takes a mutable buffer; without ownership (FALSE) it only reads it.
    auto* bytes = reinterpret_cast<GByte*>(const_cast<char*>(text.empty() ? kEmpty : text.data()));
    VSILFILE* file = VSIFileFromMemBuffer(path_.c_str(), bytes, text.size(), FALSE);
    if (file != nullptr) {
        VSIFCloseL(file);
        ok_ = true;
    }
}

GdalMemoryFile::~GdalMemoryFile() {
    if (ok_) VSIUnlink(path_.c_str());
}

}  // namespace seawatch
