"""Training programs and sessions: enrolment, attendance, R6 compliance, reminders and the portal."""
