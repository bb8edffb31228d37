#include "seawatch/charts/image_writer.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>

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
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver* out = GetGDALDriverManager()->GetDriverByName(geotiff ? "GTiff" : "PNG");
    if (!mem || !out) return makeError("GDAL lacks the MEM, GTiff or PNG driver");
    DatasetPtr src(mem->Create("", image.width, image.height, 4, GDT_Byte, nullptr));
    if (!src) return makeError("GDAL could not create an in-memory image");
    const CPLErr err =
        src->RasterIO(GF_Write, 0, 0, image.width, image.height,
                      const_cast<std::uint8_t*>(image.pixels.data()), image.width, image.height,
                      GDT_Byte, 4, nullptr, 4, static_cast<GSpacing>(image.width) * 4, 1);
    if (err != CE_None) return makeError("GDAL could not fill the in-memory image");
    src->GetRasterBand(4)->SetColorInterpretation(GCI_AlphaBand);
    if (geotiff) {
        double transform[6] = {extent.minX, extent.width() / image.width,   0.0, extent.maxY,
                               0.0,         -extent.height() / image.height};
        src->SetGeoTransform(transform);
        OGRSpatialReference srs;
        srs.importFromEPSG(3857);
        src->SetSpatialRef(&srs);
    }
    CPLStringList options;
    if (!geotiff) options.SetNameValue("ZLEVEL", "4");  // default 6 costs 2x for 3% smaller
    if (geotiff) {
        options.SetNameValue("COMPRESS", "DEFLATE");
        options.SetNameValue("PREDICTOR", "2");
        options.SetNameValue("ALPHA", "YES");
    }
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
