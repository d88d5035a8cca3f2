import datetime

from community_gov.rules.ics import CalendarEvent, calendar, escape, fold, utc_offset, vtimezone

STAMP = datetime.datetime(2026, 11, 22, 2, 0, 0)


def test_calendar_has_one_event_per_session_in_local_time():
	text = calendar(
		[
			CalendarEvent("TS-1@community", datetime.datetime(2026, 12, 3, 9), datetime.datetime(2026, 12, 3, 11, 30),
				"社区治理专题讲座", "区委党校301", "主讲:王教授"),
			CalendarEvent("TS-2@community", datetime.datetime(2026, 12, 10, 14), datetime.datetime(2026, 12, 10, 17),
				"经验交流会"),
		],
		"我的培训",
		"Asia/Shanghai",
		STAMP,
	)  # fmt: skip
	assert text.startswith("BEGIN:VCALENDAR\r\n")
	assert text.endswith("END:VCALENDAR\r\n")
	assert text.count("BEGIN:VEVENT") == 2
	assert "DTSTART;TZID=Asia/Shanghai:20261203T090000" in text
	assert "DTEND;TZID=Asia/Shanghai:20261203T113000" in text
	assert "SUMMARY:社区治理专题讲座" in text
	assert "DTSTAMP:20261122T020000Z" in text


def test_escaping_and_folding():
	assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
	long_line = "DESCRIPTION:" + "培训" * 40
	parts = fold(long_line)
	assert all(len(part.encode()) <= 75 for part in parts)
	assert "".join(part[1:] if i else part for i, part in enumerate(parts)) == long_line


def test_the_time_zone_of_the_events_is_defined_once_before_them():
	text = calendar(
		[
			CalendarEvent(
				"TS-1@community",
				datetime.datetime(2026, 12, 3, 9),
				datetime.datetime(2026, 12, 3, 11),
				"讲座",
			)
		],
		"我的培训",
		"Asia/Shanghai",
		STAMP,
	)
	lines = text.split("\r\n")
	block = lines[lines.index("BEGIN:VTIMEZONE") : lines.index("END:VTIMEZONE") + 1]
	assert lines.index("END:VTIMEZONE") < lines.index("BEGIN:VEVENT")
	assert text.count("BEGIN:VTIMEZONE") == 1
	# Shanghai keeps +0800 all year (no daylight saving time since 1991): one standard observance.
	assert block == [
		"BEGIN:VTIMEZONE",
		"TZID:Asia/Shanghai",
		"BEGIN:STANDARD",
		"DTSTART:20260101T000000",
		"TZOFFSETFROM:+0800",
		"TZOFFSETTO:+0800",
		"TZNAME:CST",
		"END:STANDARD",
		"END:VTIMEZONE",
	]


def test_a_zone_with_daylight_saving_time_gets_each_change():
	block = vtimezone("Europe/Berlin", 2026, 2026)
	assert block[:2] == ["BEGIN:VTIMEZONE", "TZID:Europe/Berlin"]
	text = "\n".join(block)
	# Summer time starts on 29 March 2026 at 02:00 local (+0100) and ends on 25 October at 03:00 (+0200).
	assert (
		"BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST" in text
	)
	assert "BEGIN:STANDARD\nDTSTART:20261025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET" in text
	assert block.count("BEGIN:STANDARD") == 2 and block.count("BEGIN:DAYLIGHT") == 1


def test_offsets_are_written_as_rfc_5545_utc_offsets():
	assert utc_offset(datetime.timedelta(hours=8)) == "+0800"
	assert utc_offset(datetime.timedelta(hours=-3, minutes=-30)) == "-0330"
	assert utc_offset(datetime.timedelta(0)) == "+0000"
