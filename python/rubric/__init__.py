"""rubric — grade children's social care case audits from Python.

A binding over the grading library librubric.so (ctypes; see
python/README.md): load a rubric compiled by `rubricc --emit json`, grade
audits given as dicts, get results shaped like rubric-grade's JSON Lines
records.

    import rubric
    grader = rubric.Grader("london-borough-case-audit-gradings.json")
    result = grader.grade({"case": "C-1", "grades": {...}})
    print(result["overall"]["grade"], result["overall"]["rule"])

Errors are exceptions: RubricError for a rubric (with line and column when
the file is not JSON), AuditError for an audit (with rubric-grade's
message and the case).
"""
from ._grader import AuditError, Grader, RubricError

__all__ = ["Grader", "RubricError", "AuditError", "library_version", "api_version"]
__version__ = "1.0.0"


def library_version():
    """The loaded librubric's release, "MAJOR.MINOR.PATCH"."""
    from ._grader import _lib
    return _lib().rubric_library_version().decode("ascii")


def api_version():
    """The loaded librubric's RUBRIC_API_VERSION (20000 is 2.0.0)."""
    from ._grader import _lib
    return _lib().rubric_library_api_version()
