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
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "console_content.hpp"
#include "console_state.hpp"
#include "seawatch/analytics/live_picture.hpp"
#include "seawatch/charts/image_writer.hpp"
#include "seawatch/common/resources.hpp"
#include "seawatch/incidents/default_workspace.hpp"
#include "seawatch/render/canvas.hpp"
#include "seawatch/render/scene_picture.hpp"
#include "seawatch/ui/console_settings.hpp"

namespace seawatch::ui {

namespace {

struct WindowGeometry {
    int width = 1400, height = 860;
    int x = -1, y = -1;
};

// Window geometry, view, panels, columns and layers; ImGui keeps its own window layout in
// console.ini.
std::filesystem::path settingsPath() {
    return userConfigDir() / "console.json";
}

void loadSettings(WindowGeometry& geometry, ConsoleState& state, bool& haveView) {
    auto loaded = loadConsoleSettings(settingsPath());
    if (!loaded) spdlog::warn("{}", loaded.error());
    if (!loaded || !*loaded) return;
    const ConsoleSettings& s = **loaded;
    geometry = {s.width, s.height, s.x, s.y};
    if (s.view) {
        state.view = geo::MapView({s.view->x, s.view->y}, s.view->metresPerPixel, 1, 1);
        haveView = true;
    }
    state.panels.layers = s.layersPanel;
    state.panels.legend = s.legendPanel;
    state.panels.log = s.logPanel;
    state.panels.frameTime = s.frameTime;
    // The panels in the columns are placed from the edges every frame, so a smaller window
    // after a restart only narrows the columns.
    state.dock.left = s.left;
    state.dock.right = s.right;
    state.layerStates = s.layers;  // applied once the layers exist (restoreLayers)
}

std::vector<render::MapOverlay*> allOverlays(ConsoleState& state) {
    std::vector<render::MapOverlay*> overlays;
    for (auto& module : state.modules)
        for (render::MapOverlay* o : module->overlays()) overlays.push_back(o);
    return overlays;
}

void restoreLayers(ConsoleState& state) {
    restoreLayerStates(state.layerStates, allOverlays(state), state.renderer->layers());
}

void saveSettings(GLFWwindow* window, ConsoleState& state) {
    ConsoleSettings s;
    glfwGetWindowSize(window, &s.width, &s.height);
    glfwGetWindowPos(window, &s.x, &s.y);
    s.view = ConsoleSettings::View{state.view.center().x, state.view.center().y,
                                   state.view.metresPerPixel()};
    s.layersPanel = state.panels.layers;
    s.legendPanel = state.panels.legend;
    s.logPanel = state.panels.log;
    s.frameTime = state.panels.frameTime;
    s.left = state.dock.left;
    s.right = state.dock.right;
    rememberLayerStates(allOverlays(state), state.renderer->layers(), state.layerStates);
    s.layers = state.layerStates;
    if (Status saved = saveConsoleSettings(settingsPath(), s); !saved)
        spdlog::error("console settings not saved: {}", saved.error());
}

void applyTheme(float scale) {
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 4;
    style.FrameRounding = 3;
    style.GrabRounding = 3;
    style.Colors[ImGuiCol_WindowBg].w = 0.92f;
    style.ScaleAllSizes(scale);
    render::addSeawatchFont(*ImGui::GetIO().Fonts, 15.0f * scale);
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
    if (state.presenterMode) return;  // nothing pops up over a slide
    if (!state.pointerMoved) {
        if (!state.firstPointer) state.firstPointer = p;
        state.pointerMoved = p.x != state.firstPointer->x || p.y != state.firstPointer->y;
        if (!state.pointerMoved) return;
    }
    for (auto it = state.modules.rbegin(); it != state.modules.rend(); ++it)
        if ((*it)->drawHoverTooltip(state, p)) break;
}

GLFWwindow* openWindow(WindowGeometry geometry, bool firstStart) {
    // The window fits the monitor: a first start takes most of it, a restart on a smaller
    // screen shrinks the saved size (the panel columns follow the window's edges).
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
        if (const GLFWvidmode* mode = glfwGetVideoMode(monitor)) {
            if (firstStart) {
                geometry.width = mode->width * 95 / 100;
                geometry.height = mode->height * 90 / 100;
            }
            geometry.width = std::min(geometry.width, mode->width * 95 / 100);
            geometry.height = std::min(geometry.height, mode->height * 90 / 100);
            if (geometry.x + geometry.width > mode->width ||
                geometry.y + geometry.height > mode->height)
                geometry.x = geometry.y = -1;  // off this screen: let the window manager place it
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
    if (!window) return nullptr;
    if (geometry.x >= 0 && geometry.y >= 0) glfwSetWindowPos(window, geometry.x, geometry.y);
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    return window;
}

// The console sleeps unless something changed. Input marks it busy for a moment (ImGui
// settles hover and animations over a few frames, and a wheel zoom's debounced queries
// fire after a quarter second); new data asks for a frame (ten a second at most); a playing
// timeline, a fly-to, loading tiles or an active text field keep it drawing. Frames never come
// faster than the display refreshes, which swap interval 1 does not guarantee (Xvfb, llvmpipe).
// Idle, it wakes every 100 ms to pump the feeds and draws only to keep clocks and rates current.
class FramePacer {
  public:
    using Clock = std::chrono::steady_clock;

    explicit FramePacer(double refreshHz)
        : minInterval_(std::chrono::duration_cast<Clock::duration>(
              std::chrono::duration<double>(1.0 / std::clamp(refreshHz, 10.0, 240.0)))) {}

    void inputSeen() { busyUntil_ = Clock::now() + kSettle; }
    void requestFrame() { dirty_ = true; }
    void keepDrawing() { busyUntil_ = std::max(busyUntil_, Clock::now() + minInterval_); }

    bool shouldDraw(Clock::time_point now) const {
        return now < busyUntil_ || (dirty_ && now - lastFrame_ >= kDataInterval) ||
               now - lastFrame_ >= idleRedraw_;
    }
    // Blocks in glfwWaitEventsTimeout until the next frame is due or input arrives.
    void wait() {
        const auto now = Clock::now();
        Clock::time_point until;
        if (now < busyUntil_) {
            until = lastFrame_ + minInterval_;  // the display's pace
        } else if (dirty_) {
            until = lastFrame_ + kDataInterval;
        } else {
            until = std::min(lastFrame_ + idleRedraw_, now + kPumpInterval);
        }
        if (until <= now) {
            glfwPollEvents();
            return;
        }
        glfwWaitEventsTimeout(std::chrono::duration<double>(until - now).count());
    }
    void frameDrawn(Clock::time_point at) {
        lastFrame_ = at;
        dirty_ = false;
    }

  private:
    static constexpr Clock::duration kSettle = std::chrono::milliseconds(500);
    static constexpr Clock::duration kPumpInterval = std::chrono::milliseconds(100);
    // AIS reports a vessel every 2 to 10 s: ten pictures a second show every report.
    static constexpr Clock::duration kDataInterval = std::chrono::milliseconds(100);
    Clock::duration minInterval_;
    // With nothing arriving, a heartbeat keeps the status bar's clock and rates honest:
    // a frame costs llvmpipe ~60 ms of CPU under load, so one every 5 s is ~1% of a core.
    Clock::duration idleRedraw_ = std::chrono::seconds(5);
    Clock::time_point busyUntil_ = Clock::now() + kSettle;
    Clock::time_point lastFrame_{};
    bool dirty_ = true;
};

// Input wakes the pacer; ImGui's GLFW backend, installed after these, chains to them.
void installWakeCallbacks(GLFWwindow* window, FramePacer& pacer) {
    glfwSetWindowUserPointer(window, &pacer);
    glfwSetCursorPosCallback(window, [](GLFWwindow* w, double, double) {
        static_cast<FramePacer*>(glfwGetWindowUserPointer(w))->inputSeen();
    });
    glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int, int, int) {
        static_cast<FramePacer*>(glfwGetWindowUserPointer(w))->inputSeen();
    });
    glfwSetScrollCallback(window, [](GLFWwindow* w, double, double) {
        static_cast<FramePacer*>(glfwGetWindowUserPointer(w))->inputSeen();
    });
    glfwSetKeyCallback(window, [](GLFWwindow* w, int, int, int, int) {
        static_cast<FramePacer*>(glfwGetWindowUserPointer(w))->inputSeen();
    });
    glfwSetCharCallback(window, [](GLFWwindow* w, unsigned) {
        static_cast<FramePacer*>(glfwGetWindowUserPointer(w))->inputSeen();
    });
    glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int) {
        static_cast<FramePacer*>(glfwGetWindowUserPointer(w))->inputSeen();
    });
    glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int) {
        static_cast<FramePacer*>(glfwGetWindowUserPointer(w))->inputSeen();
    });
    glfwSetFramebufferSizeCallback(window, [](GLFWwindow* w, int, int) {
        static_cast<FramePacer*>(glfwGetWindowUserPointer(w))->inputSeen();
    });
    glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) {
        static_cast<FramePacer*>(glfwGetWindowUserPointer(w))->inputSeen();
    });
}

double displayRefreshHz() {
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor())
        if (const GLFWvidmode* mode = glfwGetVideoMode(monitor); mode && mode->refreshRate > 0)
            return mode->refreshRate;
    return 60.0;
}

// Moves what the feeds delivered into the live picture, within a slice of the frame, before
// any module reads it: the map, the vessel list and the alerts see the same data this frame.
void pumpLivePicture(ConsoleState& state, FramePacer& pacer) {
    constexpr auto kPumpBudget = std::chrono::milliseconds(4);
    const analytics::PumpReport pumped = state.live->pump(kPumpBudget);
    if (pumped.items > 0 || pumped.events > 0 || pumped.sharedAcks > 0) pacer.requestFrame();
    if (pumped.pending > 0) pacer.keepDrawing();  // a burst: drain it over the next frames
    if (!state.scene && !state.replayTracks) state.now = state.live->now();
}

// One frame: ImGui panels, the modules, the map, the panels over it.
void drawFrame(ConsoleState& state, int fbw, int fbh) {
    state.view.resize(fbw, fbh);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    if (const auto errors = errorCount(state.log); errors > state.log.errorsSeen) {
        state.log.errorsSeen = errors;
        state.panels.log = true;  // an error deserves to be seen
    }
    noteChartErrors(state);
    if (!state.presenterMode) {
        drawMainMenu(state);
        drawStatusBar(state);
        beginDock(state);
        if (state.panels.legend) drawLegendPanel(state);
        if (state.panels.layers) drawLayerPanel(state);
        if (state.panels.log) {
            if (beginDockedPanel(state, "Log", &state.panels.log, Edge::Left,
                                 220 * state.pixelScale))
                drawLogContents(state.log);
            endDockedPanel(state);
        }
        if (state.panels.frameTime) drawFrameTimeOverlay(state);
        if (state.panels.fileBrowser) drawFileBrowser(state);
        if (state.panels.imguiDemo) ImGui::ShowDemoWindow(&state.panels.imguiDemo);
        drawHelpWindow(state);
    } else {
        state.mapTopPx = 0;
        state.mapBottomPx = fbh;
    }
    updateViewFlight(state);
    state.renderer->style().insetTopPx = static_cast<float>(state.mapTopPx);
    for (auto& module : state.modules) module->update(state);
    if (!state.presenterMode) {
        for (auto& module : state.modules) module->drawPanels(state);
        endDock(state);
    } else {
        state.renderer->style().insetLeftPx = 0;
        state.renderer->style().insetRightPx = 0;
    }
    handleMapInput(state);
    dispatchMapPointer(state);
    ImGui::Render();

    state.renderer->style().insetBottomPx = static_cast<float>(fbh - state.mapBottomPx);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    std::vector<render::MapOverlay*> overlays = allOverlays(state);
    render::sortOverlaysForPicture(overlays);
    const render::OverlayContext context{state.view, state.now, state.pixelScale, state.selection,
                                         state.renderer->style().palette};
    state.renderer->render(state.view, overlays, context);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

// What keeps the console drawing frame after frame rather than sleeping.
bool animating(const ConsoleState& state) {
    const ImGuiIO& io = ImGui::GetIO();
    return state.timeline.playing() || state.flight.has_value() || state.dragging ||
           state.renderer->loading() || io.WantTextInput || ImGui::IsAnyItemActive();
}

void runMainLoop(ConsoleState& state, const ConsoleOptions& options, FramePacer& pacer,
                 std::chrono::steady_clock::time_point started) {
    int frames = 0;
    bool firstFrameLogged = false;
    // A smoke test or a start-up benchmark counts frames: it gets them back to back.
    const bool counting = options.exitAfterFrames > 0;
    const bool logFrames = !options.frameTimesPath.empty();
    const auto stopRequested = [&] {
        return options.stopRequested != nullptr && options.stopRequested->load();
    };
    while (!glfwWindowShouldClose(state.window) && !state.quit && !stopRequested()) {
        if (counting) {
            glfwPollEvents();
        } else {
            pacer.wait();
        }
        pumpLivePicture(state, pacer);
        for (const auto& module : state.modules)
            if (module->wantsFrame(state)) pacer.requestFrame();
        const auto frameStart = std::chrono::steady_clock::now();
        if (!counting && !pacer.shouldDraw(frameStart)) continue;
        // The wall clock too, for --frame-times: a benchmark matches frames to its own window.
        const auto frameStartWall =
            logFrames ? std::chrono::system_clock::now() : std::chrono::system_clock::time_point{};
        int fbw, fbh;
        glfwGetFramebufferSize(state.window, &fbw, &fbh);
        if (fbw <= 0 || fbh <= 0) {
            // Minimised: nothing to draw, but the feeds are still drained (their inbox would
            // grow for as long as the window stays down) and a stop request is still seen,
            // ten times a second; waiting for the next window event alone did neither.
            glfwWaitEventsTimeout(0.1);
            continue;
        }
        drawFrame(state, fbw, fbh);
        ++frames;
        const bool last = counting && frames >= options.exitAfterFrames;
        if (last && !options.screenshot.empty()) saveScreenshot(options.screenshot, fbw, fbh);
        glfwSwapBuffers(state.window);
        pacer.frameDrawn(frameStart);
        if (animating(state)) pacer.keepDrawing();
        const float ms =
            std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - frameStart)
                .count();
        state.frameTimes.add(ms);
        if (logFrames) {
            state.frameLog.push_back({std::chrono::duration_cast<std::chrono::milliseconds>(
                                          frameStartWall.time_since_epoch())
                                          .count(),
                                      ms});
        }
        if (!firstFrameLogged) {
            firstFrameLogged = true;
            spdlog::info("first frame after {:.0f} ms of loading and {:.1f} ms drawing",
                         std::chrono::duration<double, std::milli>(frameStart - started).count(),
                         ms);
        }
        if (last) break;
    }
}

// --frame-times: one line a frame, "<start, Unix ms> <drawing time, ms>". False, having said
// why, when the file cannot be written.
bool writeFrameLog(const std::string& path, const std::vector<FrameRecord>& frames) {
    std::FILE* out = std::fopen(path.c_str(), "w");
    if (out == nullptr) {
        std::fprintf(stderr, "seawatch: --frame-times %s: %s\n", path.c_str(),
                     std::strerror(errno));
        return false;
    }
    for (const FrameRecord& f : frames)
        std::fprintf(out, "%lld %.3f\n", static_cast<long long>(f.startUnixMs),
                     static_cast<double>(f.drawMs));
    const bool written = std::ferror(out) == 0;
    if (std::fclose(out) != 0 || !written) {
        std::fprintf(stderr, "seawatch: --frame-times %s: %s\n", path.c_str(),
                     std::strerror(errno));
        return false;
    }
    return true;
}

void initImGui(GLFWwindow* window, float pixelScale) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    static std::string iniPath;  // ImGui keeps the pointer
    iniPath = (userConfigDir() / "console.ini").string();
    ImGui::GetIO().IniFilename = iniPath.c_str();
    applyTheme(pixelScale);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
}

}  // namespace

int runConsole(const ConsoleOptions& requested) {
    ConsoleState state;
    state.log = makeConsoleLog();
    // --workspace first: a station named there is also the one to coordinate through.
    ConsoleOptions options = requested;
    auto stationOfWorkspace = openConsoleWorkspace(state, options.workspace);
    if (!stationOfWorkspace) {
        std::fprintf(stderr, "seawatch: %s\n", stationOfWorkspace.error().c_str());
        return 2;
    }
    if (options.station.empty()) options.station = *stationOfWorkspace;
    if (!options.followPlan.empty()) {
        if (options.station.empty()) {
            std::fprintf(stderr,
                         "seawatch: --follow-plan needs a station (--station or --workspace "
                         "postgresql://…)\n");
            return 2;
        }
        auto link = station::PlanLink::open(options.station, options.followPlan);
        if (!link) {
            std::fprintf(stderr, "seawatch: --follow-plan: %s\n", link.error().c_str());
            return 2;
        }
        state.planLink = std::move(*link);
    }
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
    // The exercise loads on its own thread while the window opens and the charts load.
    PendingScene pendingScene = startSceneLoad(state, options.scenario);
    WindowGeometry geometry;
    bool haveView = false;
    const bool firstStart = !std::filesystem::exists(settingsPath());
    loadSettings(geometry, state, haveView);
    GLFWwindow* window = openWindow(geometry, firstStart);
    if (!window) {
        std::fprintf(stderr,
                     "seawatch: cannot open an OpenGL 3.3 core window on this display.\n"
                     "Render headless instead: seawatch render --bbox 42,10,54,16 "
                     "--size 1600x800 -o aden.png\n");
        return 3;
    }
    state.window = window;
    float xscale = 1, yscale = 1;
    glfwGetWindowContentScale(window, &xscale, &yscale);
    state.pixelScale = std::max(1.0f, xscale);
    FramePacer pacer(displayRefreshHz());
    installWakeCallbacks(window, pacer);
    initImGui(window, state.pixelScale);

    int exitCode = 0;
    {
        const auto started = std::chrono::steady_clock::now();
        auto renderer = render::MapRenderer::create(state.pixelScale);
        if (!renderer) {
            spdlog::critical("{}", renderer.error());
            exitCode = 3;
        } else {
            state.renderer = std::move(renderer.value());
            loadContent(state, options, haveView, pendingScene);
            restoreLayers(state);
            runMainLoop(state, options, pacer, started);
            saveSettings(window, state);
            if (!options.frameTimesPath.empty() &&
                !writeFrameLog(options.frameTimesPath, state.frameLog))
                exitCode = 1;
        }
    }
    state.modules.clear();  // overlays hold GL objects: release them with the context alive
    state.renderer.reset();
    state.live.reset();  // stops the feeds
    state.incidentMirror.reset();
    state.planLink.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    spdlog::drop_all();
    return exitCode;
}

}  // namespace seawatch::ui
