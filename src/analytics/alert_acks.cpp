#include "seawatch/analytics/alert_acks.hpp"

#include <fmt/format.h>

#include <unordered_map>

namespace seawatch::analytics {

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
    if (log_) {
        auto ids = log_->store(added);
        if (!ids) return makeError(ids.error());
        ids_.insert(ids_.end(), ids->begin(), ids->end());
    }
    acknowledged_.resize(acknowledged_.size() + added.size(), false);
    by_.resize(acknowledged_.size());
    at_.resize(acknowledged_.size(), 0);
    return {};
}

Status AlertAcknowledgements::acknowledge(std::size_t index, const std::string& by,
                                          time::UnixMillis at) {
    if (index >= acknowledged_.size())
        return makeError(fmt::format("no alert {} (of {})", index, acknowledged_.size()));
    if (log_) {
        if (Status s = log_->acknowledge(ids_[index], by, at); !s) return s;
    }
    acknowledged_[index] = true;
    by_[index] = by;
    at_[index] = at;
    return {};
}

}  // namespace seawatch::analytics
