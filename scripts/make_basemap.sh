#!/usr/bin/env bash
# Rebuilds data/basemap/natural_earth.gpkg, the bundled whole-world Natural Earth basemap,
# from the npm package world-atlas (Natural Earth, public domain).
#
# Detail: 1:10m inside the region of interest (DETAIL box below: the western Indian Ocean,
# the Red Sea, the Gulf, the Mediterranean's east and the Bay of Bengal), 1:50m everywhere
# else, so no preset and no zoom shows a place where land stops. The two meet along the
# DETAIL box edges; the 10m and 50m coasts differ there by at most a few hundred metres.
#
# Layers (EPSG:4326, whole world, latitudes cut at the Web Mercator limit ±85.0511°):
#   land        land polygons, two features: the 10m detail and the 50m rest (made valid)
#   coastline   land outline as lines: every arc of the land topology (no box edges)
#   boundaries  land borders between countries: TopoJSON arcs shared by two countries
#
# Antimeridian: world-atlas keeps its topology on the sphere, so rings and arcs that cross
# 180° (Fiji's islands at 16-17°S, Chukotka and Wrangel Island, Antarctica) jump from +180
# to -180 inside one ring. Read as planar coordinates such a ring is a band around the whole
# world; the first basemap had three of them across the Mozambique Channel (land strips and
# coast lines at 16.1-16.9°S). The node step below cuts every ring and line at 180° first.
#
# Re-runnable and deterministic: pinned package versions, fixed GeoPackage timestamps,
# stable feature order. Needs node/npm and gdal-bin (ogr2ogr).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/data/basemap/natural_earth.gpkg"
WORLD_ATLAS_VERSION=2.0.2
TOPOJSON_CLIENT_VERSION=3.1.0
DETAIL=(0 -45 110 45)  # west south east north, degrees: 1:10m inside, 1:50m outside
MERC=85.0511           # Web Mercator's latitude limit, degrees

for tool in npm node ogr2ogr ogrinfo; do
  command -v "$tool" >/dev/null 2>&1 || { echo "make_basemap: $tool is required" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "make_basemap: fetching world-atlas@$WORLD_ATLAS_VERSION" >&2
npm install --silent --no-save --no-audit --no-fund --ignore-scripts --prefix "$work" \
  "world-atlas@$WORLD_ATLAS_VERSION" "topojson-client@$TOPOJSON_CLIENT_VERSION" >&2
atlas="$work/node_modules/world-atlas"

# GeoJSON for both scales, cut at the antimeridian. Lines: an arc used by two different
# countries is a land border; every arc of the land object is coastline. Deriving them from
# shared arcs is exact (no polygon-intersection slivers) and keeps coastlines out of borders.
node - "$atlas" "$work" <<'JS'
const fs = require("fs");
const path = require("path");
const [atlas, work] = process.argv.slice(2);
const topojson = require(path.join(work, "node_modules", "topojson-client"));
const read = (name) => JSON.parse(fs.readFileSync(path.join(atlas, name)));
const write = (name, geometries) =>
  fs.writeFileSync(path.join(work, name + ".geojson"), JSON.stringify({
    type: "FeatureCollection",
    features: geometries.map((geometry) => ({ type: "Feature", properties: {}, geometry })),
  }));

// Longitudes made continuous along a ring or line: a step of more than 180° is taken as a
// crossing of the antimeridian, so later points are shifted by ±360.
function unwrap(points) {
  let shift = 0;
  return points.map((p, i) => {
    if (i > 0) {
      const step = p[0] - points[i - 1][0];
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    return [p[0] + shift, p[1]];
  });
}

// Sutherland-Hodgman: the part of a closed ring with sign * (x - edge) >= 0.
function clipRing(ring, edge, sign) {
  const inside = (p) => sign * (p[0] - edge) >= 0;
  const cross = (a, b) => {
    const t = (edge - a[0]) / (b[0] - a[0]);
    return [edge, a[1] + t * (b[1] - a[1])];
  };
  const out = [];
  for (let i = 0; i < ring.length; ++i) {
    const a = ring[i], b = ring[(i + 1) % ring.length];
    if (inside(a)) {
      out.push(a);
      if (!inside(b)) out.push(cross(a, b));
    } else if (inside(b)) {
      out.push(cross(a, b));
    }
  }
  return out;
}

const windows = [-540, -180, 180];  // 360° windows [w, w + 360) that unwrapped rings touch

// A polygon (rings, first the shell) as polygons within [-180, 180].
function cutPolygon(rings) {
  const open = rings.map((r) => unwrap(r.slice(0, -1)));
  // A ring around a pole (Antarctica) comes back shifted by 360°: close it along the pole.
  open.forEach((r) => {
    const drift = r[r.length - 1][0] - r[0][0];
    if (Math.abs(drift) > 180) {
      const pole = r[0][1] < 0 ? -90 : 90;
      r.push([r[r.length - 1][0], pole], [r[0][0], pole]);
    }
  });
  const pieces = [];
  for (const w of windows) {
    const part = open
      .map((r) => clipRing(clipRing(r, w, 1), w + 360, -1))
      .map((r) => r.map(([x, y]) => [x - w - 180, y]));
    if (part[0].length < 3) continue;
    pieces.push([part[0], ...part.slice(1).filter((r) => r.length >= 3)]
      .map((r) => [...r, r[0]]));
  }
  return pieces;
}

// A line as lines within [-180, 180], split where it crosses the antimeridian.
function cutLine(line) {
  const out = [[line[0]]];
  for (let i = 1; i < line.length; ++i) {
    const a = line[i - 1], b = line[i];
    if (Math.abs(b[0] - a[0]) > 180) {
      const edge = a[0] > 0 ? 180 : -180;
      const bx = b[0] + (a[0] > 0 ? 360 : -360);
      const y = a[1] + ((edge - a[0]) / (bx - a[0])) * (b[1] - a[1]);
      out[out.length - 1].push([edge, y]);
      out.push([[-edge, y]]);
    }
    out[out.length - 1].push(b);
  }
  return out.filter((l) => l.length >= 2);
}

function polygons(topology, object) {
  const feature = topojson.feature(topology, topology.objects[object]);
  const geometries = (feature.features || [feature]).map((f) => f.geometry);
  const parts = geometries.flatMap((g) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates));
  return { type: "MultiPolygon", coordinates: parts.flatMap(cutPolygon) };
}

function lines(mesh) {
  const parts = mesh.type === "LineString" ? [mesh.coordinates] : mesh.coordinates;
  return { type: "MultiLineString", coordinates: parts.flatMap(cutLine) };
}

for (const scale of ["10m", "50m"]) {
  const land = read(`land-${scale}.json`);
  const countries = read(`countries-${scale}.json`);
  write(`land${scale}`, [polygons(land, "land")]);
  write(`coastline${scale}`, [lines(topojson.mesh(land, land.objects.land))]);
  write(`boundaries${scale}`,
        [lines(topojson.mesh(countries, countries.objects.countries, (a, b) => a !== b))]);
}
JS

# Fixed timestamps in gpkg_contents make the output byte-for-byte reproducible.
export OGR_CURRENT_DATE="2000-01-01T00:00:00.000Z"
common=(-a_srs EPSG:4326 -lco SPATIAL_INDEX=YES -gt unlimited)

read -r W S E N <<<"${DETAIL[*]}"
detail_wkt="POLYGON(($W $S,$E $S,$E $N,$W $N,$W $S))"
# The world to the Mercator limit, with the detail box cut out of it.
rest_wkt="POLYGON((-180 -$MERC,180 -$MERC,180 $MERC,-180 $MERC,-180 -$MERC),($W $S,$W $N,$E $N,$E $S,$W $S))"

# Natural Earth polygons are invalid (self-touching rings); make them valid before clipping,
# otherwise the clip drops or mangles geometry.
for scale in 10m 50m; do
  ogr2ogr -f GPKG "$work/valid$scale.gpkg" "$work/land$scale.geojson" -nln land \
    -makevalid -nlt MULTIPOLYGON -a_srs EPSG:4326
done

rm -f "$OUT"
mkdir -p "$(dirname "$OUT")"
# Each layer: the 10m detail first, then the 50m rest appended as a second feature.
ogr2ogr -f GPKG "$OUT" "$work/valid10m.gpkg" land -nln land \
  -clipsrc "$detail_wkt" -nlt MULTIPOLYGON -makevalid "${common[@]}"
ogr2ogr -f GPKG -append "$OUT" "$work/valid50m.gpkg" land -nln land \
  -clipsrc "$rest_wkt" -nlt MULTIPOLYGON -makevalid "${common[@]}"
for layer in coastline boundaries; do
  ogr2ogr -f GPKG -update "$OUT" "$work/${layer}10m.geojson" -nln "$layer" \
    -clipsrc "$detail_wkt" -nlt MULTILINESTRING "${common[@]}"
  ogr2ogr -f GPKG -append "$OUT" "$work/${layer}50m.geojson" -nln "$layer" \
    -clipsrc "$rest_wkt" -nlt MULTILINESTRING "${common[@]}"
done

# Drop the free pages left by the intermediate writes.
ogrinfo -q "$OUT" -sql "VACUUM" >/dev/null

ls -l "$OUT" >&2
