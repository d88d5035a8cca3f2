// The cadre's personal space on a phone (/my, /my/targets, /my/assessment, /my/profile, /training).
// The page is a light shell (community_gov/portal/shell.py) without Frappe's desk scripts; this script fills it
// from the page's whitelisted method and acts through the others. Whatever a person wrote (titles, reasons,
// the self-summary, names) is put in as text nodes, never as HTML.
// A page's shell carries the translations of the strings of the shared parts and of its own section (a heading
// with "(page: …)"; shell.script_messages): a string goes in the section of the page that shows it, or shared.
(() => {
	"use strict";

	const boot = window.cg_boot || {};
	const messages = boot.messages || {};
	const labels = boot.labels || {}; // the translations of the option values the page shows

	// Translation, as Frappe's __(): the shell carries this script's strings (shell.script_messages).
	const __ = (text, args) => {
		const translated = messages[text] || text;
		return args ? translated.replace(/\{(\d+)\}/g, (all, i) => (args[i] === undefined ? all : String(args[i]))) : translated;
	};
	const label = (value) => (value ? labels[value] || value : "");

	// An element with its attributes and children; strings become text nodes.
	const h = (tag, attributes, ...children) => {
		const element = document.createElement(tag);
		for (const [name, value] of Object.entries(attributes || {})) {
			if (value === null || value === undefined || value === false) continue;
			if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
			else if (name === "dataset") Object.assign(element.dataset, value);
			else element.setAttribute(name, value === true ? "" : String(value));
		}
		for (const child of children.flat(Infinity)) {
			if (child === null || child === undefined || child === false || child === "") continue;
			element.append(child instanceof Node ? child : String(child));
		}
		return element;
	};

	const number = (value, digits) => {
		const factor = 10 ** digits;
		return String(Math.round((Number(value) || 0) * factor) / factor);
	};
	const datetime = (value) => (value ? String(value).slice(0, 16) : ""); // yyyy-MM-dd HH:mm
	const date = (value) => {
		const [y, m, d] = String(value || "").slice(0, 10).split("-");
		if (!d) return value || "";
		return (boot.date_format || "yyyy-mm-dd").replace("yyyy", y).replace("mm", m).replace("dd", d);
	};
	const when = (session) => `${datetime(session.start)}–${datetime(session.end).slice(11)}`;
	const muted = (text) => h("p", { class: "text-muted" }, text);
	const card = (id, title, ...children) => h("section", { class: "cg-card", id }, title ? h("h2", {}, title) : null, children);

	// ------------------------------------------------------------ calls

	// The text of Frappe's messages (they may hold markup, e.g. a bold title): read by an inert parser.
	const plain = (html) => new DOMParser().parseFromString(String(html), "text/html").body.textContent.trim();

	const server_messages = (body) => {
		try {
			return JSON.parse(body._server_messages || "[]")
				.map((message) => {
					const parsed = JSON.parse(message);
					return plain(parsed.message || parsed);
				})
				.filter(Boolean);
		} catch (error) {
			return [];
		}
	};

	const call = async (method, args, post) => {
		const headers = { Accept: "application/json", "X-Frappe-CSRF-Token": boot.csrf_token || "" };
		let url = `/api/method/${method}`;
		const options = { headers, credentials: "same-origin" };
		if (post) {
			options.method = "POST";
			headers["Content-Type"] = "application/json";
			options.body = JSON.stringify(args || {});
		} else if (args) {
			url += `?${new URLSearchParams(args)}`;
		}
		let body = {};
		let response = null;
		try {
			response = await fetch(url, options);
			body = await response.json();
		} catch (error) {
			body = {};
		}
		if (!response || !response.ok || body.exc_type) {
			const said = server_messages(body);
			throw new Error(said.length ? said.join("\n") : __("Something went wrong. Please try again."));
		}
		return body.message;
	};

	// ------------------------------------------------------------ the page

	const main = document.querySelector(".cg-portal");
	const content = document.getElementById("cg-content");
	const flash_box = document.querySelector(".cg-flash");
	const error_box = document.querySelector(".cg-error");

	const show = (box, text) => {
		box.textContent = text;
		box.hidden = !text;
		if (text) window.scrollTo(0, 0);
	};

	const load = async () => {
		const page = PAGES[boot.page];
		main.setAttribute("aria-busy", "true");
		try {
			const data = await call(page.method);
			content.replaceChildren(...[page.render(data)].flat(Infinity).filter(Boolean));
		} catch (error) {
			content.replaceChildren();
			show(error_box, error.message);
		} finally {
			main.setAttribute("aria-busy", "false");
		}
	};

	// An action: the page is filled again and says what was done (a title inside is data: text).
	const act = async (method, args, controls) => {
		controls.forEach((control) => (control.disabled = true));
		show(error_box, "");
		show(flash_box, "");
		let message;
		try {
			message = await call(method, args, true);
		} catch (error) {
			controls.forEach((control) => (control.disabled = false));
			show(error_box, error.message);
			return;
		}
		await load();
		show(flash_box, (message && message.message) || "");
	};

	// Asked first: what cannot be undone here.
	const confirm = (title, text, action_label, cancel_label, action) => {
		const dialog = h(
			"dialog",
			{ class: "cg-dialog", "aria-label": title },
			h("h2", {}, title),
			h("p", {}, text),
			h(
				"div",
				{ class: "cg-actions" },
				h("button", { type: "button", class: "btn btn-default", onclick: () => dialog.close() }, cancel_label),
				h("button", { type: "button", class: "btn btn-primary", onclick: () => (dialog.close(), action()) }, action_label)
			)
		);
		dialog.addEventListener("close", () => dialog.remove());
		document.body.append(dialog);
		dialog.showModal();
	};

	const who = (cadre) => muted([cadre.full_name, cadre.community, label(cadre.position)].filter(Boolean).join(" · "));

	const STATE_STYLES = {
		"Pending Signature": "warning",
		Signed: "success",
		Returned: "danger",
		Approved: "success",
		"Self Assessed": "info",
		Reviewed: "info",
	};
	const state = (value, style) => h("span", { class: `cg-state ${style ?? STATE_STYLES[value] ?? ""}` }, label(value));

	// ------------------------------------------------------------ 我的主页 (page: home)

	const home = (data) => {
		const { agreement, assessment, next_session: next } = data;
		let assessment_text = h("span", { class: "text-muted" }, __("No annual assessment yet"));
		if (assessment && assessment.docstatus === 1) {
			assessment_text = __("{0}: {1}", [assessment.year, label(assessment.grade)]);
		} else if (assessment) {
			assessment_text = [__("Annual assessment for {0}", [assessment.year]), " ", state(assessment.workflow_state)];
		}
		const tile = (route, title, ...children) => h("a", { class: "cg-tile", href: route }, h("b", {}, title), children);
		return [
			who(data.cadre),
			card(
				"notices",
				__("Waiting for You"),
				h(
					"ul",
					{ class: "cg-notices" },
					data.notices.length
						? data.notices.map((notice) =>
								h(
									"li",
									{ class: `cg-notice-${notice.kind}`, "data-kind": notice.kind },
									h("a", { href: notice.route }, notice.text)
								)
						  )
						: h("li", { class: "text-muted" }, __("Nothing waits for you right now"))
				)
			),
			h(
				"section",
				{ class: "cg-tiles", id: "overview" },
				tile(
					"/my/targets",
					__("My Targets"),
					agreement
						? [__("Target agreement for {0}", [agreement.year]), " ", state(agreement.workflow_state)]
						: h("span", { class: "text-muted" }, __("No target agreement for {0} yet", [data.year]))
				),
				tile("/my/assessment", __("My Assessment"), assessment_text),
				tile("/my/profile", __("My File"), h("span", { class: "text-muted" }, __("Your record, honours, training and appointments"))),
				tile(
					"/training",
					__("My Training"),
					next
						? [__("Next: {0}", [next.title || ""]), h("span", { class: "cg-meta" }, datetime(next.start))]
						: h("span", { class: "text-muted" }, __("No upcoming sessions"))
				)
			),
		];
	};

	// ------------------------------------------------------------ 我的目标 (page: targets)

	const target_table = (agreement) => [
		h(
			"table",
			{ class: "cg-targets" },
			h("thead", {}, h("tr", {}, h("th", {}, __("Area")), h("th", {}, __("Target")), h("th", { class: "num" }, __("Weight")))),
			h(
				"tbody",
				{},
				agreement.targets.map((row) =>
					h(
						"tr",
						{},
						h("td", {}, label(row.area)),
						h(
							"td",
							{},
							row.description || "",
							row.indicator ? h("div", { class: "cg-meta" }, `${__("Indicator")}: ${row.indicator}`) : null,
							row.is_veto ? h("div", { class: "cg-veto" }, __("Veto target: failing it means Fail")) : null
						),
						h("td", { class: "num" }, number(row.weight, 1))
					)
				)
			)
		),
		h("p", { class: "cg-meta" }, __("Total weight {0}, veto targets {1}", [number(agreement.total_weight, 1), agreement.veto_targets || 0])),
		agreement.remarks ? h("p", { class: "cg-text" }, agreement.remarks) : null,
	];

	const signature = (agreement) => {
		let text = "";
		if (agreement.signing_method === "Portal") text = __("You signed it here on {0}", [datetime(agreement.signed_on)]);
		else if (agreement.signing_method)
			text = __("Signed on paper; recorded by the Organization Department on {0}", [datetime(agreement.signed_on)]);
		else if (agreement.signed_by_cadre_on) text = __("Signed on {0}", [date(agreement.signed_by_cadre_on)]);
		return h("p", { class: "cg-meta" }, text);
	};

	const targets = (data) => {
		const title = (agreement) => __("Target Agreement for {0}", [agreement.year]);
		const sections = [];
		for (const agreement of data.pending) {
			const sign = h(
				"button",
				{ class: "btn btn-primary cg-sign", "data-agreement": agreement.name },
				__("Sign")
			);
			sign.addEventListener("click", () =>
				confirm(
					__("Sign the Target Agreement"),
					__("I have read the targets of my target agreement for {0} and confirm them.", [agreement.year]),
					__("Sign"),
					__("Cancel"),
					() => act("community_gov.portal.targets.sign_agreement", { agreement: agreement.name }, [sign])
				)
			);
			sections.push(
				h(
					"section",
					{ class: "cg-card cg-agreement", id: `pending-${agreement.name}`, "data-agreement": agreement.name },
					h("h2", {}, title(agreement), " ", state("Pending Signature", "warning")),
					h("p", {}, __("The sub-district party working committee has sent you this agreement. Read the targets, then sign it to confirm them.")),
					agreement.party_committee ? h("p", { class: "cg-meta" }, `${__("Party Working Committee")}: ${agreement.party_committee}`) : null,
					target_table(agreement),
					h("div", { class: "cg-actions" }, sign)
				)
			);
		}
		for (const agreement of data.signed) {
			sections.push(
				h(
					"section",
					{ class: "cg-card cg-agreement", id: `signed-${agreement.name}`, "data-agreement": agreement.name },
					h("h2", {}, title(agreement), " ", state("Signed", "success")),
					signature(agreement),
					target_table(agreement)
				)
			);
		}
		for (const agreement of data.preparing) {
			sections.push(
				h(
					"section",
					{ class: "cg-card", id: `preparing-${agreement.name}` },
					muted(
						__("Your target agreement for {0} is being prepared; you will be told when it waits for your signature.", [agreement.year])
					)
				)
			);
		}
		if (!data.pending.length && !data.signed.length && !data.preparing.length) {
			sections.push(card("none", null, muted(__("No target agreement for {0} yet", [data.year]))));
		}
		sections.push(
			card(
				"earlier",
				__("Earlier Years"),
				data.earlier.length
					? data.earlier.map((agreement) =>
							h("details", { class: "cg-session" }, h("summary", {}, title(agreement)), signature(agreement), target_table(agreement))
					  )
					: muted(__("No earlier agreements"))
			)
		);
		return sections;
	};

	// ------------------------------------------------------------ 我的考核 (page: assessment)

	const open_assessment = (assessment, data) => {
		const writable = data.writable_states.includes(assessment.workflow_state);
		const returned = assessment.workflow_state === "Returned";
		const parts = [];
		if (returned) {
			parts.push(
				h("div", { class: "cg-reason", id: "return-reason" }, h("b", {}, `${__("Return Reason")}:`), " ", assessment.return_reason || ""),
				h("p", {}, __("Revise your self-summary as asked and submit it again."))
			);
		} else if (writable) {
			parts.push(h("p", {}, __("Write your self-summary in the five parts. You can save a draft and come back; submit it when it is complete.")));
		} else {
			parts.push(muted(__("Your self-summary is with the reviewers. You will be told when there is a result.")));
		}
		if (writable) {
			const form = h(
				"form",
				{ class: "cg-summary", "data-assessment": assessment.name },
				data.summary_fields.map((part, index) => [
					h("label", { for: `${part.key}-${index + 1}` }, part.label),
					h("textarea", { class: "form-control", id: `${part.key}-${index + 1}`, name: part.key, maxlength: 4000 }),
				])
			);
			data.summary_fields.forEach((part) => (form.elements[part.key].value = assessment[part.fieldname] || ""));
			const incomplete = h("div", { class: "alert alert-danger cg-incomplete", role: "alert", hidden: true });
			const save = h("button", { type: "button", class: "btn btn-default cg-save" }, __("Save Draft"));
			const submit = h("button", { type: "button", class: "btn btn-primary cg-submit" }, __("Submit"));
			const texts = () => {
				const args = { assessment: assessment.name };
				data.summary_fields.forEach((part) => (args[part.key] = form.elements[part.key].value));
				return args;
			};
			save.addEventListener("click", () => act("community_gov.portal.assessment.save_self_summary", texts(), [save, submit]));
			submit.addEventListener("click", () => {
				if (data.summary_fields.some((part) => !form.elements[part.key].value.trim())) {
					incomplete.textContent = __("Write every part of your self-summary before you submit it");
					incomplete.hidden = false;
					return;
				}
				incomplete.hidden = true;
				const args = texts();
				confirm(
					__("Submit Self-Assessment"),
					__("Submit your self-summary for {0} to the reviewers? You cannot change it while they review it.", [assessment.year]),
					__("Submit"),
					__("Cancel"),
					() => act("community_gov.portal.assessment.submit_self_assessment", args, [save, submit])
				);
			});
			form.addEventListener("submit", (event) => event.preventDefault());
			form.append(incomplete, h("div", { class: "cg-actions" }, save, submit));
			parts.push(form);
		} else {
			data.summary_fields.forEach((part) => parts.push(h("h3", {}, part.label), h("p", { class: "cg-text" }, assessment[part.fieldname] || "")));
		}
		return h(
			"section",
			{ class: "cg-card cg-open", id: `open-${assessment.name}`, "data-assessment": assessment.name, "data-state": assessment.workflow_state },
			h(
				"h2",
				{},
				__("Annual Assessment for {0}", [assessment.year]),
				" ",
				state(assessment.workflow_state, returned ? "danger" : writable ? "" : "info")
			),
			parts
		);
	};

	const result = (row) =>
		h(
			"div",
			{ class: "cg-session cg-result", "data-year": row.year },
			h("div", { class: "cg-session-title" }, __("Annual Assessment for {0}", [row.year])),
			h("div", { class: `cg-grade ${row.grade || ""}` }, label(row.grade)),
			h(
				"dl",
				{ class: "cg-facts" },
				h("dt", {}, __("Total Score")),
				h("dd", {}, number(row.total_score, 2)),
				h("dt", {}, __("Target Score")),
				h("dd", {}, number(row.target_score, 2)),
				h("dt", {}, __("Residents' Satisfaction (%)")),
				h("dd", {}, number(row.satisfaction_rate, 1))
			),
			row.veto_failed ? h("p", { class: "cg-veto" }, __("A veto target was failed")) : null,
			row.areas.length
				? h(
						"table",
						{ class: "cg-targets" },
						h("thead", {}, h("tr", {}, h("th", {}, __("Area")), h("th", { class: "num" }, __("Score / Weight")))),
						h(
							"tbody",
							{},
							row.areas.map((area) =>
								h("tr", {}, h("td", {}, label(area.area)), h("td", { class: "num" }, `${number(area.score, 1)} / ${number(area.weight, 1)}`))
							)
						)
				  )
				: null
		);

	const assessment = (data) => [
		...data.open.map((row) => open_assessment(row, data)),
		card("results", __("Results"), data.results.length ? data.results.map(result) : muted(__("No approved results yet"))),
	];

	// ------------------------------------------------------------ 我的档案 (page: profile)

	const profile = (data) => [
		muted(__("Your record as the Organization Department keeps it. Tell the department if something is wrong.")),
		data.sections.map((section, index) =>
			h(
				"section",
				{ class: "cg-card cg-record", id: index === 0 ? "record" : null },
				index === 0 && data.photo ? h("img", { class: "cg-photo", src: data.photo, alt: __("Photo") }) : null,
				section.label ? h("h2", {}, section.label) : null,
				h("dl", { class: "cg-facts" }, section.fields.map((field) => [h("dt", {}, field.label), h("dd", {}, field.value)]))
			)
		),
		card(
			"honours",
			__("Honours"),
			data.honours.length
				? data.honours.map((honour) =>
						h(
							"div",
							{ class: "cg-session" },
							h("div", { class: "cg-session-title" }, honour.honour || ""),
							h("div", { class: "cg-meta" }, [honour.level, honour.awarded_on, honour.awarding_body].filter(Boolean).join(" · "))
						)
				  )
				: muted(__("No honours recorded"))
		),
		card(
			"training-history",
			__("Training Attended"),
			h("p", { class: "cg-meta" }, __("{0} credit hours in all", [number(data.training_hours, 1)])),
			data.training.length
				? data.training.map((session) =>
						h(
							"div",
							{ class: "cg-session" },
							h("div", { class: "cg-session-title" }, session.title || ""),
							h("div", { class: "cg-meta" }, [date(session.start), label(session.level), __("{0} credit hours", [number(session.hours, 1)])].join(" · "))
						)
				  )
				: muted(__("No training attended yet"))
		),
		card(
			"appointments",
			__("Appointments"),
			data.appointments.length
				? data.appointments.map((row) => {
						let meta = date(row.from_date);
						if (row.to_date) meta += ` – ${date(row.to_date)}`;
						if (row.post_to_remove) meta += ` · ${__("Removed from: {0}", [label(row.post_to_remove)])}`;
						if (row.county_filing_date) meta += ` · ${__("Filed with the county on {0}", [date(row.county_filing_date)])}`;
						return h(
							"div",
							{ class: "cg-session" },
							h("div", { class: "cg-session-title" }, `${label(row.post)} · ${row.community || ""}`),
							h("div", { class: "cg-meta" }, meta)
						);
				  })
				: muted(__("No approved appointments recorded"))
		),
	];

	// ------------------------------------------------------------ 我的培训 (page: training)

	const session_lines = (session) => [
		h("div", { class: "cg-session-title" }, session.title || ""),
		h(
			"div",
			{ class: "cg-meta" },
			[when(session), session.venue || ""].join(" · "),
			session.trainer ? ` · ${__("Trainer: {0}", [session.trainer])}` : ""
		),
	];

	const feedback_form = (session) => {
		const form = h(
			"form",
			{ class: "cg-feedback", "data-session": session.name },
			h("select", { name: "rating", class: "form-control form-control-sm", "aria-label": __("Feedback Rating") }, [5, 4, 3, 2, 1].map((n) => h("option", { value: n }, "★".repeat(n)))),
			h("input", { name: "comment", class: "form-control form-control-sm", placeholder: __("Your comment") }),
			h("button", { class: "btn btn-sm btn-default", type: "submit" }, __("Send Feedback"))
		);
		form.addEventListener("submit", (event) => {
			event.preventDefault();
			const args = { session: session.name, rating: Number(form.elements.rating.value), comment: form.elements.comment.value };
			act("community_gov.training.portal.submit_feedback", args, [...form.elements]);
		});
		return form;
	};

	const training = (data) => {
		const c = data.compliance;
		const level = (ok) => (ok ? "ok" : "short");
		const hours_ok = c.hours_required === null || c.hours >= c.hours_required;
		const feed_url = h("input", { class: "form-control form-control-sm cg-feed-url", readonly: true, hidden: true, "aria-label": __("Calendar") });
		const new_feed = h("button", { class: "btn btn-sm btn-default cg-feed" }, __("New Calendar Subscription Link"));
		const stop_feed = h("button", { class: "btn btn-sm btn-default cg-feed-revoke" }, __("Stop Calendar Subscription"));
		new_feed.addEventListener("click", async () => {
			show(error_box, "");
			try {
				feed_url.value = await call("community_gov.training.portal.get_feed_url", {}, true);
				feed_url.hidden = false;
				feed_url.select();
			} catch (error) {
				show(error_box, error.message);
			}
		});
		stop_feed.addEventListener("click", async () => {
			show(error_box, "");
			try {
				const message = await call("community_gov.training.portal.revoke_feed_url", {}, true);
				feed_url.hidden = true;
				show(flash_box, message.message);
			} catch (error) {
				show(error_box, error.message);
			}
		});
		return [
			who(data.cadre),
			card(
				"compliance",
				__("This Year ({0})", [data.year]),
				h(
					"ul",
					{ class: "cg-compliance" },
					c.is_secretary
						? h(
								"li",
								{ class: level(c.central_attended >= c.central_required) },
								__("Centralized training at {0} level or above", [label(data.central_level)]),
								" ",
								h("b", {}, `${c.central_attended}/${c.central_required}`)
						  )
						: null,
					h(
						"li",
						{ class: level(c.rotation_ok) },
						__("Rotation training since {0}", [c.rotation_required_since]),
						" ",
						h("b", {}, c.rotation_ok ? __("Done in {0}", [c.last_rotation_year]) : __("Not yet"))
					),
					h(
						"li",
						{ class: level(hours_ok) },
						__("Training credit hours"),
						" ",
						h("b", {}, number(c.hours, 1) + (c.hours_required === null ? "" : `/${number(c.hours_required, 1)}`))
					)
				)
			),
			card(
				"upcoming",
				__("Upcoming Sessions"),
				data.upcoming.length
					? data.upcoming.map((session) => {
							let withdraw = null;
							if (session.can_withdraw) {
								withdraw = h("button", { class: "btn btn-sm btn-default cg-withdraw", "data-session": session.name }, __("Withdraw"));
								withdraw.addEventListener("click", () =>
									confirm(
										__("Confirm"),
										__("Withdraw from {0}? Your seat is given to others.", [session.title || ""]),
										__("Withdraw"),
										__("Keep my seat"),
										() => act("community_gov.training.portal.withdraw", { session: session.name }, [withdraw])
									)
								);
							}
							return h("div", { class: "cg-session", "data-session": session.name }, session_lines(session), withdraw);
					  })
					: muted(__("No upcoming sessions"))
			),
			card(
				"menu",
				__("Open Courses"),
				data.menu.length
					? data.menu.map((session) => {
							const enrol = h("button", { class: "btn btn-sm btn-primary cg-enrol", "data-session": session.name }, __("Enrol"));
							enrol.addEventListener("click", () => act("community_gov.training.portal.enrol", { session: session.name }, [enrol]));
							return h(
								"div",
								{ class: "cg-session", "data-session": session.name },
								session_lines(session),
								h("div", { class: "cg-meta" }, __("{0} seats left", [session.seats_left])),
								enrol
							);
					  })
					: muted(__("No open courses right now"))
			),
			card(
				"past",
				__("Past Sessions"),
				data.past.length
					? data.past.map((session) =>
							h(
								"div",
								{ class: "cg-session" },
								h("div", { class: "cg-session-title" }, session.title || ""),
								h(
									"div",
									{ class: "cg-meta" },
									`${when(session)} · ${session.cancelled ? __("Cancelled") : label(session.status)}`,
									session.status === "Attended" ? ` · ${__("{0} credit hours", [number(session.hours, 1)])}` : ""
								),
								session.can_give_feedback
									? feedback_form(session)
									: session.stars
									? h("div", { class: "cg-meta" }, `${__("Your rating")}: ${"★".repeat(session.stars)}`)
									: null
							)
					  )
					: muted(__("No past sessions"))
			),
			card(
				"calendar",
				__("Calendar"),
				h("a", { class: "btn btn-sm btn-default", href: "/api/method/community_gov.training.portal.calendar_file" }, __("Download Calendar (.ics)")),
				" ",
				new_feed,
				" ",
				stop_feed,
				h("p", { class: "cg-meta" }, __("Add the link to your phone's calendar as a subscription. It is shown only once; a new link stops the old one.")),
				feed_url
			),
		];
	};

	// ------------------------------------------------------------ (shared)

	const PAGES = {
		home: { method: "community_gov.portal.home.get_my_space", render: home },
		targets: { method: "community_gov.portal.targets.get_my_targets", render: targets },
		assessment: { method: "community_gov.portal.assessment.get_my_assessments", render: assessment },
		profile: { method: "community_gov.portal.profile.get_my_profile", render: profile },
		training: { method: "community_gov.training.portal.get_my_training", render: training },
	};

	if (main && PAGES[boot.page]) load();
})();
