#include "chart_layer_cache.hpp"

namespace seawatch::render {

namespace {

GLuint boundFramebuffer(GLenum which) {
    GLint name = 0;
    glGetIntegerv(which, &name);
    return static_cast<GLuint>(name);
}

}  // namespace

bool drawTargetIsMultisampled() {
    GLint sampleBuffers = 0;
    glGetIntegerv(GL_SAMPLE_BUFFERS, &sampleBuffers);
    return sampleBuffers > 0;
}

void ChartLayerCache::copy(GLuint from, GLuint to) const {
    const GLuint read = boundFramebuffer(GL_READ_FRAMEBUFFER_BINDING);
    const GLboolean scissor = glIsEnabled(GL_SCISSOR_TEST);
    glDisable(GL_SCISSOR_TEST);  // a blit is clipped by the scissor box
    glBindFramebuffer(GL_READ_FRAMEBUFFER, from);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, to);
    glBlitFramebuffer(0, 0, widthPx_, heightPx_, 0, 0, widthPx_, heightPx_, GL_COLOR_BUFFER_BIT,
                      GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, read);
    if (scissor) glEnable(GL_SCISSOR_TEST);
}

bool ChartLayerCache::restore(const ChartLayerKey& key, std::vector<MapLabel>& labels) {
    if (!valid_ || !(key == stored_)) return false;
    const GLuint target = boundFramebuffer(GL_DRAW_FRAMEBUFFER_BINDING);
    copy(fbo_.get(), target);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target);
    glClearStencil(0);
    glStencilMask(0xFF);
    glClear(GL_STENCIL_BUFFER_BIT);
    labels = labels_;
    last_ = key;
    haveLast_ = true;
    ++restores_;
    return true;
}

void ChartLayerCache::offer(const ChartLayerKey& key, const std::vector<MapLabel>& labels) {
    const bool still = haveLast_ && key == last_;
    last_ = key;
    haveLast_ = true;
    if (!still) return;
    if (!fbo_ || widthPx_ != key.widthPx || heightPx_ != key.heightPx) {
        colour_.reset();
        fbo_.reset();
        GLuint rb = 0;
        glGenRenderbuffers(1, &rb);
        colour_ = GlRenderbuffer(rb);
        glBindRenderbuffer(GL_RENDERBUFFER, rb);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, key.widthPx, key.heightPx);
        GLuint fb = 0;
        glGenFramebuffers(1, &fb);
        fbo_ = GlFramebuffer(fb);
        const GLuint draw = boundFramebuffer(GL_DRAW_FRAMEBUFFER_BINDING);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fb);
        glFramebufferRenderbuffer(GL_DRAW_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb);
        const bool complete =
            glCheckFramebufferStatus(GL_DRAW_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, draw);
        widthPx_ = key.widthPx;
        heightPx_ = key.heightPx;
        if (!complete) {
            clear();
            return;
        }
    }
    const GLuint target = boundFramebuffer(GL_DRAW_FRAMEBUFFER_BINDING);
    copy(target, fbo_.get());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target);
    valid_ = true;
    stored_ = key;
    labels_ = labels;
    ++stores_;
}

void ChartLayerCache::clear() {
    valid_ = false;
    haveLast_ = false;
    colour_.reset();
    fbo_.reset();
    widthPx_ = heightPx_ = 0;
    labels_.clear();
}

}  // namespace seawatch::render
