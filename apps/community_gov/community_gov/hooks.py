app_name = "community_gov"
app_title = "Community Governance"
app_publisher = "District Organization Department"
app_description = "Community party-organization secretaries: register, reserves, training, assessments"
app_email = "orgdept@community.localhost"
app_license = "mit"

export_python_type_annotations = True

# A bench command run before `bench get-app` cached a module map without the app (community_gov.setup.module_map).
before_install = "community_gov.setup.module_map.refresh_module_map"
after_install = "community_gov.setup.install.after_install"
after_migrate = "community_gov.setup.install.after_migrate"
# Undo what the app set up outside its own DocTypes, so the site works as before (community_gov.setup.uninstall).
before_uninstall = "community_gov.setup.uninstall.before_uninstall"
after_uninstall = "community_gov.setup.uninstall.after_uninstall"

# Record-level access: the same rules for lists (SQL conditions) and single documents.
permission_query_conditions = {
	"Sub District": "community_gov.permissions.sub_district_query",
	"Community": "community_gov.permissions.community_query",
	"Cadre": "community_gov.permissions.cadre_query",
	"Target Agreement": "community_gov.permissions.target_agreement_query",
	"Annual Assessment": "community_gov.permissions.annual_assessment_query",
	"Adjustment Case": "community_gov.permissions.adjustment_case_query",
	"Satisfaction Survey": "community_gov.permissions.satisfaction_survey_query",
	"Target Template": "community_gov.permissions.target_template_query",
	"Reserve Candidate": "community_gov.permissions.reserve_candidate_query",
	"Appointment": "community_gov.permissions.appointment_query",
	"Training Session": "community_gov.permissions.training_session_query",
	"Batch Import Log": "community_gov.permissions.batch_import_log_query",
	"Cadre Training Year": "community_gov.permissions.cadre_training_year_query",
	"General Election": "community_gov.permissions.general_election_query",
	"Election Record": "community_gov.permissions.election_record_query",
	"Cadre Term": "community_gov.permissions.cadre_term_query",
	"Cadre Pay Record": "community_gov.permissions.cadre_pay_record_query",
	# Every list query of an app DocType: no filtering, sorting or grouping by a field the user may not read
	# (community_gov.field_access).
	"*": "community_gov.field_access.refuse_hidden_field_conditions",
	# Child tables listed on their own (`get_list` with `parent=`): only rows of visible parents.
	**{
		child: "community_gov.permissions.child_table_query"
		for child in (
			"Training Attendance",
			"Assessment Score",
			"Agreement Target",
			"Cadre Honour",
			"Adjustment Case Year",
			"Reserve Assignment",
			"Sub District User",
			"Adjustment Covered Position",
			"Post Term Length",
			"Target Template Item",
			"Target Template Position",
			"Assessment Survey",
			"Batch Import Error",
			"General Election Community",
		)
	},
}

has_permission = {
	"Sub District": "community_gov.permissions.has_sub_district_permission",
	"Community": "community_gov.permissions.has_community_permission",
	"Cadre": "community_gov.permissions.has_cadre_permission",
	"Target Agreement": "community_gov.permissions.has_cadre_record_permission",
	"Annual Assessment": "community_gov.permissions.has_cadre_record_permission",
	"Adjustment Case": "community_gov.permissions.has_cadre_record_permission",
	"Satisfaction Survey": "community_gov.permissions.has_cadre_record_permission",
	"Target Template": "community_gov.permissions.has_target_template_permission",
	"Reserve Candidate": "community_gov.permissions.has_cadre_record_permission",
	"Appointment": "community_gov.permissions.has_cadre_record_permission",
	"Training Program": "community_gov.permissions.has_training_permission",
	"Training Session": "community_gov.permissions.has_training_permission",
	"Batch Import Log": "community_gov.permissions.has_batch_import_log_permission",
	"Cadre Training Year": "community_gov.permissions.has_cadre_training_year_permission",
	"General Election": "community_gov.permissions.has_general_election_permission",
	"Election Record": "community_gov.permissions.has_cadre_record_permission",
	"Cadre Term": "community_gov.permissions.has_cadre_record_permission",
	"Cadre Pay Record": "community_gov.permissions.has_cadre_pay_record_permission",
}

# Scope of links and workflow-state edit rights, for every save by whatever path it comes.
doc_events = {
	"*": {
		"before_validate": "community_gov.guards.before_validate",
		# Forms name the user of a who-did-it field, not the cadre (community_gov.user_links).
		"onload": "community_gov.user_links.send_user_link_titles",
	},
	# The app's desk users see the app's workspace only (community_gov.setup.desk).
	"User": {"before_validate": "community_gov.setup.desk.apply_module_profile"},
	# The department's name on the website follows the system language (community_gov.setup.website).
	"System Settings": {"on_update": "community_gov.setup.website.set_up_website"},
	# Notices to the cadre when a record waits for it; its login follows its mobile number
	# (community_gov.portal: notices, accounts).
	"Target Agreement": {"on_update": "community_gov.portal.notices.on_agreement_update"},
	"Annual Assessment": {
		"after_insert": "community_gov.portal.notices.on_assessment_insert",
		"on_update": "community_gov.portal.notices.on_assessment_update",
		"on_submit": "community_gov.portal.notices.on_assessment_submit",
	},
	"Cadre": {
		"on_update": [
			"community_gov.portal.accounts.sync_login_mobile",
			# A cadre that left ends its open terms (community_gov.terms.lifecycle).
			"community_gov.terms.lifecycle.on_cadre_update",
		]
	},
	# Frappe mails a follower every change of a record: only what the follower may read whole.
	"Document Follow": {"after_insert": "community_gov.field_access.check_document_follow"},
	# Each cadre's training per year follows its sessions (community_gov.training.summary).
	"Training Session": {
		"on_change": "community_gov.training.summary.on_session_change",
		"after_delete": "community_gov.training.summary.on_session_change",
	},
}

scheduler_events = {
	# Undoes Frappe's automatic switch of a slow report to a prepared report (setup/report_modes.py).
	"hourly": ["community_gov.setup.report_modes.restore_report_modes"],
	# Default queue (300 s): tomorrow's sessions' trainees, a day's classes.
	"daily": [
		"community_gov.training.reminders.send_session_reminders",
		# Terms ending within the alert lead time (90 days), each announced once (community_gov.terms.alerts).
		"community_gov.terms.alerts.send_term_alerts",
	],
	# Long queue (1,500 s): the whole population is read (the two-year rule; each cadre's training year, on
	# the first of October, November and December).
	"daily_long": [
		"community_gov.assessment.sweep.daily_sweep",
		"community_gov.training.reminders.send_compliance_reminders",
	],
}

jinja = {"methods": ["community_gov.printing.cadre_for_print"]}

# Connections under a form, counted as the user may see them (Frappe's counts skip record-level access).
override_whitelisted_methods = {
	# A form's change history without the fields the reader may not read (community_gov.field_access).
	"frappe.desk.form.load.getdoc": "community_gov.field_access.getdoc",
	"frappe.desk.form.load.get_docinfo": "community_gov.field_access.get_docinfo",
	# Frappe's counts any DocType by any filter unchecked; the app's count what the user may list.
	"frappe.client.get_count": "community_gov.permissions.get_count",
	"frappe.desk.notifications.get_open_count": "community_gov.connections.get_open_count",
	# The Document Type number cards read from the read replica too, like reports (read_replica.py).
	"frappe.desk.doctype.number_card.number_card.get_result": "community_gov.read_replica.number_card_result",
}

# Desk-wide helpers for the form scripts (public/js/community_gov.bundle.js).
app_include_js = "community_gov.bundle.js"
# Values the desk scripts read instead of keeping their own copy (the training session status map, the
# option lists of the report filters).
boot_session = [
	"community_gov.training.sessions.add_session_statuses_to_boot",
	"community_gov.constants.add_options_to_boot",
]

# The department's website: its emblem (desk and login), cadres land on their personal space (also when they
# open the desk, community_gov.portal), whose pages the portal menu links; browsers asking for /favicon.ico get
# the emblem.
app_logo_url = "/assets/community_gov/images/emblem.svg"
role_home_page = {"Cadre": "my"}
portal_menu_items = [
	{"title": "My Space", "route": "/my", "role": "Cadre"},
	{"title": "My Targets", "route": "/my/targets", "role": "Cadre"},
	{"title": "My Assessment", "route": "/my/assessment", "role": "Cadre"},
	{"title": "My File", "route": "/my/profile", "role": "Cadre"},
	{"title": "My Training", "route": "/training", "role": "Cadre"},
]
before_request = [
	"community_gov.portal.common.send_website_users_to_the_portal",
	"community_gov.portal.shell.serve_shell",
]
# The personal space's pages are a light shell that a script fills from the whitelisted methods, not Frappe's
# website pages (community_gov.portal.shell); the shell is cached until the website's settings change.
page_renderer = ["community_gov.portal.shell.PortalShellPage"]
website_clear_cache = ["community_gov.portal.shell.clear_shell_cache"]
website_redirects = [{"source": "/favicon.ico", "target": "/assets/community_gov/images/emblem.svg"}]
