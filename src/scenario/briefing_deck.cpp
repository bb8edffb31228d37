// The briefing deck: one HTML page, inline CSS, no scripts and no external assets other than
// the step images beside it, so it opens from a USB stick on a ship's offline laptop.
#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <iterator>

#include "seawatch/common/output_file.hpp"
#include "seawatch/scenario/briefing.hpp"
#include "seawatch/scenario/briefing_plan.hpp"

namespace seawatch::scenario {

namespace {

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// Image references are relative to the deck, with '/' separators, and each path segment
// percent-encoded where a URL needs it.
std::string imageReference(const std::filesystem::path& dir, const std::filesystem::path& image) {
    // A relative image path is already relative to the deck's folder.
    std::filesystem::path relative = image;
    if (image.is_absolute()) {
        relative = image.lexically_relative(std::filesystem::absolute(dir).lexically_normal());
        if (relative.empty()) relative = image;
    }
    std::string out;
    for (unsigned char c : relative.generic_string()) {
        const bool plain = std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_';
        out += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
    }
    return out;
}

constexpr const char* kStyle = R"(
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:0;background:#0d1b2a;color:#e0e6ed}
header,section,footer{max-width:1280px;margin:0 auto;padding:24px}
h1{font-size:28px;margin:0 0 8px}h2{font-size:22px;margin:0 0 12px;color:#ffd166}
section{border-top:2px solid #1b3a5b;page-break-after:always}
img{width:100%;height:auto;border:1px solid #1b3a5b;background:#000}
.time{font-family:"DejaVu Sans Mono",monospace;color:#8ecae6}
.caption{font-size:22px;line-height:1.4}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:14px}
th,td{border:1px solid #1b3a5b;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#1b3a5b}.none{color:#7a8a99;font-style:italic}
.alarm{color:#ef476f}.warning{color:#ffd166}.info{color:#8ecae6}
.conflict{color:#ef476f}.gap{color:#ffb347}
details{margin-top:8px;color:#b8c4d0}
)";

void incidentTable(std::string& html, const std::vector<DeckIncident>& incidents) {
    html += "<h3>Incidents</h3>\n";
    if (incidents.empty()) {
        html += "<p class=\"none\">No incidents in this step.</p>\n";
        return;
    }
    html +=
        "<table><tr><th>Reference</th><th>Time (UTC)</th><th>Position</th>"
        "<th>Category</th><th>Description</th></tr>\n";
    for (const auto& i : incidents) {
        html += fmt::format(
            "<tr><td>{}</td><td class=\"time\">{}</td><td>{} {}</td><td>{}</td><td>{}</td>"
            "</tr>\n",
            escape(i.reference), escape(time::formatDisplay(i.time)),
            escape(geo::formatLatDM(i.position.lat)), escape(geo::formatLonDM(i.position.lon)),
            escape(i.category), escape(i.description));
    }
    html += "</table>\n";
}

void alertTable(std::string& html, const std::vector<DeckAlert>& alerts) {
    html += "<h3>Alerts</h3>\n";
    if (alerts.empty()) {
        html += "<p class=\"none\">No alerts in this step.</p>\n";
        return;
    }
    // The message names its vessels ("SKIFF 1: CPA 0.53 nm in 11 min with ASTRAEA
    // TRADER"); the kind is coloured by severity.
    html += "<table><tr><th>Time (UTC)</th><th>Alert</th><th>What happened</th></tr>\n";
    for (const auto& a : alerts) {
        html += fmt::format(
            "<tr><td class=\"time\">{}</td><td class=\"{}\">{}</td><td>{}</td></tr>\n",
            escape(time::formatDisplay(a.time)), escape(a.severity), escape(a.kind),
            escape(a.message.empty() ? a.subject : a.message));
    }
    html += "</table>\n";
}

// The scenario's own injects that fall in the step's span, as the trainees received them.
void injectList(std::string& html, const Scenario& scenario, const BriefingStep& step) {
    bool any = false;
    for (const auto& inject : scenario.injects) {
        const bool inStep = inject.time >= step.time &&
                            (inject.time < step.until ||
                             (step.until == scenario.window.end && inject.time == step.until));
        if (!inStep) continue;
        if (!any) html += "<h3>Injects</h3>\n<ul>\n";
        any = true;
        html += fmt::format("<li><span class=\"time\">{}</span> <b>{}</b>{}{}</li>\n",
                            escape(time::formatDisplay(inject.time)), escape(inject.title),
                            inject.text.empty() ? "" : " &ndash; ", escape(inject.text));
    }
    if (any) html += "</ul>\n";
}

// The plan: its Gantt and figures, then each week's map and faults in words.
void planSections(std::string& html, const std::filesystem::path& dir, const DeckPlan& plan) {
    html += fmt::format(
        "<section id=\"plan\">\n<h2>Plan &middot; {}</h2>\n<p class=\"time\">{}</p>\n"
        "<img src=\"{}\" alt=\"Gantt chart of {}\">\n",
        escape(plan.name), escape(daySpanText(plan.from, plan.to)), imageReference(dir, plan.gantt),
        escape(plan.name));
    html += "<table><tr><th>Figure</th><th>Value</th></tr>\n";
    for (const auto& row : plan.figures)
        html +=
            fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", escape(row.label), escape(row.value));
    html += "</table>\n</section>\n";
    for (const auto& week : plan.weeks) {
        const std::string days = daySpanText(week.from, week.to);
        html += fmt::format(
            "<section id=\"plan-week-{}\">\n<h2>Plan week {} of {} &middot; "
            "<span class=\"time\">{}</span></h2>\n<img src=\"{}\" alt=\"Week {}: {}\">\n",
            week.number, week.number, plan.weeks.size(), escape(days),
            imageReference(dir, week.image), week.number, escape(days));
        html += "<h3>Faults</h3>\n";
        if (week.findings.empty()) {
            html += "<p class=\"none\">No faults in this week.</p>\n</section>\n";
            continue;
        }
        html +=
            "<table><tr><th>From (UTC)</th><th>To (UTC)</th><th>Finding</th><th>Place</th>"
            "<th>Units and nations</th><th>What</th></tr>\n";
        for (const auto& f : week.findings) {
            html += fmt::format(
                "<tr><td class=\"time\">{}</td><td class=\"time\">{}</td>"
                "<td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                escape(time::formatDisplay(f.from)), escape(time::formatDisplay(f.to)),
                f.gap ? "gap" : "conflict", escape(f.kind), escape(f.place), escape(f.parties),
                escape(f.text));
        }
        html += "</table>\n</section>\n";
    }
}

Status checkPlanImages(const std::filesystem::path& dir, const DeckPlan& plan) {
    std::vector<std::filesystem::path> images{plan.gantt};
    for (const auto& week : plan.weeks) images.push_back(week.image);
    for (const auto& image : images) {
        const auto path = image.is_absolute() ? image : dir / image;
        if (!std::filesystem::is_regular_file(path))
            return makeError(
                fmt::format("briefing deck: plan image {} does not exist", path.string()));
    }
    return {};
}

Status checkShapes(const Scenario& scenario, const std::vector<std::filesystem::path>& images,
                   const std::vector<std::vector<DeckIncident>>& incidents,
                   const std::vector<std::vector<DeckAlert>>& alerts) {
    const std::size_t n = scenario.steps.size();
    if (images.size() != n || incidents.size() != n || alerts.size() != n) {
        return makeError(
            fmt::format("briefing deck: {} steps but {} images, {} incident lists, {} alert lists",
                        n, images.size(), incidents.size(), alerts.size()));
    }
    return {};
}

}  // namespace

std::string briefingDeckHtml(const std::filesystem::path& dir, const Scenario& scenario,
                             const std::vector<std::filesystem::path>& stepImages,
                             const std::vector<std::vector<DeckIncident>>& perStepIncidents,
                             const std::vector<std::vector<DeckAlert>>& perStepAlerts,
                             const DeckSummary& summary, const DeckPlan* plan) {
    const auto steps = stepsOf(scenario);
    std::string html;
    html.reserve(16384);
    html += fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n"
        "<p class=\"time\">{} &ndash; {}</p>\n<p>{}</p>\n</header>\n",
        escape(scenario.title), kStyle, escape(scenario.title),
        escape(time::formatDisplay(scenario.window.start)),
        escape(time::formatDisplay(scenario.window.end)), escape(scenario.description));

    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& step = steps[i];
        html += fmt::format(
            "<section id=\"step-{}\">\n<h2>Step {} of {} &middot; "
            "<span class=\"time\">{}</span></h2>\n",
            step.number, step.number, steps.size(), escape(time::formatDisplay(step.time)));
        if (i < stepImages.size()) {
            html +=
                fmt::format("<img src=\"{}\" alt=\"Step {}: {}\">\n",
                            imageReference(dir, stepImages[i]), step.number, escape(step.caption));
        }
        html += fmt::format("<p class=\"caption\">{}</p>\n", escape(step.caption));
        if (i < perStepIncidents.size()) incidentTable(html, perStepIncidents[i]);
        if (i < perStepAlerts.size()) alertTable(html, perStepAlerts[i]);
        injectList(html, scenario, step);
        if (!step.notes.empty()) {
            html += fmt::format("<details><summary>Speaker notes</summary><p>{}</p></details>\n",
                                escape(step.notes));
        }
        html += "</section>\n";
    }

    if (plan) planSections(html, dir, *plan);
    if (steps.empty() && summary.figures.empty()) {
        html += "</body>\n</html>\n";
        return html;
    }
    html += "<footer>\n<h2>Summary</h2>\n";
    if (!steps.empty())
        html +=
            "<table><tr><th>Step</th><th>Time (UTC)</th>"
            "<th>Caption</th><th>Incidents</th><th>Alerts</th></tr>\n";
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& step = steps[i];
        html += fmt::format(
            "<tr><td><a href=\"#step-{}\">{}</a></td><td class=\"time\">{}</td><td>{}</td>"
            "<td>{}</td><td>{}</td></tr>\n",
            step.number, step.number, escape(time::formatDisplay(step.time)), escape(step.caption),
            i < perStepIncidents.size() ? perStepIncidents[i].size() : 0,
            i < perStepAlerts.size() ? perStepAlerts[i].size() : 0);
    }
    if (!steps.empty()) html += "</table>\n";
    if (!summary.figures.empty()) {
        html += "<table><tr><th>Figure</th><th>Value</th></tr>\n";
        for (const auto& row : summary.figures) {
            html += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", escape(row.label),
                                escape(row.value));
        }
        html += "</table>\n";
    }
    html += "</footer>\n</body>\n</html>\n";
    return html;
}

Status writeBriefingDeck(const std::filesystem::path& dir, const Scenario& scenario,
                         const std::vector<std::filesystem::path>& stepImages,
                         const std::vector<std::vector<DeckIncident>>& perStepIncidents,
                         const std::vector<std::vector<DeckAlert>>& perStepAlerts,
                         const DeckSummary& summary, const DeckPlan* plan) {
    if (auto shapes = checkShapes(scenario, stepImages, perStepIncidents, perStepAlerts); !shapes) {
        return shapes;
    }
    for (std::size_t i = 0; i < stepImages.size(); ++i) {
        const auto image = stepImages[i].is_absolute() ? stepImages[i] : dir / stepImages[i];
        if (!std::filesystem::is_regular_file(image)) {
            return makeError(fmt::format("briefing deck: step {} image {} does not exist", i + 1,
                                         image.string()));
        }
    }
    if (plan) {
        if (Status images = checkPlanImages(dir, *plan); !images) return images;
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return makeError(fmt::format("{}: cannot create ({})", dir.string(), ec.message()));
    return writeFileAtomically(dir / "index.html",
                               briefingDeckHtml(dir, scenario, stepImages, perStepIncidents,
                                                perStepAlerts, summary, plan));
}

}  // namespace seawatch::scenario
