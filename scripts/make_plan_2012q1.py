#!/usr/bin/env python3
"""Writes data/plans/shade_2012q1.json: a FICTIONAL SHADE plan for January-March 2012.

Nothing here is a real schedule. The pattern follows what SHADE coordinated from 2012:
independent deployers (China, India, Japan, South Korea from March) running escorted
convoys through the IRTC from Point A and Point B, a reference nation coordinating them,
coalition (EU NAVFOR Atalanta, NATO Ocean Shield, CTF-151) units assigned to the corridor
sectors, and maritime patrol aircraft sorties. Faults are left in on purpose so the
checker has something to find; they are listed in data/README.md and in DELIBERATE below.

Deterministic: no randomness, so running it again gives the same file.
Usage: scripts/make_plan_2012q1.py > data/plans/shade_2012q1.json
"""
import json
from datetime import datetime, timedelta, timezone

UTC = timezone.utc
START = datetime(2012, 1, 1, tzinfo=UTC)
END = datetime(2012, 4, 1, tzinfo=UTC)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# Independent deployers: nation, escort unit pool, speed of their convoys, first day.
DEPLOYERS = [
    ("China", ["PLAN frigate 1", "PLAN frigate 2", "PLAN frigate 3"], 12, START),
    ("India", ["INS destroyer 1", "INS frigate 2", "INS frigate 3"], 14, START),
    ("Japan", ["JMSDF destroyer 1", "JMSDF destroyer 2", "JMSDF destroyer 3"], 14, START),
    ("South Korea", ["ROKN destroyer 1", "ROKN destroyer 2"], 12,
     datetime(2012, 3, 1, tzinfo=UTC)),
]
PREFIX = {"China": "CN", "India": "IN", "Japan": "JP", "South Korea": "KR"}

# Two departure slots a day from each point: A at 06:00 and 18:00, B at 00:00 and 12:00.
SLOTS = {"A": [6, 18], "B": [0, 12]}

DELIBERATE = {
    # Point B: both slots of 20 January and the first of 21 January left empty (a 48 h gap).
    "skip": {("B", datetime(2012, 1, 20, 0, tzinfo=UTC)), ("B", datetime(2012, 1, 20, 12, tzinfo=UTC)),
             ("B", datetime(2012, 1, 21, 0, tzinfo=UTC))},
    # Point A, 10 January: India moved to 06:45, 45 min after China's 06:00 (a clash).
    "extra": [
        ("A", datetime(2012, 1, 10, 6, 45, tzinfo=UTC), "India", 14),
        # Point A, 8 February: a Japanese convoy 2 h after the 06:00 one (not a clash), at the same
        # speed (None: that of the convoy before it): no clash, but the two escorts keep
        # 2 h apart the whole way, 24 or 28 nm at 12 or 14 kn: under 30 nm (a duplicate).
        ("A", datetime(2012, 2, 8, 8, 0, tzinfo=UTC), "Japan", None),
    ],
}


def convoys():
    out = []
    counters = {n: 0 for n, *_ in DEPLOYERS}
    next_unit = {n: 0 for n, *_ in DEPLOYERS}
    busy_until = {}  # unit -> arrival time, so a pool never books a ship twice
    day = START
    slot_index = {"A": 0, "B": 0}
    events = []
    while day < END:
        for point in ("A", "B"):
            for hour in SLOTS[point]:
                events.append((day + timedelta(hours=hour), point))
        day += timedelta(days=1)
    for point, t, nation, speed in DELIBERATE["extra"]:
        events.append((t, point, nation, speed))
    events.sort(key=lambda e: (e[0], e[1]))
    length_nm = 491.0  # the bundled corridor's lane length, for ship availability only
    for event in events:
        t, point = event[0], event[1]
        if (point, t) in DELIBERATE["skip"]:
            continue
        if len(event) == 4:
            nation, speed = event[2], event[3]
            if speed is None:
                speed = next(c["speed_kn"] for c in reversed(out) if c["depart"] == point)
        else:
            active = [d for d in DEPLOYERS if d[3] <= t]
            nation = active[slot_index[point] % len(active)][0]
            speed = next(d[2] for d in DEPLOYERS if d[0] == nation)
            slot_index[point] += 1
        pool = next(d[1] for d in DEPLOYERS if d[0] == nation)
        # The first ship of the pool that has arrived from its last convoy.
        unit = None
        for k in range(len(pool)):
            candidate = pool[(next_unit[nation] + k) % len(pool)]
            if busy_until.get(candidate, START) <= t:
                unit = candidate
                next_unit[nation] = (next_unit[nation] + k + 1) % len(pool)
                break
        if unit is None:
            unit = pool[next_unit[nation]]  # none free: a double booking, found by the checker
        busy_until[unit] = t + timedelta(hours=length_nm / speed)
        counters[nation] += 1
        out.append({
            "id": f"{PREFIX[nation]}-{t:%m%d}-{point}{t:%H%M}",
            "nation": nation,
            "escort_units": [unit],
            "depart": point,
            "departure": iso(t),
            "speed_kn": speed,
            "merchants": 4 + (t.day * 7 + t.hour) % 9,
        })
    return out


def reference_nations():
    # Monthly here to show a rotation within one quarter (SHADE's was quarterly). Japan's
    # period starts a day late on purpose: a 24 h gap with no reference nation.
    return [
        {"nation": "India", "from": "2012-01-01T00:00:00Z", "to": "2012-02-01T00:00:00Z"},
        {"nation": "China", "from": "2012-02-01T00:00:00Z", "to": "2012-03-01T00:00:00Z"},
        {"nation": "Japan", "from": "2012-03-02T00:00:00Z", "to": "2012-04-01T00:00:00Z"},
    ]


# Sector: coalition, unit name stem. Units rotate every 14 days, handing over at 00:00.
SECTORS = [
    ("IRTC Sector 1", "EU NAVFOR Atalanta", "ATALANTA frigate"),
    ("IRTC Sector 2", "CTF-151", "CTF-151 destroyer"),
    ("IRTC Sector 3", "NATO Ocean Shield", "OCEAN SHIELD frigate"),
    ("IRTC Sector 4", "CTF-151", "CTF-151 frigate"),
    ("IRTC Sector 5", "EU NAVFOR Atalanta", "ATALANTA destroyer"),
    ("IRTC Sector 6", "NATO Ocean Shield", "OCEAN SHIELD destroyer"),
]


def assignments():
    out = []
    for s, (sector, coalition, stem) in enumerate(SECTORS):
        t = START
        n = 0
        while t < END:
            end = min(t + timedelta(days=14), END)
            start = t
            # Sector 4, 14 February: the relieving CTF-151 frigate arrives 12 h late.
            if sector == "IRTC Sector 4" and start == datetime(2012, 2, 12, tzinfo=UTC):
                start = start + timedelta(hours=12)
            # Sector 3, March: the Ocean Shield frigate leaves two days early (a 48 h gap).
            if sector == "IRTC Sector 3" and end == datetime(2012, 3, 11, tzinfo=UTC):
                end = end - timedelta(days=2)
            out.append({"unit": f"{stem} {n % 3 + 1}", "nation": coalition, "sector": sector,
                        "from": iso(start), "to": iso(end)})
            n += 1
            t = t + timedelta(days=14)
    # Sector 6, 20-24 March: a Japanese destroyer is also given the sector while it is on
    # convoy duty (a unit booked twice), and overlaps the Ocean Shield destroyer there.
    out.append({"unit": "JMSDF destroyer 2", "nation": "Japan", "sector": "IRTC Sector 6",
                "from": "2012-03-20T00:00:00Z", "to": "2012-03-24T00:00:00Z"})
    return out


def box(west, south, east, north):
    return {"type": "Polygon", "coordinates": [[[west, south], [east, south], [east, north],
                                                [west, north], [west, south]]]}


def sorties():
    out = []
    day = START
    n = 0
    while day < END:
        d = (day - START).days
        # JMSDF P-3C from Djibouti every day over the western sectors; grounded 20-24 Feb.
        if not (datetime(2012, 2, 20, tzinfo=UTC) <= day < datetime(2012, 2, 25, tzinfo=UTC)):
            n += 1
            out.append({"id": f"MPA-{n:03d}", "unit": f"JMSDF P-3C {d % 2 + 1}", "nation": "Japan",
                        "on_station": iso(day + timedelta(hours=5)),
                        "off_station": iso(day + timedelta(hours=13)),
                        "orbit": box(45.0, 11.4, 48.6, 13.4)})
        # EU NAVFOR maritime patrol every other day over the eastern sectors and Socotra.
        if d % 2 == 0:
            n += 1
            out.append({"id": f"MPA-{n:03d}", "unit": "ATALANTA MPA (Spain)" if d % 4 == 0
                        else "ATALANTA MPA (Germany)", "nation": "Spain" if d % 4 == 0 else "Germany",
                        "on_station": iso(day + timedelta(hours=14)),
                        "off_station": iso(day + timedelta(hours=21)),
                        "orbit": box(49.2, 12.4, 54.0, 14.9)})
        # A US P-3C flies the corridor axis end to end twice a week.
        if d % 7 in (1, 4):
            n += 1
            out.append({"id": f"MPA-{n:03d}", "unit": "CTF-151 P-3C (USA)", "nation": "USA",
                        "on_station": iso(day + timedelta(hours=20)),
                        "off_station": iso(day + timedelta(hours=28)),
                        "orbit": {"type": "LineString",
                                  "coordinates": [[45.0, 11.9], [49.0, 13.15], [53.0, 14.4]]}})
        day += timedelta(days=1)
    return out


def main():
    plan = {
        "version": 1,
        "name": "FICTIONAL SHADE plan, January-March 2012 (seawatch sample, not a real schedule)",
        "window": {"from": iso(START), "to": iso(END)},
        "reference_nations": reference_nations(),
        "convoys": convoys(),
        "sector_assignments": assignments(),
        "sorties": sorties(),
    }
    # One record per line: readable, and a diff shows which record changed.
    lines = ["{"]
    keys = list(plan.keys())
    for i, key in enumerate(keys):
        comma = "," if i + 1 < len(keys) else ""
        value = plan[key]
        if isinstance(value, list):
            lines.append(f'  "{key}": [')
            for j, record in enumerate(value):
                lines.append("    " + json.dumps(record) + ("," if j + 1 < len(value) else ""))
            lines.append("  ]" + comma)
        else:
            lines.append(f'  "{key}": {json.dumps(value)}{comma}')
    lines.append("}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
