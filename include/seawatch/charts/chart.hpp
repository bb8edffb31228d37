#pragma once
// Charts: anything GDAL/OGR opens, turned into what the renderer draws.
// All coordinates are Web Mercator (EPSG:3857) metres, the display projection.
// Vector geometry is columnar: one flat vertex array with offset arrays for parts,
// so a layer of 100k coastline vertices is three allocations, not 100k.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/geo/geo.hpp"

namespace seawatch::geo {
struct PolygonSetTriangles;
}

namespace seawatch::charts {

// What a vector layer *means*, which decides how it is styled.
enum class FeatureClass : std::uint8_t {
    Generic,       // any other OGR layer
    Land,          // Natural Earth land, S-57 LNDARE
    Coastline,     // S-57 COALNE, Natural Earth land outline
    Boundary,      // country boundaries
    DepthArea,     // S-57 DEPARE (shaded by depth band)
    DepthContour,  // S-57 DEPCNT
    Sounding,      // S-57 SOUNDG (depth figures at large scale)
    Hazard,        // S-57 OBSTRN, WRKS, UWTROC
    NavAid,        // S-57 LIGHTS, BOYxxx, BCNxxx
    Restricted,    // S-57 RESARE, ACHARE, ACHBRT
};

const char* featureClassName(FeatureClass c);

struct Rgba {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
};

struct VectorStyle {
    Rgba fill{0, 0, 0, 0};  // a == 0: not filled
    Rgba stroke{0, 0, 0, 255};
    float strokeWidthPx = 1.0f;  // 0: no outline
    float pointSizePx = 4.0f;
    float dashLengthPx = 0.0f;  // 0: solid; otherwise dash and gap of this length
};

// The clear colour under every chart: a pale sea, as on a paper chart.
inline constexpr Rgba kSeaColour{214, 232, 244, 255};

// What a layer means, from its name: S-57 object acronyms (LNDARE, DEPARE, ...) and the
// basemap's layer names (land, coastline, boundaries).
FeatureClass classifyLayer(std::string_view layerName);
// The nautical-chart look of each class (buff land, dark coastline, magenta restrictions).
VectorStyle defaultStyle(FeatureClass c);
// Fill of an S-57 depth area by its shallow limit DRVAL1 in metres, in the paper-chart
// convention: drying areas green, shallow water a saturated blue, deep water near white.
// NaN (unknown depth) gives the DepthArea layer's default fill.
Rgba depthAreaFill(float shallowDepthM);

// Polygons, lines and points of one OGR layer, in Web Mercator metres.
// polygons: polygonRingStart[p]..polygonRingStart[p+1] index rings;
// rings:    ringVertexStart[r]..ringVertexStart[r+1] index vertices (closed rings, first
//           vertex not repeated). The first ring of a polygon is its shell, the rest holes.
// lines:    lineVertexStart[l]..lineVertexStart[l+1] index lineVertices.
struct VectorLayer {
    std::string name;
    FeatureClass featureClass = FeatureClass::Generic;
    VectorStyle style;
    geo::MercatorBox bounds;

    std::vector<double> ringX, ringY;
    std::vector<std::uint32_t> ringVertexStart{0};
    std::vector<std::uint32_t> polygonRingStart{0};
    // Per polygon: a value that drives styling (DEPARE: DRVAL1 shallow depth in metres).
    std::vector<float> polygonValue;

    std::vector<double> lineX, lineY;
    std::vector<std::uint32_t> lineVertexStart{0};
    std::vector<float> lineValue;  // DEPCNT: VALDCO

    std::vector<double> pointX, pointY;
    std::vector<float> pointValue;  // SOUNDG: depth in metres; NaN when none
    std::vector<std::string> pointLabel;  // one per point: OBJNAM or name, "" when none

    std::size_t polygonCount() const { return polygonRingStart.size() - 1; }
    std::size_t ringCount() const { return ringVertexStart.size() - 1; }
    std::size_t lineCount() const { return lineVertexStart.size() - 1; }
    std::size_t pointCount() const { return pointX.size(); }
    std::size_t featureCount = 0;  // OGR features read (a multipoint sounding is one)

    // Fill triangles got beforehand (prepareFillTriangles, which needs no GL context, so a
    // loader thread can do it); when absent the renderer gets them as it uploads the layer.
    std::shared_ptr<const geo::PolygonSetTriangles> fillTriangles;

    // Whether the renderer fills the layer's polygons (a fill colour, or depth bands).
    bool fillsPolygons() const {
        return polygonCount() > 0 && (style.fill.a > 0 || featureClass == FeatureClass::DepthArea);
    }
};

// An RGBA8 image, row-major, top row first.
struct RgbaImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // width * height * 4
};

// A raster chart, reprojected on the fly to EPSG:3857 through a GDAL warped VRT.
// Reads go through overviews so a 10,000 x 7,000 chart pans smoothly. One RasterChart is
// not thread-safe; open one per thread (open() is cheap once GDAL has the file cached).
class RasterChart {
public:
    static Result<std::unique_ptr<RasterChart>> open(const std::string& path);
    ~RasterChart();
    RasterChart(const RasterChart&) = delete;
    RasterChart& operator=(const RasterChart&) = delete;

    const std::string& path() const { return path_; }
    geo::MercatorBox bounds() const;     // in EPSG:3857 metres
    double nativeResolutionM() const;  // metres per pixel at full resolution
    int width() const;                 // of the reprojected (warped) raster
    int height() const;
    std::string description() const;   // driver, size, bands, how it was georeferenced

    // Renders `region` into an outWidth x outHeight RGBA image; outside the chart and
    // nodata pixels are transparent. Palettes are expanded, alpha bands kept.
    Result<RgbaImage> read(const geo::MercatorBox& region, int outWidth, int outHeight);
    // One 256 x 256 tile of the standard web-mercator scheme (z/x/y, y down from the north).
    Result<RgbaImage> readTile(int zoom, int tileX, int tileY);
    // The smallest tile zoom at which tiles are at least as detailed as the chart itself.
    int nativeZoom() const;

private:
    RasterChart() = default;
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string path_;
};

// A vector chart: every OGR layer with geometry, classified and styled.
struct VectorChart {
    std::string path;
    std::string driver;  // "S57", "GeoJSON", "GPKG", ...
    std::vector<VectorLayer> layers;
    geo::MercatorBox bounds;
    // Features that could not be used (no coordinates, out of range, failed transform):
    // each is skipped and described here, naming the file, layer and feature id.
    std::size_t skippedFeatures = 0;
    std::vector<std::string> warnings;  // at most the first 100
};

Result<VectorChart> loadVectorChart(const std::string& path);

enum class ChartType { Raster, Vector };

// Which kind a file is, or a clear error: corrupt, unsupported, or not georeferenced.
Result<ChartType> probeChart(const std::string& path);

// The Natural Earth basemap shipped in data/ (land, coastline, boundaries; its
// `countries` layer is left out, the borders are in `boundaries`).
Result<VectorChart> loadBasemap();

// Bounds of tile z/x/y of the standard 256-pixel web-mercator tile scheme.
geo::MercatorBox webMercatorTileBounds(int zoom, int tileX, int tileY);

// Registers GDAL drivers once and quiets GDAL's own stderr chatter (errors are returned).
void initGdal();

}  // namespace seawatch::charts
