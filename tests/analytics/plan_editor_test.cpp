// The plan view's editing model, headless: a drag on the Gantt's time axis moves a
// departure and the findings follow; undo, redo, add, remove, save; plan differences and
// suggestions on hand-made plans over the toy corridor.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "plan_fixture.hpp"
#include "seawatch/analytics/plan_diff.hpp"
#include "seawatch/analytics/plan_editor.hpp"
#include "seawatch/analytics/plan_suggest.hpp"

using namespace seawatch;
using namespace seawatch::analytics;
using seawatch::testing::assignment;
using seawatch::testing::convoy;
using seawatch::testing::emptyPlan;
using seawatch::testing::hour;

namespace {

std::shared_ptr<const PlanContext> sharedContext() {
    static const auto c = std::make_shared<const PlanContext>(seawatch::testing::toyContext());
    return c;
}

std::size_t count(const PlanCheck& check, FindingKind kind) {
    return static_cast<std::size_t>(
        std::count_if(check.findings.begin(), check.findings.end(),
                      [&](const Finding& f) { return f.kind == kind; }));
}

// Departures every 12 h from both points, both sectors held, a reference nation: no faults.
// Then A13 leaves Point A an hour after A12: a clash, and at 10 kn the two stay 10 nm apart
// (a duplicate).
zones::Plan clashPlan() {
    zones::Plan plan = emptyPlan();
    for (int h = 0; h <= 48; h += 12) {
        plan.convoys.push_back(convoy("A" + std::to_string(h), "China", 'A', h, 10));
        plan.convoys.push_back(convoy("B" + std::to_string(h), "India", 'B', h, 10));
    }
    plan.convoys.push_back(convoy("A13", "Japan", 'A', 13, 10));
    plan.assignments.push_back(assignment("W1", "West", 0, 48));
    plan.assignments.push_back(assignment("E1", "East", 0, 48));
    plan.referenceNations.push_back({"India", hour(0), hour(48)});
    return plan;
}

constexpr std::uint32_t kA13 = 10;  // index of A13 in clashPlan().convoys

}  // namespace

TEST(GanttScale, MapsPixelsToTimeAndSnapsDrags) {
    // 48 h over 960 px: 20 px an hour.
    const GanttScale scale{hour(0), hour(48), 100.0f, 960.0f};
    EXPECT_FLOAT_EQ(scale.xAt(hour(7)), 240.0f);
    EXPECT_EQ(scale.timeAt(240.0f), hour(7));
    // Pressed on a bar starting at 07:00 at x 250, released 60 px (3 h) to the right.
    EXPECT_EQ(scale.dragTarget(hour(7), 250.0f, 310.0f), hour(10));
    // 1 px is 3 min: snapped back to the quarter hour.
    EXPECT_EQ(scale.dragTarget(hour(7), 250.0f, 251.0f), hour(7));
    // 3 px (9 min) rounds up to 07:15.
    EXPECT_EQ(scale.dragTarget(hour(7), 250.0f, 253.0f), hour(7.25));
    // Dragging left before the epoch-aligned grid still rounds to the nearest quarter.
    EXPECT_EQ(scale.dragTarget(hour(7), 250.0f, 150.0f), hour(2));
}

TEST(PlanEditor, FindingsAfterADragOnTheGantt) {
    PlanEditor editor(clashPlan(), sharedContext());
    ASSERT_EQ(editor.plan().convoys[kA13].id, "A13");
    EXPECT_EQ(count(editor.check(), FindingKind::DepartureClash), 1u);
    EXPECT_EQ(count(editor.check(), FindingKind::DuplicateEscort), 1u);
    EXPECT_EQ(editor.check().faultCount(), 2u);

    // The user presses on A13's bar and drags it 60 px right: 3 h later, 16:00.
    const GanttScale scale{hour(0), hour(48), 100.0f, 960.0f};
    const PlanItemRef a13{PlanItemKind::Convoy, kA13};
    ASSERT_TRUE(editor.beginDrag(a13).ok());
    const float press = scale.xAt(hour(13)) + 5.0f;
    // Half way (1.5 h, 14:30): 14:30 - 12:00 is no clash, but at 10 kn 25 nm apart is
    // still within 30 nm: the duplicate remains.
    ASSERT_TRUE(editor.dragTo(scale.dragTarget(hour(13), press, press + 30.0f)).ok());
    EXPECT_EQ(editor.plan().convoys[kA13].departure, hour(14.5));
    EXPECT_EQ(count(editor.check(), FindingKind::DepartureClash), 0u);
    EXPECT_EQ(count(editor.check(), FindingKind::DuplicateEscort), 1u);
    // All the way: 4 h behind A12 is 40 nm; 8 h ahead of A24. No faults.
    ASSERT_TRUE(editor.dragTo(scale.dragTarget(hour(13), press, press + 60.0f)).ok());
    EXPECT_EQ(editor.plan().convoys[kA13].departure, hour(16));
    EXPECT_EQ(editor.check().faultCount(), 0u);
    editor.endDrag();
    EXPECT_FALSE(editor.dragging());

    // The whole drag is one undo step.
    ASSERT_TRUE(editor.canUndo());
    EXPECT_NE(editor.undoLabel().find("move convoy A13 (Japan)"), std::string::npos);
    EXPECT_NE(editor.undoLabel().find("(+3 h)"), std::string::npos);
    ASSERT_TRUE(editor.undo());
    EXPECT_EQ(editor.plan().convoys[kA13].departure, hour(13));
    EXPECT_EQ(editor.check().faultCount(), 2u);
    EXPECT_FALSE(editor.canUndo());
    ASSERT_TRUE(editor.redo());
    EXPECT_EQ(editor.plan().convoys[kA13].departure, hour(16));
    EXPECT_EQ(editor.check().faultCount(), 0u);
}

TEST(PlanEditor, CancelledDragPutsTheItemBack) {
    PlanEditor editor(clashPlan(), sharedContext());
    const PlanItemRef west{PlanItemKind::Assignment, 0};
    ASSERT_TRUE(editor.beginDrag(west).ok());
    ASSERT_TRUE(editor.dragTo(hour(12)).ok());  // West now 12..60: uncovered 0..12
    EXPECT_EQ(count(editor.check(), FindingKind::SectorUncovered), 1u);
    EXPECT_EQ(editor.plan().assignments[0].to, hour(60));  // the length is kept
    editor.cancelDrag();
    EXPECT_EQ(editor.plan().assignments[0].from, hour(0));
    EXPECT_EQ(count(editor.check(), FindingKind::SectorUncovered), 0u);
    EXPECT_FALSE(editor.canUndo());
}

TEST(PlanEditor, AddRemoveUndoRedoAndSave) {
    PlanEditor editor(clashPlan(), sharedContext());
    const std::size_t convoys = editor.plan().convoys.size();
    EXPECT_FALSE(editor.dirty());

    // Remove A13: clash and duplicate gone.
    ASSERT_TRUE(editor.apply(RemoveItem{{PlanItemKind::Convoy, kA13}}).ok());
    EXPECT_EQ(editor.plan().convoys.size(), convoys - 1);
    EXPECT_EQ(editor.check().faultCount(), 0u);
    EXPECT_TRUE(editor.dirty());

    // Add a second unit to East for the last 8 h: a sector held twice.
    ASSERT_TRUE(editor.apply(InsertItem{2, assignment("E2", "East", 40, 48)}).ok());
    EXPECT_EQ(count(editor.check(), FindingKind::SectorDoubleAssigned), 1u);
    EXPECT_EQ(editor.undoLabel(), "add assignment of E2 to East");

    const auto path = std::filesystem::temp_directory_path() / "seawatch_plan_editor_save.json";
    ASSERT_TRUE(editor.save(path).ok());
    EXPECT_FALSE(editor.dirty());
    auto saved = zones::loadPlan(path, sharedContext()->zones());
    ASSERT_TRUE(saved.ok()) << saved.error();
    EXPECT_EQ(saved->convoys.size(), convoys - 1);
    EXPECT_EQ(saved->assignments.size(), 3u);
    std::filesystem::remove(path);

    ASSERT_TRUE(editor.undo());  // the assignment
    EXPECT_TRUE(editor.dirty());
    EXPECT_EQ(count(editor.check(), FindingKind::SectorDoubleAssigned), 0u);
    ASSERT_TRUE(editor.undo());  // the removal
    EXPECT_EQ(editor.plan().convoys.size(), convoys);
    EXPECT_EQ(editor.plan().convoys[kA13].id, "A13");  // back in its place
    EXPECT_EQ(editor.check().faultCount(), 2u);
    ASSERT_TRUE(editor.redo());
    ASSERT_TRUE(editor.redo());
    EXPECT_FALSE(editor.dirty());  // back where it was saved
    EXPECT_FALSE(editor.redo());

    // A bad edit changes nothing and leaves no undo step.
    const std::string label = editor.undoLabel();
    EXPECT_FALSE(editor.apply(ResizeItem{{PlanItemKind::Assignment, 0}, hour(10), hour(5)}).ok());
    EXPECT_FALSE(editor.apply(MoveItem{{PlanItemKind::Convoy, 99}, hour(1)}).ok());
    EXPECT_EQ(editor.undoLabel(), label);
}

TEST(PlanEditor, GanttLayoutStacksOverlappingTransitsAndMarksFaults) {
    const auto context = sharedContext();
    zones::Plan plan = clashPlan();
    const auto check = checkPlan(plan, *context);
    const GanttLayout layout = layoutGantt(plan, *context, &check);
    // A transit takes lane / 10 kn = 11.9 h: A0, A12, A24... each fit one row; A13 leaves
    // while A12 is under way, so Point A needs a second row.
    std::vector<std::string> titles;
    for (const auto& row : layout.rows) titles.push_back(row.title);
    EXPECT_EQ(titles,
              (std::vector<std::string>{"Reference nation", "Convoys from A", "Convoys from A (2)",
                                        "Convoys from B", "West", "East"}));
    ASSERT_EQ(layout.bars.size(), 1u + 11u + 2u);
    for (const auto& bar : layout.bars) {
        if (bar.item.kind != PlanItemKind::Convoy) {
            EXPECT_FALSE(bar.faulty) << bar.label;
            continue;
        }
        EXPECT_EQ(bar.faulty, bar.label == "A12" || bar.label == "A13") << bar.label;
        EXPECT_EQ(bar.row, bar.label == "A13" ? 2u : (bar.label[0] == 'A' ? 1u : 3u)) << bar.label;
    }
}

TEST(PlanDiff, ListsMovedAddedRemovedAndChangedItemsAndTheFindingsTheyChange) {
    const zones::Plan before = clashPlan();
    zones::Plan after = before;
    after.convoys[kA13].departure = hour(16);
    after.convoys[0].speedKn = 12;
    after.convoys.erase(after.convoys.begin() + 1);  // B0
    after.assignments[1].sector = "West";            // E1 moved
    after.assignments.push_back(assignment("E2", "East", 0, 48));
    const auto differences = diffPlans(before, after);
    std::vector<std::string> lines;
    for (const auto& d : differences) {
        std::string line = std::string(planChangeName(d.change)) + " " + d.key;
        for (const auto& detail : d.details) line += "; " + detail;
        lines.push_back(line);
    }
    EXPECT_EQ(lines, (std::vector<std::string>{
                         "changed A0; speed kn 10 -> 12",
                         "changed A13; departure 2012-01-01 13:00Z -> 2012-01-01 16:00Z (+3 h)",
                         "removed B0",
                         "changed E1 #1; sector East -> West",
                         "added E2 #1",
                     }));

    const auto context = sharedContext();
    const auto delta = diffFindings(checkPlan(before, *context), checkPlan(after, *context));
    std::vector<std::string> resolved, introduced;
    for (const auto& f : delta.resolved) resolved.push_back(findingKindName(f.kind));
    for (const auto& f : delta.introduced) introduced.push_back(findingKindName(f.kind));
    std::sort(resolved.begin(), resolved.end());
    EXPECT_EQ(resolved, (std::vector<std::string>{"departure_clash", "duplicate_escort"}));
    // E1 and W1 both in West; nobody left in East; B0 gone leaves Point B without a
    // departure from 0 h (period start) to B12: 12 h, not a gap.
    std::sort(introduced.begin(), introduced.end());
    EXPECT_EQ(introduced, (std::vector<std::string>{"sector_double_assigned"}));
    EXPECT_TRUE(diffPlans(before, before).empty());
}

TEST(PlanSuggest, MovesTheClashingDepartureWhereItClearsBothFaults) {
    const auto context = sharedContext();
    const zones::Plan plan = clashPlan();
    const auto result = suggestChanges(plan, *context);
    // Candidates for the clash (A12 at 12:00, A13 at 13:00), in order: A13 to 14:00 (20 nm
    // behind: duplicate), 15:00 (30 nm: still within range), 16:00 (40 nm: clear) -> kept.
    ASSERT_EQ(result.suggestions.size(), 1u);
    const PlanSuggestion& s = result.suggestions[0];
    EXPECT_EQ(s.addresses, FindingKind::DepartureClash);
    const auto* move = std::get_if<MoveItem>(&s.edit);
    ASSERT_NE(move, nullptr);
    EXPECT_EQ(move->item, (PlanItemRef{PlanItemKind::Convoy, kA13}));
    EXPECT_EQ(move->newStart, hour(16));
    EXPECT_EQ(s.faultsBefore, 2u);
    EXPECT_EQ(s.faultsAfter, 0u);
    EXPECT_GT(s.scoreAfter, s.scoreBefore);
    EXPECT_NE(s.change.find("move convoy A13 (Japan) from 2012-01-01 13:00Z to 2012-01-01 16:00Z"),
              std::string::npos);
    EXPECT_NE(s.reason.find("leave Point A 1 h apart"), std::string::npos) << s.reason;
    EXPECT_TRUE(result.unresolved.empty());
    EXPECT_EQ(checkPlan(result.improved, *context).faultCount(), 0u);
}

TEST(PlanSuggest, StretchesAnAssignmentIntoASectorGapAndSaysWhatItCannotFix) {
    const auto context = sharedContext();
    zones::Plan plan = clashPlan();
    plan.convoys.erase(plan.convoys.begin() + kA13);
    plan.assignments[0].to = hour(30);                             // West empty 30..48
    plan.assignments.push_back(assignment("W2", "West", 36, 48));  // relieved at 36 h
    // Point B: nobody between 12 h and 48 h after removing B24 and B36.
    plan.convoys.erase(std::remove_if(plan.convoys.begin(), plan.convoys.end(),
                                      [](const auto& c) { return c.id == "B24" || c.id == "B36"; }),
                       plan.convoys.end());
    const auto result = suggestChanges(plan, *context);
    bool stretched = false;
    for (const auto& s : result.suggestions) {
        EXPECT_LT(s.faultsAfter, s.faultsBefore) << s.change;
        if (const auto* resize = std::get_if<ResizeItem>(&s.edit)) {
            // W1 to 36 h, or W2 from 30 h: both close the gap exactly.
            stretched = stretched || (resize->item.index == 0 && resize->newTo == hour(36)) ||
                        (resize->item.index == 2 && resize->newFrom == hour(30));
        }
    }
    EXPECT_TRUE(stretched);
    // Moving B12 or B48 into the 36 h gap at Point B only opens another: left to the planner.
    ASSERT_EQ(result.unresolved.size(), 1u);
    EXPECT_NE(result.unresolved[0].find("departure_gap"), std::string::npos);
    const auto after = checkPlan(result.improved, *context);
    EXPECT_EQ(count(after, FindingKind::SectorUncovered), 0u);
    EXPECT_LT(after.faultCount(), checkPlan(plan, *context).faultCount());
}
