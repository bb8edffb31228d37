// seawatch plan: check a SHADE plan for clashes, gaps and coverage, suggest changes that
// close them, and compare two plans. Thin shells over analytics/plan_*.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "commands.hpp"
#include "plan_station_command.hpp"
#include "seawatch/analytics/plan_check.hpp"
#include "seawatch/analytics/plan_diff.hpp"
#include "seawatch/analytics/plan_report.hpp"
#include "seawatch/analytics/plan_suggest.hpp"
#include "seawatch/zones/zone_loader.hpp"

namespace seawatch::app {
namespace {

struct PlanOptions {
    std::string plan;
    std::string otherPlan;  // diff
    std::vector<std::string> zones;
    std::string from;
    std::string to;
    std::string format = "table";
    std::string output;
    bool airHourly = false;
    double clashHours = 2.0;
    double gapHours = 12.0;
    double duplicateNm = 30.0;
};

struct Loaded {
    analytics::PlanContext context;
    std::vector<zones::Plan> plans;
    std::optional<time::UnixMillis> from, to;
    analytics::PlanCheckConfig config;
};

// Loads zones and plans, reporting skipped records on stderr. Returns an exit code on failure.
std::variant<Loaded, int> load(const PlanOptions& opt, const char* name,
                               const std::vector<std::string>& planPaths) {
    Loaded loaded{};
    auto badTime = [&](const char* flag, const std::string& text) {
        std::fprintf(stderr, "seawatch plan %s: %s '%s' is not an ISO 8601 time\n", name, flag,
                     text.c_str());
        return kExitUsage;
    };
    if (!opt.from.empty() && !(loaded.from = time::parseIso8601(opt.from)))
        return badTime("--from", opt.from);
    if (!opt.to.empty() && !(loaded.to = time::parseIso8601(opt.to)))
        return badTime("--to", opt.to);
    if (loaded.from && loaded.to && *loaded.to <= *loaded.from) {
        std::fprintf(stderr, "seawatch plan %s: --to is not after --from\n", name);
        return kExitUsage;
    }
    if (opt.clashHours < 0 || opt.gapHours <= 0 || opt.duplicateNm < 0) {
        std::fprintf(stderr, "seawatch plan %s: thresholds must be positive\n", name);
        return kExitUsage;
    }
    loaded.config.clashInterval =
        static_cast<time::UnixMillis>(opt.clashHours * static_cast<double>(time::kMillisPerHour));
    loaded.config.maxDepartureGap =
        static_cast<time::UnixMillis>(opt.gapHours * static_cast<double>(time::kMillisPerHour));
    loaded.config.duplicateRangeNm = opt.duplicateNm;

    std::vector<std::filesystem::path> zonePaths(opt.zones.begin(), opt.zones.end());
    auto zones = zones::loadZoneFiles(zonePaths);
    if (!zones) {
        std::fprintf(stderr, "seawatch plan %s: %s\n", name, zones.error().c_str());
        return kExitFailure;
    }
    for (const auto& e : zones->errors)
        std::fprintf(stderr, "seawatch plan %s: skipped %s\n", name, e.c_str());
    for (const auto& path : planPaths) {
        auto plan = zones::loadPlan(path, zones->zones);
        if (!plan) {
            std::fprintf(stderr, "seawatch plan %s: %s\n", name, plan.error().c_str());
            return kExitFailure;
        }
        for (const auto& e : plan->errors)
            std::fprintf(stderr, "seawatch plan %s: skipped %s\n", name, e.c_str());
        loaded.plans.push_back(std::move(*plan));
    }
    auto context = analytics::PlanContext::build(std::move(zones->zones));
    if (!context) {
        std::fprintf(stderr, "seawatch plan %s: %s\n", name, context.error().c_str());
        return kExitFailure;
    }
    loaded.context = std::move(*context);
    return loaded;
}

// stdout, or the -o file; returns false when it cannot be written.
template <typename Write>
bool emit(const PlanOptions& opt, const char* name, Write write) {
    if (opt.output.empty() || opt.output == "-") {
        write(std::cout);
        std::cout.flush();
        return static_cast<bool>(std::cout);
    }
    std::ofstream out(opt.output, std::ios::binary);
    write(out);
    out.close();
    if (!out)
        std::fprintf(stderr, "seawatch plan %s: %s: cannot write\n", name, opt.output.c_str());
    return static_cast<bool>(out);
}

int runCheck(const PlanOptions& opt) {
    auto result = load(opt, "check", {opt.plan});
    if (auto* code = std::get_if<int>(&result)) return *code;
    auto& loaded = std::get<Loaded>(result);
    const zones::Plan& plan = loaded.plans.front();
    const auto check =
        analytics::checkPlan(plan, loaded.context, loaded.config, loaded.from, loaded.to);
    const auto format = opt.format == "jsonl" ? analytics::PlanReportFormat::Jsonl
                                              : analytics::PlanReportFormat::Table;
    const bool written = emit(opt, "check", [&](std::ostream& out) {
        analytics::writePlanCheck(out, plan, check, format);
        if (opt.airHourly) analytics::writeAirHours(out, check.air);
    });
    std::fprintf(
        stderr, "seawatch plan check: %zu findings (%zu faults), score %.1f, %zu records skipped\n",
        check.findings.size(), check.faultCount(), check.score.total, plan.errors.size());
    return written ? kExitOk : kExitFailure;
}

int runSuggest(const PlanOptions& opt) {
    auto result = load(opt, "suggest", {opt.plan});
    if (auto* code = std::get_if<int>(&result)) return *code;
    auto& loaded = std::get<Loaded>(result);
    const zones::Plan& plan = loaded.plans.front();
    const auto suggested =
        analytics::suggestChanges(plan, loaded.context, loaded.config, loaded.from, loaded.to);
    std::size_t n = 0;
    for (const auto& s : suggested.suggestions) {
        std::cout << fmt::format("{}. {}\n   why: {}\n   effect: {}\n", ++n, s.change, s.reason,
                                 s.effect);
    }
    for (const auto& u : suggested.unresolved) std::cout << "unresolved: " << u << '\n';
    if (!opt.output.empty()) {
        if (Status saved = zones::savePlan(suggested.improved, opt.output); !saved) {
            std::fprintf(stderr, "seawatch plan suggest: %s\n", saved.error().c_str());
            return kExitFailure;
        }
        std::fprintf(stderr, "seawatch plan suggest: wrote the plan with every suggestion to %s\n",
                     opt.output.c_str());
    }
    std::fprintf(stderr, "seawatch plan suggest: %zu suggestions, %zu faults left unresolved\n",
                 suggested.suggestions.size(), suggested.unresolved.size());
    std::cout.flush();
    return std::cout ? kExitOk : kExitFailure;
}

int runDiff(const PlanOptions& opt) {
    auto result = load(opt, "diff", {opt.plan, opt.otherPlan});
    if (auto* code = std::get_if<int>(&result)) return *code;
    auto& loaded = std::get<Loaded>(result);
    const zones::Plan& a = loaded.plans[0];
    const zones::Plan& b = loaded.plans[1];
    const auto differences = analytics::diffPlans(a, b);
    const auto checkA =
        analytics::checkPlan(a, loaded.context, loaded.config, loaded.from, loaded.to);
    const auto checkB =
        analytics::checkPlan(b, loaded.context, loaded.config, loaded.from, loaded.to);
    const auto delta = analytics::diffFindings(checkA, checkB);
    const bool written = emit(opt, "diff", [&](std::ostream& out) {
        for (const auto& d : differences) {
            const std::string label = d.before ? analytics::itemLabel(a, {d.kind, *d.before})
                                               : analytics::itemLabel(b, {d.kind, *d.after});
            out << fmt::format("{:<8} {}", analytics::planChangeName(d.change), label);
            for (const auto& detail : d.details) out << "; " << detail;
            out << '\n';
        }
        for (const auto& f : delta.resolved)
            out << fmt::format("resolved   {} {}: {}\n", time::formatIso8601(f.from),
                               analytics::findingKindName(f.kind), f.text);
        for (const auto& f : delta.introduced)
            out << fmt::format("introduced {} {}: {}\n", time::formatIso8601(f.from),
                               analytics::findingKindName(f.kind), f.text);
        out << fmt::format("score {:.1f} -> {:.1f}, faults {} -> {}\n", checkA.score.total,
                           checkB.score.total, checkA.faultCount(), checkB.faultCount());
    });
    return written ? kExitOk : kExitFailure;
}

void addCommon(CLI::App* cmd, PlanOptions& opt) {
    cmd->add_option("--zones", opt.zones, "Zone files with the corridor and patrol sectors")
        ->required();
    cmd->add_option("--from", opt.from, "Start of the period checked, ISO 8601 UTC");
    cmd->add_option("--to", opt.to, "End of the period checked, ISO 8601 UTC");
    cmd->add_option("--clash-h", opt.clashHours, "Departures closer than this clash (hours)")
        ->capture_default_str();
    cmd->add_option("--gap-h", opt.gapHours, "Longest wait between escorted departures (hours)")
        ->capture_default_str();
    cmd->add_option("--duplicate-nm", opt.duplicateNm,
                    "Convoys of one lane closer than this duplicate escorts (nm)")
        ->capture_default_str();
}

}  // namespace

void registerPlanCommand(CLI::App& app, int& exitCode) {
    auto opt = std::make_shared<PlanOptions>();
    CLI::App* plan = app.add_subcommand("plan", "Check, improve and compare SHADE plans");
    plan->require_subcommand(1);

    CLI::App* check = plan->add_subcommand("check", "List a plan's clashes, gaps and coverage");
    check->add_option("PLAN", opt->plan, "Plan (JSON, docs/PLANNING.md)")->required();
    addCommon(check, *opt);
    check->add_option("--format", opt->format, "Output format")
        ->check(CLI::IsMember({"jsonl", "table"}))
        ->capture_default_str();
    check->add_flag("--air-hourly", opt->airHourly,
                    "Also write one air_hour line per area and hour with aircraft");
    check->add_option("-o,--output", opt->output, "Write the findings here instead of stdout");
    check->callback([opt, &exitCode] { exitCode = runCheck(*opt); });

    CLI::App* suggest = plan->add_subcommand(
        "suggest", "Propose departure times and sector changes that close gaps and clashes");
    suggest->add_option("PLAN", opt->plan, "Plan (JSON)")->required();
    addCommon(suggest, *opt);
    suggest->add_option("-o,--output", opt->output, "Write the plan with every suggestion applied");
    suggest->callback([opt, &exitCode] { exitCode = runSuggest(*opt); });

    CLI::App* diff =
        plan->add_subcommand("diff", "List the differences between two plans and their findings");
    diff->add_option("BEFORE", opt->plan, "First plan")->required();
    diff->add_option("AFTER", opt->otherPlan, "Second plan")->required();
    addCommon(diff, *opt);
    diff->add_option("-o,--output", opt->output, "Write the differences here instead of stdout");
    diff->callback([opt, &exitCode] { exitCode = runDiff(*opt); });

    registerPlanStationCommands(*plan, exitCode);
}

}  // namespace seawatch::app
