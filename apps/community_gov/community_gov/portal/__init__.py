"""The cadre's personal space on the website (/my): a light shell over whitelisted methods, phone first.

Pages (shell.py, shell.html, filled by public/js/portal.js): the home with the notices (notices.py), 我的目标
(targets.py), 我的考核 (assessment.py), 我的档案 (profile.py); 我的培训 is the trainees' page (/training,
community_gov.training.portal). Every method resolves the cadre from the logged-in user (common.my_cadre) and
never takes a cadre as an argument; a record named by the caller is checked to be that cadre's own.
"""
