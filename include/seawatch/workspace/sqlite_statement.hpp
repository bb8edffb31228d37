#pragma once
// A prepared SQLite statement with RAII and typed binds, for the GeoPackage implementations of
// the domains' stores (the workspace layer's SQLite backend; see gpkg.hpp).
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/common/result.hpp"

namespace seawatch::workspace {

class Statement {
  public:
    static Result<Statement> prepare(sqlite3* db, std::string_view sql) {
        sqlite3_stmt* raw = nullptr;
        const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                          SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
        if (rc != SQLITE_OK) {
            return makeError(std::string("SQL prepare failed: ") + sqlite3_errmsg(db) +
                             " in: " + std::string(sql.substr(0, 120)));
        }
        return Statement(raw);
    }

    sqlite3_stmt* get() const { return stmt_.get(); }

    void bind(int index, std::int64_t value) { sqlite3_bind_int64(get(), index, value); }
    void bind(int index, int value) { sqlite3_bind_int(get(), index, value); }
    void bind(int index, double value) { sqlite3_bind_double(get(), index, value); }
    void bind(int index, std::string_view text) {
        sqlite3_bind_text(get(), index, text.data(), static_cast<int>(text.size()),
                          SQLITE_TRANSIENT);
    }
    void bind(int index, const char* text) { bind(index, std::string_view(text)); }
    void bind(int index, const std::string& text) { bind(index, std::string_view(text)); }
    void bindBlob(int index, const std::vector<unsigned char>& blob) {
        sqlite3_bind_blob(get(), index, blob.data(), static_cast<int>(blob.size()),
                          SQLITE_TRANSIENT);
    }
    void bindNull(int index) { sqlite3_bind_null(get(), index); }
    // Empty text is stored as NULL so QGIS shows missing values as missing.
    void bindOptionalText(int index, std::string_view text) {
        if (text.empty()) {
            bindNull(index);
        } else {
            bind(index, text);
        }
    }

    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return sqlite3_step(get()); }
    void reset() {
        sqlite3_reset(get());
        sqlite3_clear_bindings(get());
    }

    std::int64_t int64(int col) const { return sqlite3_column_int64(get(), col); }
    double real(int col) const { return sqlite3_column_double(get(), col); }
    bool isNull(int col) const { return sqlite3_column_type(get(), col) == SQLITE_NULL; }
    std::string text(int col) const {
        const auto* p = sqlite3_column_text(get(), col);
        return p ? std::string(reinterpret_cast<const char*>(p),
                               static_cast<std::size_t>(sqlite3_column_bytes(get(), col)))
                 : std::string();
    }

  private:
    struct Finalizer {
        void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
    };
    explicit Statement(sqlite3_stmt* s) : stmt_(s) {}
    std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

inline std::string sqliteError(sqlite3* db, std::string_view what) {
    return std::string(what) + ": " + sqlite3_errmsg(db);
}

}  // namespace seawatch::workspace
