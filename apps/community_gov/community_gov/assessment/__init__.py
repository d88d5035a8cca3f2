"""Target agreements, annual assessments and the two-year-fail adjustment rule: the Frappe side."""
