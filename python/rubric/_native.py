"""The C library seen from Python: finding librubric.so and the ctypes
mirror of rubric.h's structs and functions.

The structs below follow runtime/lib/rubric_model.h and rubric.h field for
field; they are part of the library's ABI, which changes only with the
soname's major number (docs/library.md), so this module checks at load time
that the library's RUBRIC_API_VERSION has the major it was written for.

Where the library is looked for, first found wins:
  1. the file named by the environment variable RUBRIC_LIBRARY;
  2. what ctypes.util.find_library("rubric") finds (the system's loader
     cache: an installed librubric.so.2 after `make install`);
  3. librubric.so.2 next to this package (a copy placed beside it).
"""
import ctypes
import ctypes.util
import os

# The major API version this binding mirrors (RUBRIC_API_VERSION_MAJOR).
API_MAJOR = 2
SONAME = "librubric.so.%d" % API_MAJOR

c_char_p = ctypes.c_char_p
c_int = ctypes.c_int
c_uint = ctypes.c_uint
POINTER = ctypes.POINTER


class Level(ctypes.Structure):
    _fields_ = [("code", c_char_p), ("label", c_char_p), ("score", c_int), ("anchor", c_int)]


class Band(ctypes.Structure):
    _fields_ = [("label", c_char_p), ("best_level", c_uint), ("worst_level", c_uint)]


class Answer(ctypes.Structure):
    _fields_ = [("code", c_char_p), ("label", c_char_p), ("met", c_int)]


class AnswerSet(ctypes.Structure):
    _fields_ = [("id", c_char_p), ("title", c_char_p), ("answers", POINTER(Answer)), ("answer_count", c_uint)]


class GlossaryEntry(ctypes.Structure):
    _fields_ = [("abbreviation", c_char_p), ("meaning", c_char_p)]


class Theme(ctypes.Structure):
    _fields_ = [("id", c_char_p), ("label", c_char_p)]


class Criterion(ctypes.Structure):
    _fields_ = [
        ("id", c_char_p), ("title", c_char_p), ("section", c_uint),
        ("applies_to", POINTER(c_char_p)), ("applies_to_count", c_uint),
        ("themes", POINTER(c_char_p)), ("theme_count", c_uint),
        ("not_applicable_allowed", c_int), ("descriptors", POINTER(c_char_p)),
        ("weight_hundredths", c_uint),
        # format 3: "applies when:" and "timescale:" (rubric_condition, rubric_timescale),
        # then "key:" and "groups:"
        ("applies_when", ctypes.c_void_p), ("timescale", ctypes.c_void_p),
        ("key", c_int), ("groups", POINTER(c_uint)), ("group_count", c_uint),
    ]


class Target(ctypes.Structure):
    # format 3: "target: 80% good or better" (rubric_target)
    _fields_ = [("declared", c_int), ("percent", c_uint), ("level", c_uint)]


class Section(ctypes.Structure):
    _fields_ = [
        ("id", c_char_p), ("number", c_char_p), ("title", c_char_p), ("method", c_int),
        ("first_criterion", c_uint), ("criterion_count", c_uint), ("weight_hundredths", c_uint),
        ("answer_set", c_int), ("in_overall", c_int),
        ("applies_when", ctypes.c_void_p),  # format 3: a rubric_condition, or NULL
        ("ties", c_int),  # format 3: its method's own tie rule, 1 + rubric_ties; 0: the rubric's
        ("target", Target),  # format 3: its "target:"
    ]


class Limit(ctypes.Structure):
    _fields_ = [
        ("scope", c_int), ("section", c_uint), ("kind", c_int), ("index", c_uint),
        ("effect", c_int), ("level", c_int), ("subject", c_int), ("subject_index", c_int),
        ("test", c_int), ("value", c_int), ("count_rule", c_int), ("count", c_uint),
    ]


class Rules(ctypes.Structure):
    _fields_ = [
        ("overall_method", c_int), ("overall_basis", c_int), ("ties", c_int), ("not_applicable", c_int),
        ("not_applicable_level", c_uint), ("good_or_better", c_uint),
        ("limits", POINTER(Limit)), ("limit_count", c_uint), ("rounding", c_int),
        ("overall_ties", c_int),  # format 3: the overall method's own tie rule, as Section.ties
        ("unrounded_sections", c_int),  # format 3: "mean of sections, unrounded"
    ]


class Fact(ctypes.Structure):
    _fields_ = [
        ("key", c_char_p), ("name", c_char_p), ("type", c_int), ("required", c_int),
        ("choices", POINTER(c_char_p)), ("choice_count", c_uint),
    ]


class Model(ctypes.Structure):
    _fields_ = [
        ("format_version", c_int), ("id", c_char_p), ("title", c_char_p), ("authority", c_char_p),
        ("version", c_char_p), ("effective", c_char_p),
        ("levels", POINTER(Level)), ("level_count", c_uint),
        ("sections", POINTER(Section)), ("section_count", c_uint),
        ("criteria", POINTER(Criterion)), ("criterion_count", c_uint),
        ("glossary", POINTER(GlossaryEntry)), ("glossary_count", c_uint),
        ("themes", POINTER(Theme)), ("theme_count", c_uint),
        ("rules", Rules), ("scores", c_int),
        ("bands", POINTER(Band)), ("band_count", c_uint),
        ("answer_sets", POINTER(AnswerSet)), ("answer_set_count", c_uint),
        ("case_types", POINTER(c_char_p)), ("case_type_count", c_uint),
        ("facts", POINTER(Fact)), ("fact_count", c_uint),
        ("groups", ctypes.c_void_p), ("group_count", c_uint),
        ("target", Target),  # format 3: the rubric's own "target:"
    ]


class Error(ctypes.Structure):
    _fields_ = [("message", ctypes.c_char * 512), ("line", c_int), ("column", c_int)]


class Entry(ctypes.Structure):
    _fields_ = [("key", c_char_p), ("value", c_char_p)]


class Audit(ctypes.Structure):
    _fields_ = [
        ("case_reference", c_char_p), ("rubric_id", c_char_p), ("auditor", c_char_p), ("date", c_char_p),
        ("grades", POINTER(Entry)), ("grade_count", c_uint),
        ("auditor_overall", c_char_p),
        ("auditor_sections", POINTER(Entry)), ("auditor_section_count", c_uint),
        ("role", c_char_p), ("case_type", c_char_p),
        ("comments", POINTER(Entry)), ("comment_count", c_uint),
        ("fields", POINTER(Entry)), ("field_count", c_uint),  # facts and pass-through fields
        ("field_json", POINTER(ctypes.c_ubyte)),  # per field: 1 for JSON text; NULL when none is
    ]


class TimescaleOutcome(ctypes.Structure):
    _fields_ = [("status", c_int), ("late_by", ctypes.c_long), ("deadline", ctypes.c_char * 20)]


# rubric_timescale_status: RUBRIC_TIMESCALE_NOT_MET
TIMESCALE_NOT_MET = 2


class Problem(ctypes.Structure):
    _fields_ = [("kind", c_int), ("criterion", c_int), ("section", c_int), ("text", c_char_p), ("fact", c_int)]


class Outcome(ctypes.Structure):
    _fields_ = [
        ("grade", c_int), ("method_grade", c_int), ("method", c_int), ("decided_by_tie", c_int),
        ("counted", c_uint), ("not_applicable", c_uint), ("limited", c_int), ("limit_kind", c_int),
        ("limit_index", c_uint), ("auditor_grade", c_int), ("limit_rule", c_uint), ("band", c_int),
        ("has_mean", c_int), ("mean_hundredths", ctypes.c_ulong),
        ("not_graded", c_int), ("not_graded_rule", c_uint), ("ties", c_int),
    ]


class ChecklistCount(ctypes.Structure):
    _fields_ = [("met", c_uint), ("applicable", c_uint)]


class Result(ctypes.Structure):
    _fields_ = [
        ("model", POINTER(Model)), ("valid", c_int),
        ("problems", POINTER(Problem)), ("problem_count", c_uint), ("problem_total", c_uint),
        ("criterion_grades", POINTER(c_int)), ("sections", POINTER(Outcome)), ("overall", Outcome),
        ("checklists", POINTER(ChecklistCount)), ("audit", POINTER(Audit)),
    ]


# rubric.h's constants and enum values that the binding reads.
GRADE_NOT_APPLICABLE = -1
GRADE_NONE = -2
DECIMAL_SIZE = 32
BASIS_SECTIONS = 0
LIMIT_BY_SECTION = 1
LIMIT_BY_CONDITION = 2

# name: (result type, argument types)
_PROTOTYPES = {
    "rubric_library_version": (c_char_p, []),
    "rubric_library_api_version": (ctypes.c_long, []),
    "rubric_document_load_file": (ctypes.c_void_p, [c_char_p, POINTER(Error)]),
    "rubric_document_load_text": (ctypes.c_void_p, [c_char_p, ctypes.c_size_t, c_char_p, POINTER(Error)]),
    "rubric_document_model": (POINTER(Model), [ctypes.c_void_p]),
    "rubric_document_free": (None, [ctypes.c_void_p]),
    "rubric_grader_new": (ctypes.c_void_p, [POINTER(Model), POINTER(Error)]),
    "rubric_grader_free": (None, [ctypes.c_void_p]),
    "rubric_grade": (POINTER(Result), [ctypes.c_void_p, POINTER(Audit)]),
    "rubric_grade_code": (c_char_p, [POINTER(Model), c_int]),
    "rubric_criterion_grade_code": (c_char_p, [POINTER(Model), c_uint, c_int]),
    "rubric_section_answer_set": (c_int, [POINTER(Model), c_uint]),
    "rubric_section_in_overall": (c_int, [POINTER(Model), c_uint]),
    "rubric_method_name": (c_char_p, [c_int]),
    "rubric_ties_name": (c_char_p, [c_int]),
    "rubric_limit_kind_name": (c_char_p, [c_int]),
    "rubric_limit_describe": (ctypes.c_size_t, [POINTER(Model), POINTER(Limit), ctypes.c_char_p, ctypes.c_size_t]),
    "rubric_problem_describe": (ctypes.c_size_t, [POINTER(Model), POINTER(Problem), ctypes.c_char_p,
                                                  ctypes.c_size_t]),
    "rubric_checklist_percentage_tenths": (ctypes.c_long, [POINTER(ChecklistCount)]),
    "rubric_decimal_text": (c_char_p, [ctypes.c_ulong, c_uint, ctypes.c_char_p]),
    "rubric_result_describe": (ctypes.c_size_t, [POINTER(Result), ctypes.c_char_p, ctypes.c_size_t]),
    "rubric_outcome_decided_by": (c_int, [POINTER(Model), POINTER(Outcome), c_int]),
    "rubric_audit_parser_new": (ctypes.c_void_p, [POINTER(Model), POINTER(Error)]),
    "rubric_audit_parser_free": (None, [ctypes.c_void_p]),
    "rubric_audit_parse_json": (POINTER(Audit), [ctypes.c_void_p, c_char_p, ctypes.c_size_t, POINTER(Error)]),
    "rubric_audit_parser_case": (c_char_p, [ctypes.c_void_p]),
    "rubric_timescale_judge": (TimescaleOutcome, [POINTER(Model), ctypes.c_void_p, POINTER(Audit)]),
    "rubric_timescale_status_name": (c_char_p, [c_int]),
}


def _candidates():
    """Where the library may be, in the order it is looked for."""
    named = os.environ.get("RUBRIC_LIBRARY")
    if named:
        yield named
        return  # named explicitly: nothing else is tried
    found = ctypes.util.find_library("rubric")
    if found:
        yield found
    here = os.path.dirname(os.path.abspath(__file__))
    for folder in (here, os.path.dirname(here)):
        for name in (SONAME, "librubric.so"):
            path = os.path.join(folder, name)
            if os.path.exists(path):
                yield path


def load():
    """The library with every prototype set, or OSError saying where it was looked for."""
    tried = []
    for candidate in _candidates():
        try:
            library = ctypes.CDLL(candidate)
        except OSError as error:
            tried.append("%s (%s)" % (candidate, error))
            continue
        for name, (restype, argtypes) in _PROTOTYPES.items():
            function = getattr(library, name)
            function.restype = restype
            function.argtypes = argtypes
        version = library.rubric_library_api_version()
        if version // 10000 != API_MAJOR:
            raise OSError("%s has API version %d.%d.%d; this binding needs %d.x"
                          % (candidate, version // 10000, version // 100 % 100, version % 100, API_MAJOR))
        return library
    raise OSError("librubric.so not found: set RUBRIC_LIBRARY to its path, or install it (make install)"
                  + ("; tried " + ", ".join(tried) if tried else ""))
