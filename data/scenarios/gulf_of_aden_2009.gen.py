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


# IRTC lane centrelines (edges from the issue; lanes 5 nm wide, 2 nm apart).
WB_EAST = (53.0, dm(14, 27.5))   # westbound lane, east end (near point B)
WB_WEST = (45.0, dm(11, 57.5))
EB_WEST = (45.0, dm(11, 50.5))   # eastbound lane, west end (near point A)
EB_EAST = (53.0, dm(14, 20.5))
POINT_A = (45.0, dm(11, 50))
POINT_B = (53.0, dm(14, 28))
# The line between the lanes, where escorts patrol.
MID_WEST = (45.0, dm(11, 54))
MID_EAST = (53.0, dm(14, 24))


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


tracks = []


def merchant(mmsi, name, callsign, ship_type, length, beam, flag, dest_port, **kw):
    tr = Track(mmsi=mmsi, name=name, callsign=callsign, ship_type=ship_type, length_m=length,
               beam_m=beam, destination=dest_port, **{"class": "A"}, flag=flag, role="merchant",
               **kw)
    tracks.append(tr)
    return tr


def lane_transit(tr, east_end, west_end, departure, speed, lead_in_nm=20.0):
    """Approach the departure point along the lane's extension, then sail the lane."""
    start = along(east_end, west_end, -lead_in_nm)
    tr.at(start, departure - timedelta(hours=lead_in_nm / speed))
    tr.go(east_end, speed)
    tr.go(west_end, speed)


# --- Eastbound group, 12 kn, departs point A 00:30 --------------------------------------
EB12_DEP = t("00:30")
eb12 = [
    (636091201, "NORDIC CRESCENT", "A8QZ3", 80, 183, 32, "LR", "MUMBAI"),
    (563001402, "PACIFIC LANTERN", "9V7761", 70, 190, 30, "SG", "SINGAPORE"),
    (354210003, "SOLANO SPIRIT", "3EKT4", 84, 228, 32, "PA", "FUJAIRAH"),
]
for k, (mmsi, name, cs, st, ln, bm, flag, port) in enumerate(eb12):
    lane_transit(merchant(mmsi, name, cs, st, ln, bm, flag, port), EB_WEST, EB_EAST,
                 EB12_DEP + timedelta(minutes=6 * k), 12.0)

# --- Westbound group, 12 kn, departs point B 01:00; the fourth ship straggles at 10 kn ---
WB12_DEP = t("01:00")
wb12 = [
    (538003311, "CORAL MERIDIAN", "V7PL2", 70, 176, 27, "MH", "SUEZ"),
    (249115000, "MARE DORICUM", "9HRT7", 80, 244, 42, "MT", "SUEZ"),
    (477302900, "GOLDEN HORIZON", "VRDM5", 70, 199, 32, "HK", "JEDDAH"),
]
for k, (mmsi, name, cs, st, ln, bm, flag, port) in enumerate(wb12):
    lane_transit(merchant(mmsi, name, cs, st, ln, bm, flag, port), WB_EAST, WB_WEST,
                 WB12_DEP + timedelta(minutes=6 * k), 12.0)

# The straggler: an old bulk carrier that cannot hold 12 kn. It drops behind the group,
# is approached at ~12:50 and turns away at full speed, then resumes the lane.
straggler = merchant(538004417, "ASTRAEA TRADER", "V7QB9", 70, 169, 27, "MH", "ADEN")
STRAG_DEP = WB12_DEP + timedelta(minutes=18)
strag_pre = Track(name="tmp")
lane_transit(strag_pre, WB_EAST, WB_WEST, STRAG_DEP, 10.0)
EVADE_T = t("12:44")
evade_start = strag_pre.position_at(EVADE_T)
lane_course = bearing(evade_start, WB_WEST)
# Evasive: 30 deg to port (away from the skiffs coming from the north... they come from the
# north-west, so she turns south-west towards the eastbound lane and the frigate) at 13 kn.
evade_end = dest(evade_start, (lane_course - 30) % 360, 13.0 * (36 / 60))  # 12:44-13:20
straggler.points = strag_pre.points[:2]
straggler.go(evade_start, 10.0)
straggler.go(evade_end, 13.0)
rejoin = along(WB_EAST, WB_WEST, dist(WB_EAST, evade_start) + 14.0)
straggler.go(rejoin, 12.0)
straggler.go(WB_WEST, 10.0)

# --- Westbound group, 16 kn, departs point B 03:00 with a French close escort ----------
WB16_DEP = t("03:00")
wb16 = [
    (636091877, "ARCTIC PROSPECT", "A8UV6", 80, 274, 48, "LR", "ROTTERDAM"),
    (215774000, "HELLENIC DAWN", "9HA2231", 70, 260, 40, "MT", "PIRAEUS"),
    (370611000, "BALTIC VENTURE", "3FZW8", 71, 294, 32, "PA", "HAMBURG"),
]
for k, (mmsi, name, cs, st, ln, bm, flag, port) in enumerate(wb16):
    lane_transit(merchant(mmsi, name, cs, st, ln, bm, flag, port), WB_EAST, WB_WEST,
                 WB16_DEP + timedelta(minutes=5 * k), 16.0)


def warship(mmsi, name, callsign, length, beam, flag):
    tr = Track(mmsi=mmsi, name=name, callsign=callsign, ship_type=35, length_m=length,
               beam_m=beam, **{"class": "A"}, flag=flag, role="escort")
    tracks.append(tr)
    return tr


# FS AQUILON sails 2 nm south of the 16 kn column (on the separation line side).
aquilon = warship(227999301, "FS AQUILON", "FAQL", 142, 16, "FR")
aq_east = dest(WB_EAST, bearing(WB_EAST, WB_WEST) - 90, 2.0)
aq_west = dest(WB_WEST, bearing(WB_WEST, WB_EAST) + 90, 2.0)
lane_transit(aquilon, aq_east, aq_west, WB16_DEP + timedelta(minutes=5), 16.0)


def mid(d_from_east):
    return along(MID_EAST, MID_WEST, d_from_east)


def patrol(tr, a_nm, b_nm, start, end, speed, first_hold=None):
    """Racetrack between two points on the line between the lanes, at patrol speed."""
    a, b = mid(a_nm), mid(b_nm)
    tr.at(a, start)
    when, here, there = start, a, b
    while True:
        leg = dist(here, there) / speed
        if when + timedelta(hours=leg) > end:
            break
        tr.go(there, speed)
        when += timedelta(hours=leg)
        here, there = there, here
    # The last, partial leg ends exactly at `end`.
    remaining = (end - when).total_seconds() / 3600 * speed
    if remaining > 0.1:
        here = along(here, there, remaining)
        tr.at(here, end)
        when = end
    return when, here


# Patrol sectors along the corridor, measured from the east end (point B) in nm:
# sector 1 (east) 0-122, sector 2 122-245, sector 3 245-367, sector 4 (west) 367-490.
# ESPS TRAMONTANA: sector 1 until 09:00, then detaches south to a replenishment rendezvous
# and is back at 15:00; this is the coverage gap the schedule shows and analytics flag.
tramontana = warship(225999207, "ESPS TRAMONTANA", "EBTR", 146, 19, "ES")
albatros = warship(247999408, "ITS ALBATROS", "IAAB", 122, 13, "IT")
sagardeep = warship(419999306, "INS SAGARDEEP", "AVSD", 125, 14, "IN")
zeearend = warship(244999509, "HNLMS ZEEAREND", "PAZR", 138, 17, "NL")
# HMS KESTREL escorts the 12 kn group, 5 nm astern of its last ship, until the 12:40 call.
kestrel = warship(232999104, "HMS KESTREL", "GKST", 133, 15, "GB")


def patrol_tail(tr, a_nm, b_nm, start, end, speed):
    tmp = Track(name="tmp")
    patrol(tmp, a_nm, b_nm, start, end, speed)
    tr.points.extend(tmp.points[1:])


patrol(tramontana, 40, 100, t("00:00"), t("09:00"), 12.0)
rv = dest(mid(80), 165, 45.0)  # replenishment rendezvous, well south of the corridor
tramontana.go(rv, 16.0)
tramontana.at(rv, t("13:00"))
tramontana.go(mid(70), 18.0)
patrol_tail(tramontana, 70, 30, tramontana.times()[-1], t("23:59"), 12.0)
patrol(albatros, 140, 230, t("00:00"), t("23:59"), 11.0)
patrol(sagardeep, 260, 350, t("00:00"), t("23:59"), 11.0)
patrol(zeearend, 380, 470, t("00:00"), t("23:59"), 11.0)

kestrel_line_east = dest(WB_EAST, bearing(WB_EAST, WB_WEST) - 90, 1.0)
kestrel_line_west = dest(WB_WEST, bearing(WB_WEST, WB_EAST) + 90, 1.0)
kestrel_pre = Track(name="tmp")
lane_transit(kestrel_pre, kestrel_line_east, kestrel_line_west,
             WB12_DEP + timedelta(minutes=12 + 25), 12.0)
kestrel_call = t("12:42")
kestrel_pos = kestrel_pre.position_at(kestrel_call)
kestrel.points = kestrel_pre.points[:2]
kestrel.at(kestrel_pos, kestrel_call)

# --- The approach ------------------------------------------------------------------------
# The mothership, a hijacked Yemeni fishing dhow, loiters north of the westbound lane and
# switches its AIS off at 09:30.
mothership = Track(mmsi=473112233, name="AL ZAHRA 3", callsign="7OZ3", ship_type=30,
                   length_m=24, beam_m=7, **{"class": "B"}, flag="YE", role="mothership")
tracks.append(mothership)
ms_station = dest(strag_pre.position_at(t("12:00")), 330, 16.0)
mothership.at(dest(ms_station, 45, 40.0), t("00:00"))
mothership.go(dest(ms_station, 20, 12.0), 5.0)
mothership.go(ms_station, 4.0)
mothership.at(ms_station, t("14:00"))  # waits for the skiffs, then heads for the coast
ms_away = dest(ms_station, 10, 40.0)
mothership.go(ms_away, 6.0)
mothership.at(ms_away, t("23:59"))
mothership.ais_off.append((t("09:30"), t("16:30")))

skiff_targets = [(-1, 0.6), (1, 0.4)]  # (side: -1 port, +1 starboard), closest distance nm
skiffs = []
for k, (side, closest) in enumerate(skiff_targets):
    sk = Track(mmsi=900000011 + k, name=f"SKIFF {k + 1}", ship_type=0, length_m=8, beam_m=2,
               **{"class": "A"}, flag="", role="skiff", ais=False)
    tracks.append(sk)
    skiffs.append(sk)
    # Run in at ~23 kn to a point 3 nm off the straggler's quarter by 12:36, then close.
    off = straggler.position_at(t("12:36"))
    crs = bearing(off, WB_WEST)
    approach = dest(off, (crs + side * 140) % 360, 3.0)
    hours = dist(ms_station, approach) / (23.0 + k)
    launch = t("12:36") - timedelta(hours=hours)
    sk.at(ms_station, launch)
    sk.at(approach, t("12:36"))
    for minute in (48, 52, 56, 60, 64):
        when = t("12:00") + timedelta(minutes=minute)
        sp = straggler.position_at(when)
        c = bearing(straggler.position_at(when - timedelta(minutes=1)), sp)
        gap = closest + (0.5 if minute in (48, 64) else 0.0)
        sk.at(dest(sp, (c + side * 100) % 360, gap), when)
    # Break off at 13:05 as the frigate closes, back to the mothership at 22 kn.
    sk.go(ms_station, 22.0)

# The straggler's 12:40 call reaches HMS KESTREL, which turns back at 28 kn towards the
# straggler, then heads for the mothership, shadows it, and covers sector 1 until
# ESPS TRAMONTANA returns.
contact = straggler.position_at(t("13:08"))
kestrel.go(dest(contact, 0, 1.0), 28.0)
kestrel.at(dest(mothership.position_at(t("14:00")), 190, 1.5), t("14:00"))
kestrel.at(dest(mothership.position_at(t("15:30")), 190, 1.5), t("15:30"))
kestrel.go(mid(110), 16.0)
patrol_tail(kestrel, 110, 150, kestrel.times()[-1], t("23:59"), 12.0)

# --- Independent transits and fishing dhows -----------------------------------------------
fast = merchant(218440000, "HANSA CLIPPER", "DFHC2", 71, 300, 43, "DE", "ALGECIRAS")
fast.at(along(WB_EAST, WB_WEST, -60), t("05:00"))
fast.go(WB_EAST, 19.0)
fast.go(WB_WEST, 19.0)
indep = merchant(413778000, "ORIENT HARMONY", "BQRT", 70, 190, 32, "CN", "KARACHI")
indep.at(along(EB_WEST, EB_EAST, -30), t("04:00"))
indep.go(EB_WEST, 14.0)
indep.go(EB_EAST, 14.0)
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
    # Erratic drift-and-haul pattern: short legs at 2-6 kn, with stops to haul the nets.
    angle = seed
    here = centre
    when = start
    while when < t("22:00"):
        angle = (angle * 7 + 113) % 360
        there = dest(centre, angle, (angle % 7) + 1.0)
        speed = 2.0 + (angle % 4)
        hours = dist(here, there) / speed
        when += timedelta(hours=hours)
        tr.go(there, speed)
        when += timedelta(minutes=40)
        tr.at(there, when)
        here = there
    return tr


dhow(473200101, "AL BARAKA", "YE", (48.6, 13.70), t("00:00"), 17)
dhow(473200102, "SAYYID 2", "YE", (46.9, 13.05), t("01:00"), 41)
dhow(900000031, "DHOW CONTACT", "", (50.9, 13.25), t("02:00"), 73, ais=False)

# --- Injects, steps, annotations ------------------------------------------------------------
strag_at = {hhmm: straggler.position_at(t(hhmm)) for hhmm in ("10:30", "12:50", "13:10")}
ms = ms_station


def box_around(p, half_lon, half_lat):
    return [round(p[0] - half_lon, 3), round(p[1] - half_lat, 3), round(p[0] + half_lon, 3),
            round(p[1] + half_lat, 3)]


WHOLE = [43.0, 10.5, 54.0, 15.5]
CORRIDOR = [44.5, 11.0, 53.5, 15.0]
STD_LAYERS = ["chart", "zones", "tracks", "incidents", "schedule"]

injects = [
    {"time": iso(t("00:30")), "title": "Group transit EB12 departs point A",
     "text": "Three merchants, 12 kn, eastbound along the IRTC.", "position": r(POINT_A)},
    {"time": iso(t("01:00")), "title": "Group transit WB12 departs point B",
     "text": "Four merchants, 12 kn group. ASTRAEA TRADER reports a best speed of 10 kn.",
     "position": r(POINT_B)},
    {"time": iso(t("03:00")), "title": "Group transit WB16 departs point B",
     "text": "Three merchants, 16 kn, with FS AQUILON in close escort.", "position": r(POINT_B)},
    {"time": iso(t("09:00")), "title": "ESPS TRAMONTANA detaches to replenish",
     "text": "Sector 1 has no escort from 09:00 to 15:00.", "position": r(mid(80))},
    {"time": iso(t("09:30")), "title": "AIS lost: AL ZAHRA 3",
     "text": "Fishing dhow AL ZAHRA 3 stops transmitting AIS north of the westbound lane.",
     "position": r(mothership.position_at(t("09:30")))},
    {"time": iso(t("12:40")), "title": "UKMTO: suspicious approach reported",
     "text": "ASTRAEA TRADER reports two skiffs closing at speed from the north-west. "
             "Citadel drill ordered, fire hoses rigged, best speed, turning away.",
     "position": r(straggler.position_at(t("12:40")))},
    {"time": iso(t("12:42")), "title": "HMS KESTREL ordered to assist",
     "text": "The 12 kn group's escort turns back at 28 kn.", "position": r(kestrel_pos)},
    {"time": iso(t("13:05")), "title": "Skiffs break off",
     "text": "Both skiffs turn away towards the mothership as HMS KESTREL approaches.",
     "position": r(straggler.position_at(t("13:05")))},
    {"time": iso(t("15:00")), "title": "ESPS TRAMONTANA back on sector 1",
     "text": "Coverage restored.", "position": r(mid(70))},
]

steps = [
    {"time": iso(t("00:30")), "view": WHOLE, "layers": STD_LAYERS,
     "highlight": {"zones": ["IRTC", "Point A", "Point B"]},
     "caption": "The Gulf of Aden on 15 November 2009: the IRTC, the patrol sectors and the "
                "eastbound group leaving point A.",
     "notes": "Introduce the corridor: two 5 nm lanes, 2 nm apart, westbound 252 deg and "
              "eastbound 072 deg. Groups sail to a schedule so escorts can be where they are."},
    {"time": iso(t("03:00")), "view": box_around(POINT_B, 2.2, 1.2), "layers": STD_LAYERS,
     "highlight": {"mmsi": [m[0] for m in wb16] + [227999301]},
     "caption": "Westbound groups: the 12 kn group left point B at 01:00, the 16 kn group "
                "leaves now with FS AQUILON in close escort.",
     "notes": "Speed groups let each ship join the group it can keep up with."},
    {"time": iso(t("06:00")), "view": CORRIDOR, "layers": STD_LAYERS,
     "highlight": {"mmsi": [225999207, 247999408, 419999306, 244999509, 232999104]},
     "caption": "Escorts of six nations on their sectors and with the groups; fishing dhows "
                "work the grounds off "
                "the Yemeni coast.",
     "notes": "Dhows are slow and erratic: most are exactly what they look like."},
    {"time": iso(t("09:05")), "view": box_around(mid(80), 2.5, 1.4), "layers": STD_LAYERS,
     "highlight": {"mmsi": [225999207], "zones": ["Sector 1"]},
     "caption": "Coverage gap: ESPS TRAMONTANA detaches to replenish, leaving sector 1 "
                "without an escort until 15:00.",
     "notes": "The schedule shows the gap; analytics flag it. Who covers sector 1?"},
    {"time": iso(t("10:30")), "view": box_around(strag_at["10:30"], 1.6, 0.9),
     "layers": STD_LAYERS, "highlight": {"mmsi": [538004417, 473112233]},
     "caption": "ASTRAEA TRADER has fallen 20 nm behind her group; AL ZAHRA 3 went AIS-dark at "
                "09:30, 16 nm north of the lane.",
     "notes": "A straggler in an uncovered sector near a dark dhow: the classic set-up."},
    {"time": iso(t("12:20")), "view": box_around(strag_at["12:50"], 0.7, 0.4),
     "layers": STD_LAYERS, "highlight": {"mmsi": [900000011, 900000012, 473112233]},
     "caption": "Two skiffs, launched from the mothership, run in at 23 kn towards the "
                "straggler.",
     "notes": "Skiffs carry no AIS: they appear as radar contacts (MMSI 9xxxxxxxx, type 0)."},
    {"time": iso(t("12:50")), "view": box_around(strag_at["12:50"], 0.35, 0.2),
     "layers": STD_LAYERS, "highlight": {"mmsi": [538004417, 900000011, 900000012]},
     "caption": "Suspicious approach: skiffs within 1 nm on both sides. The master turns away "
                "at full speed and calls UKMTO; HMS KESTREL is closing at 28 kn.",
     "notes": "Best Management Practices: speed, manoeuvre, hoses, citadel, report."},
    {"time": iso(t("13:10")), "view": box_around(strag_at["13:10"], 0.5, 0.3),
     "layers": STD_LAYERS, "highlight": {"mmsi": [232999104, 900000011, 900000012]},
     "caption": "Deterrence: with HMS KESTREL approaching, the skiffs break off towards the "
                "mothership.",
     "notes": "A warship's presence usually ends an approach; no helicopter was needed."},
    {"time": iso(t("14:30")), "view": box_around(ms, 0.6, 0.35), "layers": STD_LAYERS,
     "highlight": {"mmsi": [232999104, 473112233, 538004417]},
     "caption": "HMS KESTREL shadows the mothership; ASTRAEA TRADER resumes the westbound lane.",
     "notes": "The AIS gap of AL ZAHRA 3 and the approach are in the analytics alerts."},
    {"time": iso(t("18:00")), "view": WHOLE, "layers": STD_LAYERS,
     "highlight": {"zones": ["IRTC"]},
     "caption": "The day in context: incidents of 2009 in the Gulf of Aden, most within reach "
                "of the corridor.",
     "notes": "Lessons: keep speed, keep with the group, report early, and plan coverage gaps."},
]

annotations = [
    {"kind": "text", "id": "label-point-b", "text": "Point B", "position": r(POINT_B),
     "colour": "#ffd166"},
    {"kind": "text", "id": "label-point-a", "text": "Point A", "position": r(POINT_A),
     "colour": "#ffd166"},
    {"kind": "range_ring", "id": "ring-straggler", "text": "ASTRAEA TRADER at 12:50",
     "position": r(strag_at["12:50"]), "radii_nm": [1, 3, 5], "colour": "#ef476f",
     "visible": {"start": iso(t("12:30")), "end": iso(t("13:30"))}},
    {"kind": "arrow", "id": "arrow-kestrel", "text": "HMS KESTREL 28 kn",
     "from": r(kestrel_pos), "to": r(contact), "colour": "#8ecae6",
     "visible": {"start": iso(t("12:42")), "end": iso(t("13:30"))}},
    {"kind": "area", "id": "area-gap", "text": "Sector 1 uncovered 09:00-15:00",
     "polygon": [r(along(WB_EAST, WB_WEST, 0)), r(along(WB_EAST, WB_WEST, 122)),
                 r(along(EB_EAST, EB_WEST, 122)), r(along(EB_EAST, EB_WEST, 0))],
     "colour": "#ef476f", "visible": {"start": iso(t("09:00")), "end": iso(t("15:00"))}},
]

doc = {
    "seawatch_scenario": 1,
    "title": "Gulf of Aden, 15 November 2009: group transit and a deterred approach",
    "description": "A fictional day in the style of 2009-2010 counter-piracy operations: "
                   "group transits along the IRTC, escorts of several nations on their "
                   "sectors, fishing dhows, a coverage gap, and a skiff approach on a "
                   "straggler deterred by a frigate. Every vessel is fictional.",
    "window": {"start": iso(t("00:00")), "end": iso(t("00:00", 1))},
    "view": WHOLE,
    "charts": [],
    "ais_sources": [],
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
for sk in skiffs:
    closest = min(dist(sk.position_at(t("12:00") + timedelta(minutes=m)),
                       straggler.position_at(t("12:00") + timedelta(minutes=m)))
                  for m in range(48, 65))
    assert closest < 1.0, closest
    legs = sk.times()
    for i in range(1, len(sk.points)):
        v = dist(sk.points[i - 1][0], sk.points[i][0]) / ((legs[i] - legs[i - 1]).total_seconds() / 3600)
        assert v < 30.0, (sk.static["name"], i, v)
assert dist(kestrel.position_at(t("13:08")), straggler.position_at(t("13:08"))) < 3.0
assert dist(kestrel_pos, straggler.position_at(t("12:42"))) > 10.0
print(json.dumps(doc, indent=2))
