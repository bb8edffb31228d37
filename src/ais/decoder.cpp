#include "seawatch/ais/decoder.hpp"

#include <fmt/format.h>

#include <cstring>
#include <type_traits>

namespace seawatch::ais {
namespace {

// What every message starts from (the decoder copies it with a run-time size, see
// AisDecoder::coreBytes_).
const AisMessageCore kFreshCore{};
static_assert(std::is_trivially_copyable_v<AisMessageCore>);

std::uint64_t hashSource(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return h;
}

}  // namespace

bool isGpsdAisTalker(std::string_view t) {
    if (t.size() != 2) return false;
    if (t[0] == 'A')
        return t[1] == 'I' || t[1] == 'B' || t[1] == 'D' || t[1] == 'N' || t[1] == 'R' ||
               t[1] == 'S' || t[1] == 'T' || t[1] == 'X';
    return t == "BS" || t == "SA";
}

AisDecoder::AisDecoder(DecoderOptions options)
    : options_(options),
      plausibleFrom_(time::daysFromCivil(options.plausibleYears.first, 1, 1) * time::kMillisPerDay),
      plausibleUntil_(time::daysFromCivil(options.plausibleYears.last + 1, 1, 1) *
                      time::kMillisPerDay) {}

const AisMessage* AisDecoder::decodeLine(std::string_view line) {
    ++stats_.lines;
    ParsedLine p = parseLine(line);
    if (p.meta.tagBlockBadChecksum) ++stats_.badTagBlock;
    if (p.meta.time == kNoTime && p.meta.timeOfDayMs >= 0 && lastTime_ != kNoTime)
        p.meta.time = dateTimeOfDay(lastTime_, p.meta.timeOfDayMs);
    if ((p.kind == LineKind::Timestamp || p.kind == LineKind::Fragment) && p.meta.time != kNoTime &&
        (p.meta.time < plausibleFrom_ || p.meta.time >= plausibleUntil_)) {
        // A corrupt or mistyped time would date everything after it: drop the line.
        ++stats_.implausibleTime;
        lastError_ = "time outside the plausible years";
        return nullptr;
    }
    switch (p.kind) {
        case LineKind::Blank:
            ++stats_.blankLines;
            return nullptr;
        case LineKind::Comment:
            ++stats_.comments;
            return nullptr;
        case LineKind::OtherNmea:
            ++stats_.otherNmea;
            return nullptr;
        case LineKind::Timestamp:
            ++stats_.timestamps;
            lastTime_ = p.meta.time;
            return nullptr;
        case LineKind::BadChecksum:
            ++stats_.badChecksum;
            lastError_ = p.error;
            return nullptr;
        case LineKind::Malformed:
            ++stats_.malformed;
            lastError_ = p.error;
            return nullptr;
        case LineKind::Fragment:
            break;
    }
    if (options_.gpsdCompatible) {
        if (!isGpsdAisTalker(p.fragment.talker)) {
            ++stats_.otherNmea;
            return nullptr;
        }
        const char c = p.fragment.channel;
        if (!(c == '\0' || c == 'A' || c == 'B' || c == '1' || c == '2' || c == 'C')) {
            ++stats_.malformed;
            lastError_ = "invalid AIS channel";
            return nullptr;
        }
    }
    ++stats_.sentences;
    if (p.meta.time != kNoTime) lastTime_ = p.meta.time;
    return handleFragment(p.fragment, p.meta);
}

const AisMessage* AisDecoder::handleFragment(const Fragment& f, const SentenceMeta& meta) {
    if (f.count == 1) {
        // The common case: decode straight from the line, no copies.
        bits_.clear();
        if (!bits_.appendArmoured(f.payload)) {
            ++stats_.malformed;
            lastError_ = "invalid payload character";
            return nullptr;
        }
        bits_.trimBits(f.fillBits);
        return finish(meta, f.channel);
    }

    if ((stats_.sentences & 31U) == 0) expireStale();
    const bool tagGrouped = meta.groupSize > 1;
    const std::uint64_t srcHash = tagGrouped ? 0 : hashSource(meta.source);
    PendingGroup* group = findGroup(f, meta, srcHash);

    if (group && stats_.sentences - group->lastSentence > kStaleAfterSentences) {
        ++stats_.groupsStale;
        dropGroup(*group);
        group = nullptr;
    }

    if (f.number == 1) {
        if (group) {
            // A new first fragment replaces a group that never finished.
            ++stats_.groupsOutOfOrder;
            dropGroup(*group);
        } else {
            group = &claimGroupSlot();
        }
        group->active = true;
        group->channel = f.channel;
        group->sequenceId = f.sequenceId;
        group->groupId = tagGrouped ? meta.groupId : 0;
        group->sourceHash = srcHash;
        group->count = f.count;
        group->received = 1;
        group->lastSentence = stats_.sentences;
        group->firstMeta = meta;
        group->sourceText.assign(meta.source);
        group->firstMeta.source = {};
        group->payload.assign(f.payload);
        ++stats_.fragmentsBuffered;
        return nullptr;
    }

    if (!group || group->received + 1 != f.number || group->count != f.count) {
        // Out of order, or a later fragment whose start we never saw: the group is lost.
        ++stats_.groupsOutOfOrder;
        if (group) {
            dropGroup(*group);
        } else {
            ++stats_.groupsIncomplete;
        }
        ++stats_.fragmentsDropped;
        ++stats_.fragmentsBuffered;
        return nullptr;
    }
    if (group->payload.size() + f.payload.size() > BitBuffer::kMaxSymbols) {
        dropGroup(*group);
        ++stats_.malformed;
        lastError_ = "multi-part message too long";
        return nullptr;
    }
    group->payload.append(f.payload);
    group->received = f.number;
    group->lastSentence = stats_.sentences;
    if (f.number < f.count) {
        ++stats_.fragmentsBuffered;
        return nullptr;
    }
    return finishGroup(*group, f, meta);
}

AisDecoder::PendingGroup* AisDecoder::findGroup(const Fragment& f, const SentenceMeta& meta,
                                                std::uint64_t srcHash) {
    const bool tagGrouped = meta.groupSize > 1;
    for (auto& g : groups_) {
        if (!g.active) continue;
        const bool same = tagGrouped ? g.groupId == meta.groupId
                                     : (g.groupId == 0 && g.channel == f.channel &&
                                        g.sequenceId == f.sequenceId && g.sourceHash == srcHash);
        if (same) return &g;
    }
    return nullptr;
}

AisDecoder::PendingGroup& AisDecoder::claimGroupSlot() {
    for (auto& g : groups_)
        if (!g.active) return g;
    // Every slot busy: evict the oldest group.
    PendingGroup* oldest = &groups_[0];
    for (auto& g : groups_)
        if (g.lastSentence < oldest->lastSentence) oldest = &g;
    ++stats_.groupsStale;
    dropGroup(*oldest);
    return *oldest;
}

const AisMessage* AisDecoder::finishGroup(PendingGroup& group, const Fragment& last,
                                          const SentenceMeta& meta) {
    // Complete: the earlier lines stay counted as partial fragments; this one carries the message.
    bits_.clear();
    const bool ok = bits_.appendArmoured(group.payload);
    group.active = false;
    if (!ok) {
        ++stats_.malformed;
        lastError_ = "invalid payload character";
        return nullptr;
    }
    bits_.trimBits(last.fillBits);
    SentenceMeta merged = group.firstMeta;
    merged.source = group.sourceText;  // valid until this group slot is reused
    if (merged.time == kNoTime) merged.time = meta.time;
    if (merged.timeOfDayMs < 0) merged.timeOfDayMs = meta.timeOfDayMs;
    return finish(merged, last.channel);
}

const AisMessage* AisDecoder::finish(const SentenceMeta& meta, char channel) {
    const SentenceMeta keep = meta;
    // The extended fields are large (binary data, texts) and rare: clear them only after a
    // message that may have written them, so a position report resets ~250 bytes, not ~1300.
    const bool extendedDirty = usesExtendedFields(message_.type);
    std::memcpy(static_cast<AisMessageCore*>(&message_), &kFreshCore, coreBytes_);
    if (extendedDirty) message_.ext = AisExtendedFields{};
    const PayloadResult r = decodePayload(bits_, message_);
    message_.meta = keep;
    message_.channel = channel;
    if (r == PayloadResult::Empty) {
        ++stats_.emptyPayloads;
        return nullptr;
    }
    ++stats_.byType[message_.type & 63U];
    if (r == PayloadResult::Unsupported) {
        ++stats_.unsupported;
        return nullptr;
    }
    if (r == PayloadResult::BadLength) {
        ++stats_.badLength;
        return nullptr;
    }
    if (message_.type == 24) {
        // gpsd keeps one queue per radio channel; otherwise one queue serves all channels.
        const bool channelB = channel == 'B' || channel == '2' || channel == 'C';
        Type24Queue& q = type24_[options_.gpsdCompatible && channelB ? 1 : 0];
        if (message_.part == Type24Part::A) {
            Type24Name& slot = q.names[q.next];
            q.next = (q.next + 1) % q.names.size();
            slot.mmsi = message_.mmsi;
            std::memcpy(slot.shipname, message_.shipname, sizeof slot.shipname);
        } else {
            for (auto& slot : q.names) {
                if (slot.mmsi == message_.mmsi && slot.mmsi != 0) {
                    std::memcpy(message_.shipname, slot.shipname, sizeof slot.shipname);
                    message_.part = Type24Part::Both;
                    slot.mmsi = 0;  // a repeated 24B must not match again
                    ++stats_.type24Merged;
                    break;
                }
            }
        }
    }
    ++stats_.decoded;
    return &message_;
}

void AisDecoder::dropGroup(PendingGroup& g) {
    if (!g.active) return;
    g.active = false;
    stats_.fragmentsDropped += g.received;
    ++stats_.groupsIncomplete;
}

void AisDecoder::endOfInput() {
    for (auto& g : groups_) dropGroup(g);
}

void AisDecoder::expireStale() {
    for (auto& g : groups_) {
        if (g.active && stats_.sentences - g.lastSentence > kStaleAfterSentences) {
            ++stats_.groupsStale;
            dropGroup(g);
        }
    }
}

std::string formatStats(const DecodeStats& s) {
    std::string out = fmt::format(
        "lines read:            {}\n"
        "AIS sentences:         {}\n"
        "messages decoded:      {}\n"
        "bad checksums:         {}\n"
        "malformed lines:       {}\n"
        "implausible times:     {}\n"
        "bad tag blocks:        {}\n"
        "empty payloads:        {}\n"
        "bad message lengths:   {}\n"
        "unsupported types:     {}\n"
        "incomplete groups:     {} (out of order {}, stale {}; {} fragments dropped)\n"
        "type 24 A+B merged:    {}\n"
        "timestamp lines:       {}\n"
        "other NMEA skipped:    {}\n"
        "blank/comment lines:   {}\n"
        "earlier fragments:     {} (lines of multi-part messages before their last)\n"
        "lines accounted for:   {} of {}\n",
        s.lines, s.sentences, s.decoded, s.badChecksum, s.malformed, s.implausibleTime, s.badTagBlock, s.emptyPayloads,
        s.badLength, s.unsupported, s.groupsIncomplete, s.groupsOutOfOrder, s.groupsStale,
        s.fragmentsDropped, s.type24Merged, s.timestamps, s.otherNmea, s.blankLines + s.comments,
        s.fragmentsBuffered, s.accountedLines(), s.lines);
    out += "messages by type:     ";
    bool any = false;
    for (std::size_t t = 0; t < s.byType.size(); ++t) {
        if (s.byType[t] == 0) continue;
        out += fmt::format(" {}:{}", t, s.byType[t]);
        any = true;
    }
    if (!any) out += " none";
    out += '\n';
    return out;
}

}  // namespace seawatch::ais
