import datetime

from community_gov.rules.ics import CalendarEvent, calendar, escape, fold

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
