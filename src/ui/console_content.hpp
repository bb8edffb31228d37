#pragma once
// What the console loads when it starts (console_content.cpp), private to src/ui. runConsole
// (console.cpp) starts the exercise loading first, then, once the window is open, loads the
// rest and the exercise into the console state.
#include <chrono>
#include <future>
#include <string>

#include "console_state.hpp"
#include "seawatch/common/result.hpp"
#include "seawatch/scenario/scene.hpp"
#include "seawatch/ui/console.hpp"

namespace seawatch::ui {

// --scenario, loading while the window opens and the charts load (scenario::loadSceneAsync).
struct PendingScene {
    std::string file;
    std::future<Result<scenario::Scene>> scene;
    std::chrono::steady_clock::time_point started;
};

// Starts loading `file` (none when empty) on its own thread.
PendingScene startSceneLoad(ConsoleState& state, const std::string& file);

// The charts, the exercise `pendingScene` brings, the live picture and the modules.
void loadContent(ConsoleState& state, const ConsoleOptions& options, bool haveView,
                 PendingScene& pendingScene);

}  // namespace seawatch::ui
