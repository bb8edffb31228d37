#!/usr/bin/env bash
# Rebuilds data/basemap/natural_earth.gpkg, the bundled Natural Earth 1:10m basemap,
# from the npm package world-atlas (Natural Earth, public domain).
#
# Layers (EPSG:4326, clipped to 25°E–80°E, 20°S–32°N):
#   land        land polygons (made valid: Natural Earth's land is self-intersecting)
#   countries   country polygons with their name
#   coastline   land outline as lines (not clipped as polygons, so no box edges)
#   boundaries  land borders between countries: TopoJSON arcs shared by two countries
#
# Re-runnable and deterministic: pinned package versions, fixed GeoPackage timestamps,
# stable feature order. Needs node/npm and gdal-bin (ogr2ogr).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/data/basemap/natural_earth.gpkg"
WORLD_ATLAS_VERSION=2.0.2
TOPOJSON_CLIENT_VERSION=3.1.0
CLIP=(25 -20 80 32)  # west south east north, degrees

for tool in npm node ogr2ogr; do
  command -v "$tool" >/dev/null 2>&1 || { echo "make_basemap: $tool is required" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "make_basemap: fetching world-atlas@$WORLD_ATLAS_VERSION" >&2
npm install --silent --no-save --no-audit --no-fund --ignore-scripts --prefix "$work" \
  "world-atlas@$WORLD_ATLAS_VERSION" "topojson-client@$TOPOJSON_CLIENT_VERSION" >&2
atlas="$work/node_modules/world-atlas"

# Line layers straight from the topology: an arc used by two different countries is a
# land border; every arc of the land object is coastline. Deriving them from shared arcs
# is exact (no polygon-intersection slivers) and keeps coastlines out of the borders.
node - "$atlas" "$work" <<'JS'
const fs = require("fs");
const path = require("path");
const [atlas, work] = process.argv.slice(2);
const topojson = require(path.join(work, "node_modules", "topojson-client"));
const countries = JSON.parse(fs.readFileSync(path.join(atlas, "countries-10m.json")));
const land = JSON.parse(fs.readFileSync(path.join(atlas, "land-10m.json")));
const write = (name, geometry) =>
  fs.writeFileSync(path.join(work, name + ".geojson"), JSON.stringify({
    type: "FeatureCollection",
    features: [{ type: "Feature", properties: {}, geometry }],
  }));
write("boundaries", topojson.mesh(countries, countries.objects.countries, (a, b) => a !== b));
write("coastline", topojson.mesh(land, land.objects.land));
JS

# Fixed timestamps in gpkg_contents make the output byte-for-byte reproducible.
export OGR_CURRENT_DATE="2000-01-01T00:00:00.000Z"
common=(-a_srs EPSG:4326 -lco SPATIAL_INDEX=YES -gt unlimited)

# Natural Earth polygons are invalid (self-touching rings); fix them before clipping,
# otherwise the clip drops or mangles geometry.
ogr2ogr -f GPKG "$work/valid.gpkg" "$atlas/land-10m.json" land -nln land \
  -makevalid -nlt MULTIPOLYGON -a_srs EPSG:4326
ogr2ogr -f GPKG -update "$work/valid.gpkg" "$atlas/countries-10m.json" countries \
  -nln countries -makevalid -nlt MULTIPOLYGON -a_srs EPSG:4326 -select name

rm -f "$OUT"
mkdir -p "$(dirname "$OUT")"
ogr2ogr -f GPKG "$OUT" "$work/valid.gpkg" land -nln land \
  -clipsrc "${CLIP[@]}" -nlt MULTIPOLYGON -makevalid "${common[@]}"
ogr2ogr -f GPKG -update "$OUT" "$work/valid.gpkg" countries -nln countries \
  -clipsrc "${CLIP[@]}" -nlt MULTIPOLYGON -makevalid -skipfailures "${common[@]}"
ogr2ogr -f GPKG -update "$OUT" "$work/coastline.geojson" -nln coastline \
  -clipsrc "${CLIP[@]}" -nlt MULTILINESTRING "${common[@]}"
ogr2ogr -f GPKG -update "$OUT" "$work/boundaries.geojson" -nln boundaries \
  -clipsrc "${CLIP[@]}" -nlt MULTILINESTRING "${common[@]}"

# Drop the free pages left by the intermediate writes.
ogrinfo -q "$OUT" -sql "VACUUM" >/dev/null

ls -l "$OUT" >&2
