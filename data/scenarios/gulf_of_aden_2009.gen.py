#!/usr/bin/env python3
"""Generates gulf_of_aden_2009.json: the bundled Gulf of Aden exercise (one fictional day,
2009-11-15). Positions along the IRTC lane centrelines and the skiff intercept geometry are
computed here on the same sphere seawatch uses (mean Earth radius, great circles), so the
story's distances (skiffs < 1 nm from the straggler, the frigate's dash) hold in playback.
Run: python3 data/scenarios/gulf_of_aden_2009.gen.py > data/scenarios/gulf_of_aden_2009.json
"""
import json
import math
from datetime import datetime, timedelta, timezone

R_NM = 6371008.8 / 1852.0
DAY = datetime(2009, 11, 15, tzinfo=timezone.utc)


def t(hhmm, day_offset=0):
    h, m = hhmm.split(":")
    return DAY + timedelta(days=day_offset, hours=int(h), minutes=int(m))


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def dm(deg, minutes):
    return deg + minutes / 60.0


def rad(x):
    return math.radians(x)


def dist(a, b):
    la1, la2 = rad(a[1]), rad(b[1])
    dla, dlo = la2 - la1, rad(b[0] - a[0])
    h = math.sin(dla / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlo / 2) ** 2
    return 2 * R_NM * math.asin(min(1.0, math.sqrt(h)))


def bearing(a, b):
    la1, la2 = rad(a[1]), rad(b[1])
    dlo = rad(b[0] - a[0])
    y = math.sin(dlo) * math.cos(la2)
    x = math.cos(la1) * math.sin(la2) - math.sin(la1) * math.cos(la2) * math.cos(dlo)
    return (math.degrees(math.atan2(y, x)) + 360) % 360


def dest(p, brg, d):
    la1, lo1, th, dr = rad(p[1]), rad(p[0]), rad(brg), d / R_NM
    la2 = math.asin(math.sin(la1) * math.cos(dr) + math.cos(la1) * math.sin(dr) * math.cos(th))
    lo2 = lo1 + math.atan2(math.sin(th) * math.sin(dr) * math.cos(la1),
                           math.cos(dr) - math.sin(la1) * math.sin(la2))
    return (math.degrees(lo2), math.degrees(la2))


def along(a, b, d):
    """Point d nm from a toward b on the great circle (negative: behind a)."""
    brg = bearing(a, b)
    return dest(a, brg if d >= 0 else (brg + 180) % 360, abs(d))


def r(p):
    return [round(p[0], 5), round(p[1], 5)]



# IRTC geometry as data/zones/irtc.geojson draws it (edges from the issue; lanes 5 nm wide,
# 2 nm apart). Lane edges are straight in lon/lat, so the centrelines here are too: ships
# sail waypoints every half degree of longitude along them, staying mid-lane the whole way.
POINT_A = (45.0, dm(11, 50))
POINT_B = (53.0, dm(14, 28))


class Polyline:
    """A straight lon/lat line, split into half-degree legs, measured in nm along."""

    def __init__(self, start, end, step_deg=0.5):
        n = max(1, round(abs(end[0] - start[0]) / step_deg))
        self.points = [(start[0] + (end[0] - start[0]) * k / n,
                        start[1] + (end[1] - start[1]) * k / n) for k in range(n + 1)]
        self.cum = [0.0]
        for a, b in zip(self.points, self.points[1:]):
            self.cum.append(self.cum[-1] + dist(a, b))

    def length(self):
        return self.cum[-1]

    def point_at(self, d):
        if d <= 0:
            return along(self.points[0], self.points[1], d)
        for i in range(len(self.points) - 1):
            if d <= self.cum[i + 1] or i == len(self.points) - 2:
                return along(self.points[i], self.points[i + 1], d - self.cum[i])

    def vertices_between(self, d0, d1):
        return [(p, c) for p, c in zip(self.points, self.cum) if d0 + 1e-6 < c < d1 - 1e-6]


WB = Polyline((53.0, dm(14, 27.5)), (45.0, dm(11, 57.5)))  # westbound centreline, from B
EB = Polyline((45.0, dm(11, 50.5)), (53.0, dm(14, 20.5)))  # eastbound centreline, from A


def axis(lon, north_nm=0.0):
    """The line between the lanes, where escorts patrol, at a longitude. Units that share a
    stretch of it keep up to 0.8 nm north or south, inside the 2 nm separation zone."""
    return (lon, 11.9 + (lon - 45.0) / 8.0 * 2.5 + north_nm / 60.0)


def lane_offset(lane, d, side_nm):
    """A point side_nm to the right (+) or left (-) of the lane at d nm along."""
    p = lane.point_at(d)
    q = lane.point_at(d + 1.0)
    return dest(p, (bearing(p, q) + (90 if side_nm > 0 else -90)) % 360, abs(side_nm))


class Track:
    def __init__(self, **static):
        self.static = static
        self.points = []  # (pos, time or None, speed or None)
        self.ais_off = []

    def at(self, pos, when):
        self.points.append((pos, when, None))
        return self

    def go(self, pos, speed):
        self.points.append((pos, None, speed))
        return self

    def times(self):
        out = []
        for i, (pos, when, speed) in enumerate(self.points):
            if when is not None:
                out.append(when)
            else:
                hours = dist(self.points[i - 1][0], pos) / speed
                out.append(out[-1] + timedelta(hours=hours))
        return out

    def position_at(self, when):
        ts = self.times()
        for i in range(len(ts) - 1):
            if ts[i] <= when <= ts[i + 1]:
                a, b = self.points[i][0], self.points[i + 1][0]
                f = (when - ts[i]) / (ts[i + 1] - ts[i])
                return along(a, b, f * dist(a, b)) if dist(a, b) > 1e-9 else a
        raise ValueError(f"{self.static['name']} not present at {when}")

    def to_json(self):
        out = dict(self.static)
        out["waypoints"] = []
        for pos, when, speed in self.points:
            wp = {"position": r(pos)}
            if when is not None:
                wp["time"] = iso(when)
            else:
                wp["speed_kn"] = speed
            out["waypoints"].append(wp)
        if self.ais_off:
            out["ais_off"] = [{"start": iso(a), "end": iso(b)} for a, b in self.ais_off]
        return out

    def sail_lane(self, lane, d0, d1, speed, side_nm=0.0):
        """From the point d0 along `lane` (where the track is) to d1, at `speed`."""
        for _, c in lane.vertices_between(d0, d1):
            self.go(lane_offset(lane, c, side_nm) if side_nm else lane.point_at(c), speed)
        self.go(lane_offset(lane, d1, side_nm) if side_nm else lane.point_at(d1), speed)
        return self


tracks = []


def merchant(mmsi, name, callsign, ship_type, length, beam, flag, dest_port):
    tr = Track(mmsi=mmsi, name=name, callsign=callsign, ship_type=ship_type, length_m=length,
               beam_m=beam, destination=dest_port, **{"class": "A"}, flag=flag, role="merchant")
    tracks.append(tr)
    return tr


LEAD_IN_NM = 20.0  # ships come up to the departure point on the lane's extension


def group_transit(tr, lane, departure, speed, end_nm=None, side_nm=0.0):
    tr.at(lane_offset(lane, -LEAD_IN_NM, side_nm) if side_nm else lane.point_at(-LEAD_IN_NM),
          departure - timedelta(hours=LEAD_IN_NM / speed))
    tr.sail_lane(lane, -LEAD_IN_NM, lane.length() if end_nm is None else end_nm, speed, side_nm)
    return tr


def warship(mmsi, name, callsign, length, beam, flag):
    tr = Track(mmsi=mmsi, name=name, callsign=callsign, ship_type=35, length_m=length,
               beam_m=beam, **{"class": "A"}, flag=flag, role="escort")
    tracks.append(tr)
    return tr


def patrol(tr, lon_a, lon_b, start, end, speed, begin=True, north_nm=0.0):
    """Racetrack on the axis between two longitudes, from `start` until exactly `end`."""
    a, b = axis(lon_a, north_nm), axis(lon_b, north_nm)
    if begin:
        tr.at(a, start)
    when, here, there = start, a, b
    while True:
        leg = dist(here, there) / speed
        if when + timedelta(hours=leg) > end:
            break
        tr.go(there, speed)
        when += timedelta(hours=leg)
        here, there = there, here
    remaining = (end - when).total_seconds() / 3600 * speed
    if remaining > 0.1:
        tr.at(along(here, there, remaining), end)
    return tr


# The schedule (data/zones/schedule_gulf_of_aden_2009.json): five group transits and the
# sector assignments, with sector 4 (049°00'E-050°20'E) uncovered from 10:00 to 14:00.
GROUPS = {
    "GT-E12-1114": (EB, t("10:00", -1), 12.0),
    "GT-W16-1114": (WB, t("20:00", -1), 16.0),
    "GT-W12-1115": (WB, t("04:00"), 12.0),
    "GT-E16-1115": (EB, t("06:00"), 16.0),
    "GT-E12-1115": (EB, t("18:00"), 12.0),
}
SPACING_NM = 1.5  # ships in column

group_ships = {
    "GT-E12-1114": [(636091201, "NORDIC CRESCENT", "A8QZ3", 80, 183, 32, "LR", "MUMBAI"),
                    (563001402, "PACIFIC LANTERN", "9V7761", 70, 190, 30, "SG", "SINGAPORE")],
    "GT-W16-1114": [(636091877, "ARCTIC PROSPECT", "A8UV6", 80, 274, 48, "LR", "ROTTERDAM"),
                    (215774000, "HELLENIC DAWN", "9HA2231", 70, 260, 40, "MT", "PIRAEUS"),
                    (370611000, "BALTIC VENTURE", "3FZW8", 71, 294, 32, "PA", "HAMBURG")],
    "GT-W12-1115": [(538003311, "CORAL MERIDIAN", "V7PL2", 70, 176, 27, "MH", "SUEZ"),
                    (249115000, "MARE DORICUM", "9HRT7", 80, 244, 42, "MT", "SUEZ"),
                    (477302900, "GOLDEN HORIZON", "VRDM5", 70, 199, 32, "HK", "JEDDAH")],
    "GT-E16-1115": [(354210003, "SOLANO SPIRIT", "3EKT4", 84, 228, 32, "PA", "FUJAIRAH"),
                    (311045600, "CARIBBEAN PEARL", "C6YR4", 60, 210, 30, "BS", "COLOMBO")],
    "GT-E12-1115": [(440112000, "HANJIN ARIRANG", "DSRK7", 70, 182, 30, "KR", "BUSAN"),
                    (351778000, "OCEAN TRUST", "3FRT9", 70, 178, 28, "PA", "KARACHI")],
}
for gid, ships in group_ships.items():
    lane, dep, speed = GROUPS[gid]
    for k, (mmsi, name, cs, st, ln, bm, flag, port) in enumerate(ships):
        # Column: each ship crosses the departure point SPACING_NM behind the one ahead.
        group_transit(merchant(mmsi, name, cs, st, ln, bm, flag, port), lane,
                      dep + timedelta(hours=k * SPACING_NM / speed), speed)

# The straggler: last in the 16 kn group; an engine defect at 06:00 cuts her to 11 kn, so
# she falls ever further behind her group, into the uncovered sector 4.
_, W16_DEP, _ = GROUPS["GT-W16-1114"]
straggler = merchant(538004417, "ASTRAEA TRADER", "V7QB9", 70, 169, 27, "MH", "ADEN")
STRAG_DEP = W16_DEP + timedelta(hours=3 * SPACING_NM / 16.0)
DEFECT = t("06:00")
defect_nm = 16.0 * (DEFECT - STRAG_DEP).total_seconds() / 3600
straggler.at(WB.point_at(-LEAD_IN_NM), STRAG_DEP - timedelta(hours=LEAD_IN_NM / 16.0))
straggler.sail_lane(WB, -LEAD_IN_NM, defect_nm, 16.0)
EVADE = t("12:44")
evade_nm = defect_nm + 11.0 * (EVADE - DEFECT).total_seconds() / 3600
straggler.sail_lane(WB, defect_nm, evade_nm, 11.0)
# Evasive: 30° to port (away from skiffs closing from the north) at her best 13 kn.
evade_start = WB.point_at(evade_nm)
lane_course = bearing(evade_start, WB.point_at(evade_nm + 1))
evade_end = dest(evade_start, (lane_course - 30) % 360, 13.0 * 36 / 60)  # until 13:20
straggler.go(evade_end, 13.0)
rejoin_nm = evade_nm + 12.0
straggler.go(WB.point_at(rejoin_nm), 11.0)
straggler.sail_lane(WB, rejoin_nm, WB.length(), 11.0)

# --- Escorts: one unit per schedule assignment (fictional names) -------------------------
tramontana = warship(225999207, "ESPS TRAMONTANA", "EBTR", 146, 19, "ES")  # ATALANTA frigate 1
halyard = warship(369999215, "USS HALYARD", "NHLY", 154, 20, "US")        # CTF-151 destroyer
kestrel = warship(232999104, "HMS KESTREL", "GKST", 133, 15, "GB")        # OCEAN SHIELD frigate
aquilon = warship(227999301, "FS AQUILON", "FAQL", 142, 16, "FR")         # ATALANTA frigate 2
huaiyuan = warship(412999170, "PLANS HUAIYUAN", "BHYN", 155, 17, "CN")    # PLAN destroyer
karayel = warship(271999420, "TCG KARAYEL", "TCKY", 134, 14, "TR")        # CTF-151 frigate
sagardeep = warship(419999306, "INS SAGARDEEP", "AVSD", 125, 14, "IN")    # INS frigate
kazanami = warship(431999110, "JS KAZANAMI", "JKZN", 151, 17, "JP")       # JMSDF destroyer 2
qinglan = warship(412999568, "PLANS QINGLAN", "BQLN", 134, 16, "CN")      # PLAN escort frigate

S = {k: (45.0 + (k - 1) * 4 / 3, 45.0 + k * 4 / 3) for k in range(1, 7)}  # sector lon spans


def inner(k, margin=0.15):
    return S[k][0] + margin, S[k][1] - margin


patrol(tramontana, *inner(1), t("00:00"), t("00:00", 1), 12.0)
patrol(halyard, *inner(2), t("00:00"), t("00:00", 1), 12.0)
patrol(sagardeep, *inner(5), t("00:00"), t("00:00", 1), 12.0)
patrol(kazanami, *inner(6), t("00:00"), t("00:00", 1), 12.0)

# FS AQUILON comes up from sector 2 to take over sector 3 at 12:00.
aquilon.at(axis(46.3, -0.8), t("03:00"))
aquilon.go(axis(inner(3)[0], -0.8), 14.0)
aquilon.at(axis(inner(3)[0], -0.8), t("12:00"))
patrol(aquilon, *inner(3), t("12:00"), t("00:00", 1), 12.0, begin=False, north_nm=-0.8)

# PLANS HUAIYUAN holds sector 4 until 10:00, then joins GT-E12-1114 as it passes and
# escorts it east: the departure that opens the sector 4 gap.
E12_LANE, E12_DEP, _ = GROUPS["GT-E12-1114"]
join_nm = 12.0 * (t("10:00") - E12_DEP).total_seconds() / 3600
patrol(huaiyuan, *inner(4), t("00:00"), t("08:30"), 12.0)
huaiyuan.go(lane_offset(EB, join_nm, 1.5), 12.0)
assert huaiyuan.times()[-1] < t("10:00"), huaiyuan.times()[-1]
huaiyuan.at(lane_offset(EB, join_nm, 1.5), t("10:00"))
huaiyuan.sail_lane(EB, join_nm, min(EB.length(), join_nm + 12.0 * 14), 12.0, side_nm=1.5)

# TCG KARAYEL arrives from the east and takes sector 4 at 14:00.
karayel.at(axis(51.5, 0.8), t("06:00"))
karayel.go(axis(inner(4)[1], 0.8), 14.0)
karayel.at(axis(inner(4)[1], 0.8), t("14:00"))
patrol(karayel, inner(4)[1], inner(4)[0], t("14:00"), t("00:00", 1), 12.0, begin=False,
       north_nm=0.8)

# PLANS QINGLAN escorts GT-W12-1115, 1.5 nm off the column on the side of the other lane.
_, W12_DEP, _ = GROUPS["GT-W12-1115"]
group_transit(qinglan, WB, W12_DEP + timedelta(hours=1.5 / 12), 12.0, side_nm=-1.5)

# HMS KESTREL patrols sector 3 (relieved by FS AQUILON at 12:00 but still on station) and,
# at the straggler's 12:40 call, dashes east at 28 kn.
# Her racetrack brings her to the sector's east edge at 12:00, where she waits for the
# handover and watches the uncovered sector 4.
patrol(kestrel, 48.9, 48.3, t("00:00"), t("12:00"), 12.0)
kestrel_call = t("12:42")
kestrel_pos = axis(48.95)
kestrel.at(kestrel_pos, kestrel_call)

# --- The approach ------------------------------------------------------------------------
# The mothership, a hijacked Yemeni fishing dhow, loiters north of the westbound lane in
# sector 4 and switches its AIS off at 09:30.
mothership = Track(mmsi=473112233, name="AL ZAHRA 3", callsign="7OZ3", ship_type=30,
                   length_m=24, beam_m=7, **{"class": "B"}, flag="YE", role="mothership")
tracks.append(mothership)
ms_station = dest(straggler.position_at(t("12:10")), 340, 15.0)
mothership.at(dest(ms_station, 60, 45.0), t("00:00"))
mothership.go(dest(ms_station, 30, 10.0), 5.0)
mothership.go(ms_station, 3.0)
mothership.at(ms_station, t("14:00"))  # waits for the skiffs, then heads for the coast
ms_away = dest(ms_station, 20, 40.0)
mothership.go(ms_away, 6.0)
mothership.at(ms_away, t("00:00", 1))
mothership.ais_off.append((t("09:30"), t("16:30")))

skiffs = []
for k, (side, closest) in enumerate([(-1, 0.6), (1, 0.4)]):  # port, starboard
    sk = Track(mmsi=900000011 + k, name=f"SKIFF {k + 1}", ship_type=0, length_m=8, beam_m=2,
               **{"class": "A"}, role="skiff", ais=False)
    tracks.append(sk)
    skiffs.append(sk)
    # Run in at 23-24 kn to 3 nm off the straggler's quarter by 12:36, then close.
    off = straggler.position_at(t("12:36"))
    crs = bearing(off, WB.point_at(evade_nm + 5))
    # Both come in from the north, over the straggler's starboard quarter; skiff 1 then
    # crosses her wake to take the port side.
    approach = dest(off, (crs + (170 if side < 0 else 130)) % 360, 3.0)
    launch = t("12:36") - timedelta(hours=dist(ms_station, approach) / (23.0 + k))
    sk.at(ms_station, launch)
    sk.at(approach, t("12:36"))
    for minute in (48, 52, 56, 60, 64):
        when = t("12:00") + timedelta(minutes=minute)
        sp = straggler.position_at(when)
        c = bearing(straggler.position_at(when - timedelta(minutes=1)), sp)
        gap = closest + (0.5 if minute in (48, 64) else 0.0)
        sk.at(dest(sp, (c + side * 100) % 360, gap), when)
    # Break off at 13:04 as the frigate closes, back to the mothership at 22 kn.
    sk.go(ms_station, 22.0)

# HMS KESTREL closes the straggler at 28 kn, then shadows the mothership until 15:30 and
# returns to sector 3.
contact = straggler.position_at(t("13:10"))
kestrel.go(dest(contact, 0, 1.0), 28.0)
kestrel.at(dest(mothership.position_at(t("14:00")), 200, 1.5), t("14:00"))
kestrel.at(dest(mothership.position_at(t("15:30")), 200, 1.5), t("15:30"))
kestrel.go(axis(inner(3)[1], 0.8), 16.0)
patrol(kestrel, inner(3)[1], inner(3)[0], kestrel.times()[-1], t("00:00", 1), 12.0,
       begin=False, north_nm=0.8)

# --- Independent transits and fishing dhows -----------------------------------------------
fast = merchant(218440000, "HANSA CLIPPER", "DFHC2", 71, 300, 43, "DE", "ALGECIRAS")
# Too fast for any group: sails alone, overtaking on the lane's north side.
fast.at(lane_offset(WB, -60, 1.2), t("05:00"))
fast.sail_lane(WB, -60, WB.length(), 19.0, side_nm=1.2)
indep = merchant(413778000, "ORIENT HARMONY", "BQRT", 70, 190, 32, "CN", "KARACHI")
indep.at(lane_offset(EB, -30, 1.2), t("02:00"))
indep.sail_lane(EB, -30, EB.length(), 14.0, side_nm=1.2)  # keeps right when overtaken
coastal = merchant(473100550, "ADEN STAR", "7OAS", 80, 110, 18, "YE", "MUKALLA")
coastal.at((45.2, 12.75), t("06:00"))
coastal.go((47.0, 13.25), 11.0)
coastal.go((49.0, 14.05), 11.0)


def dhow(mmsi, name, flag, centre, start, seed, ais=True):
    tr = Track(mmsi=mmsi, name=name, ship_type=30 if ais else 0, length_m=18, beam_m=6,
               **{"class": "B" if ais else "A"}, flag=flag, role="dhow")
    if not ais:
        tr.static["ais"] = False  # a radar contact, like the skiffs
    tracks.append(tr)
    tr.at(centre, start)
    # Erratic drift-and-haul pattern: short legs at 2-5 kn, with stops to haul the nets.
    angle = seed
    here = centre
    when = start
    while when < t("22:00"):
        angle = (angle * 7 + 113) % 360
        there = dest(centre, angle, (angle % 7) + 1.0)
        speed = 2.0 + (angle % 4)
        when += timedelta(hours=dist(here, there) / speed)
        tr.go(there, speed)
        when += timedelta(minutes=40)
        tr.at(there, when)
        here = there
    return tr


dhow(473200101, "AL BARAKA", "YE", (48.6, 13.70), t("00:00"), 17)
dhow(473200102, "SAYYID 2", "YE", (46.9, 13.05), t("01:00"), 41)
dhow(900000031, "DHOW CONTACT", "", (50.9, 13.25), t("02:00"), 73, ais=False)
for tr in tracks:
    if tr.static.get("flag") == "":
        del tr.static["flag"]

# --- Injects, steps, annotations ------------------------------------------------------------
strag_at = {hhmm: straggler.position_at(t(hhmm)) for hhmm in ("10:30", "12:20", "12:50", "13:10")}
W16_LEAD_NM = 16.0 * (t("10:30") - W16_DEP).total_seconds() / 3600
behind_nm = W16_LEAD_NM - WB.cum[0] - (defect_nm + 11.0 * 4.5)


def box_around(p, half_lon, half_lat):
    return [round(p[0] - half_lon, 3), round(p[1] - half_lat, 3), round(p[0] + half_lon, 3),
            round(p[1] + half_lat, 3)]


WHOLE = [43.0, 10.5, 54.0, 15.5]
LAYERS = ["chart", "zones", "schedule", "tracks", "incidents", "alerts"]
ESCORTS = [225999207, 369999215, 232999104, 227999301, 412999170, 271999420, 419999306,
           431999110, 412999568]
W16_SHIPS = [s[0] for s in group_ships["GT-W16-1114"]] + [538004417]

injects = [
    {"time": iso(t("04:00")), "title": "GT-W12-1115 departs point B",
     "text": "Three merchants, 12 kn group, with PLANS QINGLAN in close escort.",
     "position": r(POINT_B)},
    {"time": iso(t("06:00")), "title": "ASTRAEA TRADER: engine defect",
     "text": "The last ship of the 16 kn group GT-W16-1114 reports a fuel pump defect and a "
             "best speed of 11 kn. She continues alone in the westbound lane.",
     "position": r(straggler.position_at(t("06:00")))},
    {"time": iso(t("06:00")), "title": "GT-E16-1115 departs point A",
     "text": "Two merchants, 16 kn group, eastbound.", "position": r(POINT_A)},
    {"time": iso(t("09:30")), "title": "AIS lost: AL ZAHRA 3",
     "text": "Fishing dhow AL ZAHRA 3 stops transmitting AIS north of the westbound lane in "
             "sector 4.", "position": r(mothership.position_at(t("09:30")))},
    {"time": iso(t("10:00")), "title": "PLANS HUAIYUAN leaves sector 4",
     "text": "She joins GT-E12-1114 as close escort. Sector 4 has no escort until TCG KARAYEL "
             "arrives at 14:00.", "position": r(axis(49.67))},
    {"time": iso(t("12:40")), "title": "UKMTO: suspicious approach reported",
     "text": "ASTRAEA TRADER reports two skiffs closing at speed from the north. Crew "
             "mustered, fire hoses rigged, turning away at best speed.",
     "position": r(straggler.position_at(t("12:40")))},
    {"time": iso(t("12:42")), "title": "HMS KESTREL ordered to assist",
     "text": "Closing from sector 3 at 28 kn.", "position": r(kestrel_pos)},
    {"time": iso(t("13:05")), "title": "Skiffs break off",
     "text": "Both skiffs turn away towards the mothership as HMS KESTREL approaches.",
     "position": r(straggler.position_at(t("13:05")))},
    {"time": iso(t("14:00")), "title": "TCG KARAYEL on sector 4", "text": "Coverage restored.",
     "position": r(axis(50.2))},
    {"time": iso(t("18:00")), "title": "GT-E12-1115 departs point A",
     "text": "Two merchants, 12 kn group, eastbound.", "position": r(POINT_A)},
]

steps = [
    {"time": iso(t("00:30")), "view": WHOLE, "layers": LAYERS,
     "highlight": {"zones": ["IRTC westbound lane", "IRTC eastbound lane", "Point A",
                             "Point B"]},
     "caption": "The Gulf of Aden on 15 November 2009: the IRTC, its six patrol sectors, and "
                "two group transits already under way.",
     "notes": "Two 5 nm lanes, 2 nm apart: westbound 252°, eastbound 072°. Groups sail to a "
              "published schedule so the escorts can be where the ships are."},
    {"time": iso(t("04:00")), "view": box_around(POINT_B, 1.6, 0.9), "layers": LAYERS,
     "highlight": {"mmsi": [s[0] for s in group_ships["GT-W12-1115"]] + [412999568]},
     "caption": "GT-W12-1115 leaves point B at 12 kn with PLANS QINGLAN in close escort.",
     "notes": "Speed groups of 10 to 18 kn let each ship join the group it can keep up with."},
    {"time": iso(t("06:30")), "view": WHOLE, "layers": LAYERS, "highlight": {"mmsi": ESCORTS},
     "caption": "Escorts of eight nations on their sectors and with the groups; ASTRAEA TRADER "
                "reports an engine defect and drops to 11 kn.",
     "notes": "Sector assignments come from the schedule; the console shows planned group "
              "positions against the real ones."},
    {"time": iso(t("09:40")), "view": box_around(axis(49.67), 1.3, 0.75), "layers": LAYERS,
     "highlight": {"mmsi": [473112233, 473200101]},
     "caption": "AL ZAHRA 3, a fishing dhow, goes AIS-dark north of the westbound lane in "
                "sector 4. Other dhows fish as usual.",
     "notes": "Most dhows are exactly what they look like; a dhow that goes dark near the "
              "lane deserves a second look."},
    {"time": iso(t("10:30")), "view": box_around(strag_at["10:30"], 1.8, 1.0),
     "layers": LAYERS, "highlight": {"mmsi": [538004417, 412999170], "zones": ["IRTC Sector 4"]},
     "caption": "Coverage gap: PLANS HUAIYUAN has left sector 4 with GT-E12-1114; nobody "
                "covers it until 14:00. ASTRAEA TRADER, now far behind her group, is heading "
                "into it.",
     "notes": "The schedule shows the gap and analytics flag it; they also flag the "
              "straggler as an unescorted transit."},
    {"time": iso(t("12:20")), "view": box_around(strag_at["12:20"], 0.55, 0.32),
     "layers": LAYERS, "highlight": {"mmsi": [900000011, 900000012, 473112233]},
     "caption": "Two skiffs, launched from the mothership, run in at 23 kn towards the "
                "straggler.",
     "notes": "Skiffs carry no AIS: they appear as radar contacts (MMSI 9xxxxxxxx, type 0)."},
    {"time": iso(t("12:50")), "view": box_around(strag_at["12:50"], 0.3, 0.17),
     "layers": LAYERS, "highlight": {"mmsi": [538004417, 900000011, 900000012]},
     "caption": "Suspicious approach: skiffs within 1 nm on both sides. The master turns away "
                "at best speed and calls UKMTO; HMS KESTREL is closing at 28 kn.",
     "notes": "Best Management Practices: speed, manoeuvre, hoses, muster, report early."},
    {"time": iso(t("13:10")), "view": box_around(strag_at["13:10"], 0.45, 0.26),
     "layers": LAYERS, "highlight": {"mmsi": [232999104, 900000011, 900000012, 538004417]},
     "caption": "Deterrence: with HMS KESTREL approaching, the skiffs break off towards the "
                "mothership.",
     "notes": "A warship's arrival usually ends an approach; no helicopter was needed."},
    {"time": iso(t("14:30")), "view": box_around(mothership.position_at(t("14:30")), 0.6, 0.35),
     "layers": LAYERS, "highlight": {"mmsi": [232999104, 473112233, 271999420]},
     "caption": "HMS KESTREL shadows the mothership; TCG KARAYEL has taken over sector 4 and "
                "ASTRAEA TRADER resumes the westbound lane.",
     "notes": "The AIS gap of AL ZAHRA 3 and the approach are in the alert log."},
    {"time": iso(t("18:00")), "view": [47.5, 12.5, 51.0, 14.5], "layers": LAYERS,
     "highlight": {"incidents": ["SW-SAMPLE-004", "SW-SAMPLE-007", "SW-SAMPLE-010",
                                 "SW-SAMPLE-015", "SW-SAMPLE-019"],
                   "zones": ["IRTC Sector 4"]},
     "caption": "The day in context: hijackings of 2008-2009 around sector 4, all within a few "
                "miles of today's approach.",
     "notes": "Lessons: keep speed, keep with the group, report early, and plan coverage "
              "gaps so they do not meet stragglers."},
]

# Points A and B are not annotated: the corridor file names them, and a second label at
# the same place would be drawn twice.
annotations = [
    {"kind": "range_ring", "id": "ring-straggler", "text": "ASTRAEA TRADER at 12:50",
     "position": r(strag_at["12:50"]), "radii_nm": [1, 3, 5], "colour": "#ef476f",
     "visible": {"start": iso(t("12:30")), "end": iso(t("13:30"))}},
    {"kind": "arrow", "id": "arrow-kestrel", "text": "HMS KESTREL 28 kn",
     "from": r(kestrel_pos), "to": r(contact), "colour": "#8ecae6",
     "visible": {"start": iso(t("12:42")), "end": iso(t("13:30"))}},
    {"kind": "area", "id": "area-gap", "text": "Sector 4 uncovered 10:00-14:00",
     "polygon": [r((49.0, 12.8)), r((50.333, 13.217)), r((50.333, 13.917)), r((49.0, 13.5))],
     "colour": "#ef476f", "visible": {"start": iso(t("10:00")), "end": iso(t("14:00"))}},
]

doc = {
    "seawatch_scenario": 1,
    "title": "Gulf of Aden, 15 November 2009: group transits and a deterred approach",
    "description": "A fictional day in the style of 2009-2010 counter-piracy operations: "
                   "group transits along the IRTC, escorts of several nations on their "
                   "sectors, fishing dhows, a coverage gap in sector 4, and a skiff approach "
                   "on a straggler deterred by a frigate. Every vessel is fictional.",
    "window": {"start": iso(t("00:00")), "end": iso(t("00:00", 1))},
    "view": WHOLE,
    "zones": ["../zones/irtc.geojson", "../zones/hra.geojson", "../zones/vra.geojson",
              "../zones/patrol_sectors.geojson"],
    "schedule": "../zones/schedule_gulf_of_aden_2009.json",
    "incidents": ["../incidents/sample_incidents.geojson"],
    "incident_filter": {"bbox": [42.0, 10.0, 56.0, 16.5], "start": "2008-01-01T00:00:00Z",
                        "end": "2010-12-31T23:59:59Z"},
    "tracks": [tr.to_json() for tr in tracks],
    "injects": injects,
    "steps": steps,
    "annotations": annotations,
}

# Self-checks of the story, so a change that breaks it fails here.
for tr in tracks:
    ts = tr.times()
    assert all(a < b for a, b in zip(ts, ts[1:])), tr.static["name"]
for sk in skiffs:
    closest = min(dist(sk.position_at(t("12:00") + timedelta(minutes=m)),
                       straggler.position_at(t("12:00") + timedelta(minutes=m)))
                  for m in range(48, 65))
    assert closest < 1.0, closest
    legs = sk.times()
    for i in range(1, len(sk.points)):
        hours = (legs[i] - legs[i - 1]).total_seconds() / 3600
        assert dist(sk.points[i - 1][0], sk.points[i][0]) / hours < 30.0, (sk.static, i)
for name, tr in (("kestrel", kestrel), ("karayel", karayel), ("aquilon", aquilon),
                 ("huaiyuan", huaiyuan)):
    legs = tr.times()
    for i in range(1, len(tr.points)):
        hours = (legs[i] - legs[i - 1]).total_seconds() / 3600
        assert dist(tr.points[i - 1][0], tr.points[i][0]) / hours <= 30.0, (name, i)
assert 10.0 < dist(kestrel_pos, straggler.position_at(kestrel_call)) < 25.0
assert dist(kestrel.position_at(t("13:10")), straggler.position_at(t("13:10"))) < 3.0
assert S[4][0] < straggler.position_at(t("12:50"))[0] < S[4][1]  # the approach is in sector 4
print(json.dumps(doc, indent=2))
