#include "seawatch/analytics/ais_input.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <memory>

#include "seawatch/ais/line_reader.hpp"
#include "seawatch/ais/message.hpp"

namespace seawatch::analytics {
namespace {

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

constexpr std::size_t kMaxRejectionsListed = 20;

// Decodes one open file (or memory stream) into `input`, merging static data by MMSI.
Status readAisStream(std::FILE* file, const std::string& name, AisInput& input,
                     std::map<ais::Mmsi, ais::VesselStatic>& statics) {
    ais::LineReader reader(file);
    ais::AisDecoder decoder;  // per file: a $PGHP time must not leak into the next file
    std::string_view line;
    while (reader.next(line)) {
        const auto before = decoder.stats();
        const ais::AisMessage* message = decoder.decodeLine(line);
        const auto& after = decoder.stats();
        const char* reason = after.badChecksum > before.badChecksum ? "bad checksum"
                             : after.malformed > before.malformed   ? "malformed"
                             : after.badLength > before.badLength
                                 ? "impossible bit length for its message type"
                                 : nullptr;
        if (reason) {
            ++input.rejectedLines;
            if (input.rejections.size() < kMaxRejectionsListed) {
                const std::string_view detail = decoder.lastError();
                input.rejections.push_back(
                    detail.empty()
                        ? fmt::format("{}:{}: {}", name, reader.lineNumber(), reason)
                        : fmt::format("{}:{}: {} ({})", name, reader.lineNumber(), reason, detail));
            }
        }
        if (!message) continue;
        if (auto info = ais::toVesselStatic(*message)) {
            auto [it, added] = statics.try_emplace(info->mmsi, *info);
            if (!added) ais::mergeStatic(it->second, *info);
        }
        const time::UnixMillis t =
            message->meta.time != ais::kNoTime ? message->meta.time : decoder.lastTime();
        if (ais::isSafetyText(*message)) {
            if (t == ais::kNoTime) {
                ++input.untimedTexts;
            } else if (auto text = safetyTextOf(*message, t)) {
                input.safetyTexts.push_back(std::move(*text));
            }
            continue;
        }
        if (!ais::hasPosition(*message)) continue;
        if (auto fix = ais::timedFix(*message, decoder.lastTime())) {
            input.fixes.push_back(*fix);
        } else {
            ++input.untimedFixes;
        }
    }
    if (reader.failed()) return makeError(fmt::format("{}: read error", name));
    input.lines += decoder.stats().lines;
    return {};
}

}  // namespace

Result<AisInput> loadAisFiles(const std::vector<std::filesystem::path>& paths) {
    AisInput input;
    std::map<ais::Mmsi, ais::VesselStatic> statics;
    for (const auto& path : paths) {
        const std::string name = path.string();
        std::unique_ptr<std::FILE, FileCloser> file(std::fopen(name.c_str(), "rb"));
        if (!file) return makeError(fmt::format("{}: cannot open AIS file", name));
        if (Status s = readAisStream(file.get(), name, input, statics); !s)
            return makeError(s.error());
    }
    for (auto& [mmsi, info] : statics) input.statics.push_back(std::move(info));
    return input;
}

AisInput aisInputFromArchive(const ais::ArchiveQueryResult& archived) {
    AisInput input;
    input.fixes.reserve(archived.fixes.size());
    for (const ais::ArchivedFix& a : archived.fixes) input.fixes.push_back(ais::toPositionFix(a));
    input.statics = archived.statics;
    return input;
}

void appendAisInput(AisInput& into, AisInput&& more) {
    into.fixes.insert(into.fixes.end(), more.fixes.begin(), more.fixes.end());
    std::map<ais::Mmsi, ais::VesselStatic> statics;
    for (auto& info : into.statics) statics.emplace(info.mmsi, std::move(info));
    for (const auto& info : more.statics) ais::mergeStatic(statics[info.mmsi], info);
    into.statics.clear();
    for (auto& [mmsi, info] : statics) into.statics.push_back(std::move(info));
    into.untimedFixes += more.untimedFixes;
    into.safetyTexts.insert(into.safetyTexts.end(), more.safetyTexts.begin(),
                            more.safetyTexts.end());
    into.untimedTexts += more.untimedTexts;
    into.lines += more.lines;
    into.rejectedLines += more.rejectedLines;
    into.rejections.insert(into.rejections.end(), more.rejections.begin(), more.rejections.end());
}

Result<AisInput> loadAisText(std::string_view nmea, const std::string& name) {
    AisInput input;
    std::map<ais::Mmsi, ais::VesselStatic> statics;
    if (nmea.empty()) return input;
    std::unique_ptr<std::FILE, FileCloser> file(
        fmemopen(const_cast<char*>(nmea.data()), nmea.size(), "rb"));
    if (!file) return makeError(fmt::format("{}: cannot read AIS text", name));
    if (Status s = readAisStream(file.get(), name, input, statics); !s) return makeError(s.error());
    for (auto& [mmsi, info] : statics) input.statics.push_back(std::move(info));
    return input;
}

}  // namespace seawatch::analytics
