// Classification and default look of vector layers, after the paper nautical chart
// (INT 1 / S-52 day palette, simplified): buff land, pale sea, blue shallows, magenta
// for regulated areas and aids to navigation.
#include <array>
#include <cctype>
#include <cmath>
#include <string>
#include <utility>

#include "seawatch/charts/chart.hpp"

namespace seawatch::charts {

const char* featureClassName(FeatureClass c) {
    switch (c) {
        case FeatureClass::Generic:
            return "generic";
        case FeatureClass::Land:
            return "land";
        case FeatureClass::Coastline:
            return "coastline";
        case FeatureClass::Boundary:
            return "boundary";
        case FeatureClass::DepthArea:
            return "depth area";
        case FeatureClass::DepthContour:
            return "depth contour";
        case FeatureClass::Sounding:
            return "sounding";
        case FeatureClass::Hazard:
            return "hazard";
        case FeatureClass::NavAid:
            return "aid to navigation";
        case FeatureClass::Restricted:
            return "restricted area";
    }
    return "generic";
}

FeatureClass classifyLayer(std::string_view layerName) {
    std::string name(layerName);
    for (char& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    static const std::array<std::pair<std::string_view, FeatureClass>, 17> exact{{
        {"LNDARE", FeatureClass::Land},
        {"LAND", FeatureClass::Land},
        {"COALNE", FeatureClass::Coastline},
        {"COASTLINE", FeatureClass::Coastline},
        {"BOUNDARIES", FeatureClass::Boundary},
        {"BOUNDARY", FeatureClass::Boundary},
        {"DEPARE", FeatureClass::DepthArea},
        {"DRGARE", FeatureClass::DepthArea},  // dredged areas carry DRVAL1 too
        {"DEPCNT", FeatureClass::DepthContour},
        {"SOUNDG", FeatureClass::Sounding},
        {"OBSTRN", FeatureClass::Hazard},
        {"WRECKS", FeatureClass::Hazard},
        {"UWTROC", FeatureClass::Hazard},
        {"LIGHTS", FeatureClass::NavAid},
        {"RESARE", FeatureClass::Restricted},
        {"ACHARE", FeatureClass::Restricted},
        {"ACHBRT", FeatureClass::Restricted},
    }};
    for (const auto& [key, featureClass] : exact) {
        if (name == key) return featureClass;
    }
    // Buoys (BOYLAT, BOYCAR, ...) and beacons (BCNLAT, BCNSPP, ...).
    if (name.size() == 6 && (name.starts_with("BOY") || name.starts_with("BCN"))) {
        return FeatureClass::NavAid;
    }
    return FeatureClass::Generic;
}

VectorStyle defaultStyle(FeatureClass c) {
    VectorStyle s;
    switch (c) {
        case FeatureClass::Land:
            s.fill = {236, 220, 178, 255};
            s.stroke = {0, 0, 0, 0};
            s.strokeWidthPx = 0.0f;
            break;
        case FeatureClass::Coastline:
            s.stroke = {94, 78, 60, 255};
            s.strokeWidthPx = 1.2f;
            break;
        case FeatureClass::Boundary:
            s.stroke = {158, 112, 150, 220};
            s.strokeWidthPx = 1.0f;
            s.dashLengthPx = 6.0f;
            break;
        case FeatureClass::DepthArea:
            s.fill = depthAreaFill(std::nanf(""));
            s.stroke = {0, 0, 0, 0};
            s.strokeWidthPx = 0.0f;
            break;
        case FeatureClass::DepthContour:
            s.stroke = {112, 146, 178, 255};
            s.strokeWidthPx = 0.8f;
            break;
        case FeatureClass::Sounding:
            s.stroke = {52, 64, 86, 255};
            s.pointSizePx = 2.0f;
            break;
        case FeatureClass::Hazard:
            s.stroke = {30, 30, 30, 255};
            s.strokeWidthPx = 1.0f;
            s.dashLengthPx = 3.0f;
            s.pointSizePx = 6.0f;
            break;
        case FeatureClass::NavAid:
            s.fill = {176, 26, 140, 255};
            s.stroke = {176, 26, 140, 255};
            s.pointSizePx = 6.0f;
            break;
        case FeatureClass::Restricted:
            s.stroke = {176, 26, 140, 255};
            s.strokeWidthPx = 1.5f;
            s.dashLengthPx = 8.0f;
            break;
        case FeatureClass::Generic:
            s.fill = {128, 128, 128, 48};
            s.stroke = {80, 80, 80, 255};
            s.strokeWidthPx = 1.0f;
            break;
    }
    return s;
}

Rgba depthAreaFill(float shallowDepthM) {
    if (std::isnan(shallowDepthM)) return {185, 215, 242, 255};
    if (shallowDepthM < 0.0f) return {176, 196, 150, 255};  // drying: foreshore green
    if (shallowDepthM < 5.0f) return {115, 170, 222, 255};
    if (shallowDepthM < 10.0f) return {150, 194, 236, 255};
    if (shallowDepthM < 20.0f) return {185, 215, 242, 255};
    if (shallowDepthM < 50.0f) return {212, 232, 248, 255};
    if (shallowDepthM < 200.0f) return {232, 243, 252, 255};
    return {248, 251, 255, 255};
}

}  // namespace seawatch::charts
