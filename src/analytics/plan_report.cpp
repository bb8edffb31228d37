#include "seawatch/analytics/plan_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

namespace seawatch::analytics {
namespace {

using ordered = nlohmann::ordered_json;

// Three decimals, negative zero folded, as the event log writes numbers.
double rounded(double value) {
    const double r = std::round(value * 1000.0) / 1000.0;
    return r == 0.0 ? 0.0 : r;
}

std::string joined(const std::vector<std::string>& list) {
    std::string text;
    for (const auto& item : list) {
        if (!text.empty()) text += ", ";
        text += item;
    }
    return text.empty() ? "-" : text;
}

std::string minuteTime(time::UnixMillis t) {
    std::string text = time::formatDisplay(t);
    if (text.size() >= 20 && text.compare(16, 3, ":00") == 0) text.erase(16, 3);
    return text;
}

}  // namespace

std::string itemPath(const zones::Plan& plan, PlanItemRef item) {
    switch (item.kind) {
        case PlanItemKind::Convoy:
            if (item.index < plan.convoys.size()) return "convoys/" + plan.convoys[item.index].id;
            break;
        case PlanItemKind::Sortie:
            if (item.index < plan.sorties.size()) return "sorties/" + plan.sorties[item.index].id;
            break;
        case PlanItemKind::Assignment:
            return fmt::format("sector_assignments/{}", item.index);
        case PlanItemKind::ReferencePeriod:
            return fmt::format("reference_nations/{}", item.index);
    }
    return "?";
}

std::string findingJsonLine(const zones::Plan& plan, const Finding& f) {
    ordered line;
    line["type"] = findingKindName(f.kind);
    line["from"] = time::formatIso8601(f.from);
    line["to"] = time::formatIso8601(f.to);
    line["place"] = f.place;
    if (f.position) {
        line["lat"] = std::round(f.position->lat * 1e6) / 1e6;
        line["lon"] = std::round(f.position->lon * 1e6) / 1e6;
    }
    line["units"] = f.units;
    line["nations"] = f.nations;
    ordered items = ordered::array();
    for (const auto& item : f.items) items.push_back(itemPath(plan, item));
    line["items"] = std::move(items);
    ordered numbers = ordered::object();
    for (const auto& [key, value] : f.numbers) numbers[key] = rounded(value);
    line["numbers"] = std::move(numbers);
    line["text"] = f.text;
    return line.dump();
}

void writePlanCheck(std::ostream& out, const zones::Plan& plan, const PlanCheck& check,
                    PlanReportFormat format) {
    const PlanScore& s = check.score;
    if (format == PlanReportFormat::Jsonl) {
        for (const Finding& f : check.findings) out << findingJsonLine(plan, f) << '\n';
        ordered score;
        score["type"] = "plan_score";
        score["from"] = time::formatIso8601(check.from);
        score["to"] = time::formatIso8601(check.to);
        score["score"] = rounded(s.total);
        score["departures"] = rounded(s.departures);
        score["sectors"] = rounded(s.sectors);
        score["air"] = rounded(s.air);
        score["conflicts"] = rounded(s.conflicts);
        score["faults"] = check.faultCount();
        out << score.dump() << '\n';
        return;
    }
    std::vector<std::array<std::string, 6>> rows;
    rows.push_back({"from", "to", "finding", "place", "units", "nations"});
    for (const Finding& f : check.findings)
        rows.push_back({minuteTime(f.from), minuteTime(f.to), findingKindName(f.kind), f.place,
                        joined(f.units), joined(f.nations)});
    std::array<std::size_t, 6> width{};
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c)
            width[c] = std::max(width[c], std::min<std::size_t>(row[c].size(), 48));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string line;
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            std::string cell = rows[r][c];
            if (cell.size() > 48) cell = cell.substr(0, 45) + "...";
            line += c + 1 < rows[r].size() ? fmt::format("{:<{}}  ", cell, width[c]) : cell;
        }
        out << line << '\n';
        if (r > 0) out << "    " << check.findings[r - 1].text << '\n';
    }
    out << fmt::format(
        "score {:.1f} / 100 (departures {:.0f}%, sectors {:.0f}%, air {:.0f}%, conflicts {:.0f}%), "
        "{} faults, {} to {}\n",
        s.total, 100 * s.departures, 100 * s.sectors, 100 * s.air, 100 * s.conflicts,
        check.faultCount(), minuteTime(check.from), minuteTime(check.to));
}

void writeAirHours(std::ostream& out, const AirCoverage& air) {
    for (std::size_t area = 0; area < air.areas.size(); ++area) {
        for (std::size_t h = 0; h < air.hours; ++h) {
            if (air.at(area, h) == 0) continue;
            ordered line;
            line["type"] = "air_hour";
            line["from"] = time::formatIso8601(air.from + static_cast<time::UnixMillis>(h) *
                                                              time::kMillisPerHour);
            line["place"] = air.areas[area];
            line["aircraft"] = air.at(area, h);
            out << line.dump() << '\n';
        }
    }
}

}  // namespace seawatch::analytics
