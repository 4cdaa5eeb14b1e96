"""Grader: a compiled rubric loaded by the C library, grading audits given
as dicts (or JSON text) into result dicts shaped like rubric-grade's JSON
Lines records.

Nothing about audits or grading is decided here. An audit dict is turned
into one JSON line and read by the library's own reader
(rubric_audit_parse_json, the reader rubric-grade uses); the grade comes
from rubric_grade; the error text from rubric_result_describe; which
members decided an outcome from rubric_outcome_decided_by. This module
only copies the C result into Python values, in the order and with the
keys of rubric-grade's records (runtime/cli/report.c), less "input" and
"line", which belong to a file.
"""
import ctypes
import json
import os

from . import _native

_library = None


def _lib():
    global _library
    if _library is None:
        _library = _native.load()
    return _library


def _text(value):
    """A C string as str (None stays None)."""
    return None if value is None else value.decode("utf-8", "replace")


class RubricError(Exception):
    """A rubric that cannot be loaded or graded with. MESSAGE is the
    library's one line; LINE and COLUMN say where in a file that is not
    JSON (else None)."""

    def __init__(self, message, line=None, column=None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class AuditError(ValueError):
    """An audit that cannot be graded: not a JSON object of an audit, or
    its grades do not fit the rubric. MESSAGE is rubric-grade's error text
    for the record; CASE its case reference when known."""

    def __init__(self, message, case=None):
        super().__init__(message)
        self.message = message
        self.case = case


def _rubric_error(error):
    message = _text(error.message)
    return RubricError(message, error.line or None, error.column or None)


class Grader:
    """A rubric ready to grade with.

    RUBRIC is a path to the JSON `rubricc --emit json` writes, or that JSON
    itself (str starting with "{", or bytes). NAME names text in messages.
    A grader is not for sharing between threads: make one per thread.
    """

    def __init__(self, rubric, name=None):
        self._document = None
        self._grader = None
        self._parser = None
        lib = _lib()
        error = _native.Error()
        if isinstance(rubric, (bytes, bytearray)) or (isinstance(rubric, str) and rubric.lstrip().startswith("{")):
            data = bytes(rubric, "utf-8") if isinstance(rubric, str) else bytes(rubric)
            label = (name or "<rubric text>").encode("utf-8")
            self._document = lib.rubric_document_load_text(data, len(data), label, ctypes.byref(error))
        else:
            path = os.fsencode(os.fspath(rubric))
            self._document = lib.rubric_document_load_file(path, ctypes.byref(error))
        if not self._document:
            raise _rubric_error(error)
        self._model_pointer = lib.rubric_document_model(self._document)
        self._model = self._model_pointer.contents
        self._grader = lib.rubric_grader_new(self._model_pointer, ctypes.byref(error))
        if not self._grader:
            self.close()
            raise _rubric_error(error)
        self._parser = lib.rubric_audit_parser_new(self._model_pointer, ctypes.byref(error))
        if not self._parser:
            self.close()
            raise _rubric_error(error)
        self._describe()

    # -------------------------------------------------------------- lifetime

    def close(self):
        """Free the library's grader, parser and rubric (also done when collected)."""
        lib = _library
        if lib is None:
            return
        if self._parser:
            lib.rubric_audit_parser_free(self._parser)
            self._parser = None
        if self._grader:
            lib.rubric_grader_free(self._grader)
            self._grader = None
        if self._document:
            lib.rubric_document_free(self._document)
            self._document = None

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # the interpreter may be shutting down
            pass

    # ---------------------------------------------------------- the rubric

    def _describe(self):
        """What every record repeats, read from the model once."""
        lib, model = _lib(), self._model
        self.id = _text(model.id)
        self.title = _text(model.title)
        self.criterion_ids = [_text(model.criteria[index].id) for index in range(model.criterion_count)]
        self.section_ids = [_text(model.sections[index].id) for index in range(model.section_count)]
        self._criterion_sections = [model.criteria[index].section for index in range(model.criterion_count)]
        self._checklist = [lib.rubric_section_answer_set(self._model_pointer, index) >= 0
                           for index in range(model.section_count)]
        self._in_overall = [bool(lib.rubric_section_in_overall(self._model_pointer, index))
                            for index in range(model.section_count)]
        self._of_sections = model.rules.overall_basis == _native.BASIS_SECTIONS
        self._ties = _text(lib.rubric_ties_name(model.rules.ties))
        self._limit_words = [self._limit_text(model.rules.limits[index]) for index in range(model.rules.limit_count)]
        self._bands = [_text(model.bands[index].label) for index in range(model.band_count)]

    def _limit_text(self, limit):
        """A limit as the reports name it: "criterion x", "section y", or a
        conditional limit in the rubric's words."""
        lib = _lib()
        if limit.kind == _native.LIMIT_BY_CONDITION:
            size = lib.rubric_limit_describe(self._model_pointer, ctypes.byref(limit), None, 0) + 1
            buffer = ctypes.create_string_buffer(size)
            lib.rubric_limit_describe(self._model_pointer, ctypes.byref(limit), buffer, size)
            return _text(buffer.value)
        ids = self.section_ids if limit.kind == _native.LIMIT_BY_SECTION else self.criterion_ids
        return "%s %s" % (_text(lib.rubric_limit_kind_name(limit.kind)), ids[limit.index])

    def _code(self, grade):
        return _text(_lib().rubric_grade_code(self._model_pointer, grade))

    # ------------------------------------------------------------- grading

    def grade(self, audit):
        """Grade one audit: a dict as in a JSON Lines audit file, or one
        such line as str or bytes. Returns the result dict; raises
        AuditError when the audit cannot be graded."""
        lib = _lib()
        if isinstance(audit, (bytes, bytearray)):
            text = bytes(audit)
        elif isinstance(audit, str):
            text = audit.encode("utf-8")
        else:
            try:
                text = json.dumps(audit, ensure_ascii=False, allow_nan=False).encode("utf-8")
            except (TypeError, ValueError) as error:
                raise AuditError("not an audit as JSON: %s" % error,
                                 audit.get("case") if isinstance(audit, dict) else None) from None
        error = _native.Error()
        parsed = lib.rubric_audit_parse_json(self._parser, text, len(text), ctypes.byref(error))
        if not parsed:
            raise AuditError(_text(error.message), _text(lib.rubric_audit_parser_case(self._parser)))
        result_pointer = lib.rubric_grade(self._grader, parsed)
        result = result_pointer.contents
        if not result.valid:
            buffer = ctypes.create_string_buffer(4096)
            lib.rubric_result_describe(result_pointer, buffer, len(buffer))
            raise AuditError(_text(buffer.value), _text(parsed.contents.case_reference))
        return self._record(parsed.contents, result)

    def grade_many(self, audits, errors="raise"):
        """Grade each audit of an iterable, yielding its result in order.
        ERRORS "raise" stops at the first AuditError; "record" yields
        {"case": ..., "error": message} in its place, as rubric-grade does."""
        if errors not in ("raise", "record"):
            raise ValueError("errors must be 'raise' or 'record'")
        for audit in audits:
            if errors == "raise":
                yield self.grade(audit)
                continue
            try:
                yield self.grade(audit)
            except AuditError as error:
                yield {"case": error.case, "error": error.message}

    # ---------------------------------------------------- the result dict

    def _record(self, audit, result):
        lib, model = _lib(), self._model
        record = {
            "case": _text(audit.case_reference),
            "rubric": self.id,
            "auditor": _text(audit.auditor),
            "date": _text(audit.date),
        }
        if audit.case_type:
            record["case_type"] = _text(audit.case_type)
        # the case's facts and the fields passed through, as read (a value
        # the record gave as a JSON array or object is kept as one)
        for index in range(audit.field_count):
            value = _text(audit.fields[index].value)
            if audit.field_json and audit.field_json[index]:
                value = json.loads(value)
            record[_text(audit.fields[index].key)] = value
        timescales = {}
        for index, criterion_id in enumerate(self.criterion_ids):
            timescale = model.criteria[index].timescale
            if not timescale:
                continue
            outcome = lib.rubric_timescale_judge(self._model_pointer, timescale, ctypes.byref(audit))
            judged = {"status": _text(lib.rubric_timescale_status_name(outcome.status))}
            if outcome.status == _native.TIMESCALE_NOT_MET:
                judged["late_by"] = outcome.late_by
            judged["deadline"] = _text(outcome.deadline) if outcome.deadline else None
            timescales[criterion_id] = judged
        if timescales:
            record["timescales"] = timescales
        grades = [result.criterion_grades[index] for index in range(model.criterion_count)]
        record["criteria"] = {
            criterion_id: _text(lib.rubric_criterion_grade_code(self._model_pointer, index, grades[index]))
            for index, criterion_id in enumerate(self.criterion_ids)
        }
        sections = []
        section_grades = []
        for index, section_id in enumerate(self.section_ids):
            outcome = result.sections[index]
            section_grades.append(outcome.grade)
            if self._checklist[index]:
                continue
            entry = model.sections[index]
            members = [(self.criterion_ids[member], grades[member])
                       for member in range(entry.first_criterion, entry.first_criterion + entry.criterion_count)]
            sections.append(dict({"id": section_id}, **self._outcome(outcome, members, "")))
        record["sections"] = sections
        if self._of_sections:
            members = [(section_id, section_grades[index] if self._in_overall[index] else _native.GRADE_NONE)
                       for index, section_id in enumerate(self.section_ids)]
            basis = " of sections"
        else:
            members = [(criterion_id, grades[index] if self._in_overall[self._criterion_sections[index]]
                        else _native.GRADE_NONE)
                       for index, criterion_id in enumerate(self.criterion_ids)]
            basis = " of criteria"
        record["overall"] = self._outcome(result.overall, members, basis)
        if any(self._checklist):
            record["checklists"] = [self._checklist_count(section_id, result.checklists[index],
                                                          result.sections[index].auditor_grade)
                                    for index, section_id in enumerate(self.section_ids) if self._checklist[index]]
        comments = {_text(audit.comments[index].key): _text(audit.comments[index].value)
                    for index in range(audit.comment_count) if audit.comments[index].value}
        if comments:
            record["comments"] = comments
        return record

    def _number(self, value, places):
        """A mean or percentage as rubric-grade writes it, read as JSON: 8, 6.5, 7.14."""
        buffer = ctypes.create_string_buffer(_native.DECIMAL_SIZE)
        return json.loads(_lib().rubric_decimal_text(value, places, buffer).decode("ascii"))

    def _outcome(self, outcome, members, basis):
        """One outcome: the grade and the rule that decided it. MEMBERS are
        (id, grade) pairs of what it combines, RUBRIC_GRADE_NONE for those
        left out."""
        lib = _lib()
        value = {
            "grade": self._code(outcome.grade),
            "rule": _text(lib.rubric_method_name(outcome.method)) + basis,
            "counted": outcome.counted,
            "not_applicable": outcome.not_applicable,
        }
        if outcome.decided_by_tie:
            value["tie"] = _text(lib.rubric_ties_name(outcome.ties))
        if outcome.counted:
            reference = ctypes.byref(outcome)
            value["decided_by"] = [member_id for member_id, grade in members
                                   if lib.rubric_outcome_decided_by(self._model_pointer, reference, grade)]
        if outcome.limited:
            value["limited_by"] = self._limit_words[outcome.limit_rule]
            value["before_limit"] = self._code(outcome.method_grade)
        if outcome.has_mean:
            value["mean"] = self._number(outcome.mean_hundredths, 2)
        if self._bands:
            value["band"] = self._bands[outcome.band] if outcome.band >= 0 else None
        if outcome.auditor_grade != _native.GRADE_NONE:
            value["auditor"] = self._code(outcome.auditor_grade)
            value["agrees"] = outcome.auditor_grade == outcome.grade
            if outcome.auditor_grade >= 0 and outcome.grade >= 0:
                value["difference"] = outcome.grade - outcome.auditor_grade
        if outcome.not_graded:
            value["not_graded"] = True
            value["not_graded_by"] = self._limit_words[outcome.not_graded_rule]
        return value

    def _checklist_count(self, section_id, count, auditor_grade):
        tenths = _lib().rubric_checklist_percentage_tenths(ctypes.byref(count))
        value = {
            "id": section_id,
            "met": count.met,
            "applicable": count.applicable,
            "percentage": self._number(tenths, 1) if count.applicable else None,
        }
        if auditor_grade != _native.GRADE_NONE:
            value["auditor"] = self._code(auditor_grade)
        return value
