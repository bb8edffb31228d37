#include "seawatch/scenario/ais_export.hpp"

#include <ostream>
#include <unordered_map>

#include "seawatch/ais/encoder.hpp"

namespace seawatch::scenario {

namespace {

struct VesselExportState {
    const SynthesizedTrack* track = nullptr;
    time::UnixMillis nextStatic = 0;
    bool reported = false;
};

template <typename WriteLine>
AisExportStats exportLines(const SceneTracks& scene, const AisExportOptions& options,
                           WriteLine&& writeLine) {
    AisExportStats stats;
    std::unordered_map<ais::Mmsi, VesselExportState> vessels;
    for (const auto& track : scene.tracks()) {
        vessels[track.script().vessel.mmsi] = VesselExportState{&track, 0, false};
    }
    int sequenceId = 0;
    std::size_t messageCount = 0;
    const auto write = [&](const std::vector<std::string>& sentences, time::UnixMillis t,
                           const char* source) {
        for (const auto& sentence : sentences) {
            writeLine(ais::withTagBlock(sentence, t, source));
            ++stats.sentences;
        }
    };
    for (const auto& fix : scene.fixes(options.span)) {
        auto& vessel = vessels[fix.mmsi];
        const auto& script = vessel.track->script();
        const bool contact = !script.transmitsAis;
        // Real receivers hear both AIS channels; alternate as a transponder does.
        const char channel = (messageCount++ % 2 == 0) ? 'A' : 'B';
        if (!vessel.reported) {
            vessel.reported = true;
            ++stats.vessels;
            if (contact) ++stats.contacts;
        }
        if (!contact && fix.time >= vessel.nextStatic) {
            write(ais::encodeStaticData(script.vessel, channel, sequenceId), fix.time, kAisSource);
            sequenceId = (sequenceId + 1) % 10;  // multi-part sequence ids run 0..9
            vessel.nextStatic = fix.time + options.staticIntervalMillis;
            ++stats.staticReports;
        }
        write(ais::encodePositionReport(fix, script.vessel.classB, channel), fix.time,
              contact ? kRadarSource : kAisSource);
        ++stats.positionReports;
    }
    return stats;
}

}  // namespace

AisExportStats writeAisNmea(const SceneTracks& scene, std::ostream& out,
                            const AisExportOptions& options) {
    return exportLines(scene, options, [&out](const std::string& line) { out << line << '\n'; });
}

AisExportStats writeAisNmea(const SceneTracks& scene, std::string& out,
                            const AisExportOptions& options) {
    return exportLines(scene, options, [&out](const std::string& line) {
        out += line;
        out += '\n';
    });
}

}  // namespace seawatch::scenario
