class ImportProblem(Exception):
    """A problem in one source file, reported as `path:line: field: problem`."""

    def __init__(self, path, problem, *, field="", line=None):
        self.path, self.problem, self.field, self.line = str(path), problem, field, line
        super().__init__(str(self))

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.field:
            return f"{where}: {self.field}: {self.problem}"
        return f"{where}: {self.problem}"


class ImportProblems(ImportProblem):
    """Every problem a run found, one `path:line: field: problem` a line, so that a folder
    is fixed in one pass rather than one error per run."""

    def __init__(self, problems):
        self.problems = list(problems)
        first = self.problems[0]
        self.path, self.problem, self.field, self.line = (
            first.path,
            first.problem,
            first.field,
            first.line,
        )
        Exception.__init__(self, str(self))

    def __str__(self):
        return "\n".join(str(problem) for problem in self.problems)


def raise_problems(problems):
    """Raise the one problem as itself, several as ImportProblems; nothing when empty."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise ImportProblems(problems)
