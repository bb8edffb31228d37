// The console's settings file without a window: what is saved on quit comes back on the next
// start (window, view, panels, column widths, the Layers panel's choices), and a damaged or
// hand-edited file costs only the damaged part.
#include "seawatch/ui/console_settings.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "seawatch/render/vessel_overlay.hpp"
#include "seawatch/render/zone_overlay.hpp"

using namespace seawatch;
using namespace seawatch::ui;
namespace fs = std::filesystem;

namespace {

// An overlay as the panel sees it, with nothing to draw.
class PlainOverlay : public render::MapOverlay {
  public:
    explicit PlainOverlay(const char* name) : name_(name) {}
    const char* name() const override { return name_; }
    void build(const render::OverlayContext&, render::Canvas&) override {}

  private:
    const char* name_;
};

zones::Zone area(std::string name, zones::ZoneKind kind) {
    zones::Zone z;
    z.name = std::move(name);
    z.kind = kind;
    z.polygons = {{{{46, 12}, {48, 12}, {48, 13}, {46, 13}}, {}}};
    return z;
}

render::LayerInfo chart(int id, std::string name) {
    render::LayerInfo layer;
    layer.id = id;
    layer.name = std::move(name);
    return layer;
}

fs::path scratchFile(const std::string& name) {
    const fs::path dir =
        fs::temp_directory_path() / ("seawatch_settings_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir / name;
}

}  // namespace

TEST(ConsoleSettings, EverythingSavedComesBackFromTheFile) {
    ConsoleSettings saved;
    saved.width = 1366;
    saved.height = 768;
    saved.x = 40;
    saved.y = 12;
    saved.view = ConsoleSettings::View{5'200'000.5, 1'400'000.25, 812.5};
    saved.layersPanel = true;
    saved.legendPanel = false;
    saved.logPanel = true;
    saved.left = {412.5f, true};
    saved.right = {255.0f, false};  // folded away
    saved.layers["Vessels"] = {true, 0.6f};
    saved.layers["Vessels / Trails"] = {false, 0.3f};
    saved.layers["Chart / Basemap · land"] = {true, 0.45f};

    const fs::path file = scratchFile("console.json");
    ASSERT_TRUE(saveConsoleSettings(file, saved).ok());
    const auto loaded = loadConsoleSettings(file);
    ASSERT_TRUE(loaded) << loaded.error();
    ASSERT_TRUE(*loaded);
    const ConsoleSettings& back = **loaded;
    EXPECT_EQ(back.width, 1366);
    EXPECT_EQ(back.height, 768);
    EXPECT_EQ(back.x, 40);
    EXPECT_EQ(back.y, 12);
    EXPECT_EQ(back.view, saved.view);
    EXPECT_TRUE(back.layersPanel);
    EXPECT_FALSE(back.legendPanel);
    EXPECT_TRUE(back.logPanel);
    EXPECT_FALSE(back.frameTime);
    EXPECT_FLOAT_EQ(back.left.width, 412.5f);
    EXPECT_TRUE(back.left.open);
    EXPECT_FLOAT_EQ(back.right.width, 255.0f);
    EXPECT_FALSE(back.right.open);
    EXPECT_EQ(back.layers, saved.layers);
    fs::remove_all(file.parent_path());
}

TEST(ConsoleSettings, AMissingFileIsAFirstStartAndABrokenOneAnError) {
    const fs::path file = scratchFile("absent.json");
    const auto none = loadConsoleSettings(file);
    ASSERT_TRUE(none);
    EXPECT_FALSE(*none);
    std::ofstream(file) << "{\"width\": 1200, ";  // cut short
    const auto broken = loadConsoleSettings(file);
    ASSERT_FALSE(broken);
    EXPECT_NE(broken.error().find(file.string()), std::string::npos) << broken.error();
    fs::remove_all(file.parent_path());
}

TEST(ConsoleSettings, AHandEditedFileKeepsWhatIsRightAndDefaultsTheRest) {
    const auto s = consoleSettingsFromJson(nlohmann::json::parse(R"({
        "width": "wide", "height": 700,
        "view": {"x": 1, "y": 2, "metres_per_pixel": -5},
        "panels": {"legend": false, "log": "yes"},
        "columns": {"left_width": -40, "right_width": 300, "right_open": false},
        "layers": {"Vessels": {"opacity": 7}, "Incidents": {"visible": false, "opacity": 0.5},
                   "Zones": 3, "Alerts": {"visible": 1}}})"));
    EXPECT_EQ(s.width, ConsoleSettings{}.width);
    EXPECT_EQ(s.height, 700);
    EXPECT_FALSE(s.view);  // a negative scale is no view
    EXPECT_FALSE(s.legendPanel);
    EXPECT_FALSE(s.logPanel);
    EXPECT_FLOAT_EQ(s.left.width, ConsoleSettings{}.left.width);
    EXPECT_FLOAT_EQ(s.right.width, 300.0f);
    EXPECT_FALSE(s.right.open);
    ASSERT_EQ(s.layers.count("Vessels"), 1u);
    EXPECT_FLOAT_EQ(s.layers.at("Vessels").opacity, 1.0f);  // clamped
    EXPECT_EQ(s.layers.at("Incidents"), (LayerState{false, 0.5f}));
    EXPECT_EQ(s.layers.count("Zones"), 0u);
    EXPECT_TRUE(s.layers.at("Alerts").visible);  // 1 is not a boolean: default kept
}

TEST(LayerSettings, TheLayersPanelsChoicesSurviveARestart) {
    ais::TrackStore tracks;
    const std::vector<zones::Zone> zoneList{area("Sector 4", zones::ZoneKind::PatrolSector),
                                            area("HRA", zones::ZoneKind::RiskArea)};
    // The session the user quits.
    render::VesselOverlay vessels(tracks);
    render::ZoneOverlay zones(zoneList);
    PlainOverlay heat("Incident density");
    PlainOverlay captions("Briefing captions");  // presenter mode's: not the user's to keep
    captions.visible = false;
    std::vector<render::MapOverlay*> overlays{&vessels, &zones, &heat, &captions};
    std::vector<render::LayerInfo> charts{chart(1, "Basemap · land"), chart(2, "scan.kap")};
    vessels.opacity = 0.7f;
    vessels.options().showTrails = false;
    vessels.options().trailOpacity = 0.25f;
    vessels.options().showLabels = false;
    zones.setKindVisible(zones::ZoneKind::RiskArea, false);
    heat.visible = false;
    heat.opacity = 0.4f;
    charts[1].visible = false;
    charts[1].opacity = 0.55f;
    LayerStates states;
    states["Chart / other.tif"] = {false, 0.2f};  // saved by an earlier session
    rememberLayerStates(overlays, charts, states);

    ConsoleSettings settings;
    settings.layers = states;
    const ConsoleSettings reread =
        consoleSettingsFromJson(nlohmann::json::parse(consoleSettingsToJson(settings).dump()));

    // The next start: everything at its defaults, chart ids different.
    render::VesselOverlay vessels2(tracks);
    render::ZoneOverlay zones2(zoneList);
    PlainOverlay heat2("Incident density");
    std::vector<render::MapOverlay*> overlays2{&vessels2, &zones2, &heat2};
    std::vector<render::LayerInfo> charts2{chart(7, "scan.kap"), chart(8, "Basemap · land")};
    restoreLayerStates(reread.layers, overlays2, charts2);

    EXPECT_FLOAT_EQ(vessels2.opacity, 0.7f);
    EXPECT_TRUE(vessels2.visible);
    EXPECT_FALSE(vessels2.options().showTrails);
    EXPECT_FLOAT_EQ(vessels2.options().trailOpacity, 0.25f);
    EXPECT_FALSE(vessels2.options().showLabels);
    EXPECT_TRUE(zones2.kindVisible(zones::ZoneKind::PatrolSector));
    EXPECT_FALSE(zones2.kindVisible(zones::ZoneKind::RiskArea));
    EXPECT_FALSE(heat2.visible);
    EXPECT_FLOAT_EQ(heat2.opacity, 0.4f);
    EXPECT_FALSE(charts2[0].visible);  // scan.kap, found by name
    EXPECT_FLOAT_EQ(charts2[0].opacity, 0.55f);
    EXPECT_TRUE(charts2[1].visible);
    EXPECT_EQ(reread.layers.count("Briefing captions"), 0u);
    // A chart not opened this time keeps its saved state for when it is.
    EXPECT_EQ(reread.layers.at("Chart / other.tif"), (LayerState{false, 0.2f}));
}
