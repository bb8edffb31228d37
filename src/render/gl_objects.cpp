#include "gl_objects.hpp"

#include <fstream>
#include <sstream>

#include "seawatch/common/resources.hpp"

namespace seawatch::render {

namespace {

Result<std::string> readText(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("cannot read shader " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// `defines` ("#define NAME VALUE" lines) go right after the source's #version line.
Result<GLuint> compile(GLenum stage, const std::filesystem::path& path,
                       const std::string& defines) {
    auto source = readText(path);
    if (!source) return makeError(source.error());
    if (!defines.empty()) {
        const std::size_t version = source->find("#version");
        const std::size_t lineEnd = version == std::string::npos ? 0 : source->find('\n', version);
        const std::size_t at = lineEnd == std::string::npos ? source->size() : lineEnd + 1;
        source->insert(at, defines);
    }
    const GLuint shader = glCreateShader(stage);
    const char* text = source->c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        glDeleteShader(shader);
        return makeError(path.string() + ": compile error: " + log);
    }
    return shader;
}

}  // namespace

Result<GlProgram> loadProgram(const std::string& name, const std::string& defines) {
    const auto dir = resourcePath("shaders");
    auto vs = compile(GL_VERTEX_SHADER, dir / (name + ".vert"), defines);
    if (!vs) return makeError(vs.error());
    auto fs = compile(GL_FRAGMENT_SHADER, dir / (name + ".frag"), defines);
    if (!fs) {
        glDeleteShader(*vs);
        return makeError(fs.error());
    }
    GlProgram program(glCreateProgram());
    glAttachShader(program.get(), *vs);
    glAttachShader(program.get(), *fs);
    glLinkProgram(program.get());
    glDeleteShader(*vs);
    glDeleteShader(*fs);
    GLint ok = 0;
    glGetProgramiv(program.get(), GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetProgramInfoLog(program.get(), sizeof log, nullptr, log);
        return makeError("shaders/" + name + ": link error: " + log);
    }
    return program;
}

}  // namespace seawatch::render
