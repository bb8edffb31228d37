#pragma once
// An OpenGL context with no window and no X: EGL on Mesa's surfaceless platform.
// `seawatch render`, `seawatch brief` and the render tests draw through it.
#include <memory>

#include "seawatch/common/result.hpp"

namespace seawatch::render {

class HeadlessContext {
  public:
    // Makes a 3.3+ core context current on this thread, or says why it could not.
    static Result<std::unique_ptr<HeadlessContext>> create();
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    const char* renderer() const;

  private:
    HeadlessContext() = default;
    void* display_ = nullptr;
    void* context_ = nullptr;
};

}  // namespace seawatch::render
