#include "seawatch/render/headless_context.hpp"

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GL/glcorearb.h>
#include <dlfcn.h>

#include <string>

namespace seawatch::render {

namespace {

// LeakSanitizer reports Mesa's driver unload as a leak. Pinning the driver with
// RTLD_NODELETE keeps it mapped until exit, so sanitizer builds stay quiet and honest.
void pinMesaDriver() {
    for (const char* name : {"swrast_dri.so", "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so"}) {
        if (dlopen(name, RTLD_NOW | RTLD_NODELETE | RTLD_GLOBAL)) return;
    }
}

std::string eglErrorText(const char* what) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s failed (EGL error 0x%04x)", what, eglGetError());
    return buf;
}

}  // namespace

Result<std::unique_ptr<HeadlessContext>> HeadlessContext::create() {
    pinMesaDriver();
    auto getPlatformDisplay = reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(
        eglGetProcAddress("eglGetPlatformDisplayEXT"));
    if (!getPlatformDisplay) {
        return makeError(
            "no OpenGL context: EGL has no eglGetPlatformDisplayEXT "
            "(install libegl-mesa0 and libgl1-mesa-dri)");
    }
    EGLDisplay display =
        getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    if (display == EGL_NO_DISPLAY) {
        return makeError("no OpenGL context: the Mesa surfaceless EGL platform is unavailable");
    }
    EGLint major = 0;
    EGLint minor = 0;
    if (!eglInitialize(display, &major, &minor)) {
        return makeError("no OpenGL context: " + eglErrorText("eglInitialize"));
    }
    if (!eglBindAPI(EGL_OPENGL_API)) {
        eglTerminate(display);
        return makeError("no OpenGL context: " + eglErrorText("eglBindAPI(OpenGL)"));
    }
    const EGLint configAttribs[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE,
                                    EGL_OPENGL_BIT, EGL_NONE};
    EGLConfig config = nullptr;
    EGLint configCount = 0;
    // Surfaceless contexts need no config; ask for one anyway and fall back to none.
    if (!eglChooseConfig(display, configAttribs, &config, 1, &configCount) || configCount == 0)
        config = nullptr;
    const EGLint contextAttribs[] = {EGL_CONTEXT_MAJOR_VERSION,
                                     3,
                                     EGL_CONTEXT_MINOR_VERSION,
                                     3,
                                     EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                     EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                     EGL_NONE};
    EGLContext context = eglCreateContext(display, config, EGL_NO_CONTEXT, contextAttribs);
    if (context == EGL_NO_CONTEXT) {
        const std::string why = eglErrorText("eglCreateContext(3.3 core)");
        eglTerminate(display);
        return makeError("no OpenGL context: " + why);
    }
    if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context)) {
        const std::string why = eglErrorText("eglMakeCurrent(surfaceless)");
        eglDestroyContext(display, context);
        eglTerminate(display);
        return makeError("no OpenGL context: " + why);
    }
    std::unique_ptr<HeadlessContext> result(new HeadlessContext());
    result->display_ = display;
    result->context_ = context;
    return result;
}

HeadlessContext::~HeadlessContext() {
    if (display_) {
        eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        if (context_) eglDestroyContext(display_, context_);
        eglTerminate(display_);
    }
}

const char* HeadlessContext::renderer() const {
    return reinterpret_cast<const char*>(glGetString(GL_RENDERER));
}

}  // namespace seawatch::render
