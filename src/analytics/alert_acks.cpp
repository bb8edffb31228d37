#include "seawatch/analytics/alert_acks.hpp"

#include <fmt/format.h>

#include <unordered_map>

namespace seawatch::analytics {

namespace {
constexpr std::size_t kMaxEarlyAcks = 10000;
}  // namespace

AlertAcknowledgements::AlertAcknowledgements(std::size_t eventCount)
    : acknowledged_(eventCount, false), by_(eventCount), at_(eventCount, 0) {}

Result<AlertAcknowledgements> AlertAcknowledgements::open(const std::filesystem::path& workspace,
                                                          std::span<const Event> events) {
    auto log = AlertLog::open(workspace);
    if (!log) return makeError(log.error());
    auto ids = log->store(events);
    if (!ids) return makeError(fmt::format("{}: {}", workspace.string(), ids.error()));
    auto stored = log->list();
    if (!stored) return makeError(fmt::format("{}: {}", workspace.string(), stored.error()));
    AlertAcknowledgements acks(events.size());
    acks.ids_ = std::move(*ids);
    std::unordered_map<std::int64_t, const StoredAlert*> byId;
    for (const StoredAlert& alert : *stored) byId[alert.id] = &alert;
    for (std::size_t i = 0; i < acks.ids_.size(); ++i) {
        const auto it = byId.find(acks.ids_[i]);
        if (it == byId.end() || !it->second->acknowledgedAt) continue;
        acks.acknowledged_[i] = true;
        acks.by_[i] = it->second->acknowledgedBy;
        acks.at_[i] = *it->second->acknowledgedAt;
    }
    acks.log_ = std::move(*log);
    return acks;
}

Status AlertAcknowledgements::extend(std::span<const Event> added) {
    const std::size_t first = acknowledged_.size();
    Status stored;
    if (log_) {
        auto ids = log_->store(added);
        if (ids) {
            ids_.insert(ids_.end(), ids->begin(), ids->end());
        } else {
            stored = makeError(ids.error());
            ids_.resize(first + added.size(), 0);  // stays parallel; row 0 is never acknowledged
        }
    }
    acknowledged_.resize(first + added.size(), false);
    by_.resize(acknowledged_.size());
    at_.resize(acknowledged_.size(), 0);
    if (sharing_) {
        sharing_->publish(added);
        indexForSharing(added, first);
    }
    return stored;
}

Status AlertAcknowledgements::markAcknowledged(std::size_t index, const std::string& by,
                                               time::UnixMillis at) {
    // Kept in memory even when the alert log cannot take it: the watch sees what was done.
    Status logged;
    if (log_ && ids_[index] != 0) logged = log_->acknowledge(ids_[index], by, at);
    acknowledged_[index] = true;
    by_[index] = by;
    at_[index] = at;
    return logged;
}

Status AlertAcknowledgements::acknowledge(std::size_t index, const std::string& by,
                                          time::UnixMillis at) {
    if (index >= acknowledged_.size())
        return makeError(fmt::format("no alert {} (of {})", index, acknowledged_.size()));
    Status logged = markAcknowledged(index, by, at);
    if (sharing_ && index < keys_.size()) sharing_->acknowledge(keys_[index], by, at);
    return logged;
}

void AlertAcknowledgements::shareWith(std::unique_ptr<AlertSharing> sharing,
                                      std::span<const Event> events) {
    sharing_ = std::move(sharing);
    keys_.clear();
    indexByKey_.clear();
    if (!sharing_) return;
    sharing_->publish(events);
    indexForSharing(events, 0);
    // Acknowledgements made here before sharing began (kept in the alert log) go out too.
    for (std::size_t i = 0; i < acknowledged_.size() && i < keys_.size(); ++i)
        if (acknowledged_[i]) sharing_->acknowledge(keys_[i], by_[i], at_[i]);
}

std::unique_ptr<AlertSharing> AlertAcknowledgements::releaseSharing() {
    keys_.clear();
    indexByKey_.clear();
    return std::move(sharing_);
}

void AlertAcknowledgements::indexForSharing(std::span<const Event> events, std::size_t firstIndex) {
    for (std::size_t i = 0; i < events.size(); ++i) {
        std::string key = toJsonLine(events[i]);
        const std::size_t index = firstIndex + i;
        keys_.resize(index + 1);
        keys_[index] = key;
        indexByKey_.emplace(key, index);
        // Another station acknowledged it before this picture raised it.
        if (auto early = early_.find(key); early != early_.end()) {
            const SharedAck& ack = early->second;
            (void)markAcknowledged(index, fmt::format("{} ({})", ack.by, ack.station), ack.at);
            early_.erase(early);
        }
    }
}

std::size_t AlertAcknowledgements::applyShared() {
    if (!sharing_) return 0;
    std::size_t changed = 0;
    for (SharedAck& ack : sharing_->drainAcks()) {
        const auto it = indexByKey_.find(ack.eventKey);
        if (it == indexByKey_.end()) {
            // Acknowledgements of alerts raised from other feeds would pile up: keep a bound.
            if (early_.size() < kMaxEarlyAcks) {
                std::string key = ack.eventKey;
                early_.try_emplace(std::move(key), std::move(ack));
            }
            continue;
        }
        if (acknowledged_[it->second]) continue;  // here first (or this station's own echo)
        (void)markAcknowledged(it->second, fmt::format("{} ({})", ack.by, ack.station), ack.at);
        ++changed;
    }
    return changed;
}

}  // namespace seawatch::analytics
