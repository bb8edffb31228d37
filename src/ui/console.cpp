// The console's window, main loop and persistence. Panels live in their own files.
#define GLFW_INCLUDE_NONE
#include "seawatch/ui/console.hpp"

#include <GL/glcorearb.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "console_state.hpp"
#include "seawatch/charts/image_writer.hpp"
#include "seawatch/common/resources.hpp"
#include "seawatch/incidents/default_workspace.hpp"
#include "seawatch/render/chart_loading.hpp"
#include "seawatch/scenario/briefing.hpp"

namespace seawatch::ui {

namespace {

struct WindowGeometry {
    int width = 1400, height = 860;
    int x = -1, y = -1;
};

// Window geometry, view and panel flags; ImGui keeps its own window layout in console.ini.
std::filesystem::path settingsPath() {
    return userConfigDir() / "console.json";
}

void loadSettings(WindowGeometry& geometry, ConsoleState& state, bool& haveView) {
    std::ifstream in(settingsPath());
    if (!in) return;
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return;
    geometry.width = j.value("width", geometry.width);
    geometry.height = j.value("height", geometry.height);
    geometry.x = j.value("x", -1);
    geometry.y = j.value("y", -1);
    if (j.contains("view")) {
        const auto& v = j["view"];
        state.view = geo::MapView({v.value("x", 0.0), v.value("y", 0.0)},
                                  v.value("metres_per_pixel", 1000.0), 1, 1);
        haveView = true;
    }
    if (j.contains("panels")) {
        const auto& p = j["panels"];
        state.panels.layers = p.value("layers", true);
        state.panels.log = p.value("log", false);
        state.panels.frameTime = p.value("frame_time", true);
    }
}

void saveSettings(GLFWwindow* window, const ConsoleState& state) {
    int w, h, x, y;
    glfwGetWindowSize(window, &w, &h);
    glfwGetWindowPos(window, &x, &y);
    nlohmann::json j;
    j["width"] = w;
    j["height"] = h;
    j["x"] = x;
    j["y"] = y;
    j["view"] = {{"x", state.view.center().x},
                 {"y", state.view.center().y},
                 {"metres_per_pixel", state.view.metresPerPixel()}};
    j["panels"] = {{"layers", state.panels.layers},
                   {"log", state.panels.log},
                   {"frame_time", state.panels.frameTime}};
    std::ofstream out(settingsPath());
    out << j.dump(2) << '\n';
}

void applyTheme(float scale) {
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 4;
    style.FrameRounding = 3;
    style.GrabRounding = 3;
    style.Colors[ImGuiCol_WindowBg].w = 0.92f;
    style.ScaleAllSizes(scale);
    ImGuiIO& io = ImGui::GetIO();
    const char* font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    std::error_code ec;
    if (std::filesystem::exists(font, ec)) {
        static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190,
                                          0x21FF, 0x25A0, 0x25FF, 0};
        io.Fonts->AddFontFromFileTTF(font, 15.0f * scale, nullptr, kRanges);
    } else {
        ImFontConfig config;
        config.SizePixels = 13.0f * scale;
        io.Fonts->AddFontDefault(&config);
    }
}

struct GlfwSession {
    bool ok = false;
    GlfwSession() { ok = glfwInit() == GLFW_TRUE; }
    ~GlfwSession() {
        if (ok) glfwTerminate();
    }
};

void saveScreenshot(const std::string& path, int w, int h) {
    charts::RgbaImage image;
    image.width = w;
    image.height = h;
    image.pixels.resize(static_cast<std::size_t>(w) * h * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, image.pixels.data());
    const std::size_t row = static_cast<std::size_t>(w) * 4;
    std::vector<std::uint8_t> flipped(image.pixels.size());
    for (int y = 0; y < h; ++y)
        std::copy_n(image.pixels.data() + (h - 1 - y) * row, row, flipped.data() + y * row);
    image.pixels = std::move(flipped);
    if (Status s = charts::writeImage(path, image, {}); !s) spdlog::error("{}", s.error());
}

// Loads --scenario into the console; errors go to the log and the console carries on.
bool loadSceneInto(ConsoleState& state, const std::string& file) {
    if (file.empty()) return false;
    const auto started = std::chrono::steady_clock::now();
    scenario::SceneOptions options;
    auto workspace = incidents::ensureDefaultWorkspace();
    if (workspace) {
        options.workspace = *workspace;
    } else {
        spdlog::warn("default workspace unavailable ({}); using a temporary one",
                     workspace.error());
    }
    auto scene = scenario::loadScene(file, options);
    if (!scene) {
        spdlog::error("{}", scene.error());
        return false;
    }
    state.scene = std::make_unique<scenario::Scene>(std::move(scene.value()));
    for (const auto& w : state.scene->warnings) spdlog::warn("{}: {}", file, w);
    state.timeline = scenario::Timeline::forScenario(state.scene->scenario);
    state.now = state.timeline.now();
    spdlog::info(
        "scenario '{}' loaded in {:.0f} ms: {} vessels, {} alerts, {} incidents",
        state.scene->scenario.title,
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count(),
        state.scene->tracks.vesselCount(), state.scene->events.size(),
        state.scene->incidents.size());
    return true;
}

// Clicks and hover go to the modules, top-most (last) first.
void dispatchMapPointer(ConsoleState& state) {
    if (!state.cursorOnMap || state.dragging) return;
    ImGuiIO& io = ImGui::GetIO();
    const geo::ScreenPoint p{io.MousePos.x * io.DisplayFramebufferScale.x,
                             io.MousePos.y * io.DisplayFramebufferScale.y};
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
        ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f).x == 0.0f &&
        ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f).y == 0.0f) {
        for (auto it = state.modules.rbegin(); it != state.modules.rend(); ++it)
            if ((*it)->onMapClick(state, p)) break;
    }
    for (auto it = state.modules.rbegin(); it != state.modules.rend(); ++it)
        if ((*it)->drawHoverTooltip(state, p)) break;
}

}  // namespace

int runConsole(const ConsoleOptions& options) {
    ConsoleState state;
    state.log = makeConsoleLog();
    glfwSetErrorCallback(
        [](int code, const char* text) { spdlog::error("GLFW error {}: {}", code, text); });
    GlfwSession glfw;
    if (!glfw.ok) {
        std::fprintf(stderr,
                     "seawatch: cannot open the console: no display (DISPLAY/WAYLAND_DISPLAY "
                     "unset or unreachable).\nRender the same picture headless instead:\n"
                     "  seawatch render --bbox 42,10,54,16 --size 1600x800 -o aden.png\n");
        return 3;
    }
    WindowGeometry geometry;
    bool haveView = false;
    loadSettings(geometry, state, haveView);
    // A first start on a small screen: the default size must fit the monitor.
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
        if (const GLFWvidmode* mode = glfwGetVideoMode(monitor)) {
            geometry.width = std::min(geometry.width, mode->width * 95 / 100);
            geometry.height = std::min(geometry.height, mode->height * 90 / 100);
        }
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SAMPLES, 0);  // lines feather themselves; MSAA is costly on llvmpipe
    glfwWindowHint(GLFW_STENCIL_BITS, 8);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    GLFWwindow* window =
        glfwCreateWindow(geometry.width, geometry.height,
                         "seawatch \xE2\x80\x94 maritime security console", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr,
                     "seawatch: cannot open an OpenGL 3.3 core window on this display.\n"
                     "Render headless instead: seawatch render --bbox 42,10,54,16 "
                     "--size 1600x800 -o aden.png\n");
        return 3;
    }
    if (geometry.x >= 0 && geometry.y >= 0) glfwSetWindowPos(window, geometry.x, geometry.y);
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    state.window = window;
    float xscale = 1, yscale = 1;
    glfwGetWindowContentScale(window, &xscale, &yscale);
    state.pixelScale = std::max(1.0f, xscale);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    static std::string iniPath;
    iniPath = (userConfigDir() / "console.ini").string();
    ImGui::GetIO().IniFilename = iniPath.c_str();
    applyTheme(state.pixelScale);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    int exitCode = 0;
    {
        auto renderer = render::MapRenderer::create(state.pixelScale);
        if (!renderer) {
            spdlog::critical("{}", renderer.error());
            exitCode = 3;
        } else {
            state.renderer = std::move(renderer.value());
            const auto started = std::chrono::steady_clock::now();
            render::SceneLoadReport report =
                render::loadMapScene(*state.renderer, options.charts, true, /*async=*/true);
            for (const auto& e : report.errors) spdlog::error("{}", e);
            for (const auto& w : report.warnings) spdlog::warn("{}", w);
            spdlog::info("charts loaded in {:.0f} ms",
                         std::chrono::duration<double, std::milli>(
                             std::chrono::steady_clock::now() - started)
                             .count());
            int fbw, fbh;
            glfwGetFramebufferSize(window, &fbw, &fbh);
            state.view.resize(fbw, fbh);
            state.mapTopPx = 0;
            state.mapBottomPx = fbh;
            const bool sceneLoaded = loadSceneInto(state, options.scenario);
            if (sceneLoaded) {
                showPreset(state, scenario::viewBox(state.scene->scenario.initialView,
                                                    state.view.widthPx(), state.view.heightPx()));
            } else if (!haveView || !options.charts.empty()) {
                showPreset(state,
                           report.chartsBox.valid() ? report.chartsBox : render::kGulfOfAdenBox);
            }
            // Console modules; their overlays draw bottom to top in this order.
            // MODULES-BEGIN (each module adds its one line here)
            state.modules.push_back(makeZoneModule(state, options));
            state.modules.push_back(makeIncidentModule(state, options));
            state.modules.push_back(makeVesselModule(state, options));
            state.modules.push_back(makeBriefingModule(state, options));
            state.modules.push_back(makePlanModule(state, options));
            // MODULES-END
            int frames = 0;
            bool firstFrameLogged = false;
            while (!glfwWindowShouldClose(window) && !state.quit) {
                const auto frameStart = std::chrono::steady_clock::now();
                glfwPollEvents();
                glfwGetFramebufferSize(window, &fbw, &fbh);
                if (fbw <= 0 || fbh <= 0) {
                    glfwWaitEvents();
                    continue;
                }
                state.view.resize(fbw, fbh);
                ImGui_ImplOpenGL3_NewFrame();
                ImGui_ImplGlfw_NewFrame();
                ImGui::NewFrame();
                if (const auto errors = errorCount(state.log); errors > state.log.errorsSeen) {
                    state.log.errorsSeen = errors;
                    state.panels.log = true;  // an error deserves to be seen
                }
                if (!state.presenterMode) {
                    drawMainMenu(state);
                    drawStatusBar(state);
                    if (state.panels.layers) drawLayerPanel(state);
                    if (state.panels.log) drawLogPanel(state.log, &state.panels.log);
                    if (state.panels.frameTime) drawFrameTimeOverlay(state);
                    if (state.panels.fileBrowser) drawFileBrowser(state);
                    if (state.panels.imguiDemo) ImGui::ShowDemoWindow(&state.panels.imguiDemo);
                } else {
                    state.mapTopPx = 0;
                    state.mapBottomPx = fbh;
                }
                updateViewFlight(state);
                state.renderer->style().insetTopPx = static_cast<float>(state.mapTopPx);
                for (auto& module : state.modules) module->update(state);
                if (!state.presenterMode) {
                    for (auto& module : state.modules) module->drawPanels(state);
                }
                handleMapInput(state);
                dispatchMapPointer(state);
                ImGui::Render();

                state.renderer->style().insetBottomPx = static_cast<float>(fbh - state.mapBottomPx);
                glBindFramebuffer(GL_FRAMEBUFFER, 0);
                std::vector<render::MapOverlay*> overlays;
                for (auto& module : state.modules) {
                    for (render::MapOverlay* o : module->overlays()) overlays.push_back(o);
                }
                const render::OverlayContext context{state.view, state.now, state.pixelScale,
                                                     state.selection};
                state.renderer->render(state.view, overlays, context);
                ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
                ++frames;
                const bool last = options.exitAfterFrames > 0 && frames >= options.exitAfterFrames;
                if (last && !options.screenshot.empty())
                    saveScreenshot(options.screenshot, fbw, fbh);
                glfwSwapBuffers(window);
                const float ms = std::chrono::duration<float, std::milli>(
                                     std::chrono::steady_clock::now() - frameStart)
                                     .count();
                state.frameTimes.add(ms);
                if (!firstFrameLogged) {
                    firstFrameLogged = true;
                    spdlog::info(
                        "first frame after {:.0f} ms of loading and {:.1f} ms drawing",
                        std::chrono::duration<double, std::milli>(frameStart - started).count(),
                        ms);
                }
                if (last) break;
            }
            saveSettings(window, state);
        }
    }
    state.modules.clear();  // overlays hold GL objects: release them with the context alive
    state.renderer.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    spdlog::drop_all();
    return exitCode;
}

}  // namespace seawatch::ui
