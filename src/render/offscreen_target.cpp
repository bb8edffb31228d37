// The offscreen framebuffer of headless pictures (render, brief, tests): colour and stencil,
// multisampled or not, read back top row first.
#include "seawatch/render/map_renderer.hpp"

#include <algorithm>
#include <vector>

#include "gl_objects.hpp"

namespace seawatch::render {

struct OffscreenTarget::Impl {
    int width = 0, height = 0, samples = 0;
    GlFramebuffer msFbo, resolveFbo;
    GlRenderbuffer msColor, msStencil, resolveColor;
};

Result<std::unique_ptr<OffscreenTarget>> OffscreenTarget::create(int w, int h, int samples) {
    if (w <= 0 || h <= 0 || w > 16384 || h > 16384)
        return makeError("image size must be between 1x1 and 16384x16384");
    std::unique_ptr<OffscreenTarget> t(new OffscreenTarget());
    t->impl_ = std::make_unique<Impl>();
    Impl& impl = *t->impl_;
    impl.width = w;
    impl.height = h;
    GLint maxSamples = 0;
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    // One sample is no multisampling: asked of GL, it gives the smallest multisampled
    // buffer (4 samples on llvmpipe), four times the fill work for the same picture.
    impl.samples = samples <= 1 ? 0 : std::min(samples, std::max(0, static_cast<int>(maxSamples)));
    auto makeRb = [](GLenum format, int s, int width, int height) {
        GLuint n = 0;
        glGenRenderbuffers(1, &n);
        glBindRenderbuffer(GL_RENDERBUFFER, n);
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, s, format, width, height);
        return GlRenderbuffer(n);
    };
    auto makeFb = [] {
        GLuint n = 0;
        glGenFramebuffers(1, &n);
        return GlFramebuffer(n);
    };
    impl.msColor = makeRb(GL_RGBA8, impl.samples, w, h);
    impl.msStencil = makeRb(GL_DEPTH24_STENCIL8, impl.samples, w, h);
    impl.msFbo = makeFb();
    glBindFramebuffer(GL_FRAMEBUFFER, impl.msFbo.get());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                              impl.msColor.get());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER,
                              impl.msStencil.get());
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        return makeError("offscreen framebuffer is incomplete");
    GLint given = 0;
    glBindRenderbuffer(GL_RENDERBUFFER, impl.msColor.get());
    glGetRenderbufferParameteriv(GL_RENDERBUFFER, GL_RENDERBUFFER_SAMPLES, &given);
    impl.samples = given;
    // Single-sampled pictures are read straight from what was drawn: a resolve buffer would
    // be another 8 MB at 1920x1080 for the driver to clear, and a copy, for nothing.
    if (impl.samples == 0) return t;
    impl.resolveColor = makeRb(GL_RGBA8, 0, w, h);
    impl.resolveFbo = makeFb();
    glBindFramebuffer(GL_FRAMEBUFFER, impl.resolveFbo.get());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                              impl.resolveColor.get());
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        return makeError("offscreen resolve framebuffer is incomplete");
    glBindFramebuffer(GL_FRAMEBUFFER, impl.msFbo.get());
    return t;
}

OffscreenTarget::~OffscreenTarget() = default;

int OffscreenTarget::samples() const {
    return impl_->samples;
}

void OffscreenTarget::bind() {
    glBindFramebuffer(GL_FRAMEBUFFER, impl_->msFbo.get());
}

charts::RgbaImage OffscreenTarget::read() {
    Impl& impl = *impl_;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, impl.msFbo.get());
    if (impl.samples > 0) {
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, impl.resolveFbo.get());
        glBlitFramebuffer(0, 0, impl.width, impl.height, 0, 0, impl.width, impl.height,
                          GL_COLOR_BUFFER_BIT, GL_NEAREST);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, impl.resolveFbo.get());
    }
    charts::RgbaImage image;
    image.width = impl.width;
    image.height = impl.height;
    image.pixels.resize(static_cast<std::size_t>(impl.width) * impl.height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, impl.width, impl.height, GL_RGBA, GL_UNSIGNED_BYTE, image.pixels.data());
    // GL reads bottom row first; images are top row first.
    const std::size_t row = static_cast<std::size_t>(impl.width) * 4;
    std::vector<std::uint8_t> tmp(row);
    for (int y = 0; y < impl.height / 2; ++y) {
        auto* a = image.pixels.data() + y * row;
        auto* b = image.pixels.data() + (impl.height - 1 - y) * row;
        std::copy(a, a + row, tmp.data());
        std::copy(b, b + row, a);
        std::copy(tmp.data(), tmp.data() + row, b);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, impl.msFbo.get());
    return image;
}

}  // namespace seawatch::render
