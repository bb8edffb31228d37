#pragma once
// Incidents on the chart: a category marker (colour and shape from the core symbology) for
// each incident that has happened by the picture's time, clustered with counts where they
// crowd, a fading ring on those of the last 24 hours, and emphasis for the selected and
// highlighted ones. Built from incident columns only, so the console, `seawatch brief` and
// `seawatch render --at` draw the same thing.
//
// Lone markers are GPU instances (src/render/symbol_batch.hpp), sent again only when the
// clusters are recomputed or, unclustered, when the set of incidents shown at the picture's
// time changes; the bubbles, rings and counts are canvas triangles (a few hundred at most).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "seawatch/incidents/clustering.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/render/overlay.hpp"

namespace seawatch::render {

class SymbolBatch;

class IncidentOverlay : public MapOverlay {
  public:
    // `sourceRefs`, when given, is aligned with the columns and lets the overlay emphasise
    // MapSelection::highlightedIncidents (which names incidents by source reference).
    explicit IncidentOverlay(incidents::IncidentColumns columns,
                             std::vector<std::string> sourceRefs = {});
    ~IncidentOverlay() override;
    IncidentOverlay(const IncidentOverlay&) = delete;
    IncidentOverlay& operator=(const IncidentOverlay&) = delete;
    void setIncidents(incidents::IncidentColumns columns, std::vector<std::string> sourceRefs = {});

    const char* name() const override { return "Incidents"; }
    void build(const OverlayContext& context, Canvas& canvas) override;
    void drawInstancedUnder(const OverlayContext& context, MapRenderer& renderer) override;
    void drawInstanced(const OverlayContext& context, MapRenderer& renderer) override;
    std::optional<geo::GeoBox> extent(time::UnixMillis now) const override;

    const incidents::IncidentColumns& columns() const { return columns_; }
    // Marker instances sent to the GPU by the last frame, and how often they were rebuilt.
    std::size_t markersDrawn() const;
    std::size_t markerRebuilds() const { return markerRebuilds_; }

    // What is under a screen point: a single incident (its column row) or a cluster.
    struct Pick {
        std::optional<std::size_t> row;                     // a lone marker
        std::optional<incidents::IncidentCluster> cluster;  // two or more incidents
    };
    Pick pick(const geo::MapView& view, time::UnixMillis now, geo::ScreenPoint point,
              float pixelScale = 1.0f);

    float markerSizePx = 7.0f;    // half-size of a marker before pixel scaling
    double clusterCellPx = 44.0;  // 0 or less: never cluster
    time::UnixMillis recentWindow = time::kMillisPerDay;

  private:
    const std::vector<incidents::IncidentCluster>& clustersFor(const geo::MapView& view,
                                                               time::UnixMillis now,
                                                               float pixelScale);
    void drawEmphasis(const OverlayContext& context, Canvas& canvas);
    void buildClustered(const OverlayContext& context, Canvas& canvas);
    void buildUnclustered(const OverlayContext& context, Canvas& canvas);
    void recentRing(const OverlayContext& context, ScreenPoint at, incidents::Category category,
                    time::UnixMillis occurredAt, float radiusPx, Canvas& canvas) const;

    incidents::IncidentColumns columns_;
    std::vector<std::string> sourceRefs_;
    std::vector<geo::Mercator> positions_;
    // Clusters of the last view and time: hover and click reuse them without re-clustering.
    struct CacheKey {
        double cx = 0, cy = 0, mpp = 0;
        int w = 0, h = 0;
        time::UnixMillis now = 0;
        float pixelScale = 0;
        std::uint64_t generation = 0;
        bool operator==(const CacheKey&) const = default;
    };
    std::optional<CacheKey> cacheKey_;
    std::vector<incidents::IncidentCluster> clusters_;
    std::uint64_t generation_ = 1;
    std::vector<std::string> highlightedRefs_;
    std::vector<std::size_t> highlightedRows_;
    std::uint64_t clusterVersion_ = 0;  // bumped whenever clusters_ is recomputed
    // Lone markers on the GPU, and what they were built from.
    struct MarkerKey {
        std::uint64_t generation = 0;  // clusterVersion_, or generation_ when unclustered
        std::size_t shown = 0;
        float sizePx = 0;
        bool clustered = true;
        bool operator==(const MarkerKey&) const = default;
    };
    std::unique_ptr<SymbolBatch> markers_;
    std::unique_ptr<SymbolBatch> clusterDiscs_;  // built with markers_, drawn under the counts
    std::optional<MarkerKey> markerKey_;
    std::size_t markerRebuilds_ = 0;
    std::vector<std::size_t> byTime_;                   // rows by time, for the unclustered path
    std::vector<incidents::Category> shownCategories_;  // legend of the unclustered set
};

// The outline of a marker shape of half-size `r` around `at`, clockwise on screen (empty for
// a circle): what the map draws, and the legends after it.
std::vector<geo::ScreenPoint> markerOutline(incidents::MarkerShape shape, geo::ScreenPoint at,
                                            double r);

// The legend row of a category: its label, and the marker's own shape, colour and fill, so
// the legend shows what the map draws (the console's panel and the pictures' corner both).
LegendEntry incidentLegendEntry(incidents::Category category);

// Draws one incident marker (white halo, then the category symbol) centred on `at`.
void drawIncidentMarker(Canvas& canvas, geo::ScreenPoint at, const incidents::MarkerSymbol& symbol,
                        float halfSizePx, float alpha = 1.0f);

}  // namespace seawatch::render
