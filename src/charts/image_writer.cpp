#include "seawatch/charts/image_writer.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "seawatch/common/gdal_init.hpp"
#include "seawatch/common/output_file.hpp"

namespace seawatch::charts {

namespace {

std::string lowerExtension(const std::string& path) {
    const auto dot = path.find_last_of('.');
    if (dot == std::string::npos) return {};
    std::string ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// PNGs are written with libpng directly, not through GDAL: GDAL's PNG driver leaves libpng
// to try all five row filters on every row, which cost more than drawing the picture
// (about 0.7 G instructions of 1.2 G for a 1920x1080 map). No filter and zlib level 1 take
// a sixth of the work for a file about 1.6 times larger (179 KB instead of 113 KB for the
// Gulf of Aden at 1920x1080); a map of flat colours compresses well either way.
//
// Raw deflate (no zlib header) of the PNG scanlines of rows [first, end): each row a filter
// byte 0 and its pixels. The last part ends the stream (Z_FINISH); others end on a byte
// boundary without closing it (Z_SYNC_FLUSH), so the parts join into one deflate stream.
struct DeflatedRows {
    std::vector<unsigned char> bytes;
    uLong adler = adler32(0L, Z_NULL, 0);
    uLong length = 0;  // uncompressed bytes
    bool ok = false;
};

DeflatedRows deflateRows(const RgbaImage& image, int first, int end, bool last) {
    DeflatedRows out;
    z_stream z{};
    if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return out;
    const std::size_t stride = static_cast<std::size_t>(image.width) * 4;
    out.bytes.resize(deflateBound(&z, static_cast<uLong>((stride + 1) * (end - first))) + 64);
    z.next_out = out.bytes.data();
    z.avail_out = static_cast<uInt>(out.bytes.size());
    unsigned char filter = 0;
    bool ok = true;
    for (int y = first; y < end && ok; ++y) {
        const unsigned char* row = image.pixels.data() + stride * static_cast<std::size_t>(y);
        z.next_in = &filter;
        z.avail_in = 1;
        ok = deflate(&z, Z_NO_FLUSH) == Z_OK;
        z.next_in = const_cast<unsigned char*>(row);
        z.avail_in = static_cast<uInt>(stride);
        ok = ok && deflate(&z, Z_NO_FLUSH) == Z_OK;
        out.adler = adler32(out.adler, &filter, 1);
        out.adler = adler32(out.adler, row, static_cast<uInt>(stride));
        out.length += static_cast<uLong>(stride + 1);
    }
    const int flushed = ok ? deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH) : Z_STREAM_ERROR;
    out.ok = last ? flushed == Z_STREAM_END : flushed == Z_OK;
    out.bytes.resize(out.bytes.size() - z.avail_out);
    deflateEnd(&z);
    return out;
}

// The image data of a PNG as one zlib stream compressed in two halves at once, pigz's way:
// the top half on a second thread, the bottom here, joined by a byte-aligned flush, with the
// Adler-32 of the whole combined from the halves'. Deflate at level 1 was the largest part
// of a one-shot `render` after drawing; halved on two cores. The second half does not see
// the first as history, which costs a fraction of a percent of the file's size.
bool compressImageData(const RgbaImage& image, std::vector<unsigned char>& zlibStream) {
    const int split = image.height / 2;
    DeflatedRows top;
    std::thread topThread([&] { top = deflateRows(image, 0, split, false); });
    DeflatedRows bottom = deflateRows(image, split, image.height, true);
    topThread.join();
    if (!top.ok || !bottom.ok) return false;
    zlibStream.clear();
    zlibStream.reserve(2 + top.bytes.size() + bottom.bytes.size() + 4);
    zlibStream.push_back(0x78);  // deflate, 32 KiB window
    zlibStream.push_back(0x01);  // fastest; (0x78 * 256 + 0x01) % 31 == 0
    zlibStream.insert(zlibStream.end(), top.bytes.begin(), top.bytes.end());
    zlibStream.insert(zlibStream.end(), bottom.bytes.begin(), bottom.bytes.end());
    const uLong adler =
        adler32_combine(top.adler, bottom.adler, static_cast<z_off_t>(bottom.length));
    for (int shift = 24; shift >= 0; shift -= 8)
        zlibStream.push_back(static_cast<unsigned char>((adler >> shift) & 0xFF));
    return true;
}

// libpng reports errors by longjmp, so this function holds nothing with a destructor
// between setjmp and the calls that may jump; `error` is a plain buffer and the compressed
// data is made before the jump point. libpng writes the signature, header and chunks; the
// image data goes in as a ready IDAT chunk (compressImageData).
bool writePngFile(const char* path, const RgbaImage& image, char (&error)[256]) {
    std::vector<unsigned char> idat;
    if (!compressImageData(image, idat)) {
        std::snprintf(error, sizeof error, "zlib could not compress the image");
        return false;
    }
    std::FILE* file = std::fopen(path, "wb");
    if (!file) {
        std::snprintf(error, sizeof error, "%s", std::strerror(errno));
        return false;
    }
    png_structp png = png_create_write_struct(
        PNG_LIBPNG_VER_STRING, &error,
        [](png_structp p, png_const_charp message) {
            auto* buffer = static_cast<char(*)[256]>(png_get_error_ptr(p));
            std::snprintf(*buffer, sizeof *buffer, "%s", message);
            png_longjmp(p, 1);
        },
        [](png_structp, png_const_charp) {});
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!png || !info) {
        png_destroy_write_struct(&png, nullptr);
        std::fclose(file);
        std::snprintf(error, sizeof error, "out of memory");
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        std::fclose(file);
        return false;
    }
    png_init_io(png, file);
    png_set_IHDR(png, info, static_cast<png_uint_32>(image.width),
                 static_cast<png_uint_32>(image.height), 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"), idat.data(), idat.size());
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
    png_destroy_write_struct(&png, &info);
    if (std::fclose(file) != 0) {
        std::snprintf(error, sizeof error, "%s", std::strerror(errno));
        return false;
    }
    return true;
}

}  // namespace

Status writeImage(const std::string& path, const RgbaImage& image, const geo::MercatorBox& extent) {
    initGdal();
    const std::string ext = lowerExtension(path);
    const bool geotiff = ext == "tif" || ext == "tiff";
    if (!geotiff && ext != "png") {
        return makeError(path + ": unsupported output format (use .png, .tif or .tiff)");
    }
    if (image.width <= 0 || image.height <= 0 ||
        image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * 4) {
        return makeError(path + ": empty or inconsistent image");
    }
    if (!geotiff) {
        // The same temporary-name-and-rename as the GeoTIFF below.
        auto file = AtomicFile::create(path, false);
        if (!file) return makeError(file.error());
        char error[256] = "";
        if (!writePngFile(file->tempPath().c_str(), image, error))
            return makeError(cannotWrite(path, error));
        return file->commit();
    }
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver* out = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!mem || !out) return makeError("GDAL lacks the MEM or GTiff driver");
    DatasetPtr src(mem->Create("", image.width, image.height, 4, GDT_Byte, nullptr));
    if (!src) return makeError("GDAL could not create an in-memory image");
    const CPLErr err =
        src->RasterIO(GF_Write, 0, 0, image.width, image.height,
                      const_cast<std::uint8_t*>(image.pixels.data()), image.width, image.height,
                      GDT_Byte, 4, nullptr, 4, static_cast<GSpacing>(image.width) * 4, 1);
    if (err != CE_None) return makeError("GDAL could not fill the in-memory image");
    src->GetRasterBand(4)->SetColorInterpretation(GCI_AlphaBand);
    double transform[6] = {extent.minX, extent.width() / image.width,   0.0, extent.maxY,
                           0.0,         -extent.height() / image.height};
    src->SetGeoTransform(transform);
    OGRSpatialReference srs;
    srs.importFromEPSG(3857);
    src->SetSpatialRef(&srs);
    CPLStringList options;
    options.SetNameValue("COMPRESS", "DEFLATE");
    options.SetNameValue("PREDICTOR", "2");
    options.SetNameValue("ALPHA", "YES");
    // Written under a temporary name and renamed once GDAL has closed it: an interrupted or
    // failed write leaves no truncated image under the real name.
    auto file = AtomicFile::create(path, false);
    if (!file) return makeError(file.error());
    const std::string temporary = file->tempPath().string();
    GdalFileScope scope(path);
    CPLErrorReset();
    DatasetPtr written(
        out->CreateCopy(temporary.c_str(), src.get(), FALSE, options.List(), nullptr, nullptr));
    if (!written) {
        return makeError(cannotWrite(path, CPLGetLastErrorMsg()));
    }
    // GDALClose flushes the last blocks: a full disk shows here, as an error GDAL raised.
    GDALDataset* raw = written.release();
    GDALClose(GDALDataset::ToHandle(raw));
    std::error_code ec;
    std::filesystem::remove(temporary + ".aux.xml", ec);  // PAM side file, if GDAL made one
    if (scope.errors() > 0) return makeError(cannotWrite(path, CPLGetLastErrorMsg()));
    return file->commit();
}

}  // namespace seawatch::charts
