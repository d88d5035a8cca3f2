// The batch tools of the desk lists (community_gov/batch): workflow actions on the selected records, the score
// and attendance sheets, portal accounts. Every value from the server goes into the HTML escaped.
frappe.provide("community_gov.batch");

(function () {
	const esc = (value) => frappe.utils.escape_html(value === null || value === undefined ? "" : String(value));
	const BATCH_ROLES = ["Organization Department", "Sub District Reviewer", "System Manager"];

	community_gov.batch.may_use = () => BATCH_ROLES.some((role) => frappe.user.has_role(role));

	const table = (headers, rows) =>
		`<div style="max-height: 24rem; overflow-y: auto"><table class="table table-bordered table-sm">
			<thead><tr>${headers.map((h) => `<th>${h}</th>`).join("")}</tr></thead>
			<tbody>${rows.join("")}</tbody></table></div>`;

	// ------------------------------------------------------------ workflow actions on the selected records

	// `actions`: [{action, label, reason_label}] (a reason label: the action asks one reason for all). They replace
	// Frappe's own bulk workflow items in the list's Actions menu, which ask no reason and report elsewhere.
	community_gov.batch.add_workflow_actions = function (listview, actions) {
		if (!community_gov.batch.may_use()) return;
		Object.values(listview.workflow_action_items || {}).forEach(($item) => $item.closest("li").remove());
		listview.workflow_action_items = {};
		listview.toggle_workflow_actions = () => {};
		actions.forEach(({ action, label, reason_label }) => {
			listview.page.add_actions_menu_item(
				label,
				() => {
					const names = listview.get_checked_items(true);
					if (!names.length) return;
					const run = (reason) => apply_workflow_action(listview, action, label, names, reason);
					const note = __("Each record is processed on its own: a refused record does not undo the others.");
					if (reason_label) {
						frappe.prompt(
							{
								fieldname: "reason",
								fieldtype: "Small Text",
								label: reason_label,
								reqd: 1,
								description: `${__("The same reason is recorded on each of the {0} selected records.", [names.length])} ${note}`,
							},
							({ reason }) => run(reason),
							label,
							label
						);
					} else {
						frappe.confirm(`${__("{0}: {1} selected records?", [esc(label), names.length])}<br>${note}`, () => run());
					}
				},
				false
			);
		});
	};

	function apply_workflow_action(listview, action, label, names, reason) {
		frappe
			.call({
				method: "community_gov.batch.workflow_actions.apply_to_selected",
				args: { doctype: listview.doctype, names, action, reason: reason || null },
				freeze: true,
				freeze_message: __("Processing {0} records…", [names.length]),
			})
			.then(({ message }) => {
				show_workflow_results(listview.doctype, label, message);
				listview.clear_checked_items();
				listview.refresh();
			});
	}

	function show_workflow_results(doctype, label, summary) {
		const rows = summary.results.map(
			(r) => `<tr>
				<td><a href="${frappe.utils.get_form_link(doctype, r.name)}">${esc(r.name)}</a></td>
				<td>${esc(r.title)}</td>
				<td><span class="indicator-pill ${r.status === "done" ? "green" : "red"}">${
					r.status === "done" ? __("Done") : __("Refused")
				}</span></td>
				<td>${esc(r.state ? __(r.state) : "")}</td>
				<td>${esc(r.message)}</td></tr>`
		);
		frappe.msgprint({
			title: label,
			wide: true,
			indicator: summary.refused ? (summary.done ? "orange" : "red") : "green",
			message: `<p>${__("{0} done, {1} refused. Each record was processed on its own: a refused record was left as it was and did not undo the others.", [summary.done, summary.refused])}</p>
				${table([__("ID"), __("Full Name"), __("Result"), __("Workflow State"), __("Message")], rows)}`,
		});
	}

	// ------------------------------------------------------------ sheets

	community_gov.batch.download = function (method, args) {
		window.open(`/api/method/${method}?${$.param(args)}`);
	};

	// Upload a filled sheet and show what became of it. `args` go to `method` with the file and the mode.
	community_gov.batch.import_sheet = function ({ title, method, args = {}, description = "", on_done }) {
		const dialog = new frappe.ui.Dialog({
			title,
			fields: [
				{ fieldname: "intro", fieldtype: "HTML", options: `<p class="text-muted">${esc(description)}</p>` },
				{
					fieldname: "file_url",
					fieldtype: "Attach",
					label: __("Excel File (.xlsx)"),
					reqd: 1,
					options: {
						restrictions: { allowed_file_types: [".xlsx"] },
						make_attachments_public: false,
						allow_toggle_private: false,
						disable_file_browser: true,
						allow_web_link: false,
						allow_take_photo: false,
						allow_google_drive: false,
					},
				},
				{
					fieldname: "import_mode",
					fieldtype: "Select",
					label: __("Import Mode"),
					reqd: 1,
					default: "All or Nothing",
					options: [
						{ value: "All or Nothing", label: __("All or Nothing") },
						{ value: "Good Rows Only", label: __("Good Rows Only") },
					],
					description: __(
						"All or Nothing: any error refuses the whole sheet and nothing is written. Good Rows Only: the rows without errors are written, the others are listed."
					),
				},
			],
			primary_action_label: __("Import"),
			primary_action(values) {
				dialog.disable_primary_action();
				frappe
					.call({
						method,
						args: { ...args, file_url: values.file_url, import_mode: values.import_mode },
						freeze: true,
						freeze_message: __("Reading the sheet…"),
					})
					.then(({ message }) => {
						dialog.hide();
						const done = (result) => {
							show_import_result(title, result);
							on_done && on_done(result);
						};
						if (message.status === "Queued") wait_for_import(title, message, done);
						else done(message);
					})
					.always(() => dialog.enable_primary_action());
			},
		});
		dialog.show();
	};

	// A larger sheet is imported by a background job (community_gov/batch/imports.py): the job's realtime event
	// says when it is done; the log is read every few seconds as well while realtime is not connected, and now
	// and then when it is (an event missed while the socket reconnected).
	const IMPORT_EVENT = "batch_import";
	const FINISHED = ["Imported", "Partially Imported", "Refused", "Failed"];
	const POLL_SECONDS = 5;
	const POLL_CONNECTED_EVERY = 6; // ticks: 30 s
	const GIVE_UP_AFTER = 2 * 60 * 60; // s: longer than the job's time limit

	function wait_for_import(title, queued, done) {
		const log = queued.log;
		// A dialog of its own: hiding it leaves Frappe's message dialog (which shows the result) alone.
		const waiting = new frappe.ui.Dialog({
			title: `${title}: ${__("Queued")}`,
			fields: [
				{
					fieldname: "message",
					fieldtype: "HTML",
					options: `<p>${__(
						"The sheet has {0} rows: it is imported in the background. The result appears here when the import is done; you may close this window and go on working, or find the result later in the import log.",
						[queued.total_rows]
					)}</p>${log_link(log)}`,
				},
			],
		});
		waiting.show();
		let finished = false;
		let ticks = 0;
		const finish = () => {
			if (finished) return;
			finished = true;
			frappe.realtime.off(IMPORT_EVENT, on_event);
			clearInterval(timer);
			frappe.db.get_doc("Batch Import Log", log).then((doc) => {
				waiting.hide();
				done(result_of_log(doc));
			});
		};
		const on_event = (data) => {
			if (data && data.log === log && FINISHED.includes(data.status)) finish();
		};
		const poll = () =>
			frappe.db.get_value("Batch Import Log", log, "status").then(({ message }) => {
				if (!message) return;
				if (FINISHED.includes(message.status)) finish();
				else waiting.set_title(`${title}: ${__(message.status)}`); // Queued, In Progress
			});
		const timer = setInterval(() => {
			ticks += 1;
			if (ticks * POLL_SECONDS > GIVE_UP_AFTER) return clearInterval(timer);
			const connected = frappe.realtime.socket && frappe.realtime.socket.connected;
			if (!connected || ticks % POLL_CONNECTED_EVERY === 0) poll();
		}, POLL_SECONDS * 1000);
		frappe.realtime.on(IMPORT_EVENT, on_event);
		poll(); // a small job may be done already
	}

	function result_of_log(doc) {
		return {
			log: doc.name,
			status: doc.status,
			total_rows: doc.total_rows,
			created: doc.created_count,
			updated: doc.updated_count,
			unchanged: doc.unchanged_count,
			failed_rows: doc.failed_count,
			errors: (doc.errors || []).map((e) => ({ row: e.row_number, column: e.column_label, message: e.message })),
		};
	}

	const log_link = (log) =>
		log
			? `<p><a href="${frappe.utils.get_form_link("Batch Import Log", log)}">${__("Import log {0}", [esc(log)])}</a></p>`
			: "";

	function show_import_result(title, result) {
		const status = { Imported: "green", "Partially Imported": "orange", Refused: "red", Failed: "red" };
		const rows = result.errors.map(
			(e) => `<tr><td>${e.row ? esc(e.row) : "—"}</td><td>${esc(e.column)}</td><td>${esc(e.message)}</td></tr>`
		);
		const counts =
			result.status === "Failed"
				? __("{0} rows read.", [result.total_rows])
				: __("{0} rows read: {1} created, {2} updated, {3} unchanged, {4} rows with errors.", [
						result.total_rows,
						result.created,
						result.updated,
						result.unchanged,
						result.failed_rows,
				  ]);
		const outcome =
			result.status === "Failed"
				? __("The import stopped and nothing was written: see the reason below.")
				: result.status === "Refused"
				? __("Nothing was written: correct the rows below and upload the sheet again.")
				: result.status === "Partially Imported"
				? __("The rows without errors were written; the rows below were not.")
				: __("Every row was imported.");
		frappe.msgprint({
			title: `${title}: ${__(result.status)}`,
			wide: true,
			indicator: status[result.status] || "gray",
			message: `<p>${counts} ${outcome}</p>${log_link(result.log)}${
				rows.length ? table([__("Row"), __("Column"), __("Message")], rows) : ""
			}`,
		});
	}

	// ------------------------------------------------------------ the score sheet (Annual Assessment list)

	community_gov.batch.add_score_sheet_buttons = function (listview) {
		if (!community_gov.batch.may_use()) return;
		const group = __("Score Sheet");
		listview.page.add_inner_button(__("Download Score Sheet"), () => {
			frappe.prompt(
				[
					{ fieldname: "sub_district", fieldtype: "Link", options: "Sub District", label: __("Sub District"), reqd: 1 },
					{ fieldname: "year", fieldtype: "Int", label: __("Year"), reqd: 1, default: new Date().getFullYear() },
				],
				(values) => community_gov.batch.download("community_gov.batch.scores.download_score_sheet", values),
				__("Download Score Sheet"),
				__("Download")
			);
		}, group);
		listview.page.add_inner_button(__("Import Scores"), () => {
			community_gov.batch.import_sheet({
				title: __("Import Scores"),
				method: "community_gov.batch.scores.import_scores",
				description: __(
					"The score sheet downloaded for a sub-district and year, filled in: each row fills that cadre's annual assessment (a draft is created where there is none)."
				),
				on_done: () => listview.refresh(),
			});
		}, group);
		listview.page.add_inner_button(__("Batch Import Log"), () => frappe.set_route("List", "Batch Import Log"), group);
	};

	// ------------------------------------------------------------ the sign-in sheet (Training Session form and list)

	community_gov.batch.download_attendance_sheet = function (training_session) {
		community_gov.batch.download("community_gov.batch.attendance.download_attendance_sheet", { training_session });
	};

	community_gov.batch.import_attendance = function (training_session, on_done) {
		community_gov.batch.import_sheet({
			title: __("Import Attendance"),
			method: "community_gov.batch.attendance.import_attendance",
			args: { training_session },
			description: __(
				"The sign-in sheet of this session, filled in: one row per cadre (ID number, or name and community), attendance and hours."
			),
			on_done,
		});
	};

	// ------------------------------------------------------------ portal accounts (Cadre list)

	community_gov.batch.add_portal_accounts_button = function (listview) {
		if (!community_gov.batch.may_use()) return;
		listview.page.add_inner_button(__("Create Portal Accounts"), () => {
			frappe.prompt(
				[
					{
						fieldname: "sub_district",
						fieldtype: "Link",
						options: "Sub District",
						label: __("Sub District"),
						reqd: 1,
						description: __(
							"Every active cadre of the sub-district without a portal account gets one: the mobile number is the login, and a welcome e-mail with the link to set a password is queued."
						),
					},
				],
				({ sub_district }) =>
					frappe
						.call({
							method: "community_gov.batch.accounts.create_portal_accounts",
							args: { sub_district },
							freeze: true,
							freeze_message: __("Creating portal accounts…"),
						})
						.then(({ message }) => {
							show_accounts_summary(message);
							listview.refresh();
						}),
				__("Create Portal Accounts"),
				__("Create")
			);
		});
	};

	function show_accounts_summary(summary) {
		const created = summary.created.map(
			(r) => `<tr><td>${esc(r.full_name)}</td><td>${esc(r.community)}</td><td>${esc(r.user)}</td></tr>`
		);
		const skipped = summary.skipped.map(
			(r) => `<tr><td>${esc(r.full_name)}</td><td>${esc(r.community)}</td><td>${esc(r.message)}</td></tr>`
		);
		const warnings = [
			summary.mobile_login ? "" : __("Login with the mobile number is not switched on in the System Settings."),
			summary.mail_account ? "" : __("No outgoing e-mail account is set up: the welcome e-mails wait in the queue."),
		]
			.filter(Boolean)
			.map((text) => `<p class="text-warning">${text}</p>`)
			.join("");
		frappe.msgprint({
			title: __("Create Portal Accounts"),
			wide: true,
			indicator: summary.created.length ? "green" : "orange",
			message: `<p>${__("{0} accounts created, {1} cadres skipped.", [summary.created.length, summary.skipped.length])}</p>${warnings}
				${created.length ? `<h5>${__("Created")}</h5>${table([__("Full Name"), __("Community"), __("Account")], created)}` : ""}
				${skipped.length ? `<h5>${__("Skipped")}</h5>${table([__("Full Name"), __("Community"), __("Reason")], skipped)}` : ""}`,
		});
	}
})();
