"""iCalendar (RFC 5545) text for a trainee's sessions, to add to a phone's calendar."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class CalendarEvent:
	uid: str
	start: datetime.datetime  # local time of the district
	end: datetime.datetime
	summary: str
	location: str = ""
	description: str = ""


def escape(text: str) -> str:
	return (
		(text or "")
		.replace("\\", "\\\\")
		.replace(";", "\\;")
		.replace(",", "\\,")
		.replace("\r\n", "\\n")
		.replace("\n", "\\n")
	)


def fold(line: str) -> list[str]:
	"""Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
	parts, current = [], ""
	for char in line:
		if len((current + char).encode()) > 75:
			parts.append(current)
			current = " " + char
		else:
			current += char
	parts.append(current)
	return parts


def utc_offset(offset: datetime.timedelta) -> str:
	"""+0800 / -0330 (RFC 5545 §3.3.14)."""
	minutes = int(offset.total_seconds() // 60)
	sign = "-" if minutes < 0 else "+"
	return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def transitions(zone: ZoneInfo, first_year: int, last_year: int) -> list[datetime.datetime]:
	"""The moments (UTC, naive) the zone's offset changes from the start of first_year to the end of
	last_year: found day by day, then to the minute."""
	utc = datetime.timezone.utc
	start = datetime.datetime(first_year, 1, 1, tzinfo=utc)
	end = datetime.datetime(last_year + 1, 1, 1, tzinfo=utc)
	found, day = [], datetime.timedelta(days=1)
	moment = start
	while moment < end:
		following = moment + day
		if moment.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset():
			low, high = moment, following
			while high - low > datetime.timedelta(minutes=1):
				middle = low + (high - low) / 2
				if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
					low = middle
				else:
					high = middle
			found.append(high.replace(second=0, microsecond=0, tzinfo=None))
		moment = following
	return found


def vtimezone(timezone: str, first_year: int, last_year: int) -> list[str]:
	"""The VTIMEZONE component the events' TZID refers to (RFC 5545 §3.6.5): one observance from the start
	of first_year, then one per offset change up to the end of last_year. Asia/Shanghai has no daylight
	saving time: one STANDARD observance at +0800."""
	zone = ZoneInfo(timezone)
	utc = datetime.timezone.utc
	first = datetime.datetime(first_year, 1, 1)
	local = first.replace(tzinfo=zone)
	lines = ["BEGIN:VTIMEZONE", f"TZID:{timezone}"]

	def observance(
		onset_local: datetime.datetime, before: datetime.timedelta, after_moment: datetime.datetime
	):
		kind = "DAYLIGHT" if after_moment.dst() else "STANDARD"
		return [
			f"BEGIN:{kind}",
			f"DTSTART:{onset_local:%Y%m%dT%H%M%S}",
			f"TZOFFSETFROM:{utc_offset(before)}",
			f"TZOFFSETTO:{utc_offset(after_moment.utcoffset())}",
			f"TZNAME:{after_moment.tzname()}",
			f"END:{kind}",
		]

	lines += observance(first, local.utcoffset(), local)
	for moment in transitions(zone, first_year, last_year):
		aware = moment.replace(tzinfo=utc)
		before = (aware - datetime.timedelta(minutes=1)).astimezone(zone).utcoffset()
		# The onset is given in the local time in force before it (the offset it changes from).
		lines += observance((aware + before).replace(tzinfo=None), before, aware.astimezone(zone))
	lines.append("END:VTIMEZONE")
	return lines


def calendar(events: Iterable[CalendarEvent], name: str, timezone: str, stamp: datetime.datetime) -> str:
	events = list(events)
	years = [moment.year for event in events for moment in (event.start, event.end)] or [stamp.year]
	lines = [
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//community_gov//training//ZH",
		"CALSCALE:GREGORIAN",
		f"X-WR-CALNAME:{escape(name)}",
		f"X-WR-TIMEZONE:{timezone}",
		*vtimezone(timezone, min(years), max(years)),
	]
	for event in events:
		lines += [
			"BEGIN:VEVENT",
			f"UID:{event.uid}",
			f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
			f"DTSTART;TZID={timezone}:{event.start:%Y%m%dT%H%M%S}",
			f"DTEND;TZID={timezone}:{event.end:%Y%m%dT%H%M%S}",
			f"SUMMARY:{escape(event.summary)}",
			f"LOCATION:{escape(event.location)}",
			f"DESCRIPTION:{escape(event.description)}",
			"END:VEVENT",
		]
	lines.append("END:VCALENDAR")
	return "\r\n".join(folded for line in lines for folded in fold(line)) + "\r\n"
