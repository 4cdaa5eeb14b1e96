# report.mk — tests of rubric-grade's page for managers (--report,
# runtime/cli/report_html.c) and of moderation (--moderate, runtime/cli/moderation.c).
# Included by the top-level Makefile.
#
#   check-report-units   cmocka units: kappa and its standard error, pairing
#                        by role and by order, escaping, escalations, months,
#                        the splits (--group-by and --round values, groups),
#                        determinism (also under the sanitizers)
#   check-report-golden  golden moderation JSON, pages, usage mistakes
#                        (tests/report/golden/cases; also under the sanitizers)
#   check-report-kappa   every moderation figure of the fixtures against
#                        scikit-learn's cohen_kappa_score and statsmodels'
#                        cohens_kappa, computed from rubric-grade's ordinary
#                        per-audit output (Debian's python3-sklearn and
#                        python3-statsmodels, run by Debian's python3)
#   check-report-groups  every figure of the by-group and rounds tables (and the
#                        trend chart's points, the one-page summary and the
#                        escalations' team and worker) against Python's csv and
#                        statistics, from rubric-grade's per-audit CSV; the
#                        rubric's targets, met or not, likewise (check_targets.py)
#   check-report-html    the pages through the Nu HTML Checker and axe-core in
#                        headless Chromium; saves them, their screenshots and
#                        A4 PDFs under $(BUILD)/report-review/, and checks that
#                        each PDF's first page is the summary alone
#                        (tests/report/check_print.py, poppler's pdftotext)
#   check-report-valgrind  --moderate --report under valgrind
#   update-report-golden, update-report-screenshot   rewrite the golden files,
#                        or docs/report-screenshot.png, after a deliberate change

REPORT_UNIT_BINARIES := $(BUILD)/tests/runtime/test_moderation $(BUILD)/tests/runtime/test_report_html \
                        $(BUILD)/tests/runtime/test_report_groups
REPORT_PYTHON ?= /usr/bin/python3
REPORT_LB := $(BUILD)/rubrics/london-borough-case-audit-gradings.json
REPORT_WF := $(BUILD)/rubrics/waltham-forest-case-audit-grading-criteria.json
REPORT_TINY := tests/runtime/tiny-rubric.json
REPORT_COMPLIANCE := tests/runtime/v2/rubrics/example-compliance-and-quality.json
REPORT_FIXTURES := tests/report/fixtures
REPORT_REVIEW := $(BUILD)/report-review
# The rounds fixtures (rounds-q*.jsonl) are graded against a frozen copy of
# the assessment-timeliness example's JSON, so that these pages' goldens do
# not move whenever the example (rubrics/examples/) grows.
REPORT_TIMELINESS := tests/report/fixtures/timeliness-rounds.json

CHECK_TARGETS += check-report-units check-report-golden check-report-kappa check-report-groups check-report-html
SANITIZE_TARGETS += check-report-units check-report-golden
VALGRIND_TARGETS += check-report-valgrind
.PHONY: check-report-units check-report-golden check-report-kappa check-report-groups check-report-html check-report-valgrind \
        update-report-golden update-report-screenshot report-pages

check-report-units: $(REPORT_UNIT_BINARIES)
	@for unit in $(REPORT_UNIT_BINARIES); do $$unit || exit 1; done

check-report-golden: $(BUILD)/rubric-grade $(RUNTIME_RUBRIC_JSON)
	@GOLDEN_DIR=tests/report/golden sh tests/runtime/run-golden.sh $(BUILD)

update-report-golden: $(BUILD)/rubric-grade $(RUNTIME_RUBRIC_JSON)
	@GOLDEN_DIR=tests/report/golden sh tests/runtime/run-golden.sh $(BUILD) --update

check-report-kappa: $(BUILD)/rubric-grade $(RUNTIME_RUBRIC_JSON)
	@$(REPORT_PYTHON) tests/report/check_kappa.py $(BUILD)/rubric-grade \
	    $(REPORT_TINY) $(REPORT_FIXTURES)/tiny-all-agree.jsonl $(REPORT_FIXTURES)/tiny-one-category.jsonl \
	    $(REPORT_FIXTURES)/tiny-no-pairs.jsonl $(REPORT_FIXTURES)/tiny-roles.jsonl $(REPORT_FIXTURES)/tiny-roles.csv \
	    -- $(REPORT_LB) $(REPORT_FIXTURES)/moderation-lb.jsonl \
	    -- $(REPORT_COMPLIANCE) $(REPORT_FIXTURES)/moderation-compliance.jsonl

check-report-groups: $(BUILD)/rubric-grade
	@$(REPORT_PYTHON) tests/report/check_groups.py $(BUILD)/rubric-grade $(REPORT_TIMELINESS) \
	    $(REPORT_FIXTURES)/rounds-q1.jsonl $(REPORT_FIXTURES)/rounds-q2.jsonl
	@$(REPORT_PYTHON) tests/report/check_targets.py $(BUILD)/rubric-grade $(REPORT_FIXTURES)/targets.json \
	    "2026 Q1"=$(REPORT_FIXTURES)/targets-q1.jsonl "2026 Q2"=$(REPORT_FIXTURES)/targets-q2.jsonl

# The pages people look at: a quarter of the London borough's samples with
# their moderation, Waltham Forest's samples, the escaping fixture, and a
# moderation with undefined kappas, unpaired cases and wide differences.
report-pages: $(BUILD)/rubric-grade $(RUNTIME_RUBRIC_JSON)
	@rm -rf $(REPORT_REVIEW) && mkdir -p $(REPORT_REVIEW)/pages
	@$(BUILD)/rubric-grade --quiet --rubric $(REPORT_LB) --moderate -o $(REPORT_REVIEW)/moderation.json \
	    --report $(REPORT_REVIEW)/pages/london-borough-quarter.html \
	    examples/london-borough-audits.jsonl examples/london-borough-moderation.jsonl || [ $$? -eq 1 ]
	@$(BUILD)/rubric-grade --quiet --rubric $(REPORT_WF) -o /dev/null \
	    --report $(REPORT_REVIEW)/pages/waltham-forest.html examples/waltham-forest-audits.jsonl || [ $$? -eq 1 ]
	@$(BUILD)/rubric-grade --quiet --rubric $(REPORT_FIXTURES)/adversarial-rubric.json -o /dev/null \
	    --report $(REPORT_REVIEW)/pages/adversarial.html $(REPORT_FIXTURES)/adversarial-audits.jsonl
	@$(BUILD)/rubric-grade --quiet --rubric $(REPORT_TINY) --moderate -o /dev/null \
	    --report $(REPORT_REVIEW)/pages/tiny-moderated.html \
	    $(REPORT_FIXTURES)/tiny-one-category.jsonl $(REPORT_FIXTURES)/tiny-roles.jsonl || [ $$? -eq 1 ]
	@$(BUILD)/rubric-grade --quiet --rubric $(REPORT_COMPLIANCE) --moderate -o /dev/null \
	    --report $(REPORT_REVIEW)/pages/compliance-moderated.html $(REPORT_FIXTURES)/moderation-compliance.jsonl
	@$(BUILD)/rubric-grade --quiet --rubric $(REPORT_TIMELINESS) -o /dev/null \
	    --report $(REPORT_REVIEW)/pages/groups-and-rounds.html --group-by team,social_worker,auditor \
	    --round "2026 Q1"=$(REPORT_FIXTURES)/rounds-q1.jsonl --round "2026 Q2"=$(REPORT_FIXTURES)/rounds-q2.jsonl
	@$(BUILD)/rubric-grade --quiet --rubric $(REPORT_LB) -o /dev/null --report $(REPORT_REVIEW)/pages/rounds-by-month.html \
	    --rounds month --group-by auditor examples/london-borough-audits.jsonl || [ $$? -eq 1 ]
	@$(BUILD)/rubric-grade --quiet --rubric $(REPORT_FIXTURES)/targets.json -o /dev/null \
	    --report $(REPORT_REVIEW)/pages/targets-by-round.html --group-by team --suppress-below 1 \
	    --round "2026 Q1"=$(REPORT_FIXTURES)/targets-q1.jsonl --round "2026 Q2"=$(REPORT_FIXTURES)/targets-q2.jsonl
	@for example in compliance-and-quality:compliance cohort-key-judgements:cohort scaling-audit:scaling; do \
	    $(BUILD)/rubric-grade --quiet --rubric tests/runtime/v2/rubrics/example-$${example%%:*}.json -o /dev/null \
	        --report $(REPORT_REVIEW)/pages/example-$${example%%:*}.html \
	        tests/runtime/v2/$${example##*:}-audits.jsonl || [ $$? -eq 1 ] || exit 1; \
	done

check-report-html: report-pages npm-tools
	@sh tests/html/validate.sh $(REPORT_REVIEW)/pages/*.html
	@node tests/html/review.mjs $(REPORT_REVIEW) $(REPORT_REVIEW)/pages/*.html
	@$(REPORT_PYTHON) tests/report/check_print.py $(REPORT_REVIEW)/*.pdf
	@node tests/report/screenshot.mjs $(REPORT_REVIEW)/pages/london-borough-quarter.html \
	    $(REPORT_REVIEW)/report-screenshot.png

update-report-screenshot: check-report-html
	cp $(REPORT_REVIEW)/report-screenshot.png docs/report-screenshot.png

# Exit 1 (the samples' deliberate mistakes) is expected; 99 is a memory error or leak.
check-report-valgrind: $(BUILD)/rubric-grade $(RUNTIME_RUBRIC_JSON)
	@status=0; $(RUNTIME_VALGRIND) $(BUILD)/rubric-grade --quiet --rubric $(REPORT_LB) --moderate -o /dev/null \
	    --report /dev/null examples/london-borough-audits.jsonl examples/london-borough-moderation.jsonl \
	    $(REPORT_FIXTURES)/moderation-lb.jsonl || status=$$?; \
	if [ $$status -ne 0 ] && [ $$status -ne 1 ]; then echo "valgrind: rubric-grade --moderate --report: exit $$status"; exit 1; fi
	@status=0; $(RUNTIME_VALGRIND) $(BUILD)/rubric-grade --quiet --rubric $(REPORT_TINY) --moderate -o /dev/null \
	    --report /dev/null $(REPORT_FIXTURES)/tiny-roles.jsonl $(REPORT_FIXTURES)/tiny-roles.csv || status=$$?; \
	if [ $$status -ne 0 ] && [ $$status -ne 1 ]; then echo "valgrind: rubric-grade --moderate tiny-roles: exit $$status"; exit 1; fi
	@status=0; $(RUNTIME_VALGRIND) $(BUILD)/rubric-grade --quiet --rubric $(REPORT_COMPLIANCE) --moderate -o /dev/null \
	    --report /dev/null $(REPORT_FIXTURES)/moderation-compliance.jsonl || status=$$?; \
	if [ $$status -ne 0 ]; then echo "valgrind: rubric-grade --moderate compliance: exit $$status"; exit 1; fi
	@status=0; $(RUNTIME_VALGRIND) $(BUILD)/rubric-grade --quiet \
	    --rubric tests/runtime/v2/rubrics/example-cohort-key-judgements.json -o /dev/null \
	    --report /dev/null tests/runtime/v2/cohort-audits.jsonl || status=$$?; \
	if [ $$status -ne 0 ] && [ $$status -ne 1 ]; then echo "valgrind: rubric-grade --report cohort: exit $$status"; exit 1; fi
	@status=0; $(RUNTIME_VALGRIND) $(BUILD)/rubric-grade --quiet --rubric $(REPORT_TIMELINESS) -o /dev/null \
	    --report /dev/null --group-by team,social_worker --round Q1=$(REPORT_FIXTURES)/rounds-q1.jsonl \
	    --round Q2=$(REPORT_FIXTURES)/rounds-q2.jsonl || status=$$?; \
	if [ $$status -ne 0 ]; then echo "valgrind: rubric-grade --report --group-by --round: exit $$status"; exit 1; fi
	@echo "rubric-grade --report --moderate valgrind: clean"
