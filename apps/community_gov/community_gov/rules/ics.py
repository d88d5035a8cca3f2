"""iCalendar (RFC 5545) text for a trainee's sessions, to add to a phone's calendar."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


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


def calendar(events: Iterable[CalendarEvent], name: str, timezone: str, stamp: datetime.datetime) -> str:
	lines = [
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//community_gov//training//ZH",
		"CALSCALE:GREGORIAN",
		f"X-WR-CALNAME:{escape(name)}",
		f"X-WR-TIMEZONE:{timezone}",
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
