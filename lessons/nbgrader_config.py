"""nbgrader settings for a course made of these lessons (copy this file into the course directory).

The lessons' exercise cells are nbgrader cells (see lessons/README.md).  A
solution is removed without a stub: the students' cell keeps what surrounds
it, a placeholder such as ``my_slope = None`` or the buggy code of a
fix-the-bug exercise, so that the students' notebook runs from top to bottom
and each check says what is still missing.
"""

c = get_config()  # noqa: F821 - nbgrader provides get_config

c.ClearSolutions.code_stub = {"python": ""}
