#pragma once
// Move-only owners of OpenGL names, so no GL object outlives or leaks past its user.
#include <GL/glcorearb.h>

#include <string>
#include <utility>

#include "seawatch/common/result.hpp"

namespace seawatch::render {

template <void (*Delete)(GLuint)>
class GlName {
  public:
    GlName() = default;
    explicit GlName(GLuint name) : name_(name) {}
    ~GlName() { reset(); }
    GlName(GlName&& other) noexcept : name_(std::exchange(other.name_, 0)) {}
    GlName& operator=(GlName&& other) noexcept {
        if (this != &other) {
            reset();
            name_ = std::exchange(other.name_, 0);
        }
        return *this;
    }
    GlName(const GlName&) = delete;
    GlName& operator=(const GlName&) = delete;
    GLuint get() const { return name_; }
    explicit operator bool() const { return name_ != 0; }
    void reset() {
        if (name_) Delete(name_);
        name_ = 0;
    }

  private:
    GLuint name_ = 0;
};

inline void deleteBuffer(GLuint n) {
    glDeleteBuffers(1, &n);
}
inline void deleteVertexArray(GLuint n) {
    glDeleteVertexArrays(1, &n);
}
inline void deleteTexture(GLuint n) {
    glDeleteTextures(1, &n);
}
inline void deleteFramebuffer(GLuint n) {
    glDeleteFramebuffers(1, &n);
}
inline void deleteRenderbuffer(GLuint n) {
    glDeleteRenderbuffers(1, &n);
}
inline void deleteProgram(GLuint n) {
    glDeleteProgram(n);
}

using GlBuffer = GlName<deleteBuffer>;
using GlVertexArray = GlName<deleteVertexArray>;
using GlTexture = GlName<deleteTexture>;
using GlFramebuffer = GlName<deleteFramebuffer>;
using GlRenderbuffer = GlName<deleteRenderbuffer>;
using GlProgram = GlName<deleteProgram>;

inline GlBuffer makeBuffer() {
    GLuint n = 0;
    glGenBuffers(1, &n);
    return GlBuffer(n);
}
inline GlVertexArray makeVertexArray() {
    GLuint n = 0;
    glGenVertexArrays(1, &n);
    return GlVertexArray(n);
}
inline GlTexture makeTexture() {
    GLuint n = 0;
    glGenTextures(1, &n);
    return GlTexture(n);
}

// Compiles shaders/<name>.vert + shaders/<name>.frag; errors name the file and the log.
// `defines` ("#define NAME VALUE\n" lines) are put after each source's #version line.
Result<GlProgram> loadProgram(const std::string& name, const std::string& defines = {});

}  // namespace seawatch::render
