#pragma once
// Line-at-a-time AIS decoder: framing, multi-part reassembly, payload decoding and
// type 24 A/B merging, with a counter for every way a line can end.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "seawatch/ais/message.hpp"
#include "seawatch/time/plausible.hpp"

namespace seawatch::ais {

struct DecodeStats {
    std::uint64_t lines = 0;      // every line handed to the decoder
    std::uint64_t sentences = 0;  // AIVDM/AIVDO fragments with a good checksum
    std::uint64_t blankLines = 0;
    std::uint64_t comments = 0;
    std::uint64_t otherNmea = 0;   // non-AIS sentences (and filtered talkers), skipped
    std::uint64_t timestamps = 0;  // $PGHP time lines
    std::uint64_t badChecksum = 0;
    std::uint64_t badTagBlock = 0;  // tag block checksum failures (sentence still used)
    std::uint64_t malformed = 0;    // unparseable lines and invalid payload characters
    // Time lines and sentences whose time lies outside DecoderOptions::plausibleYears
    // ($PGHP year "10" for 2010): the line is dropped and the decoder's clock keeps its value.
    std::uint64_t implausibleTime = 0;
    // Lines that were a non-final fragment of a multi-part message, or a fragment thrown
    // away; the final fragment's line is counted by what its message became.
    std::uint64_t fragmentsBuffered = 0;
    std::uint64_t fragmentsDropped = 0;  // fragments of groups that never completed
    std::uint64_t groupsOutOfOrder = 0;  // a fragment arrived out of sequence
    std::uint64_t groupsStale = 0;       // a group timed out waiting for its next fragment
    std::uint64_t groupsIncomplete = 0;  // every group dropped (out of order + stale + evicted)
    std::uint64_t emptyPayloads = 0;
    std::uint64_t badLength = 0;     // a supported type with an impossible bit length
    std::uint64_t unsupported = 0;   // valid messages of types not decoded (counted by type)
    std::uint64_t decoded = 0;       // messages returned to the caller
    std::uint64_t type24Merged = 0;  // 24B reports that found their 24A
    std::array<std::uint64_t, 64> byType{};  // every complete message, decoded or not

    // Every line ends in exactly one of these; tests check that the sum equals `lines`.
    std::uint64_t accountedLines() const {
        return blankLines + comments + otherNmea + timestamps + badChecksum + malformed +
               implausibleTime + fragmentsBuffered + emptyPayloads + badLength + unsupported + decoded;
    }
};

struct DecoderOptions {
    // Reproduce gpsd exactly: AIS only from the talkers AI, AB, AD, AN, AR, AS, AT, AX, BS
    // and SA; only channels A/1/empty and B/2/C; type 24 parts merged only within a channel.
    // Off, any talker and channel is accepted and 24A/24B merge across channels.
    bool gpsdCompatible = false;
    // Times outside these years are rejected (counted in implausibleTime).
    time::PlausibleYears plausibleYears;
};

// True for the talker ids gpsd accepts AIS from.
bool isGpsdAisTalker(std::string_view talker);

// A multi-line summary for stderr.
std::string formatStats(const DecodeStats& s);

class AisDecoder {
  public:
    AisDecoder() : AisDecoder(DecoderOptions{}) {}
    explicit AisDecoder(DecoderOptions options);

    // Feeds one line. Returns the decoded message when this line completed a supported one,
    // nullptr otherwise. The pointer stays valid until the next call.
    const AisMessage* decodeLine(std::string_view line);

    // At the end of a file or stream: groups still waiting for fragments are dropped and
    // counted as incomplete (their lines are already counted).
    void endOfInput();

    const DecodeStats& stats() const { return stats_; }
    // The last good time seen ($PGHP, tag block, trailing time); kNoTime before any.
    time::UnixMillis lastTime() const { return lastTime_; }
    // A short reason for the last line that was malformed or failed its checksum.
    std::string_view lastError() const { return lastError_; }

    // Groups waiting this many sentences for their next fragment are dropped as stale.
    static constexpr std::uint64_t kStaleAfterSentences = 200;

  private:
    struct PendingGroup {
        bool active = false;
        char channel = 0;
        std::int8_t sequenceId = -1;
        std::uint32_t groupId = 0;     // tag block g: id, 0 when none
        std::uint64_t sourceHash = 0;  // tag block s:, hashed
        std::uint8_t count = 0;
        std::uint8_t received = 0;
        std::uint64_t lastSentence = 0;
        SentenceMeta firstMeta;  // time from the first fragment (later ones may lack it)
        std::string sourceText;  // keeps s: alive after the first line is gone
        std::string payload;
        std::uint8_t fillBits = 0;
    };
    struct Type24Name {
        Mmsi mmsi = 0;
        char shipname[21] = {};
    };
    // Remembered 24A names, a small ring per channel as in gpsd (8 interleaved vessels).
    struct Type24Queue {
        std::array<Type24Name, 8> names{};
        std::size_t next = 0;
    };

    const AisMessage* finish(const SentenceMeta& meta, char channel);
    const AisMessage* handleFragment(const Fragment& f, const SentenceMeta& meta);
    // Multi-part messages: find the group a fragment continues, take a slot for a new one
    // (evicting the oldest when all are busy), and decode a group once its last part is in.
    PendingGroup* findGroup(const Fragment& f, const SentenceMeta& meta, std::uint64_t srcHash);
    PendingGroup& claimGroupSlot();
    const AisMessage* finishGroup(PendingGroup& group, const Fragment& last,
                                  const SentenceMeta& meta);
    void expireStale();
    void dropGroup(PendingGroup& g);

    static constexpr std::size_t kMaxGroups = 16;

    DecoderOptions options_;
    // options_.plausibleYears as a half-open range of times, worked out once: every line with
    // a time is checked against it.
    time::UnixMillis plausibleFrom_ = 0;
    time::UnixMillis plausibleUntil_ = 0;
    DecodeStats stats_;
    // sizeof(AisMessageCore), held at run time on purpose: the per-message reset copies a
    // fresh core with this many bytes, and a size known at compile time made GCC copy or
    // clear with `rep movs`/`rep stos`, whose start-up cost was most of finish().
    std::size_t coreBytes_ = sizeof(AisMessageCore);
    BitBuffer bits_;
    AisMessage message_;
    std::array<PendingGroup, kMaxGroups> groups_{};
    std::array<Type24Queue, 2> type24_{};
    time::UnixMillis lastTime_ = kNoTime;
    std::string_view lastError_;
};

}  // namespace seawatch::ais
